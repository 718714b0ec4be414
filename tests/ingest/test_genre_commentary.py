"""Commentary: a title, an author line (■ X or 文/X), paragraphs, no 本报讯; a genre label (短评)
over a title is a column label, not the headline (made-up page)."""

import pytest

from articles.models import BlockKind, CreditRole

from .helpers import credits_of, read_page, titles_of

pytestmark = pytest.mark.django_db

PAGE = """让技能人才“有里子也有面子”

■ 陈思远

技能人才是制造业的脊梁。近年来，各地工会通过劳动竞赛、技能比武等方式，让一大批能工巧匠脱颖而出，走上了领奖台。

但也要看到，一些企业对技能人才仍是“重使用、轻培养”，薪酬待遇和职业发展通道还有不少短板。

让技能人才有里子，就要把技能等级和收入挂起钩来；让他们有面子，就要在评先评优中给他们更多位置。

短评

安全生产容不得半点松懈

文/林雨桐

入夏以来，高温作业增多，一些工地的防暑措施却流于形式。安全生产没有“小事”，再小的疏忽都可能酿成大祸。

企业要把责任落到班组、落到岗位，工会也要把监督做在平时。
"""


def test_each_commentary_is_an_article_with_its_author():
    draft = read_page(PAGE)
    assert titles_of(draft) == [("", "让技能人才“有里子也有面子”", ""), ("", "安全生产容不得半点松懈", "")]
    assert credits_of(draft.articles[0]) == [("陈思远", CreditRole.REPORTER)]
    assert credits_of(draft.articles[1]) == [("林雨桐", CreditRole.REPORTER)]


def test_genre_label_is_a_column_label():
    draft = read_page(PAGE)
    assert draft.articles[1].column_label == "短评"
    assert [p.kind for p in draft.pieces if p.text == "短评"] == [BlockKind.COLUMN_LABEL]


def test_author_line_is_a_byline_not_a_title():
    draft = read_page(PAGE)
    assert [p.kind for p in draft.pieces if p.text in ("■ 陈思远", "文/林雨桐")] == [BlockKind.BYLINE] * 2
