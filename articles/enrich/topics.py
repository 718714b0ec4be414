"""Enrichment step: topics. (Placeholder until its helper lands the real step.)"""


def enrich_topics(articles) -> int:
    return 0
