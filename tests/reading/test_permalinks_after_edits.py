"""A permalink survives an editor's split or merge: the id of an article merged away answers with a
301 to where its text went (chains followed), undo gives the old URL its article back, the first
part of a split keeps the id, citation downloads follow, and an id that never existed is a 404.

Works on a real seed page with the editors' own operations (no hand-written redirect rows, except
for the broken-chain guard)."""

from __future__ import annotations

import html as html_lib
import re

import pytest
import rispy
from django.db.models import Max
from django.urls import reverse

from articles.editing import merge_articles, split_article, undo
from articles.models import Article, ArticleRedirect, Block, Page, Revision

from .conftest import add_block

NOTICE = "您访问的文章已被编辑合并到本文"


@pytest.fixture
def page(seeded_page) -> Page:
    return seeded_page


def version(page) -> int:
    return Page.objects.values_list("version", flat=True).get(pk=page.pk)


def articles_of(page) -> list[Article]:
    return list(Article.objects.filter(page=page).order_by("order", "pk"))


def merge_first_two(page, editor) -> tuple[Article, Article, Revision]:
    """Merge the page's first two articles; returns (kept, absorbed — as it was, revision)."""
    kept, absorbed = articles_of(page)[:2]
    revision = merge_articles(kept, "next", user=editor, expected_version=version(page))
    kept.refresh_from_db()
    return kept, absorbed, revision


def meta(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, content in re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html):
        found.setdefault(name, []).append(html_lib.unescape(content))
    return found


def test_merged_away_article_redirects_permanently_to_where_its_text_went(client, page, editor):
    absorbed_text = Block.objects.filter(article=articles_of(page)[1], hidden=False, kind="body").first().text
    kept, absorbed, _ = merge_first_two(page, editor)
    assert not Article.objects.filter(pk=absorbed.pk).exists()
    target = f"{kept.get_absolute_url()}?merged_from={absorbed.pk}"

    for old_url in (f"/articles/{absorbed.pk}/", f"/articles/{absorbed.pk}/{absorbed.slug or 'x'}/",
                    f"/articles/{absorbed.pk}/some-other-slug/"):
        response = client.get(old_url)
        assert response.status_code == 301, old_url
        assert response["Location"] == target
        # Browsers ask again each time (an undo must win at once); shared caches may keep it a while.
        assert "max-age=0" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]

    arrived = client.get(target)
    assert arrived.status_code == 200 and NOTICE in arrived.content.decode()
    plain = client.get(kept.get_absolute_url()).content.decode()
    assert NOTICE not in plain, "the plain URL, the one caches keep, never shows the notice"
    assert absorbed_text[:10] in html_lib.unescape(arrived.content.decode())  # its text is where it was sent


def test_notice_parameter_is_only_believed_when_the_id_really_leads_here(client, page, editor):
    kept, absorbed, _ = merge_first_two(page, editor)
    other = articles_of(page)[1]
    for value in (str(absorbed.pk), str(kept.pk), "abc", "١٢", str(2**70)):
        html = client.get(f"{other.get_absolute_url()}?merged_from={value}").content.decode()
        assert NOTICE not in html, value


def merge_chain(page, editor) -> tuple[Article, Article, Article, list[Revision]]:
    """Articles x, y, z (the page's first three): z is merged into y, then y into x — the earlier
    article keeps its id, so z → y → x. Returns x, y, z (as they were) and the two revisions."""
    x, y, z = articles_of(page)[:3]
    first = merge_articles(y, "next", user=editor, expected_version=version(page))
    second = merge_articles(x, "next", user=editor, expected_version=version(page))
    x.refresh_from_db()
    return x, y, z, [first, second]


def test_a_chain_of_merges_leads_to_the_last_article_in_one_step(client, page, editor):
    x, y, z, _ = merge_chain(page, editor)
    assert not Article.objects.filter(pk__in=[y.pk, z.pk]).exists()
    for old in (z.pk, y.pk):
        response = client.get(f"/articles/{old}/")
        assert response.status_code == 301
        assert response["Location"] == f"{x.get_absolute_url()}?merged_from={old}"
    assert NOTICE in client.get(f"{x.get_absolute_url()}?merged_from={z.pk}").content.decode()


def test_undoing_the_merge_gives_the_old_url_its_article_back(client, page, editor):
    kept, absorbed, revision = merge_first_two(page, editor)
    assert client.get(f"/articles/{absorbed.pk}/").status_code == 301

    undo(revision, user=editor, expected_version=version(page))

    assert not ArticleRedirect.objects.filter(old_id=absorbed.pk).exists()
    restored = Article.objects.get(pk=absorbed.pk)
    response = client.get(restored.get_absolute_url())
    assert response.status_code == 200 and response.context["article"].pk == absorbed.pk
    assert NOTICE not in client.get(f"{kept.get_absolute_url()}?merged_from={absorbed.pk}").content.decode()


def test_undoing_chained_merges_newest_first_restores_each_link(client, page, editor):
    x, y, z, (first, second) = merge_chain(page, editor)

    undo(second, user=editor, expected_version=version(page))
    y = Article.objects.get(pk=y.pk)
    assert client.get(y.get_absolute_url()).status_code == 200
    assert client.get(f"/articles/{z.pk}/")["Location"] == f"{y.get_absolute_url()}?merged_from={z.pk}"

    undo(first, user=editor, expected_version=version(page))
    z = Article.objects.get(pk=z.pk)
    assert client.get(z.get_absolute_url()).status_code == 200
    assert not ArticleRedirect.objects.filter(old_id__in=[y.pk, z.pk]).exists()


def test_split_keeps_the_permalink_of_the_first_part(client, editor, sample_article):
    page = sample_article.page
    second_part_start = Block.objects.get(article=sample_article, kind="subhead")
    split_article(second_part_start, user=editor, expected_version=version(page))

    first = Article.objects.get(pk=sample_article.pk)  # still there, under its own id
    second = Article.objects.filter(page=page, order=first.order + 1).get()
    assert second.pk != first.pk
    assert client.get(f"/articles/{first.pk}/")["Location"] == first.get_absolute_url()
    response = client.get(first.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "第一段正文" in html and "第二段正文" not in html
    tags = meta(html)
    permalink = f"http://testserver/articles/{first.pk}/"
    assert tags["citation_public_url"] == [permalink]
    assert tags["citation_title"][0].startswith(first.headline)
    assert f'<a href="{permalink}">{permalink}</a>' in html  # the 固定链接 readers copy
    assert "第二段正文" in client.get(second.get_absolute_url()).content.decode()


def test_undoing_a_split_sends_the_second_part_back_to_the_first(client, editor, sample_article):
    page = sample_article.page
    revision = split_article(Block.objects.get(article=sample_article, kind="subhead"),
                             user=editor, expected_version=version(page))
    second = Article.objects.get(page=page, order=sample_article.order + 1)
    undo(revision, user=editor, expected_version=version(page))
    response = client.get(f"/articles/{second.pk}/")
    assert response.status_code == 301 and response["Location"].startswith(f"/articles/{sample_article.pk}/")


@pytest.mark.parametrize("extension", ["ris", "bib", "json"])
def test_citation_downloads_follow_the_merge(client, page, editor, extension):
    kept, absorbed, _ = merge_first_two(page, editor)
    response = client.get(reverse("article_cite", args=[absorbed.pk, extension]))
    assert response.status_code == 301
    assert response["Location"] == reverse("article_cite", args=[kept.pk, extension])
    followed = client.get(response["Location"])
    assert followed.status_code == 200
    assert f"gongbao-{kept.pk}.{extension}" in followed["Content-Disposition"]
    if extension == "ris":
        [entry] = rispy.loads(followed.content.decode())
        assert entry["urls"] == [f"http://testserver/articles/{kept.pk}/"]


def test_ids_that_never_existed_are_the_sites_404_even_with_redirects_about(client, page, editor):
    merge_first_two(page, editor)
    never = (Article.objects.aggregate(m=Max("pk"))["m"] or 0) + 1000
    for path in (f"/articles/{never}/", f"/articles/{never}/x/", f"/articles/{never}/cite.ris"):
        response = client.get(path)
        assert response.status_code == 404, path
    assert "找不到这一页" in client.get(f"/articles/{never}/").content.decode()


def test_a_looping_chain_is_a_404_not_a_hang(client, page, editor):
    _, _, revision = merge_first_two(page, editor)
    start = (Article.objects.aggregate(m=Max("pk"))["m"] or 0) + 5000
    ArticleRedirect.objects.bulk_create([
        ArticleRedirect(old_id=start, new_id=start + 1, page=page, revision=revision),
        ArticleRedirect(old_id=start + 1, new_id=start, page=page, revision=revision),
    ])
    assert ArticleRedirect.objects.final_target(start) is None
    assert client.get(f"/articles/{start}/").status_code == 404


@pytest.mark.parametrize("merged_in", [0, 5])
def test_article_page_queries_do_not_grow_with_merged_articles(client, editor, sample_article,
                                                               django_assert_max_num_queries, merged_in):
    """The article page costs the same whether 0 or 5 articles were merged into it; arriving with
    the notice costs one query more (the redirect check), never one per merged article."""
    page = sample_article.page
    olds = []
    for n in range(merged_in):
        extra = Article.objects.create(page=page, order=sample_article.order + 1 + n, headline=f"并入测试{n}")
        add_block(extra, "body", f"并入的段落{n}。")
    for _ in range(merged_in):
        follower = Article.objects.filter(page=page, order__gt=sample_article.order).order_by("order").first()
        olds.append(follower.pk)
        merge_articles(sample_article, "next", user=editor, expected_version=version(page))
    sample_article.refresh_from_db()
    with django_assert_max_num_queries(10):
        assert client.get(sample_article.get_absolute_url()).status_code == 200
    if olds:
        with django_assert_max_num_queries(11):
            html = client.get(f"{sample_article.get_absolute_url()}?merged_from={olds[0]}").content.decode()
        assert NOTICE in html
        with django_assert_max_num_queries(6):
            assert client.get(f"/articles/{olds[-1]}/").status_code == 301
