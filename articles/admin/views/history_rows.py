"""A revision's before/after snapshots as rows an editor can read: "L128「宁波市海员建设…」 文本 |
before | after", "地区 宁波市海曙区（《…》） | — | 添加", "文章《…》 状态 | 自动切分 | 已校正".

Presentation only (what changed is decided by ``articles.editing``; this module just names it):
blocks are named by source line and text, articles by headline, tags and credits by what they
point to, values of choice fields by their labels. Tags, credits and flags are matched by what
they mean (article + region, article + person + role, …) rather than by row id, so that a tag that
enrichment deleted and re-created unchanged is not reported as a change.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.editing.snapshots import TABLES_BY_KEY
from articles.models import Block, Person, Region, Revision, Topic

TEXT_PREVIEW = 14
# Column names as editors call them (columns not listed show their own name).
FIELD_LABELS = {
    "text": gettext_lazy("文本"), "kind": gettext_lazy("类型"), "article_id": gettext_lazy("所属文章"),
    "position": gettext_lazy("文内顺序"), "hidden": gettext_lazy("不显示"), "duplicate_of_id": gettext_lazy("重复于"),
    "order": gettext_lazy("版内顺序"), "kicker": gettext_lazy("引题"), "headline": gettext_lazy("主题"),
    "subtitle": gettext_lazy("副题"), "column_label": gettext_lazy("栏目"), "byline": gettext_lazy("署名"),
    "status": gettext_lazy("状态"), "issue_id": gettext_lazy("所属期"), "number": gettext_lazy("版次"),
    "number_is_estimated": gettext_lazy("版次为估计"), "date": gettext_lazy("出版日期"),
    "date_is_estimated": gettext_lazy("日期为估计"), "person_id": gettext_lazy("人物"), "role": gettext_lazy("角色"),
    "rejected": gettext_lazy("已否决"), "resolved_at": gettext_lazy("处理时间"), "is_primary": gettext_lazy("主专题"),
}
# Bookkeeping columns an editor does not need to see change (scores, counters, timestamps, and
# the renumbering 文内顺序/版内顺序 that follows any move).
QUIET_FIELDS = {"score", "mentions", "confidence", "evidence", "order", "position", "created_at", "reviewed_at",
                "resolved_at", "resolved_by_id", "reviewed_by_id", "slug", "original_text"}
# Rows matched by meaning, not by id: (table key, identifying columns).
NATURAL_KEYS = {
    "region_tags": ("article_id", "region_id"),
    "topic_tags": ("article_id", "topic_id"),
    "credits": ("article_id", "person_id", "role"),
    # A flag about a block follows the block to whichever article holds it: not a change of its own.
    "flags": ("code", "block_id", "message"),
    "aliases": ("name",),
}


@dataclass
class Change:
    what: str
    before: str | None
    after: str | None


class Names:
    """Names for the ids some revisions mention (blocks by source line, regions, topics, persons),
    fetched with one query per kind for all of them — a history page costs four queries, not four
    per revision."""

    def __init__(self, revisions):
        revisions = list(revisions)
        ids = {key: set() for key in ("block", "region", "topic", "person")}
        self.headlines: dict[int, str] = {}
        self.block_texts: dict[int, str] = {}
        self.persons: dict[int, str] = {}
        for revision in revisions:
            for snapshot in (revision.before, revision.after):
                self._collect(snapshot, ids)
        self.lines: dict[int, int] = {}
        self.line_ends: dict[int, int] = {}
        if ids["block"]:
            for pk, start, end in Block.objects.filter(pk__in=ids["block"]).values_list("pk", "line_start", "line_end"):
                self.lines[pk], self.line_ends[pk] = start, end
        self.regions = dict(Region.objects.filter(pk__in=ids["region"]).values_list("pk", "name")) if ids["region"] else {}
        self.topics = dict(Topic.objects.filter(pk__in=ids["topic"]).values_list("pk", "name")) if ids["topic"] else {}
        if ids["person"]:
            for pk, name in Person.objects.filter(pk__in=ids["person"]).values_list("pk", "name"):
                self.persons.setdefault(pk, name)

    def _collect(self, snapshot: dict, ids: dict) -> None:
        for key, rows in snapshot.items():
            for row in rows:
                for column, kind in (("block_id", "block"), ("duplicate_of_id", "block"),
                                     ("region_id", "region"), ("topic_id", "topic"), ("person_id", "person")):
                    if row.get(column):
                        ids[kind].add(row[column])
                if key == "blocks":
                    ids["block"].add(row["id"])
        for row in snapshot.get("articles", []):
            self.headlines.setdefault(row["id"], row.get("headline") or _("（无题）"))
        for row in snapshot.get("persons", []):
            self.persons.setdefault(row["id"], row.get("name", ""))
        for row in snapshot.get("blocks", []):
            self.block_texts.setdefault(row["id"], row.get("text", ""))

    def article(self, pk) -> str:
        return f"《{self.headlines.get(pk, f'#{pk}')}》" if pk else _("（不属于任何文章）")

    def block(self, pk) -> str:
        if not pk:
            return "—"
        text = self.block_texts.get(pk, "")
        preview = text[:TEXT_PREVIEW] + ("…" if len(text) > TEXT_PREVIEW else "")
        return f"L{self.lines.get(pk, '?')}「{preview}」"


def _value(model, attname: str, value, names: Names) -> str:
    if value is None or value == "":
        return "—"
    if attname == "article_id":
        return names.article(value)
    if attname in ("block_id", "duplicate_of_id"):
        return names.block(value)
    if attname == "region_id":
        return names.regions.get(value, f"#{value}")
    if attname == "topic_id":
        return names.topics.get(value, f"#{value}")
    if attname == "person_id":
        return names.persons.get(value, f"#{value}")
    field = next((f for f in model._meta.concrete_fields if f.attname == attname), None)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("是") if value else _("否")
    return str(value)


def _subject(key: str, row: dict, names: Names) -> str:
    """How an editor names a row: its line, its headline, what it tags."""
    table = TABLES_BY_KEY[key]
    if key == "blocks":
        return _("文本块 %(block)s") % {"block": names.block(row["id"])}
    if key == "articles":
        return _("文章%(article)s") % {"article": names.article(row["id"])}
    if key == "region_tags":
        return _("地区 %(name)s（%(article)s）") % {"name": _value(table.model, "region_id", row["region_id"], names),
                                                  "article": names.article(row["article_id"])}
    if key == "topic_tags":
        return _("专题 %(name)s（%(article)s）") % {"name": _value(table.model, "topic_id", row["topic_id"], names),
                                                  "article": names.article(row["article_id"])}
    if key == "credits":
        return _("署名 %(name)s·%(role)s（%(article)s）") % {
            "name": _value(table.model, "person_id", row["person_id"], names),
            "role": _value(table.model, "role", row["role"], names), "article": names.article(row["article_id"])}
    if key == "flags":
        where = names.block(row["block_id"]) if row.get("block_id") else names.article(row.get("article_id"))
        return _("标记 %(code)s（%(where)s）") % {"code": _value(table.model, "code", row["code"], names), "where": where}
    if key == "persons":
        return _("人物 %(name)s") % {"name": row.get("name", row["id"])}
    if key == "aliases":
        return _("别名 %(name)s") % {"name": row.get("name", row["id"])}
    if key == "reports":
        return _("读者报告 #%(pk)s") % {"pk": row["id"]}
    if key == "pages":
        return _("版面")
    if key == "issues":
        return _("期")
    return f"{key} #{row['id']}"


def _keyed(key: str, rows: list[dict]) -> dict:
    columns = NATURAL_KEYS.get(key)
    if columns is None:
        return {row["id"]: row for row in rows}
    if key == "flags":  # an article's own flag (no block) is identified by its article
        return {tuple(row.get(c) for c in columns) + (None if row.get("block_id") else row.get("article_id"),): row
                for row in rows}
    return {tuple(row.get(column) for column in columns): row for row in rows}


def readable_changes(revision: Revision, names: Names | None = None) -> list[Change]:
    """Every change of a revision, one row per changed column (renumbering folded away: a block's
    position or an article's order changes whenever a neighbour moves, so it tells nothing)."""
    names = names or Names([revision])
    changes: list[Change] = []
    for key, table in TABLES_BY_KEY.items():
        old = _keyed(key, revision.before.get(key, []))
        new = _keyed(key, revision.after.get(key, []))
        for identity in sorted(old.keys() | new.keys(), key=str):
            a, b = old.get(identity), new.get(identity)
            if a is None:
                changes.append(Change(_subject(key, b, names), None, _("新增")))
                continue
            if b is None:
                changes.append(Change(_subject(key, a, names), _("原有"), None))
                continue
            subject = _subject(key, b, names)
            for attname in table.fields:
                if attname in QUIET_FIELDS or a.get(attname) == b.get(attname):
                    continue
                if key == "flags" and attname == "article_id" and b.get("block_id"):
                    continue
                label = FIELD_LABELS.get(attname, attname)
                changes.append(Change(f"{subject} · {label}", _value(table.model, attname, a.get(attname), names),
                                      _value(table.model, attname, b.get(attname), names)))
    return changes
