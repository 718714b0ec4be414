"""Articles as plain JSON objects, for ``manage.py export_articles`` (backups, data exchange, checks).

One object per article with everything a reader or another system needs, built from a queryset
that prefetches every relation: a fixed number of queries whatever the number of articles.
"""

from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet

from articles.models import Article, ArticleRegion, ArticleTopic, Block, BlockKind, Credit, CreditStatus, Flag

# Blocks that make up what readers see below the title group.
BODY_KINDS = (BlockKind.SUBHEAD, BlockKind.BODY, BlockKind.CAPTION, BlockKind.BYLINE, BlockKind.CREDIT)


def export_queryset() -> QuerySet[Article]:
    return (
        Article.objects.select_related("page__issue__newspaper")
        .prefetch_related(
            Prefetch("blocks", queryset=Block.objects.filter(hidden=False).order_by("position", "seq"),
                     to_attr="visible_blocks"),
            Prefetch("credits", queryset=Credit.objects.exclude(status=CreditStatus.REJECTED)
                     .select_related("person").order_by("order", "pk"), to_attr="export_credits"),
            Prefetch("region_tags", queryset=ArticleRegion.objects.filter(rejected=False)
                     .select_related("region").order_by("-is_primary", "region__code"), to_attr="export_regions"),
            Prefetch("topic_tags", queryset=ArticleTopic.objects.filter(rejected=False)
                     .select_related("topic").order_by("-is_primary", "-score"), to_attr="export_topics"),
            Prefetch("flags", queryset=Flag.objects.filter(resolved_at__isnull=True).select_related("block").order_by("pk"),
                     to_attr="open_flags"),
        )
        .order_by("page__issue__date", "page__number", "order")
    )


def export_articles(queryset: QuerySet[Article] | None = None) -> Iterator[dict]:
    for article in queryset if queryset is not None else export_queryset():
        yield article_record(article)


def article_record(article: Article) -> dict:
    page, issue = article.page, article.page.issue
    return {
        "id": article.pk,
        "url": article.get_absolute_url(),
        "newspaper": issue.newspaper.name,
        "issue_date": issue.date.isoformat(),
        "date_is_estimated": issue.date_is_estimated,
        "page": {"number": page.number, "number_is_estimated": page.number_is_estimated, "name": page.name,
                 "source": page.source_name},
        "order": article.order,
        "title": [{"role": role, "text": text} for role, text in article.title_lines],
        "headline": article.headline,
        "column_label": article.column_label,
        "byline": article.byline,
        "status": article.status,
        "credits": [{"name": c.person.name, "printed_name": c.printed_name, "role": c.role, "status": c.status}
                    for c in article.export_credits],
        "regions": [{"code": t.region.code, "name": t.region.name, "level": t.region.level}
                    for t in article.export_regions],
        "topics": [{"slug": t.topic.slug, "name": t.topic.name} for t in article.export_topics],
        "body": [{"kind": b.kind, "text": b.text, "lines": [b.line_start, b.line_end]}
                 for b in article.visible_blocks if b.kind in BODY_KINDS],
        "flags": [{"code": f.code, "message": f.message,
                   "lines": [f.block.line_start, f.block.line_end] if f.block else None}
                  for f in article.open_flags],
    }
