"""The topic and people pages: what readers see, old spellings that still lead somewhere, and a fixed
number of queries however many rows a page lists."""

import pytest
from django.urls import reverse

from articles.models import Article, ArticleTopic, Credit, Person, Topic
from articles.models.choices import CreditRole

pytestmark = pytest.mark.django_db


def test_topic_list_shows_every_topic_with_its_count(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(reverse("topic_list"))
    html = response.content.decode()
    skills = Topic.objects.get(slug="jineng-jingsai")
    count = ArticleTopic.objects.filter(topic=skills, rejected=False).count()
    assert response.status_code == 200
    assert all(topic.name in html for topic in Topic.objects.all())
    listed = {topic.slug: topic.article_count for topic in response.context["topics"]}
    assert listed["jineng-jingsai"] == count > 0
    assert f"{count} 篇" in html


def test_topic_page_lists_articles_newest_first_with_regions_and_people(client):
    response = client.get(reverse("topic_detail", args=["jineng-jingsai"]))
    assert response.status_code == 200
    articles = list(response.context["articles"])
    dates = [a.page.issue.date for a in articles]
    assert dates == sorted(dates, reverse=True)
    assert response.context["top_regions"] and response.context["top_people"]
    assert "/regions/" in response.content.decode() and "/people/" in response.content.decode()


def test_topic_page_costs_the_same_queries_with_more_articles(client, django_assert_max_num_queries):
    topic = Topic.objects.get(slug="nv-zhigong")
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("topic_detail", args=[topic.slug]))
    for article in Article.objects.all():
        ArticleTopic.objects.get_or_create(article=article, topic=topic)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("topic_detail", args=[topic.slug]) + "?page=2")
    assert response.context["articles"].number == 2


@pytest.mark.parametrize("page", ["0", "abc", "999999999999999999999999"])
def test_odd_page_numbers_show_a_page_not_an_error(client, page):
    assert client.get(reverse("topic_detail", args=["jineng-jingsai"]), {"page": page}).status_code == 200
    assert client.get(reverse("person_list"), {"page": page}).status_code == 200


def test_unknown_topic_and_person_are_404(client):
    assert client.get("/topics/no-such-topic/").status_code == 404
    assert client.get("/people/no-such-person/").status_code == 404


def test_people_list_counts_roles_and_finds_old_spellings(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("person_list"), {"q": "金钧胤"})
    people = list(response.context["people"])
    assert [p.name for p in people] == ["金钩胤"]
    assert people[0].role_counts == [("记者", 3)]
    assert "记者 3" in response.content.decode()


def test_people_list_by_role(client):
    response = client.get(reverse("person_list"), {"role": "mentioned"})
    names = {p.name for p in response.context["people"]}
    assert "许静" in names and "吴晓静" not in names


def test_people_list_costs_the_same_queries_with_more_people(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4) as few:
        client.get(reverse("person_list"))
    article = Article.objects.order_by("pk").first()
    for number in range(80):
        person = Person.objects.create(name=f"测试{number}", slug=f"a-ce-shi-{number}")
        Credit.objects.create(article=article, person=person, role=CreditRole.MENTIONED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("person_list"))
    assert len(response.context["people"]) == 60  # one page


def test_person_page_lists_articles_by_role_and_other_spellings(client, django_assert_max_num_queries):
    person = Person.objects.get(name="金钩胤")
    with django_assert_max_num_queries(8):
        response = client.get(person.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "也印作" in html and "金钧胤" in html
    assert [s["role"] for s in response.context["sections"]] == ["reporter"]
    assert "原文署名“金钧胤”" in html  # the page of 000 printed the other spelling


def test_old_slug_and_printed_name_redirect_to_the_person(client):
    person = Person.objects.get(name="金钩胤")
    for url in ("/people/jin-junyin/", "/people/金钧胤/"):
        response = client.get(url)
        assert response.status_code == 301 and response["Location"] == person.get_absolute_url()


def test_person_role_page_paginates(client):
    person = Person.objects.get(name="羊荣江")
    response = client.get(person.get_absolute_url(), {"role": "reporter"})
    assert response.context["articles"].paginator.count == Credit.objects.filter(
        person=person, role="reporter", status="published").count()


def test_search_text_is_escaped(client):
    response = client.get(reverse("person_list"), {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_a_person_with_only_suggested_mentions_has_no_public_page(client):
    suggested = Credit.objects.filter(role=CreditRole.MENTIONED, status="suggested").select_related("person")
    person = next(c.person for c in suggested if not c.person.credits.filter(status="published").exists())
    assert client.get(person.get_absolute_url()).status_code == 404
