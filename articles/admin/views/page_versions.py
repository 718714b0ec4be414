"""The page as it was before and after a revision, rebuilt from the revision's snapshots (the
history's "对比修改前后" view): articles in page order, each with its blocks in reading order.
Blocks the revision changed are marked, so the eye goes straight to them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from articles.models import BlockKind, Revision

from .history_rows import Names


@dataclass
class VersionBlock:
    line: str
    kind: str
    text: str
    hidden: bool
    changed: bool


@dataclass
class VersionArticle:
    title: str
    blocks: list[VersionBlock] = field(default_factory=list)
    changed: bool = False


def page_version(snapshot: dict, names: Names, changed_blocks: set[int]) -> list[VersionArticle]:
    """The articles of a page snapshot in page order (loose blocks first), blocks in reading order."""
    by_article: dict[int | None, list[dict]] = defaultdict(list)
    for row in snapshot.get("blocks", []):
        by_article[row.get("article_id")].append(row)
    articles = sorted(snapshot.get("articles", []), key=lambda row: (row.get("order", 0), row["id"]))
    result = []
    groups = ([(None, _("不属于任何文章的块"))] if by_article.get(None) else [])
    groups += [(row["id"], row.get("headline") or _("（无题）")) for row in articles]
    for article_id, title in groups:
        rows = sorted(by_article.get(article_id, []), key=lambda row: (row.get("position", 0), names.lines.get(row["id"], 0)))
        blocks = [VersionBlock(
            line=f"L{names.lines.get(row['id'], '?')}",
            kind=BlockKind(row["kind"]).label if row.get("kind") in BlockKind.values else str(row.get("kind")),
            text=row.get("text", ""), hidden=bool(row.get("hidden")), changed=row["id"] in changed_blocks,
        ) for row in rows]
        result.append(VersionArticle(title=title, blocks=blocks, changed=any(b.changed for b in blocks)))
    return result


def before_and_after(revision: Revision, names: Names) -> tuple[list[VersionArticle], list[VersionArticle]]:
    changed = set(revision.block_ids)
    return page_version(revision.before, names, changed), page_version(revision.after, names, changed)
