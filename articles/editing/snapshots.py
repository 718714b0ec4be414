"""Snapshots: the state an editing action touched, as plain JSON, and putting it back.

A revision stores ``before`` and ``after`` snapshots. A snapshot maps a table key ("blocks",
"articles", "credits", …) to the rows of that table, each a dict of its editable columns with
its ``id``. Page-scoped actions snapshot the whole page (a page has about a hundred blocks, so
this is small and leaves no room for "forgot to record that field"); merging persons snapshots
the two persons, their aliases and their credits.

``restore(before, after)`` undoes an action exactly and touches nothing else:
  rows in ``before``             → put back (re-created with the same id if the action deleted them);
  rows in ``after`` only         → deleted (the action created them);
  rows in neither                → left alone (a reader's report, a tag enrichment added later).
Versions and timestamps such as ``updated_at`` are not part of a snapshot: undo moves versions
forward, like any other change.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models.deletion import ProtectedError
from django.utils.dateparse import parse_date, parse_datetime

from articles.models import (
    Article,
    ArticleRegion,
    ArticleTopic,
    Block,
    Credit,
    Flag,
    Issue,
    Page,
    Person,
    PersonAlias,
    ProblemReport,
)


@dataclass(frozen=True)
class Table:
    """One table in a snapshot: every concrete column except ``exclude`` (so a column another
    helper adds later is recorded and restored without touching this file)."""

    key: str
    model: type[models.Model]
    exclude: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        """attnames (``article_id``, not ``article``), without the primary key."""
        return tuple(
            f.attname for f in self.model._meta.concrete_fields
            if not f.primary_key and f.attname not in self.exclude and f.name not in self.exclude
        )


_STAMPS = ("version", "updated_at", "imported_at")
# In dependency order: a row's foreign keys point only to tables listed before it. Columns the
# editors never change and that are large (raw page text, block source text) are left out.
TABLES = (
    Table("issues", Issue),
    Table("persons", Person),
    Table("pages", Page, _STAMPS + ("raw_text", "sha256", "source_name")),
    Table("articles", Article, _STAMPS + ("created_at",)),
    Table("blocks", Block, ("page", "seq", "source_text", "line_start", "line_end", "joined_lines", "after_image_gap")),
    Table("aliases", PersonAlias),
    Table("credits", Credit),
    Table("flags", Flag),
    Table("region_tags", ArticleRegion),
    Table("topic_tags", ArticleTopic),
    # Only where a report hangs and whether it is handled; the reader's words are never touched.
    Table("reports", ProblemReport, ("message", "contact", "client_hash", "created_at")),
)
TABLES_BY_KEY = {table.key: table for table in TABLES}


def _to_json(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _from_json(model: type[models.Model], attname: str, value):
    if value is None:
        return None
    field = next(f for f in model._meta.concrete_fields if f.attname == attname)
    if isinstance(field, models.DateTimeField):
        return parse_datetime(value)
    if isinstance(field, models.DateField):
        return parse_date(value)
    return value


def rows(table_key: str, queryset) -> list[dict]:
    """Serialise a queryset of one table into snapshot rows, ordered by id."""
    table = TABLES_BY_KEY[table_key]
    fields = table.fields
    return [
        {"id": values["pk"], **{name: _to_json(values[name]) for name in fields}}
        for values in queryset.order_by("pk").values("pk", *fields)
    ]


def page_snapshot(page_id: int) -> dict[str, list[dict]]:
    """Everything on one page an editor can change, including its issue and the articles' tags."""
    page = Page.objects.get(pk=page_id)
    articles = Article.objects.filter(page_id=page_id)
    return {
        "issues": rows("issues", Issue.objects.filter(pk=page.issue_id)),
        "pages": rows("pages", Page.objects.filter(pk=page_id)),
        "articles": rows("articles", articles),
        "blocks": rows("blocks", Block.objects.filter(page_id=page_id)),
        "credits": rows("credits", Credit.objects.filter(article__page_id=page_id)),
        "flags": rows("flags", Flag.objects.filter(page_id=page_id)),
        "region_tags": rows("region_tags", ArticleRegion.objects.filter(article__page_id=page_id)),
        "topic_tags": rows("topic_tags", ArticleTopic.objects.filter(article__page_id=page_id)),
        "reports": rows("reports", ProblemReport.objects.filter(article__page_id=page_id)),
    }


def persons_snapshot(person_ids) -> dict[str, list[dict]]:
    """Persons, their aliases and their credits (for merging OCR variants of one name)."""
    person_ids = list(person_ids)
    return {
        "persons": rows("persons", Person.objects.filter(pk__in=person_ids)),
        "aliases": rows("aliases", PersonAlias.objects.filter(person_id__in=person_ids)),
        "credits": rows("credits", Credit.objects.filter(person_id__in=person_ids)),
    }


def article_ids_in(snapshot: dict) -> set[int]:
    """Every article id a snapshot mentions (as a row or as a credit's/tag's article)."""
    ids = {row["id"] for row in snapshot.get("articles", [])}
    for key in ("blocks", "credits", "region_tags", "topic_tags", "flags", "reports"):
        ids.update(row["article_id"] for row in snapshot.get(key, []) if row.get("article_id"))
    return ids


def _values(table: Table, row: dict) -> dict:
    return {name: _from_json(table.model, name, row[name]) for name in table.fields if name in row}


def restore(before: dict, after: dict) -> None:
    """Put the rows of ``before`` back and delete the rows only ``after`` has (see module docstring).

    Order matters for foreign keys: create/update parents first, delete children first. An article
    the action created is deleted last; whatever else points to it by then (a reader's report filed
    on it later) is moved to the article that gets its first block back.
    """
    created = {key: {row["id"] for row in after.get(key, [])} - {row["id"] for row in before.get(key, [])}
               for key in TABLES_BY_KEY}
    heirs = {pk: _heir_for(pk, before) for pk in created["articles"]}  # before blocks move back

    for table in TABLES:
        before_rows = before.get(table.key, [])
        if not before_rows:
            continue
        manager = table.model._default_manager
        current = {row["id"]: row for row in rows(table.key, manager.filter(pk__in=[r["id"] for r in before_rows]))}
        # Children the action created are removed before their parents are put back, so that a
        # re-created row never meets the row that replaced it in a unique constraint.
        if created[table.key] and table.key not in ("articles", "persons", "issues"):
            manager.filter(pk__in=created[table.key]).delete()
        if table.key == "credits":
            before_rows = _with_living_persons(before_rows)
        for row in before_rows:
            now = current.get(row["id"])
            if now is not None and all(now.get(name) == value for name, value in row.items()):
                continue  # unchanged: most rows of a page snapshot
            values = _values(table, row)
            if now is None:
                manager.create(id=row["id"], **values)
            # update() even after create(): auto_now_add would otherwise stamp a re-created flag "now".
            manager.filter(pk=row["id"]).update(**values)

    for key in ("blocks", "aliases", "credits", "flags", "region_tags", "topic_tags"):
        if created[key]:
            TABLES_BY_KEY[key].model._default_manager.filter(pk__in=created[key]).delete()

    for article in Article.objects.filter(pk__in=created["articles"]):
        if heirs.get(article.pk) is not None:
            move_dependents(article.pk, heirs[article.pk])
        article.delete()

    for person in Person.objects.filter(pk__in=created["persons"]):
        try:
            person.delete()
        except ProtectedError:  # credited elsewhere since: keep the person, nothing is lost
            pass

    for issue in Issue.objects.filter(pk__in=created["issues"]):
        if not issue.pages.exists():
            issue.delete()


def _with_living_persons(credit_rows: list[dict]) -> list[dict]:
    """Credit rows whose person a later person merge removed point to the person their printed
    name is now an alias of, so that undoing an old page edit still works."""
    person_ids = {row["person_id"] for row in credit_rows}
    living = set(Person.objects.filter(pk__in=person_ids).values_list("pk", flat=True))
    if living == person_ids:
        return credit_rows
    adjusted = []
    for row in credit_rows:
        if row["person_id"] not in living:
            alias = PersonAlias.objects.filter(name=row.get("printed_name", "")).values_list("person_id", flat=True)
            row = {**row, "person_id": alias.first() or row["person_id"]}
        adjusted.append(row)
    return adjusted


def _heir_for(article_id: int, before: dict) -> int | None:
    """The article that, in ``before``, held the first block the article holds now."""
    first = Block.objects.filter(article_id=article_id).order_by("seq").first()
    if first is None:
        return None
    for row in before.get("blocks", []):
        if row["id"] == first.pk:
            return row["article_id"]
    return None


def move_dependents(from_article_id: int, to_article_id: int) -> None:
    """Move what hangs on an article (flags, reports, credits, tags) to another before deleting it.

    A credit or tag the receiving article already has (same person and role, same region, same
    topic) is dropped rather than duplicated; everything else moves, so nothing a reader or an
    editor wrote is lost with the article.
    """
    Flag.objects.filter(article_id=from_article_id).update(article_id=to_article_id)
    ProblemReport.objects.filter(article_id=from_article_id).update(article_id=to_article_id)
    for credit in Credit.objects.filter(article_id=from_article_id):
        if Credit.objects.filter(article_id=to_article_id, person_id=credit.person_id, role=credit.role).exists():
            credit.delete()
        else:
            Credit.objects.filter(pk=credit.pk).update(article_id=to_article_id)
    for model, key in ((ArticleRegion, "region_id"), (ArticleTopic, "topic_id")):
        for tag in model.objects.filter(article_id=from_article_id):
            if model.objects.filter(article_id=to_article_id, **{key: getattr(tag, key)}).exists():
                tag.delete()
            else:
                model.objects.filter(pk=tag.pk).update(article_id=to_article_id)
