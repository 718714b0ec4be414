"""Page images: the manifest's optional ``image`` column. A good image is copied into MEDIA_ROOT
under its sha256 and shown by the page; a bad one (missing, not an image, outside the manifest's
folder) is refused with the manifest line and the image named, and nothing is written."""

import io

import pytest
from django.core.management import call_command

from articles.models import ImportLog, Page
from page_image_fixture import draw_page_image

from .test_bad_input import GOOD_TEXT, refused

pytestmark = pytest.mark.django_db

HEADER = "file,newspaper,date,page,page_name,image\n"


@pytest.fixture(autouse=True)
def media_root(tmp_path_factory, settings):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


def folder_with_page(tmp_path, image_cell: str, name: str = "950_image.txt"):
    (tmp_path / name).write_text(GOOD_TEXT, encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(HEADER + f"{name},浙江工人日报,2024-05-06,1,要闻,{image_cell}\n", encoding="utf-8")
    return manifest


def stored_files(media_root) -> list[str]:
    return sorted(p.name for p in media_root.rglob("*") if p.is_file())


def test_image_is_copied_under_its_digest_with_its_size(tmp_path, media_root):
    draw_page_image(tmp_path / "scans" / "p1.png", size=(300, 450))
    folder_with_page(tmp_path, "scans/p1.png")
    out = io.StringIO()
    call_command("import_pages", str(tmp_path), stdout=out)

    page = Page.objects.get(source_name="950_image.txt")
    assert page.image.name.startswith("page_images/") and page.image.name.endswith(".png")
    assert (page.image_width, page.image_height) == (300, 450)
    assert (media_root / page.image.name).read_bytes() == (tmp_path / "scans" / "p1.png").read_bytes()
    assert "page images: 1 attached" in out.getvalue()


def test_reimporting_the_same_manifest_stores_nothing_new(tmp_path, media_root):
    draw_page_image(tmp_path / "p1.png")
    folder_with_page(tmp_path, "p1.png")
    call_command("import_pages", str(tmp_path), verbosity=0)
    files, name = stored_files(media_root), Page.objects.get(source_name="950_image.txt").image.name

    call_command("import_pages", str(tmp_path), verbosity=0)
    assert stored_files(media_root) == files
    assert Page.objects.get(source_name="950_image.txt").image.name == name
    assert ImportLog.objects.filter(source_name="950_image.txt").first().outcome == ImportLog.Outcome.UNCHANGED


def test_an_image_added_later_to_an_unchanged_page_is_attached_alone(tmp_path, media_root):
    folder_with_page(tmp_path, "")
    call_command("import_pages", str(tmp_path), verbosity=0)
    page = Page.objects.get(source_name="950_image.txt")
    articles, version = list(page.articles.values_list("pk", flat=True)), page.version
    assert not page.image

    draw_page_image(tmp_path / "p1.jpg", fmt="JPEG")
    folder_with_page(tmp_path, "p1.jpg")
    call_command("import_pages", str(tmp_path), verbosity=0)  # no --force: the text did not change
    page.refresh_from_db()
    assert page.image.name.endswith(".jpg") and page.version == version
    assert list(page.articles.values_list("pk", flat=True)) == articles  # the text was not re-read
    assert "page image" in ImportLog.objects.filter(source_name="950_image.txt").first().message

    folder_with_page(tmp_path, "")  # an empty cell means "not known": the image stays
    call_command("import_pages", str(tmp_path), verbosity=0)
    page.refresh_from_db()
    assert page.image.name.endswith(".jpg")


def write_bad_image(tmp_path, kind: str) -> str:
    if kind == "missing":
        return "scans/none.png"
    if kind == "text renamed .png":
        (tmp_path / "fake.png").write_text("这不是图片", encoding="utf-8")
        return "fake.png"
    if kind == "truncated":
        data = draw_page_image(tmp_path / "whole.png").read_bytes()
        (tmp_path / "cut.png").write_bytes(data[: len(data) // 2])
        return "cut.png"
    if kind == "tiff":
        draw_page_image(tmp_path / "scan.tif", fmt="TIFF")
        return "scan.tif"
    if kind == "outside the folder":
        draw_page_image(tmp_path.parent / f"{tmp_path.name}-outside.png")
        return f"../{tmp_path.name}-outside.png"
    if kind == "absolute path":
        return str(draw_page_image(tmp_path / "abs.png"))
    if kind == "link to outside":
        outside = draw_page_image(tmp_path.parent / f"{tmp_path.name}-linked.png")
        (tmp_path / "link.png").symlink_to(outside)
        return "link.png"
    raise AssertionError(kind)


@pytest.mark.parametrize("kind, says", [
    ("missing", "not found"),
    ("text renamed .png", "not a readable image"),
    ("truncated", "not a readable image"),
    ("tiff", "browsers do not show"),
    ("outside the folder", "outside the manifest's folder"),
    ("absolute path", "outside the manifest's folder"),
    ("link to outside", "outside the manifest's folder"),
])
def test_bad_image_is_refused_naming_line_and_file_and_writes_nothing(tmp_path, media_root, kind, says):
    subfolder = tmp_path / "pages"
    subfolder.mkdir()
    cell = write_bad_image(subfolder, kind)
    manifest = folder_with_page(subfolder, cell)
    message = refused(subfolder)
    assert f"{manifest}:2" in message and cell in message and says in message, message
    assert not Page.objects.filter(source_name="950_image.txt").exists()
    assert stored_files(media_root) == []


def test_a_bad_image_refuses_the_whole_import(tmp_path, media_root):
    draw_page_image(tmp_path / "good.png")
    (tmp_path / "951_a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "952_b.txt").write_text(GOOD_TEXT + "另一段。\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(HEADER + "951_a.txt,浙江工人日报,2024-05-06,1,,good.png\n"
                                           "952_b.txt,浙江工人日报,2024-05-06,2,,gone.png\n", encoding="utf-8")
    message = refused(tmp_path)
    assert "manifest.csv:3" in message and "gone.png" in message
    assert stored_files(media_root) == []


def test_an_image_over_the_size_limit_is_refused(tmp_path, settings):
    settings.IMPORT_MAX_IMAGE_MB = 0
    draw_page_image(tmp_path / "big.png")
    folder_with_page(tmp_path, "big.png")
    assert "IMPORT_MAX_IMAGE_MB" in refused(tmp_path)


def test_prune_media_removes_only_old_files_no_page_points_to(tmp_path, media_root):
    draw_page_image(tmp_path / "first.png", size=(200, 300))
    folder_with_page(tmp_path, "first.png")
    call_command("import_pages", str(tmp_path), verbosity=0)
    first = Page.objects.get(source_name="950_image.txt").image.name
    draw_page_image(tmp_path / "second.png", size=(220, 330))  # a better scan of the same page
    folder_with_page(tmp_path, "second.png")
    call_command("import_pages", str(tmp_path), verbosity=0)
    second = Page.objects.get(source_name="950_image.txt").image.name
    assert first != second and (media_root / first).exists()

    out = io.StringIO()
    call_command("prune_media", stdout=out)  # the replaced file is minutes old: kept for now
    assert "0 page image(s)" in out.getvalue()
    call_command("prune_media", "--older-than", "0", stdout=out)
    assert first in out.getvalue() and (media_root / first).exists()  # listed, not deleted

    call_command("prune_media", "--older-than", "0", "--delete", verbosity=0)
    assert not (media_root / first).exists() and (media_root / second).exists()
    page = Page.objects.get(source_name="950_image.txt")
    assert page.shown_image() is not None
