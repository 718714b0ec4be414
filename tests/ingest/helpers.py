"""Small helpers shared by the importer tests."""

from articles.models import (
    Article, Block, Credit, Flag, ImportLog, Issue, Newspaper, Page, Person,
)

CONTENT_MODELS = (Newspaper, Issue, Page, Block, Article, Flag, Credit, Person)


def page_for(prefix: str) -> Page:
    """The seed page whose file name starts with ``prefix`` ("000" … "004")."""
    return Page.objects.get(source_name__startswith=prefix + "_")


def articles_of(prefix: str) -> list[Article]:
    return list(page_for(prefix).articles.order_by("order"))


def block_at(prefix: str, line: int, kind: str | None = None) -> Block:
    """The block of a seed page that covers source line ``line`` (the body part, for a byline line)."""
    blocks = Block.objects.filter(page=page_for(prefix), line_start__lte=line, line_end__gte=line)
    if kind:
        blocks = blocks.filter(kind=kind)
    return blocks.order_by("-seq").first()


def snapshot() -> dict:
    """Row counts and ids of everything an import writes, except the load log itself."""
    state = {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in CONTENT_MODELS}
    state["page_hashes"] = sorted(Page.objects.values_list("source_name", "sha256"))
    return state


def import_logs() -> int:
    return ImportLog.objects.count()


def read_page(text: str):
    """Parse a made-up page the way the importer does (with the place matcher of the database)."""
    from articles.ingest.pipeline import parse_page
    from articles.ingest.places import PlaceNames

    return parse_page(text, PlaceNames.from_database())


def titles_of(draft) -> list[tuple[str, str, str]]:
    """(kicker, headline, subtitle) of every article of a parsed page, in print order."""
    return [(a.kicker, a.headline, a.subtitle) for a in draft.articles]


def credits_of(article) -> list[tuple[str, str]]:
    return [(c.printed_name, c.role) for c in article.credits]
