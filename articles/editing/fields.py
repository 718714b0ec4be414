"""The one place where an article's denormalised fields are derived from its blocks.

Article keeps kicker/headline/subtitle/column_label/byline/slug as plain columns so that lists,
feeds and the search index need no extra query; every editing operation calls
``refresh_article_fields`` on the articles it touched, so those columns can never drift from the
blocks that readers see.
"""

from articles.models import Article, Block, BlockKind
from articles.text.slugs import pinyin_slug

# Title lines printed over two lines become two blocks of the same kind; they are one title.
TITLE_LINE_JOINER = " "

_FIELD_FOR_KIND = {
    BlockKind.KICKER: "kicker",
    BlockKind.HEADLINE: "headline",
    BlockKind.SUBTITLE: "subtitle",
}


def derived_fields(blocks) -> dict[str, str]:
    """The denormalised fields implied by an article's blocks (in position order; hidden ignored)."""
    parts: dict[str, list[str]] = {"kicker": [], "headline": [], "subtitle": [], "column_label": [], "byline": []}
    for block in blocks:
        if block.hidden:
            continue
        text = block.text.strip()
        if block.kind in _FIELD_FOR_KIND:
            parts[_FIELD_FOR_KIND[block.kind]].append(text)
        elif block.kind == BlockKind.COLUMN_LABEL and not parts["column_label"]:
            parts["column_label"].append(text)
        elif block.kind == BlockKind.BYLINE and not parts["byline"]:
            parts["byline"].append(byline_of(text))
    fields = {name: TITLE_LINE_JOINER.join(texts) for name, texts in parts.items()}
    for name, max_length in (("kicker", 300), ("headline", 300), ("subtitle", 300), ("column_label", 100),
                             ("byline", 300)):
        fields[name] = fields[name][:max_length]
    fields["slug"] = pinyin_slug(fields["headline"] or fields["kicker"] or fields["subtitle"], max_length=120)
    return fields


def byline_of(text: str) -> str:
    """The byline part of a byline block (``本报讯 记者X 通讯员Y报道``), without the lead that may
    follow it in the same printed paragraph. Uses the importer's parser when it is installed."""
    parsed = parse_byline(text)
    if parsed is not None and parsed.get("byline"):
        return parsed["byline"]
    return text


def parse_byline(text: str) -> dict | None:
    """The importer's byline parser, adapted: {"byline": str, "credits": [(role, name), …]} or None."""
    try:
        from articles.ingest.bylines import parse_byline as importer_parse  # noqa: PLC0415
    except ImportError:  # the importer helper has not landed its parser yet
        return None
    result = importer_parse(text)
    if result is None:
        return None
    return _adapt(result)


def _adapt(result) -> dict:
    """Normalise whatever the importer's parser returns into {"byline", "credits"}."""
    if isinstance(result, dict):
        return result
    byline = getattr(result, "text", "") or getattr(result, "byline", "")
    credits = [(c.role, c.name) for c in getattr(result, "credits", [])]
    return {"byline": byline, "credits": credits}


def refresh_article_fields(article: Article) -> list[str]:
    """Re-derive ``article``'s title, column label, byline and slug from its blocks; save if changed.

    Returns the names of the fields that changed.
    """
    blocks = Block.objects.filter(article=article).order_by("position", "seq")
    changed = []
    for name, value in derived_fields(blocks).items():
        if getattr(article, name) != value:
            setattr(article, name, value)
            changed.append(name)
    if changed:
        Article.objects.filter(pk=article.pk).update(**{name: getattr(article, name) for name in changed})
    return changed
