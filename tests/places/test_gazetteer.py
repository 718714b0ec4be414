"""The regions loaded by migration 0004: Zhejiang as it is today, with short names and slugs."""

import pytest

from articles.models import Region

pytestmark = pytest.mark.django_db


def test_province_has_eleven_cities_and_ninety_counties():
    province = Region.objects.get(code="330000")
    assert province.name == "浙江省" and province.level == "province" and province.parent is None
    cities = Region.objects.filter(parent=province, level="city")
    assert cities.count() == 11
    assert {c.short_name for c in cities} == {"杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水"}
    assert Region.objects.filter(level="county", parent__in=cities).count() == 90


@pytest.mark.parametrize("code, name, city", [
    ("330113", "临平区", "杭州市"), ("330114", "钱塘区", "杭州市"), ("330112", "临安区", "杭州市"),
    ("330383", "龙港市", "温州市"), ("330213", "奉化区", "宁波市"),
])
def test_recent_changes_are_in(code, name, city):
    region = Region.objects.get(code=code)
    assert (region.name, region.parent.name) == (name, city)


@pytest.mark.parametrize("gone", ["江干区", "下城区", "临安市", "奉化市"])
def test_abolished_divisions_are_gone(gone):
    assert not Region.objects.filter(name=gone).exists()


@pytest.mark.parametrize("name, short", [
    ("义乌市", "义乌"), ("吴兴区", "吴兴"), ("德清县", "德清"), ("景宁畲族自治县", "景宁"), ("临安区", "临安"),
])
def test_short_names(name, short):
    assert Region.objects.get(name=name, level="county").short_name == short


def test_towns_hang_under_their_current_county():
    qiaosi = Region.objects.get(name="乔司街道")  # moved from 余杭区 to 临平区 in 2021
    assert qiaosi.level == "town" and qiaosi.parent.name == "临平区"
    assert Region.objects.get(name="高虹镇").parent.name == "临安区"
    assert Region.objects.filter(level="town").count() > 1300
    assert not Region.objects.filter(level="town", name="开发区").exists()


def test_slugs_are_pinyin_and_unique():
    assert Region.objects.get(name="德清县").slug == "deqing"
    assert Region.objects.get(name="乐清市").slug == "yueqing"
    assert Region.objects.get(name="杭州市").get_absolute_url() == "/regions/hangzhou/"
    slugs = list(Region.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
    # A town name used twice in the province takes its county's slug as a prefix.
    chengnan = Region.objects.filter(name="城南街道").order_by("code")
    assert chengnan.count() > 1
    assert any(r.slug.startswith(f"{r.parent.slug}-") for r in chengnan)
