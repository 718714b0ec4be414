"""Page 001 as SEEDS.md describes it, repaired with the editing operations only, then undone.

On the printed page the 宁波海建 story's byline and lead (L139) stand under the 临平 story's titles
(L134–137), four paragraphs are printed twice (L126=L141 … L132=L147) and L118 “四梁八柱”。 is the
orphaned end of L128. The importer keeps all of it (second copies hidden as duplicates). An editor
fixes it step by step: split the 临平 article before the byline; gather the 宁波 story in reading
order; put the 临平 titles before the 临平 paragraphs and merge what is left; join the orphan onto
the end of L128; flag the 临平 story as missing its lead. Then every step is undone, newest first, and the page is exactly as imported.
"""

import pytest

from articles.editing import (
    add_flag,
    gather_blocks,
    join_with_previous,
    merge_articles,
    reorder_articles,
    split_article,
    undo,
)
from articles.editing.snapshots import page_snapshot
from articles.models import Article, ArticleRegion, Block, BlockKind, Credit, CreditRole, Flag, FlagCode, Page

from .helpers import snapshot_diff, texts


@pytest.fixture
def page001(db):
    return Page.objects.get(source_name__startswith="001_")


def at(page, line: int, kind: str | None = None) -> Block:
    """The block of ``page`` that starts at source line ``line`` (L139 holds a byline and a lead)."""
    blocks = Block.objects.filter(page=page, line_start=line)
    if kind:
        blocks = blocks.filter(kind=kind)
    (block,) = blocks
    return block


def current_version(page) -> int:
    return Page.objects.values_list("version", flat=True).get(pk=page.pk)


def byline_credits(article) -> set[tuple[str, str]]:
    roles = (CreditRole.REPORTER, CreditRole.CORRESPONDENT, CreditRole.PHOTOGRAPHER)
    return {(c.person.name, c.role) for c in Credit.objects.filter(article=article, role__in=roles)
            .exclude(status="rejected").select_related("person")}


def test_repair_page_001_and_undo_it_step_by_step(page001, editor):
    page = page001
    imported = page_snapshot(page.pk)
    block_texts = sorted(Block.objects.filter(page=page).values_list("pk", "text"))
    ningbo_source = at(page, 115).article  # the importer's 宁波 article: titles, orphan, first copies
    linping = at(page, 134).article  # the importer's 临平 article: titles, then 宁波's byline and lead
    assert at(page, 139, BlockKind.BYLINE).article_id == linping.pk
    assert ("张浩星", CreditRole.REPORTER) in byline_credits(linping)
    steps = []

    # 1. The 临平 article ends before the byline that belongs to the 宁波 story.
    steps.append(split_article(at(page, 139, BlockKind.BYLINE), user=editor, expected_version=current_version(page)))
    moved = at(page, 139, BlockKind.BYLINE).article

    # 2. The 宁波 story in reading order: titles, byline, lead, the two paragraphs printed before the
    #    byline (with their hidden second copies), the orphan that ends L128, then the rest.
    story = [at(page, 113), at(page, 115), at(page, 139, BlockKind.BYLINE), at(page, 139, BlockKind.BODY),
             at(page, 126), at(page, 141), at(page, 128), at(page, 143), at(page, 118),
             at(page, 120), at(page, 122), at(page, 124)]
    steps.append(gather_blocks(story, user=editor, expected_version=current_version(page)))
    ningbo = at(page, 115).article

    # 3. 临平's own paragraphs (L130, L132; their copies L145, L147) go under the 临平 titles.
    order = [a.pk for a in Article.objects.filter(page=page).order_by("order")]
    rest = [pk for pk in order if pk not in (linping.pk, ningbo_source.pk, moved.pk)]
    at_ningbo = rest.index(ningbo.pk) + 1
    wanted = rest[:at_ningbo] + [linping.pk, ningbo_source.pk, moved.pk] + rest[at_ningbo:]
    steps.append(reorder_articles(page, wanted, user=editor, expected_version=current_version(page)))
    steps.append(merge_articles(linping, "next", user=editor, expected_version=current_version(page)))
    steps.append(merge_articles(linping, "next", user=editor, expected_version=current_version(page)))

    # 4. The orphan is the end of L128's sentence: join it on (kept, hidden, pointing at L128).
    steps.append(join_with_previous(at(page, 118), user=editor, expected_version=current_version(page)))

    # 5. The 临平 story's lead is lost on this page: say so.
    steps.append(add_flag(linping, FlagCode.MISSING_LEAD, "导语在版面上缺失", user=editor,
                          expected_version=current_version(page)))

    ningbo.refresh_from_db()
    linping.refresh_from_db()
    assert texts(ningbo) == [
        "匠心传承释放出 “集群效应”",
        "宁波海建工会“新型带徒制”搭建成才“快车道”",
        "本报讯 记者张浩星 通讯员李娟报道",
        at(page, 139, BlockKind.BODY).text,
        at(page, 126).text,
        at(page, 128).original_text + "“四梁八柱”。",
        at(page, 120).text, at(page, 122).text, at(page, 124).text,
    ]
    assert texts(ningbo)[3].startswith("“名师出高徒”")
    assert texts(ningbo)[5].endswith("构筑起“新型带徒制”工作的“四梁八柱”。")
    orphan = at(page, 118)
    assert orphan.hidden and orphan.duplicate_of_id == at(page, 128).pk and orphan.article_id == ningbo.pk
    assert ningbo.subtitle == "宁波海建工会“新型带徒制”搭建成才“快车道”"
    assert ningbo.byline == "本报讯 记者张浩星 通讯员李娟报道"
    assert byline_credits(ningbo) == {("张浩星", CreditRole.REPORTER), ("李娟", CreditRole.CORRESPONDENT)}
    assert not byline_credits(linping) & byline_credits(ningbo)
    # Places follow the text (enrichment re-runs on the articles whose blocks changed).
    assert ArticleRegion.objects.filter(article=ningbo, rejected=False, region__name__startswith="宁波").exists()
    assert ArticleRegion.objects.filter(article=linping, rejected=False, region__name__contains="临平").exists()

    assert texts(linping) == [at(page, 134).text, at(page, 136).text, at(page, 130).text, at(page, 132).text]
    assert texts(linping)[2].startswith("会”平台") and texts(linping)[3].startswith("据了解，临平")
    assert linping.subtitle.startswith("杭州临平区总工会") and linping.byline == ""
    assert Flag.objects.filter(article=linping, code=FlagCode.MISSING_LEAD, resolved_at__isnull=True).exists()

    # The repeats are kept, hidden, each pointing at the copy readers see.
    for copy, original in ((141, 126), (143, 128), (145, 130), (147, 132)):
        block = at(page, copy)
        assert block.hidden and block.duplicate_of_id == at(page, original).pk
        assert block.article_id == at(page, original).article_id
    # Nothing lost: every block is still there with its text (L128's import text kept in
    # original_text); the articles left empty are gone.
    now = {pk: (text, original) for pk, text, original in Block.objects.filter(page=page).values_list(
        "pk", "text", "original_text")}
    assert sorted((pk, original or text) for pk, (text, original) in now.items()) == block_texts
    assert not Article.objects.filter(pk__in=[ningbo_source.pk, moved.pk]).exists()

    # Undo everything, newest first: the page is exactly as imported.
    for revision in reversed(steps):
        undo(revision, user=editor, expected_version=current_version(page))
    assert snapshot_diff(page_snapshot(page.pk), imported) == []
    assert page_snapshot(page.pk) == imported
