"""Enrichment step: the regions each article is about (see places_matcher for the rules).

Tags written: every region found, with its county and city rolled up (a 德清 article gets 德清县
and 湖州市, so counting a city's articles is one aggregate over ArticleRegion); ``is_primary``
marks the main city and, when the article is about one county, the main county. A province-level
article (省总工会, 全省) gets the province and no city.

Editors win: rows with source=editor, and rejected rows, are never changed or deleted, and no
automatic row is written for a region they cover; an editor's primary choice at a level keeps
automatic rows at that level from being primary. Only automatic rows are replaced. A region an
editor rejected counts for nothing (a rejected 德清县 does not bring back 湖州市), and a county
or town an editor added is rolled up to its city on the next run — so the editors' tools should
run ``enrich_articles([id], only=["regions"])`` after changing an article's places.
"""

from __future__ import annotations

from functools import lru_cache

from django.db import transaction
from django.db.models import Prefetch

from articles.models import Article, ArticleRegion, Block, BlockKind, Region, Source

from .places_gazetteer import build_gazetteer, build_segmenter
from .places_matcher import BODY, LEAD, TITLE, PlaceMatcher, PlaceResult

BATCH = 500
# Bylines and photo credits are left out: they hold names (记者金华), never the story's places.
TEXT_KINDS = (BlockKind.BODY, BlockKind.SUBHEAD, BlockKind.CAPTION)


@lru_cache(maxsize=1)
def _cached_matcher(gazetteer_key: tuple[int, int]) -> PlaceMatcher:
    gazetteer = build_gazetteer(Region.objects.only("id", "code", "name", "short_name", "level", "parent_id"))
    return PlaceMatcher(gazetteer, build_segmenter(gazetteer))


def get_matcher() -> PlaceMatcher:
    """One matcher per process (loading jieba takes about a second); rebuilt if regions change."""
    key = (Region.objects.count(), Region.objects.order_by("-id").values_list("id", flat=True).first() or 0)
    return _cached_matcher(key)


def article_sections(article: Article) -> list[tuple[str, int]]:
    """(text, weight): title lines, then the blocks in order; the first body block is the lead."""
    sections = [(line, TITLE) for line in (article.kicker, article.headline, article.subtitle) if line]
    lead_seen = False
    for block in article.blocks.all():  # prefetched, visible, in position order
        weight = BODY
        if block.kind == BlockKind.BODY and not lead_seen:
            weight, lead_seen = LEAD, True
        sections.append((block.text, weight))
    return sections


def enrich_regions(articles) -> int:
    """Tag ``articles`` (a queryset) with regions; returns how many automatic tags were written."""
    matcher = get_matcher()
    blocks = Block.objects.filter(hidden=False, kind__in=TEXT_KINDS).order_by("position", "seq").only(
        "id", "article_id", "kind", "text", "position", "seq")
    ids = list(articles.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), BATCH):
        batch = (Article.objects.filter(pk__in=ids[start:start + BATCH])
                 .only("id", "kicker", "headline", "subtitle")
                 .prefetch_related(Prefetch("blocks", queryset=blocks)))
        batch = list(batch)
        rejected = _rejected_regions([article.pk for article in batch])
        results = {article.pk: matcher.match(article_sections(article), rejected.get(article.pk, frozenset()))
                   for article in batch}
        written += _write_tags(results, matcher)
    return written


def _rejected_regions(article_ids: list[int]) -> dict[int, frozenset[int]]:
    found: dict[int, set[int]] = {}
    for article_id, region_id in ArticleRegion.objects.filter(article_id__in=article_ids, rejected=True).values_list(
            "article_id", "region_id"):
        found.setdefault(article_id, set()).add(region_id)
    return {article_id: frozenset(ids) for article_id, ids in found.items()}


def _write_tags(results: dict[int, PlaceResult], matcher: PlaceMatcher) -> int:
    with transaction.atomic():
        ArticleRegion.objects.filter(article_id__in=results, source=Source.AUTOMATIC, rejected=False).delete()
        kept = ArticleRegion.objects.filter(article_id__in=results)  # editors' rows and rejections
        kept_regions: dict[int, set[int]] = {}
        editor_primary_levels: dict[int, set[str]] = {}
        editor_regions: dict[int, list[int]] = {}
        for tag in kept.values("article_id", "region_id", "is_primary", "rejected", "region__level"):
            kept_regions.setdefault(tag["article_id"], set()).add(tag["region_id"])
            if not tag["rejected"]:
                editor_regions.setdefault(tag["article_id"], []).append(tag["region_id"])
            if tag["is_primary"] and not tag["rejected"]:
                editor_primary_levels.setdefault(tag["article_id"], set()).add(tag["region__level"])
        rows = []
        for article_id, result in results.items():
            primary = {result.main_city, result.main_county, result.province} - {None}
            blocked_levels = editor_primary_levels.get(article_id, set())
            # An editor's county or town is rolled up to its city like the matcher's own finds.
            for region_id in editor_regions.get(article_id, ()):
                for ancestor in matcher.gaz.chain(matcher.gaz.places[region_id])[1:]:
                    if ancestor.id not in result.weights:
                        result.weights[ancestor.id] = 0
                        result.evidence[ancestor.id] = f"编辑标注：{matcher.gaz.places[region_id].name}"
            for region_id in result.region_ids:
                if region_id in kept_regions.get(article_id, ()):
                    continue
                level = matcher.gaz.places[region_id].level
                rows.append(ArticleRegion(
                    article_id=article_id, region_id=region_id, source=Source.AUTOMATIC,
                    mentions=result.mentions.get(region_id, 0),
                    is_primary=region_id in primary and level not in blocked_levels,
                    evidence=result.evidence.get(region_id, "")[:200],
                ))
        ArticleRegion.objects.bulk_create(rows, batch_size=1000)
    return len(rows)

