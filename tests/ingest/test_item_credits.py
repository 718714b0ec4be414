"""Credits closing an item — authors in brackets, photo credit lines — are credits, never titles,
and the names get the roles the paper prints (made-up page)."""

import pytest

from articles.ingest.bylines import credits_in
from articles.models import BlockKind, CreditRole

from .helpers import credits_of, read_page

pytestmark = pytest.mark.django_db
R, C, P = CreditRole.REPORTER, CreditRole.CORRESPONDENT, CreditRole.PHOTOGRAPHER

PAGE = """象山渔嫂学电商

石浦镇工会联合电商协会开设直播培训班，40余名渔嫂学会了拍短视频、开网店，把海鲜干货卖到了全国。（王乾鹏 凌婷）

环卫工人有了爱心早餐

每天清晨五点半，椒江区的12家早餐店为环卫工人免费提供热粥和包子，这项活动已经坚持了三年。

（陆晓晨）

工地上的“流动课堂”

本报讯 记者冯一帆 通讯员蒋丽摄影报道 近日，某建工集团工会把安全培训课搬进了项目工地，工人们在休息时就能听课答题。

毛朝阳、姚磊 摄影报道
"""


def test_bracketed_authors_and_credit_lines_are_credits():
    draft = read_page(PAGE)
    assert [a.headline for a in draft.articles] == ["象山渔嫂学电商", "环卫工人有了爱心早餐", "工地上的“流动课堂”"]
    kinds = {p.text: p.kind for p in draft.pieces}
    assert kinds["（王乾鹏 凌婷）"] == kinds["（陆晓晨）"] == kinds["毛朝阳、姚磊 摄影报道"] == BlockKind.CREDIT
    assert credits_of(draft.articles[0]) == [("王乾鹏", R), ("凌婷", R)]
    assert credits_of(draft.articles[1]) == [("陆晓晨", R)]


def test_photo_report_covers_every_name_before_it():
    article = read_page(PAGE).articles[2]
    assert credits_of(article) == [("冯一帆", R), ("冯一帆", P), ("蒋丽", C), ("蒋丽", P), ("毛朝阳", P), ("姚磊", P)]
    assert credits_in("记者甲乙 通讯员丙丁摄影报道") == [("甲乙", R), ("甲乙", P), ("丙丁", C), ("丙丁", P)]
    assert credits_in("记者甲乙摄影 通讯员丙丁报道") == [("甲乙", R), ("甲乙", P), ("丙丁", C)]
