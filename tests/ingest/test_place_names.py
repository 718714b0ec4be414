"""The importer reads places with enrichment's place matcher: one gazetteer, the same traps avoided."""

import pytest
from django.core import checks

from articles.enrich.regions import get_matcher
from articles.ingest.places import PlaceNames
from articles.models import Region

pytestmark = pytest.mark.django_db


def code(name: str) -> str:
    return Region.objects.get(name=name).code


def test_market_is_not_jinhua_and_a_port_is_ningbo():
    places = PlaceNames.from_database()
    assert places.cities_in("金华市场价格平稳，蔬菜供应充足") == set()
    assert places.cities_in("宁波港铁路有限公司的龙门吊班") == {code("宁波市")}
    assert places.names_in("杭州临安高虹镇节能灯行业") == ["杭州", "临安", "高虹镇"]


def test_importer_and_enrichment_agree():
    places = PlaceNames.from_database()
    assert places.matcher is get_matcher()
    for text in ("西湖益联保惠及职工", "李永康在会上发言", "德清工会推动审计服务“零距离”"):
        result = get_matcher().match([(text, 1)])
        matcher_cities = {get_matcher().gaz.places[i].code for i in result.weights
                          if get_matcher().gaz.places[i].level == "city"}
        assert places.cities_in(text) == matcher_cities


def test_system_check_fails_loudly_if_jieba_internals_move(monkeypatch):
    import jieba

    from articles.ingest.checks import check_jieba_internals

    assert check_jieba_internals() == []

    class Moved:
        pass

    monkeypatch.setattr(jieba, "Tokenizer", Moved)
    assert [problem.id for problem in check_jieba_internals()] == ["articles.ingest.E001"]
    assert all(isinstance(problem, checks.Error) for problem in check_jieba_internals())
