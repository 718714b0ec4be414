"""A person's page tells who they are at a glance: years active, co-authors, places and topics."""

from __future__ import annotations

from collections import Counter

import pytest

from articles.models import ArticleRegion, ArticleTopic, Credit, Person
from articles.models.choices import CreditRole, CreditStatus
from articles.views.person_profile import person_profile

pytestmark = pytest.mark.django_db


def busiest_reporter() -> Person:
    counts = Counter(Credit.objects.filter(role=CreditRole.REPORTER, status=CreditStatus.PUBLISHED)
                     .values_list("person_id", flat=True))
    return Person.objects.get(pk=counts.most_common(1)[0][0])


def test_profile_counts_come_from_the_persons_published_credits():
    person = busiest_reporter()
    credits = Credit.objects.filter(person=person, status=CreditStatus.PUBLISHED).select_related("article__page__issue")
    article_ids = {c.article_id for c in credits}
    dates = sorted(c.article.page.issue.date for c in credits)
    profile = person_profile(person)
    assert (profile.first_date, profile.last_date) == (dates[0], dates[-1])
    assert dict(profile.years) == dict(Counter(
        d.year for d in {c.article_id: c.article.page.issue.date for c in credits}.values()))

    co = Counter()
    for credit in Credit.objects.filter(article_id__in=article_ids, status=CreditStatus.PUBLISHED,
                                        role__in=[CreditRole.REPORTER, CreditRole.CORRESPONDENT,
                                                  CreditRole.PHOTOGRAPHER]).exclude(person=person):
        co[(credit.person_id, credit.article_id)] = 1
    expected_co = Counter(person_id for person_id, _ in co)
    assert {p.pk: n for p, n in profile.co_authors} == dict(expected_co.most_common(10)) or \
        len(expected_co) > 10
    places = Counter(tag.region_id for tag in ArticleRegion.objects.filter(
        article_id__in=article_ids, rejected=False, region__level__in=["city", "county"]))
    assert {r.pk: n for r, n in profile.places} == dict(places) or len(places) > 8
    topics = Counter(tag.topic_id for tag in ArticleTopic.objects.filter(article_id__in=article_ids, rejected=False))
    assert {t.pk: n for t, n in profile.topics} == dict(topics) or len(topics) > 6


def test_person_page_shows_co_authors_places_and_years(client, django_assert_max_num_queries):
    person = busiest_reporter()
    profile = person_profile(person)
    assert profile.co_authors and profile.places, "the busiest seed reporter writes with correspondents"
    with django_assert_max_num_queries(8):
        html = client.get(person.get_absolute_url()).content.decode()
    for other, _ in profile.co_authors:
        assert f'href="{other.get_absolute_url()}">{other.name}</a>' in html
    for region, _ in profile.places:
        assert f'href="{region.get_absolute_url()}">{region.name}</a>' in html
    for year, n in profile.years:
        assert f"{year}年 {n} 篇" in html


def test_role_page_groups_articles_by_year(client):
    person = busiest_reporter()
    html = client.get(person.get_absolute_url(), {"role": CreditRole.REPORTER}).content.decode()
    years = {c.article.page.issue.date.year for c in Credit.objects.filter(
        person=person, role=CreditRole.REPORTER, status=CreditStatus.PUBLISHED).select_related("article__page__issue")}
    for year in years:
        assert f'<h3 class="year-heading">{year}年</h3>' in html


def test_people_list_pages_never_split_a_letter_and_the_bar_links_each_letter(client):
    article = Credit.objects.order_by("pk").first().article
    for letter, n in (("b", 25), ("c", 30), ("d", 20)):  # with the seeds, more than one page of 60
        for number in range(n):
            person = Person.objects.create(name=f"测{letter}{number}", slug=f"{letter}-ce-{number:03d}")
            Credit.objects.create(article=article, person=person, role=CreditRole.MENTIONED,
                                  status=CreditStatus.PUBLISHED)
    first = client.get("/people/")
    letters = dict(first.context["letters"])
    pages_by_letter: dict[str, set[int]] = {}
    number = 1
    while True:
        response = client.get("/people/", {"page": number})
        for person in response.context["people"]:
            pages_by_letter.setdefault(person.slug[0].upper(), set()).add(number)
        if not response.context["people"].has_next():
            break
        number += 1
    assert all(len(pages) == 1 for pages in pages_by_letter.values()), pages_by_letter
    for letter, pages in pages_by_letter.items():
        assert letters[letter].startswith(f"?page={pages.pop()}#initial-{letter.lower()}")
    assert sum(len(client.get("/people/", {"page": n}).context["people"]) for n in range(1, number + 1)) == \
        first.context["people"].paginator.count
