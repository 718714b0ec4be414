"""An article page: what a reader must see, in the right order and markup."""

import re

from django.urls import reverse
from django.utils.html import escape

from articles.models import Article, ArticleRegion, Issue, Page
from articles.text.punctuation import display_text


def body_of(html: str) -> str:
    return html[html.index('<div class="article-body">'):html.index('<footer class="article-footer">')]


def test_every_seeded_article_page_shows_its_headline(client, db):
    """…as printed, with full-width punctuation between Chinese text (服务送上门! → 服务送上门！)."""
    for article in Article.objects.all():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, article.get_absolute_url()
        assert f'<h1 class="headline" id="article-title">{escape(display_text(article.headline or "（无题）"))}</h1>' in \
            response.content.decode()


def test_title_group_is_kicker_headline_subtitle_with_column_label_first(client, sample_article):
    html = client.get(sample_article.get_absolute_url()).content.decode()
    header = html[html.index('<header class="article-header">'):html.index('<div class="article-body">')]
    order = [header.index(s) for s in ('<p class="column-label">测试栏目</p>', '<p class="kicker">测试引题行</p>',
                                       '<h1 class="headline" id="article-title">测试主题：职工书屋开到车间</h1>',
                                       '<p class="subtitle">测试副题：三千职工受益</p>')]
    assert order == sorted(order)
    assert "<hgroup" in header


def test_byline_links_each_published_credit_only(client, sample_article):
    html = client.get(sample_article.get_absolute_url()).content.decode()
    byline = re.search(r'<p class="byline">(.*?)</p>', html, re.S).group(1)
    assert f'<span class="role">记者</span> <a href="{reverse("person_detail", args=["test-jia-yibing"])}">甲乙丙</a>' \
        in byline
    assert f'<span class="role">通讯员</span> <a href="{reverse("person_detail", args=["test-ding-wu"])}">丁戊</a>' \
        in byline
    assert "未审核" not in html  # a suggested credit is neither shown nor linked
    # People in the news are listed apart, not as authors.
    assert "己庚" not in byline
    assert f'href="{reverse("person_detail", args=["test-ji-geng"])}">己庚</a>' in html


def test_text_in_order_with_run_in_byline_subhead_and_caption(client, sample_article):
    body = body_of(client.get(sample_article.get_absolute_url()).content.decode())
    pieces = ['<span class="run-in-byline">本报讯 记者甲乙丙 通讯员丁戊报道</span> 第一段正文：职工书屋开进了车间。',
              '<h2 class="subhead">书香进车间</h2>',
              "<p>第二段正文：每月更新图书。</p>",
              "<figcaption>职工在书屋里读书。</figcaption>",
              '<p class="photo-credit">通讯员丁戊 摄</p>']
    positions = [body.index(p) for p in pieces]
    assert positions == sorted(positions)
    assert '<figure class="photo-caption">' in body
    assert "测试主题" not in body  # title lines are in the title group, not repeated in the text


def test_hidden_blocks_are_not_shown(client, sample_article):
    assert "重复的段落不应显示。" not in client.get(sample_article.get_absolute_url()).content.decode()


def test_place_topic_and_date_are_linked(client, sample_article):
    html = client.get(sample_article.get_absolute_url()).content.decode()
    tag = ArticleRegion.objects.filter(article=sample_article).select_related("region").first()
    if tag is not None:
        assert f'<a href="{tag.region.get_absolute_url()}">{tag.region.name}</a>' in html
    assert f'<a href="{reverse("topic_detail", args=["test-zhigong-shuwu"])}">测试专题职工书屋</a>' in html
    page, issue = sample_article.page, sample_article.page.issue
    assert f'<a href="{issue.get_absolute_url()}"><time datetime="{issue.date:%Y-%m-%d}">' in html
    estimated = "（估）" if page.number_is_estimated else ""
    assert f'<a href="{page.get_absolute_url()}">第{page.number}版{estimated}' in html


def test_estimated_date_is_marked(client, sample_article):
    issue = sample_article.page.issue
    Issue.objects.filter(pk=issue.pk).update(date_is_estimated=True)
    html = client.get(sample_article.get_absolute_url()).content.decode()
    assert f"{issue.date.year}年{issue.date.month}月{issue.date.day}日（估）" in html
    assert f"[{issue.date:%Y-%m-%d}]" in html  # in the citation line too


def test_rejected_place_tags_are_not_shown(client, sample_article):
    tags = ArticleRegion.objects.filter(article=sample_article).select_related("region")
    if not tags:
        return
    tags.update(rejected=True)
    html = client.get(sample_article.get_absolute_url()).content.decode()
    assert f'href="{tags[0].region.get_absolute_url()}"' not in html


def test_previous_and_next_article_on_the_page(client, seeded_page):
    articles = list(seeded_page.articles.order_by("order"))
    assert len(articles) >= 3
    middle = articles[1]
    html = client.get(middle.get_absolute_url()).content.decode()
    assert f'<a rel="prev" href="{articles[0].get_absolute_url()}">' in html
    assert f'<a rel="next" href="{articles[2].get_absolute_url()}">' in html
    assert f'<link rel="next" href="{articles[2].get_absolute_url()}">' in html  # ← → keys follow these
    assert f'href="{seeded_page.get_absolute_url()}"><span class="pager-label">返回本版' in html


def test_article_sequence_turns_the_page_at_the_ends(client, seeded_page):
    """The last article of a page leads to the first article of the next page of the issue, and
    back; the issue's very first article has no previous one."""
    issue = seeded_page.issue
    last = seeded_page.articles.order_by("-order").first()
    first_of_page_two = Article.objects.create(page=Page.objects.create(
        issue=issue, number=seeded_page.number + 1, name="测试版"), order=1, headline="第二版头条", slug="di-er-ban")
    html = client.get(last.get_absolute_url()).content.decode()
    assert f'<a rel="next" href="{first_of_page_two.get_absolute_url()}"><span class="pager-label">下一版' in html
    back = client.get(first_of_page_two.get_absolute_url()).content.decode()
    assert f'<a rel="prev" href="{last.get_absolute_url()}"><span class="pager-label">← 上一版' in back
    first = Article.objects.filter(page__issue=issue).order_by("page__number", "order").first()
    if not Page.objects.filter(issue=issue, number__lt=first.page.number).exists():
        assert 'rel="prev"' not in client.get(first.get_absolute_url()).content.decode()


def test_citation_and_permalink(client, sample_article):
    html = client.get(sample_article.get_absolute_url()).content.decode()
    page, issue = sample_article.page, sample_article.page.issue
    date = f"[{issue.date:%Y-%m-%d}]" if issue.date_is_estimated else f"{issue.date:%Y-%m-%d}"
    number = f"[{page.number}]" if page.number_is_estimated else str(page.number)
    expected = f"甲乙丙, 丁戊. 测试主题：职工书屋开到车间: 测试副题：三千职工受益[N]. {issue.newspaper.name}, {date}({number})."
    assert f'<p class="citation" id="citation-text">{expected}</p>' in html
    assert f'http://testserver/articles/{sample_article.pk}/' in html


def test_seeded_citation_names_the_reporter(client, db):
    article = Article.objects.filter(headline__contains="德清工会推动审计服务").first()
    assert article is not None
    html = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r'<p class="citation" id="citation-text">寿慧桢\. 德清工会推动审计服务“零距离”\[N\]\. 浙江工人日报, \[?\d{4}-\d\d-\d\d\]?\(\[?\d+\]?\)\.</p>',
                     html)


def test_extension_block_for_other_helpers_is_inside_the_article_footer(db):
    from django.template.loader import get_template
    source = get_template("articles/article_detail.html").template.source
    assert "{% block article_extras %}" in source


def test_head_has_canonical_url_description_and_open_graph(client, sample_article):
    html = client.get(sample_article.get_absolute_url()).content.decode()
    head = html[:html.index("</head>")]
    canonical = f"http://testserver{sample_article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in head
    assert f'<meta property="og:url" content="{canonical}">' in head
    assert '<meta property="og:title" content="测试主题：职工书屋开到车间">' in head
    assert "第一段正文：职工书屋开进了车间。" in head  # the description is the lead


def test_reviewed_articles_say_so(client, sample_article):
    assert "已审核</span>" not in client.get(sample_article.get_absolute_url()).content.decode()
    Article.objects.filter(pk=sample_article.pk).update(status="reviewed")
    assert '<span class="badge badge-ok"' in client.get(sample_article.get_absolute_url()).content.decode()
