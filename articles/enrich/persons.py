"""Enrichment step: persons. Order matters, so it runs in three passes:

1. identities: fold Person rows named like an existing alias into that person, merge OCR variants
   of staff reporters (金钧胤/金钩胤, 胡翀/胡冲: see ``aliases.is_ocr_variant``) under the spelling
   printed most often, and note likely pen names (平小工) for an editor — first, so that mentions
   and pages see one person;
2. mentions: people named in the running text (``mentions.find_mentions``) become Credits with
   role "mentioned": published when their confidence reaches ``PUBLISH_THRESHOLD`` (measured on the
   seeds by ``manage.py evaluate_enrichment``), suggested for an editor when it reaches
   ``SUGGEST_THRESHOLD``, dropped below;
3. clean-up: automatic mention rows no longer found are deleted, with any Person left with nothing.

Editors win: a credit with source=editor or status=rejected is never changed, and its name is not
proposed again for that article; persons an editor has worked on are never merged automatically.
Byline credits (the importer's) are read, never written.
"""

import re
from collections import defaultdict

from django.db import transaction

from articles.models import Credit, Person, PersonAlias, Region
from articles.models.choices import CreditRole, CreditStatus, Source

from .aliases import (
    get_or_create_person,
    merge_namesakes_of_aliases,
    merge_ocr_variants,
    prefer_most_printed_spelling,
)
from .mentions import find_mentions
from .texts import article_texts

PUBLISH_THRESHOLD = 0.45  # one title context (职工X, X警官) suffices; see evaluate_enrichment
SUGGEST_THRESHOLD = 0.2
BATCH = 300

# Union publicity offices sign as "<first character of their place>小工" (平小工 for 平湖市总工会).
PEN_NAME = re.compile(r"^(?P<place>[\u4e00-\u9fff])小工$")
_UNION = re.compile(r"([\u4e00-\u9fff]{2,6}?[市县区])总工会")


def enrich_persons(articles) -> int:
    """Identities first, then mentions; returns how many mention credits were written."""
    merge_namesakes_of_aliases()
    merge_ocr_variants()
    prefer_most_printed_spelling()
    note_pen_names(articles)
    places = region_names()
    known = known_mentioned_names()
    written = 0
    batch = []
    for text in article_texts(articles):
        batch.append(text)
        if len(batch) == BATCH:
            written += _tag_batch(batch, places, known)
            batch = []
    if batch:
        written += _tag_batch(batch, places, known)
    return written


def region_names() -> set[str]:
    names = set()
    for name, short_name in Region.objects.values_list("name", "short_name"):
        names.update(n for n in (name, short_name) if n and len(n) >= 2)
    return names


def known_mentioned_names() -> set[str]:
    """Names published as people in the news (status published, any source — editors' included),
    read once before the mention pass so that one run sees one snapshot."""
    return set(
        Person.objects.filter(credits__role=CreditRole.MENTIONED, credits__status=CreditStatus.PUBLISHED)
        .values_list("name", flat=True)
        .distinct()
    )


def note_pen_names(articles) -> int:
    """Leave a note on byline persons whose name looks like a union office's pen name. They stay
    their own person: who writes as 平小工 is not in the text, so an editor decides (and can merge
    with ``merge_persons(kind=PersonAlias.Kind.PEN_NAME)``)."""
    noted = 0
    credits = (
        Credit.objects.filter(article__in=articles, person__note="")
        .exclude(role=CreditRole.MENTIONED)
        .select_related("person")
    )
    for credit in credits:
        match = PEN_NAME.match(credit.person.name)
        if not match or credit.person.note:
            continue
        unions = [u for u in _UNION.findall(_article_text(credit.article_id)) if u.startswith(match["place"])]
        office = f"{unions[0]}总工会" if unions else "工会宣传部门"
        credit.person.note = f"疑为{office}的集体署名或笔名，待编辑确认"
        credit.person.save(update_fields=["note"])
        noted += 1
    return noted


def _article_text(article_id: int) -> str:
    from articles.models import Article

    return "\n".join(text.body for text in article_texts(Article.objects.filter(pk=article_id)))


def _byline_names(article_ids: list[int]) -> dict[int, set[str]]:
    """Names (and aliases) of each article's bylined people, who are not 'mentioned' too."""
    names: dict[int, set[str]] = defaultdict(set)
    person_articles: dict[int, set[int]] = defaultdict(set)
    rows = (
        Credit.objects.filter(article_id__in=article_ids)
        .exclude(role=CreditRole.MENTIONED)
        .values_list("article_id", "person_id", "person__name", "printed_name")
    )
    for article_id, person_id, name, printed in rows:
        names[article_id].update(n for n in (name, printed) if n)
        person_articles[person_id].add(article_id)
    for person_id, alias in PersonAlias.objects.filter(person_id__in=list(person_articles)).values_list(
        "person_id", "name"
    ):
        for article_id in person_articles[person_id]:
            names[article_id].add(alias)
    return names


def _tag_batch(batch, places: set[str], known: set[str]) -> int:
    ids = [text.article_id for text in batch]
    bylines = _byline_names(ids)
    existing: dict[int, list[Credit]] = defaultdict(list)
    for credit in Credit.objects.filter(article_id__in=ids, role=CreditRole.MENTIONED).select_related("person"):
        existing[credit.article_id].append(credit)
    written = 0
    orphan_candidates: set[int] = set()
    with transaction.atomic():
        for text in batch:
            written += _tag_article(
                text, bylines[text.article_id], existing[text.article_id], places, known, orphan_candidates
            )
        _delete_orphans(orphan_candidates)
    return written


def _tag_article(
    text, byline_names: set[str], credits: list[Credit], places: set[str], known: set[str], orphans: set[int]
) -> int:
    decided = {c.person_id for c in credits if c.source == Source.EDITOR or c.status == CreditStatus.REJECTED}
    decided_names = {c.person.name for c in credits if c.person_id in decided}
    automatic = {c.person_id: c for c in credits if c.person_id not in decided}

    mentions = [
        m
        for m in find_mentions(text.paragraphs, excluded=byline_names, places=places, known=known)
        if m.confidence >= SUGGEST_THRESHOLD and m.name not in decided_names
    ]
    kept: set[int] = set()
    for order, mention in enumerate(mentions, start=1):
        person = get_or_create_person(mention.name)
        if person.pk in decided or person.pk in kept:
            continue
        status = CreditStatus.PUBLISHED if mention.confidence >= PUBLISH_THRESHOLD else CreditStatus.SUGGESTED
        credit = automatic.get(person.pk)
        if credit is None:
            Credit.objects.create(
                article_id=text.article_id,
                person=person,
                role=CreditRole.MENTIONED,
                printed_name=mention.name,
                status=status,
                source=Source.AUTOMATIC,
                confidence=mention.confidence,
                order=100 + order,
            )
        elif (credit.status, credit.confidence, credit.printed_name) != (status, mention.confidence, mention.name):
            credit.status, credit.confidence, credit.printed_name = status, mention.confidence, mention.name
            credit.save(update_fields=["status", "confidence", "printed_name"])
        kept.add(person.pk)

    stale = [c for person_id, c in automatic.items() if person_id not in kept]
    if stale:
        Credit.objects.filter(pk__in=[c.pk for c in stale]).delete()
        orphans.update(c.person_id for c in stale)
    return len(kept)


def _delete_orphans(person_ids: set[int]) -> None:
    """Persons that automatic mentions created and no longer use (no credit, no alias)."""
    if person_ids:
        Person.objects.filter(pk__in=person_ids, credits__isnull=True, aliases__isnull=True).delete()
