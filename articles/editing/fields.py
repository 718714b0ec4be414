"""The one place where an article's denormalised fields are derived from its blocks.

Article keeps kicker/headline/subtitle/column_label/byline/slug as plain columns so that lists,
feeds and the search index need no extra query; every editing operation calls
``refresh_article_fields`` on the articles it touched, so those columns can never drift from the
blocks that readers see.
"""

from articles.models import Article, Block, BlockKind, Credit, CreditRole, CreditStatus, Source
from articles.text.slugs import pinyin_slug

# Title lines printed over two lines become two blocks of the same kind; they are one title.
TITLE_LINE_JOINER = " "

BYLINE_ROLES = (CreditRole.REPORTER, CreditRole.CORRESPONDENT, CreditRole.PHOTOGRAPHER)

_FIELD_FOR_KIND = {
    BlockKind.KICKER: "kicker",
    BlockKind.HEADLINE: "headline",
    BlockKind.SUBTITLE: "subtitle",
}


def derived_fields(blocks) -> dict[str, str]:
    """The denormalised fields implied by an article's blocks (in position order; hidden ignored).

    Same rules as the importer: title lines of one kind are joined, the first column label counts,
    and the byline is every byline and photo-credit line joined by a space.
    """
    parts: dict[str, list[str]] = {"kicker": [], "headline": [], "subtitle": [], "column_label": [], "byline": []}
    for block in blocks:
        if block.hidden:
            continue
        text = block.text.strip()
        if block.kind in _FIELD_FOR_KIND:
            parts[_FIELD_FOR_KIND[block.kind]].append(text)
        elif block.kind == BlockKind.COLUMN_LABEL and not parts["column_label"]:
            parts["column_label"].append(text)
        elif block.kind in (BlockKind.BYLINE, BlockKind.CREDIT):
            parts["byline"].append(text)
    fields = {name: TITLE_LINE_JOINER.join(texts) for name, texts in parts.items()}
    for name, max_length in (("kicker", 300), ("headline", 300), ("subtitle", 300), ("column_label", 100),
                             ("byline", 300)):
        fields[name] = fields[name][:max_length]
    # Same slug as the importer's; an article without any title keeps the slug it has.
    fields["slug"] = pinyin_slug(fields["headline"] or fields["kicker"] or fields["subtitle"])
    if not fields["slug"]:
        del fields["slug"]
    return fields


def byline_credits(blocks) -> list[tuple[str, str]]:
    """(printed name, role) read from the article's visible byline and photo-credit blocks with the
    importer's own rule (``credits_of_lines``), in print order, without repeats."""
    from articles.ingest.bylines import credits_of_lines, unique_credits  # noqa: PLC0415 (importer owns it)

    return unique_credits(credits_of_lines((block.kind, block.text) for block in blocks if not block.hidden))


def sync_byline_credits(article: Article, blocks) -> None:
    """Make the article's byline credits follow its byline blocks: when a byline moves to another
    article its reporters and correspondents move with it.

    Only credits the importer read from a byline are managed here (source=importer, roles reporter/
    correspondent/photographer). An editor's credits, and credits an editor rejected, are left as
    they are: a rejected credit is never re-created.
    """
    from articles.enrich.aliases import get_or_create_person  # noqa: PLC0415 (enrich owns persons)

    wanted = []
    for name, role in byline_credits(blocks):
        key = (get_or_create_person(name).pk, role)
        if key not in [k for k, _n in wanted]:
            wanted.append((key, name))
    existing = {(c.person_id, c.role): c for c in Credit.objects.filter(article=article)}
    wanted_keys = {key for key, _name in wanted}
    for key, credit in existing.items():
        if (key not in wanted_keys and credit.source == Source.IMPORTER and credit.role in BYLINE_ROLES
                and credit.status != CreditStatus.REJECTED):
            credit.delete()
    for order, (key, name) in enumerate(wanted):
        if key not in existing:
            Credit.objects.create(article=article, person_id=key[0], role=key[1], printed_name=name,
                                  source=Source.IMPORTER, status=CreditStatus.PUBLISHED, order=order)


def refresh_article_fields(article: Article) -> list[str]:
    """Re-derive ``article``'s title, column label, byline and slug from its blocks; save if changed.
    If the byline changed, the byline credits follow (``sync_byline_credits``).

    Returns the names of the fields that changed.
    """
    blocks = list(Block.objects.filter(article=article).order_by("position", "seq"))
    changed = []
    for name, value in derived_fields(blocks).items():
        if getattr(article, name) != value:
            setattr(article, name, value)
            changed.append(name)
    if changed:
        Article.objects.filter(pk=article.pk).update(**{name: getattr(article, name) for name in changed})
    if "byline" in changed:
        sync_byline_credits(article, blocks)
    return changed
