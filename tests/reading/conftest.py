"""Fixtures for the reading pages: the seeded archive (tests/conftest.py) plus one article built
here with every kind of block, so that markup can be checked exactly, whatever the importer does."""

from __future__ import annotations

import pytest
from django.db.models import Max

from articles.models import (Article, ArticleRegion, ArticleTopic, Block, Credit, CreditStatus, Flag,
                             Page, Person, Region, Topic)


def add_block(article: Article, kind: str, text: str, **fields) -> Block:
    """Append a block to an article (and to the end of its page's reading order)."""
    page = article.page
    seq = (Block.objects.filter(page=page).aggregate(m=Max("seq"))["m"] or 0) + 1
    position = (Block.objects.filter(article=article).aggregate(m=Max("position"))["m"] or 0) + 1
    return Block.objects.create(page=page, seq=seq, article=article, position=position, kind=kind, text=text,
                                source_text=text, line_start=seq, line_end=seq, **fields)


def credit(article: Article, name: str, slug: str, role: str, order: int,
           status: str = CreditStatus.PUBLISHED) -> Credit:
    person, _ = Person.objects.get_or_create(slug=slug, defaults={"name": name})
    return Credit.objects.create(article=article, person=person, role=role, printed_name=name,
                                 order=order, status=status)


@pytest.fixture
def seeded_page(db) -> Page:
    """The seeded page with the most articles."""
    page = max(Page.objects.select_related("issue"), key=lambda p: p.articles.count(), default=None)
    assert page is not None, "the seeded archive has no pages (is import_pages there?)"
    return page


@pytest.fixture
def sample_article(seeded_page) -> Article:
    """An article with a full title group, every kind of block, credits, places, topics and a flag,
    appended at the end of a seeded page."""
    last = seeded_page.articles.aggregate(m=Max("order"))["m"] or 0
    article = Article.objects.create(
        page=seeded_page, order=last + 1, kicker="测试引题行", headline="测试主题：职工书屋开到车间",
        subtitle="测试副题：三千职工受益", column_label="测试栏目", byline="本报讯 记者甲乙丙 通讯员丁戊报道",
        slug="ce-shi-zhu-ti",
    )
    for kind, text in (("kicker", article.kicker), ("headline", article.headline), ("subtitle", article.subtitle)):
        add_block(article, kind, text)
    add_block(article, "byline", "本报讯 记者甲乙丙 通讯员丁戊报道")
    add_block(article, "body", "第一段正文：职工书屋开进了车间。")
    add_block(article, "subhead", "书香进车间")
    add_block(article, "body", "第二段正文：每月更新图书。")
    add_block(article, "body", "重复的段落不应显示。", hidden=True)
    add_block(article, "caption", "职工在书屋里读书。", after_image_gap=True)
    add_block(article, "credit", "通讯员丁戊 摄")
    credit(article, "甲乙丙", "test-jia-yibing", "reporter", 0)
    credit(article, "丁戊", "test-ding-wu", "correspondent", 1)
    credit(article, "未审核", "test-wei-shenhe", "correspondent", 2, status=CreditStatus.SUGGESTED)
    credit(article, "己庚", "test-ji-geng", "mentioned", 3)
    region = Region.objects.filter(level="county").order_by("code").first()
    if region is not None:
        ArticleRegion.objects.create(article=article, region=region)
    topic = Topic.objects.create(slug="test-zhigong-shuwu", name="测试专题职工书屋")
    ArticleTopic.objects.create(article=article, topic=topic, is_primary=True, score=1.0)
    Flag.objects.create(code="truncated", page=seeded_page, article=article, message="测试")
    return article
