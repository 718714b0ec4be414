"""A result page costs a fixed number of database queries, however many results it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]


def queries_for(client, name, params) -> int:
    client.get(reverse(name), params)  # warm caches (sessions, example counts) first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name), params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["search", "search_json", "search_feed"])
def test_queries_do_not_grow_with_the_number_of_results(client, name):
    few = queries_for(client, name, {"q": "快递小哥"})  # 2 results
    many = queries_for(client, name, {"q": "工会"})  # a full page of 20
    assert many == few
    assert many <= 6
