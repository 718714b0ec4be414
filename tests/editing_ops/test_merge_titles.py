"""Merging keeps the first article's title group: the second's title lines become inner subheads
(one may then be made the subtitle), never words glued onto the headline."""

from articles.editing import merge_articles, set_block_kind
from articles.models import ArticleStatus, BlockKind

from .helpers import articles_of, version

PAGE = [
    [("kicker", "守护劳动者“舌尖安全”"), ("headline", "余姚工会食堂评议会开进车间"), ("body", "记者走进车间食堂。")],
    [("headline", "职工点菜单每月更新"), ("subtitle", "评议结果张榜公布"), ("body", "菜单由职工代表投票。")],
]


def test_merge_keeps_the_first_title_group_and_demotes_the_second(make_page, editor):
    page = make_page(PAGE)
    first, second = articles_of(page)
    revision = merge_articles(first, "next", user=editor, expected_version=version(page))
    first.refresh_from_db()
    assert first.kicker == "守护劳动者“舌尖安全”"
    assert first.headline == "余姚工会食堂评议会开进车间"
    assert first.subtitle == ""
    kinds = dict(first.blocks.values_list("text", "kind"))
    assert kinds["职工点菜单每月更新"] == BlockKind.SUBHEAD
    assert kinds["评议结果张榜公布"] == BlockKind.SUBHEAD
    assert "小标题" in revision.summary
    # The editor may then offer one of them as the subtitle: one kind change, nothing else.
    line = first.blocks.get(text="职工点菜单每月更新")
    set_block_kind(line, BlockKind.SUBTITLE, user=editor, expected_version=version(page))
    first.refresh_from_db()
    assert first.headline == "余姚工会食堂评议会开进车间" and first.subtitle == "职工点菜单每月更新"


def test_merge_with_a_headless_fragment_keeps_the_other_title(make_page, editor):
    page = make_page([[("body", "上接第一版的半句话。")], PAGE[1]])
    fragment, story = articles_of(page)
    merge_articles(fragment, "next", user=editor, expected_version=version(page))
    fragment.refresh_from_db()
    assert fragment.headline == "职工点菜单每月更新" and fragment.subtitle == "评议结果张榜公布"


def test_merge_marks_only_the_merged_article_corrected(make_page, editor):
    page = make_page(PAGE + [[("headline", "第三篇不动"), ("body", "正文。")]])
    first, _second, third = articles_of(page)
    merge_articles(first, "next", user=editor, expected_version=version(page))
    first.refresh_from_db()
    third.refresh_from_db()
    assert first.status == ArticleStatus.CORRECTED
    assert third.status == ArticleStatus.AUTOMATIC
