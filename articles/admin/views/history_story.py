"""One revision told in a few sentences, the way an editor would say it: "把 L139–L141 移到《宁波海建
工会…》", "《杭州临安…》并入《…》后删除", "L113：引题 → 小标题".

Derived from the revision's before/after snapshots (not from its summary), so an undo or a merge is
told by what it really changed; renumbering (文内顺序, 版内顺序) and consequences an editor does not
act on (re-derived tags, the automatic status change to 已校正) are folded away — the full list
of changed columns is ``history_rows.readable_changes``, shown on demand.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from articles.models import ArticleStatus, BlockKind, FlagCode, Revision

from .history_rows import Names

HEADLINE_PREVIEW = 10


def _by_id(snapshot: dict, key: str) -> dict[int, dict]:
    return {row["id"]: row for row in snapshot.get(key, [])}


def _title(names: Names, article_id, row: dict | None = None) -> str:
    headline = (row or {}).get("headline") or names.headlines.get(article_id) or _("（无题）")
    return f"《{headline[:HEADLINE_PREVIEW]}{'…' if len(headline) > HEADLINE_PREVIEW else ''}》"


def line_ranges(block_ids, names: Names) -> str:
    """'L139–L141、L150' for some blocks: neighbours on the page (at most one blank line apart) join."""
    spans = sorted((names.lines.get(pk, 0), names.line_ends.get(pk, names.lines.get(pk, 0))) for pk in block_ids)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + 2:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return "、".join(f"L{start}" if start == end else f"L{start}–L{end}" for start, end in merged)


def _kind(value) -> str:
    return BlockKind(value).label if value in BlockKind.values else str(value)


def story(revision: Revision, names: Names) -> list[str]:
    """What the revision did, in sentences (its summary when the snapshots say nothing more)."""
    before, after = revision.before, revision.after
    sentences = _block_sentences(before, after, names) + _article_sentences(before, after, names)
    sentences += _page_sentences(before, after) + _flag_sentences(before, after, names)
    if not sentences and revision.summary:
        sentences.append(revision.summary)
    return sentences


def _block_sentences(before: dict, after: dict, names: Names) -> list[str]:
    old_blocks, new_blocks = _by_id(before, "blocks"), _by_id(after, "blocks")
    old_articles, new_articles = _by_id(before, "articles"), _by_id(after, "articles")
    moved: dict[int | None, list[int]] = defaultdict(list)
    sentences: list[str] = []
    for pk, new in new_blocks.items():
        old = old_blocks.get(pk)
        if old is None:
            continue
        if old.get("article_id") != new.get("article_id"):
            moved[new.get("article_id")].append(pk)
        line = line_ranges([pk], names)
        if old.get("kind") != new.get("kind"):
            sentences.append(_("%(line)s：%(old)s → %(new)s") % {
                "line": line, "old": _kind(old.get("kind")), "new": _kind(new.get("kind"))})
        if old.get("duplicate_of_id") != new.get("duplicate_of_id") and new.get("duplicate_of_id"):
            sentences.append(_("%(line)s 标为 %(of)s 的重复，不再显示") % {
                "line": line, "of": line_ranges([new["duplicate_of_id"]], names)})
        elif old.get("hidden") and not new.get("hidden"):
            sentences.append(_("%(line)s 恢复显示") % {"line": line})
        elif new.get("hidden") and not old.get("hidden"):
            sentences.append(_("%(line)s 不再显示") % {"line": line})
        if old.get("text") != new.get("text"):
            sentences.append(_("校正 %(line)s 的文字") % {"line": line})
    moves = []
    for article_id, pks in sorted(moved.items(), key=lambda item: min(names.lines.get(pk, 0) for pk in item[1])):
        lines = line_ranges(pks, names)
        if article_id is None:
            moves.append(_("把 %(lines)s 移出文章") % {"lines": lines})
        elif article_id not in old_articles:
            moves.append(_("把 %(lines)s 组成新文章%(title)s") % {
                "lines": lines, "title": _title(names, article_id, new_articles.get(article_id))})
        else:
            moves.append(_("把 %(lines)s 移到%(title)s") % {
                "lines": lines, "title": _title(names, article_id, new_articles.get(article_id))})
    return moves + sentences


def _article_sentences(before: dict, after: dict, names: Names) -> list[str]:
    old_articles, new_articles = _by_id(before, "articles"), _by_id(after, "articles")
    sentences = []
    for pk in sorted(old_articles.keys() - new_articles.keys()):
        sentences.append(_("删除已空的文章%(title)s") % {"title": _title(names, pk, old_articles[pk])})
    for pk in sorted(new_articles.keys() & old_articles.keys()):
        old, new = old_articles[pk], new_articles[pk]
        title_fields = ("kicker", "headline", "subtitle", "column_label")
        if any(old.get(f) != new.get(f) for f in title_fields):
            sentences.append(_("%(old)s 标题改为 %(new)s") % {
                "old": _title(names, pk, old), "new": "／".join(new.get(f) for f in title_fields if new.get(f))})
        if new.get("status") == ArticleStatus.REVIEWED and old.get("status") != ArticleStatus.REVIEWED:
            sentences.append(_("%(title)s 标为已审核") % {"title": _title(names, pk, new)})
        elif old.get("status") == ArticleStatus.REVIEWED and new.get("status") != ArticleStatus.REVIEWED:
            sentences.append(_("%(title)s 不再是已审核") % {"title": _title(names, pk, new)})
    return sentences


def _page_sentences(before: dict, after: dict) -> list[str]:
    sentences = []
    for old, new in zip(before.get("issues", []), after.get("issues", [])):
        if old.get("date") != new.get("date") or old.get("date_is_estimated") != new.get("date_is_estimated"):
            sentences.append(_("出版日期 %(old)s → %(new)s") % {"old": old.get("date"), "new": new.get("date")})
    for old, new in zip(before.get("pages", []), after.get("pages", [])):
        if old.get("number") != new.get("number") or old.get("number_is_estimated") != new.get("number_is_estimated"):
            sentences.append(_("版次 %(old)s → %(new)s") % {"old": old.get("number"), "new": new.get("number")})
    return sentences


def _flag_sentences(before: dict, after: dict, names: Names) -> list[str]:
    old_flags, new_flags = _by_id(before, "flags"), _by_id(after, "flags")
    sentences = []
    for pk, new in new_flags.items():
        label = FlagCode(new["code"]).label if new.get("code") in FlagCode.values else new.get("code")
        where = line_ranges([new["block_id"]], names) if new.get("block_id") else _title(names, new.get("article_id"))
        old = old_flags.get(pk)
        if old is None:
            sentences.append(_("添加标记“%(flag)s”（%(where)s）") % {"flag": label, "where": where})
        elif new.get("resolved_at") and not old.get("resolved_at"):
            sentences.append(_("处理标记“%(flag)s”（%(where)s）") % {"flag": label, "where": where})
        elif old.get("resolved_at") and not new.get("resolved_at"):
            sentences.append(_("重新打开标记“%(flag)s”（%(where)s）") % {"flag": label, "where": where})
    return sentences
