"""Before the index is built (or when it is broken) the search pages still answer: the empty
state or a notice, never a server error; the problem is logged."""

import logging

import pytest
from django.urls import reverse

from .conftest import point_index_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_index(search_index, tmp_path):
    """An index folder that holds nothing yet."""
    point_index_at(tmp_path / "not_built_yet")
    yield
    point_index_at(search_index)


@pytest.fixture
def broken_index(search_index, tmp_path):
    """The configured index path is a file: nothing can be opened or created there."""
    path = tmp_path / "index"
    path.write_text("not an index")
    point_index_at(path)
    yield
    point_index_at(search_index)


@pytest.mark.usefixtures("no_index")
@pytest.mark.parametrize("endpoint", ["search", "search_feed", "search_json"])
def test_search_with_no_index_yet_gives_the_empty_state(client, endpoint):
    response = client.get(reverse(endpoint), {"q": "劳模工匠", "city": "330100"})
    assert response.status_code == 200
    if endpoint == "search":
        assert response.context["total"] == 0
        assert "没有找到" in response.content.decode()


@pytest.mark.usefixtures("broken_index")
def test_broken_index_shows_a_notice_and_is_logged(client, caplog):
    with caplog.at_level(logging.ERROR, logger="articles.views.search.engine"):
        response = client.get(reverse("search"), {"q": "劳模工匠"})
    assert response.status_code == 200
    assert response.context["unavailable"]
    assert "搜索暂时不可用" in response.content.decode()
    assert any("unavailable" in record.getMessage() for record in caplog.records)
    data = client.get(reverse("search_json"), {"q": "劳模工匠"}).json()
    assert data["available"] is False and data["results"] == []
    assert client.get(reverse("search_feed"), {"q": "劳模工匠"}).status_code == 200
