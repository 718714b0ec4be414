"""Citing an article anywhere: RIS, BibTeX and CSL-JSON downloads that real parsers read back, and
the meta tags Zotero's connector and Google Scholar read from the article page."""

from __future__ import annotations

import html as html_lib
import json
import re

import bibtexparser
import rispy
from django.urls import reverse

from articles.models import Article, CreditRole, CreditStatus


def authors_of(article: Article) -> list[str]:
    """Published reporters, then correspondents, in print order (the GB/T 7714 rule)."""
    names: list[str] = []
    for role in (CreditRole.REPORTER, CreditRole.CORRESPONDENT):
        for credit in article.credits.filter(role=role, status=CreditStatus.PUBLISHED).order_by("order"):
            if credit.person.name not in names:
                names.append(credit.person.name)
    return names


def download(client, article: Article, extension: str):
    response = client.get(reverse("article_cite", args=[article.pk, extension]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response


def test_ris_export_parses_with_rispy(client, sample_article):
    text = download(client, sample_article, "ris").content.decode()
    [entry] = rispy.loads(text)
    issue = sample_article.page.issue
    assert entry["type_of_reference"] == "NEWS"
    assert entry["authors"] == authors_of(sample_article)
    assert entry["title"] == f"{sample_article.headline}：{sample_article.subtitle}"
    assert entry["secondary_title"] == issue.newspaper.name
    assert entry["date"] == issue.date.strftime("%Y/%m/%d")
    assert entry["start_page"] == str(sample_article.page.number)
    assert entry["urls"] == [f"http://testserver/articles/{sample_article.pk}/"]
    if issue.date_is_estimated:
        assert any("推断" in note for note in entry.get("notes", []))


def test_bibtex_export_parses_with_bibtexparser(client, sample_article):
    sample_article.headline = "100% 覆盖 & {括号} 的标题_测试"
    sample_article.save(update_fields=["headline"])
    text = download(client, sample_article, "bib").content.decode()
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    [entry] = library.entries
    assert entry.entry_type == "article"
    assert entry["author"] == " and ".join(authors_of(sample_article))
    assert entry["journal"] == sample_article.page.issue.newspaper.name
    assert entry["title"].startswith(r"100\% 覆盖 \& \{括号\} 的标题\_测试")  # LaTeX specials escaped
    assert entry["year"] == str(sample_article.page.issue.date.year)


def test_csl_json_export_is_a_newspaper_item(client, sample_article):
    [item] = json.loads(download(client, sample_article, "json").content)
    issue = sample_article.page.issue
    assert item["type"] == "article-newspaper"
    assert item["container-title"] == issue.newspaper.name
    assert item["issued"]["date-parts"] == [[issue.date.year, issue.date.month, issue.date.day]]
    assert [a["literal"] for a in item["author"]] == authors_of(sample_article)


def test_unknown_format_and_article_are_not_found(client, sample_article):
    assert client.get(reverse("article_cite", args=[sample_article.pk, "doc"])).status_code == 404
    assert client.get(reverse("article_cite", args=[2**62, "ris"])).status_code == 404


def test_article_page_carries_highwire_meta_and_news_article_json_ld(client, db):
    """What Zotero's connector reads to save an article in one click, checked on every seed
    article that has published authors."""
    checked = 0
    for article in Article.objects.select_related("page__issue__newspaper").order_by("pk"):
        authors = authors_of(article)
        if not authors:
            continue
        page = client.get(article.get_absolute_url()).content.decode()
        meta = {}
        for name, content in re.findall(r'<meta name="(citation_[a-z_]+|DC\.type)" content="([^"]*)">', page):
            meta.setdefault(name, []).append(html_lib.unescape(content))
        issue = article.page.issue
        assert meta["citation_title"] == [article.headline + (f"：{article.subtitle}" if article.subtitle else "")]
        assert meta["citation_author"] == authors
        assert meta["citation_publication_date"] == [issue.date.strftime("%Y/%m/%d")]
        assert meta["citation_firstpage"] == [str(article.page.number)]
        [ld_text] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        ld = json.loads(ld_text)
        assert ld["@type"] == "NewsArticle" and ld["datePublished"] == issue.date.isoformat()
        assert [a["name"] for a in ld["author"]] == authors
        checked += 1
    assert checked >= 20, "most seed articles have a byline"


def test_json_ld_cannot_close_its_script_element(client, sample_article):
    sample_article.headline = "</script><script>alert(1)</script>"
    sample_article.save(update_fields=["headline"])
    page = client.get(sample_article.get_absolute_url()).content.decode()
    [ld_text] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(ld_text)["headline"].startswith("</script>")
    assert "<script>alert(1)" not in page


def test_copy_button_and_export_links_on_the_article_page(client, sample_article):
    page = client.get(sample_article.get_absolute_url()).content.decode()
    assert 'data-copy-target="citation-text" hidden' in page  # shown by the script when it can copy
    for extension in ("ris", "bib", "json"):
        assert f'href="{reverse("article_cite", args=[sample_article.pk, extension])}" download' in page
