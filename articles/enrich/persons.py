"""Enrichment step: persons. (Placeholder until its helper lands the real step.)"""


def enrich_persons(articles) -> int:
    return 0
