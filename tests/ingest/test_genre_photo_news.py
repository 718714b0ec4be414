"""Photo news: a short title, one paragraph, a closing credit, then the next item — each its own
article, the credit's names with the roles the paper prints (made-up page in the seeds' style)."""

import pytest

from articles.models import CreditRole

from .helpers import credits_of, read_page

pytestmark = pytest.mark.django_db
R, C, P = CreditRole.REPORTER, CreditRole.CORRESPONDENT, CreditRole.PHOTOGRAPHER

PAGE = """

职工运动会开幕

本报讯 记者周明远报道 近日，安吉县第五届职工运动会在县体育中心开幕，来自全县58家企业的1200余名职工参加比赛。

本届运动会设拔河、跳绳、三人篮球等12个项目，赛期持续两周。

巧手剪出新年味

岁末年初，长兴县一家纺织企业的女职工在车间休息区学剪窗花，一张张红纸在指尖翻飞，引来工友们围观。

通讯员沈晓丽 摄

清凉送到工地上

连日高温，嵊州市总工会工作人员把绿豆汤、防暑药品送到城北安置房建设工地，为一线建筑工人消暑降温。

记者钱立平 摄影报道

夜校里的“充电”时光

入冬以来，不少职工下班后走进职工夜校，学习插花、短视频剪辑等课程，夜校里常常座无虚席。

方海燕 摄
"""


def test_each_photo_story_is_its_own_article_with_its_headline():
    draft = read_page(PAGE)
    assert [a.headline for a in draft.articles] == ["职工运动会开幕", "巧手剪出新年味", "清凉送到工地上",
                                                    "夜校里的“充电”时光"]


def test_closing_credits_give_the_printed_roles():
    articles = read_page(PAGE).articles
    assert credits_of(articles[1]) == [("沈晓丽", C), ("沈晓丽", P)]  # 通讯员X 摄: both roles
    assert credits_of(articles[2]) == [("钱立平", R), ("钱立平", P)]  # 记者X 摄影报道
    assert credits_of(articles[3]) == [("方海燕", P)]  # X 摄
    assert articles[1].byline == "通讯员沈晓丽 摄"


def test_the_decision_names_the_credit_before_the_next_title():
    draft = read_page(PAGE)
    opener = next(p for p in draft.pieces if p.text == "清凉送到工地上")
    assert opener.decision["boundary"] == "new_article"
    assert "前有署名" in opener.decision["summary"]
