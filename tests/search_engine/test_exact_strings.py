"""Exact strings: a quoted string finds every article whose searchable text contains it (across
jieba's word boundaries, title lines, column label, banner, byline, captions, body) and no other;
a plain term finds at least as much. Expected articles are computed from the database text."""

import random

import pytest

from articles.search.service import search

from .helpers import compact, containing, folded_texts

pytestmark = pytest.mark.django_db

# Strings readers copied from the seed pages that jieba cuts across word boundaries (issue 8).
SEED_EXAMPLES = ["流动体检车", "体检车", "刻字", "新春第一会", "么是技高", "名新就业", "式现代化浙江篇章"]


def found(q: str) -> set[int]:
    results = search(q, per_page=100, facets=False, highlight=False)
    assert results.relaxed is None, q
    return {hit.article_id for hit in results.hits}


@pytest.mark.parametrize("string", SEED_EXAMPLES)
def test_each_failing_example_finds_its_articles_plain_and_quoted(search_engine, string):
    expected = containing(compact(string))
    assert expected, f"the seeds contain {string}"
    assert found(f'"{string}"') == expected
    assert found(string) >= expected


def test_banner_is_searchable(search_engine):
    from articles.models import Article

    on_banner_pages = set(Article.objects.filter(page__banner__contains="新春第一会").values_list("pk", flat=True))
    assert on_banner_pages and on_banner_pages <= found("新春第一会")


def test_quoted_strings_have_full_recall_and_precision_on_random_runs(search_engine):
    """Runs of 1–8 characters sampled from every article's text: quoted, exactly the articles that
    contain the run; plain, at least those."""
    texts = folded_texts()
    rng = random.Random(8)
    samples = []
    for text in texts.values():
        parts = [p for p in text.split("\n") if p]
        for _ in range(3):
            part = rng.choice(parts)
            size = rng.randint(1, 8)
            if len(part) >= size:
                start = rng.randrange(len(part) - size + 1)
                samples.append(part[start : start + size])
    for string in samples:
        if _is_syntax(string):
            continue
        expected = {pk for pk, text in texts.items() if string in text}
        assert found(f'"{string}"') == expected, string
        assert found(string) >= expected, string


def test_strings_never_match_across_two_parts(search_engine):
    """The end of a headline followed by the start of the body is not a string of the article."""
    from articles.models import Article

    texts = folded_texts()
    for article in Article.objects.exclude(headline="")[:10]:
        parts = texts[article.pk].split("\n")
        across = parts[0][-2:] + parts[1][:2]
        if _is_syntax(across):
            continue
        expected = {pk for pk, text in texts.items() if across in text}
        assert found_or_empty(f'"{across}"') == expected


def _is_syntax(string: str) -> bool:
    """Quotes, brackets, bars, a leading minus or a colon are query syntax, not text to find."""
    return any(ch in string for ch in '"“”「」『』‘’\'()（）|｜:：') or string.startswith("-")


def found_or_empty(q: str) -> set[int]:
    results = search(q, per_page=100, facets=False, highlight=False)
    return set() if results.relaxed else {hit.article_id for hit in results.hits}


def test_one_character_finds_every_article_with_it(search_engine):
    texts = folded_texts()
    for char in "车会字":
        assert found(f'"{char}"') == {pk for pk, text in texts.items() if char in text}


def test_title_prefix_with_strings_and_single_characters(search_engine):
    from articles.models import Article

    titles = {pk: [compact(t) for t in lines if t]
              for pk, *lines in Article.objects.values_list("pk", "kicker", "headline", "subtitle")}
    for string in ("车", "工匠", "体检", "劳模工匠"):
        expected = {pk for pk, lines in titles.items() if any(string in line for line in lines)}
        assert found_or_empty(f'标题:"{string}"') == expected, string
        assert found_or_empty(f"标题:{string}") >= expected, string
