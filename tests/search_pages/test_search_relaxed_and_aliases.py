"""The results page says plainly what the engine did besides the query as typed: other spellings
of a person it also searched, and a relaxed search when the query found nothing."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_alias_notice(client, search_engine):
    from articles.models import PersonAlias

    alias = PersonAlias.objects.select_related("person").first()
    assert alias is not None, "enrichment records the OCR variants of the seeds as aliases"
    response = client.get(reverse("search"), {"q": alias.name})
    assert response.context["total"] > 0
    assert f"同时搜索了别名：{alias.person.name}" in response.content.decode()


def test_relaxed_to_any_term_is_said_plainly(client, search_engine):
    response = client.get(reverse("search"), {"q": "快递小哥 松阳茶王争霸不存在的词"})
    body = response.content.decode()
    assert response.context["total"] > 0
    assert "没有完全符合“快递小哥 松阳茶王争霸不存在的词”的文章，以下是包含其中部分词语的结果" in body


def test_relaxed_by_dropping_quotes_is_said_plainly(client, search_engine):
    response = client.get(reverse("search"), {"q": '"工会 快递小哥"'})
    assert response.context["total"] > 0
    assert "以下是去掉引号后的结果" in response.content.decode()


def test_exact_results_carry_no_notice(client, search_engine):
    body = client.get(reverse("search"), {"q": "流动体检车"}).content.decode()
    assert "没有完全符合" not in body and "同时搜索了别名" not in body


def test_highlight_marks_a_string_across_word_boundaries_on_the_page(client, search_engine):
    body = client.get(reverse("search"), {"q": '"体检车"'}).content.decode()
    assert "<mark>体检车</mark>" in body


def test_json_reports_relaxation_and_aliases(client, search_engine):
    data = client.get(reverse("search_json"), {"q": "快递小哥 松阳茶王争霸不存在的词"}).json()
    assert data["relaxed"] == "any" and data["total"] > 0
    assert client.get(reverse("search_json"), {"q": "快递小哥"}).json()["relaxed"] is None


def test_relaxed_search_leaves_out_lone_characters_cut_from_a_longer_term(client, search_engine):
    # 工会小黄人 (a mascot no article names) is cut 工会/小/黄人: the relaxed search looks for the
    # words, and 小 alone (in many titles) must not put articles without 工会 first.
    from articles.search.query import parse_query

    assert [c.text for c in parse_query("工会小黄人").any_term().positive_clauses()] == ["工会", "黄人"]
    from tests.search_engine.helpers import containing

    data = client.get(reverse("search_json"), {"q": "工会小黄人"}).json()
    assert data["relaxed"] == "any" and data["total"] == len(containing("工会") | containing("黄人"))
