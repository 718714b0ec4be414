"""The page view and the page editor show a page image when the page has one whose file exists:
beside the text, with a plain link to the full file (what works without JavaScript) and the viewer's
script and stylesheet; a file lost from MEDIA_ROOT leaves the text alone (no viewer, no 500), and
/media/ answers 404 for it."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from articles.editing.permissions import ensure_editors_group
from articles.models import Page
from page_image_fixture import draw_page_image

pytestmark = pytest.mark.django_db

SEED = "002_221a83b7dd96e8d4.txt"


@pytest.fixture
def page_with_image(tmp_path, seeds_dir, settings):
    """Seed 002 given an image by a second import (its text unchanged)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "import"
    folder.mkdir()
    (folder / SEED).write_bytes((seeds_dir / SEED).read_bytes())
    draw_page_image(folder / "p002.png", size=(240, 360))
    (folder / "manifest.csv").write_text(f"file,newspaper,date,page,page_name,image\n{SEED},浙江工人日报,,,,p002.png\n",
                                         encoding="utf-8")
    call_command("import_pages", str(folder), verbosity=0)
    return Page.objects.get(source_name=SEED)


def test_page_view_shows_the_image_beside_the_text(client, page_with_image):
    html = client.get(page_with_image.get_absolute_url()).content.decode()
    url = page_with_image.image.url
    assert 'class="page-layout with-image"' in html and 'class="page-image"' in html
    assert f'<a href="{url}">查看原图</a>' in html and f'src="{url}" width="240" height="360"' in html
    assert "js/page-image.js" in html and "css/page-image.css" in html
    assert " style=" not in html and "<script>" not in html  # the CSP allows neither

    image = client.get(url)
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert "immutable" in image["Cache-Control"]


def test_pages_without_an_image_load_no_viewer(client):
    page = Page.objects.exclude(source_name=SEED).first()
    html = client.get(page.get_absolute_url()).content.decode()
    assert "page-image" not in html and "with-image" not in html


def test_a_lost_file_leaves_the_text_and_answers_404(client, page_with_image, settings):
    url = page_with_image.image.url
    (settings.MEDIA_ROOT / page_with_image.image.name).unlink()
    response = client.get(page_with_image.get_absolute_url())
    assert response.status_code == 200
    assert "page-image" not in response.content.decode() and "article-summary" in response.content.decode()
    assert client.get(url).status_code == 404
    assert client.get("/media/../manage.py").status_code in (400, 404)


def test_page_editor_shows_the_image(client, page_with_image):
    user = get_user_model().objects.create_user("image-editor", password=None, is_staff=True)
    user.groups.add(ensure_editors_group())
    client.force_login(user)
    html = client.get(reverse("admin:articles_page_editor", args=[page_with_image.pk])).content.decode()
    assert 'class="editor-layout with-image"' in html and f'<a href="{page_with_image.image.url}">查看原图</a>' in html
    assert "js/page-image.js" in html


def test_admin_change_form_shows_the_image_or_says_there_is_none(client, page_with_image):
    user = get_user_model().objects.create_superuser("image-admin", password=None)
    client.force_login(user)
    html = client.get(reverse("admin:articles_page_change", args=[page_with_image.pk])).content.decode()
    url = page_with_image.image.url
    assert f'<a href="{url}"><img src="{url}" alt="第{page_with_image.number}版版面图" width="160"></a>' in html

    other = Page.objects.exclude(pk=page_with_image.pk).first()
    assert "没有版面图" in client.get(reverse("admin:articles_page_change", args=[other.pk])).content.decode()
