"""Enrichment step: regions. (Placeholder until its helper lands the real step.)"""


def enrich_regions(articles) -> int:
    return 0
