"""Continuation markers are not titles; the link between pages is kept on the article. A page
that starts in the middle of an article continued from another page (made-up page)."""

import pytest
from django.core.management import call_command

from articles.models import Article, BlockKind, FlagCode

from .helpers import read_page

pytestmark = pytest.mark.django_db

PAGE = """（上接第1版）在推进过程中，该市还建立了劳模工匠“揭榜挂帅”机制，由企业出题、劳模工匠答题。

截至目前，已有30余项攻关成果在生产一线落地，为企业节约成本2000余万元。

稳就业 暖民心

拱墅区总工会举办春风行动专场招聘会

本报讯 记者陶文静 通讯员章一鸣报道 近日，拱墅区总工会联合区人力社保局举办春风行动专场招聘会，60余家企业提供岗位2000余个，吸引了

（下转第4版）

技能比武展风采

本报讯 记者陶文静报道 日前，临海市第二届电工技能比武举行，30名选手同台竞技，比赛分理论和实操两部分，最终决出一等奖3名。(下转第3版)
"""


def test_markers_are_jump_blocks_not_titles():
    draft = read_page(PAGE)
    jumps = [p for p in draft.pieces if p.kind == BlockKind.JUMP]
    assert [(p.text, p.jump_page) for p in jumps] == [("（上接第1版）", 1), ("（下转第4版）", 4), ("(下转第3版)", 3)]
    assert [a.headline for a in draft.articles] == ["", "稳就业 暖民心", "技能比武展风采"]


def test_the_page_starts_mid_article_and_records_both_links():
    draft = read_page(PAGE)
    first, second, third = draft.articles
    assert first.continued_from == 1 and first.headline == ""
    assert any(code == FlagCode.ORPHAN for code, _ in first.flags)
    assert (second.continued_to, third.continued_to) == (4, 3)
    body = next(p for p in draft.pieces if p.article == 0 and p.kind == BlockKind.BODY)
    assert body.text.startswith("在推进过程中")


def test_links_are_saved_on_the_articles(tmp_path):
    (tmp_path / "960_jumps.txt").write_text(PAGE, encoding="utf-8")
    call_command("import_pages", str(tmp_path), verbosity=0)
    saved = list(Article.objects.filter(page__source_name="960_jumps.txt").order_by("order")
                 .values_list("continued_from", "continued_to"))
    assert saved == [(1, None), (None, 4), (None, 3)]
