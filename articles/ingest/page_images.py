"""Page images: the manifest's optional ``image`` column names a picture of the printed page.

Checked while the manifest is read (before anything is written): the path stays inside the
manifest's folder, the file exists, is not too large and is an image a browser shows (PNG, JPEG,
WebP, GIF — Pillow reads the header and verifies the data, so a renamed text file or a truncated
scan is refused). Errors name the manifest line and the image, like every other manifest error.

Stored when its page is written: copied into MEDIA_ROOT as ``page_images/<sha256>.<ext>``. The name
is the content's digest, so importing the same image again (or for a re-imported page) stores
nothing new, and a file left behind by a rolled-back import is simply reused by the next one.
A file no page points to any more (its import rolled back and was never retried, or a re-import
gave the page another image) is listed, and deleted on request, by ``manage.py prune_media``
(:func:`unreferenced_images`).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from PIL import Image, UnidentifiedImageError

from articles.models import Page

from .errors import IngestError

# Pillow's format name → the extension the stored copy gets (what browsers display).
SHOWN_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp", "GIF": ".gif"}
FOLDER = "page_images"


@dataclass(frozen=True)
class PageImage:
    path: Path
    sha256: str
    extension: str
    width: int
    height: int

    @property
    def stored_name(self) -> str:
        return f"{FOLDER}/{self.sha256}{self.extension}"


def check_page_image(name: str, folder: Path, where: str, page_file: str) -> PageImage:
    """The image ``name`` (relative to ``folder``) for ``page_file``, checked; ``IngestError`` naming
    ``where`` (the manifest's file:line) and the image otherwise."""
    what = f"{where}: image {name!r} for {page_file}"
    folder = folder.resolve()
    path = (folder / name).resolve()  # follows symbolic links: a link pointing outside is refused too
    if Path(name).is_absolute() or not path.is_relative_to(folder):
        raise IngestError(f"{what} is outside the manifest's folder {folder}; give a path inside it")
    if not path.is_file():
        raise IngestError(f"{what} not found ({path})")
    limit = settings.IMPORT_MAX_IMAGE_MB * 1024 * 1024
    if path.stat().st_size > limit:
        raise IngestError(f"{what} is larger than {settings.IMPORT_MAX_IMAGE_MB} MB (IMPORT_MAX_IMAGE_MB)")
    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise IngestError(f"{what} is not a readable image ({error.__class__.__name__}); "
                          f"give a PNG, JPEG, WebP or GIF file") from None
    if kind not in SHOWN_FORMATS:
        raise IngestError(f"{what} is a {kind} image, which browsers do not show; convert it to PNG or JPEG")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return PageImage(path=path, sha256=digest, extension=SHOWN_FORMATS[kind], width=width, height=height)


def attach_page_image(page, image: PageImage) -> bool:
    """Point ``page`` at ``image``, copying the file into storage unless it is there already.
    Returns whether the page's image changed (the caller saves the page)."""
    if page.image.name == image.stored_name:
        return False
    storage = page.image.storage
    if not storage.exists(image.stored_name):
        with image.path.open("rb") as handle:
            saved = storage.save(image.stored_name, File(handle))
        if saved != image.stored_name:  # another import stored the same content at the same moment
            storage.delete(saved)
    page.image.name = image.stored_name
    page.image_width, page.image_height = image.width, image.height
    return True


def image_storage():
    """Where page images are stored (``Page.image``'s storage: MEDIA_ROOT by default)."""
    return Page._meta.get_field("image").storage


def unreferenced_images(older_than_seconds: float) -> list[str]:
    """Stored page images no page points to, last changed more than ``older_than_seconds`` ago (a
    younger one may belong to an import that has stored its file and not yet committed), by name."""
    storage = image_storage()
    if not storage.exists(FOLDER):
        return []
    referenced = set(Page.objects.exclude(image="").values_list("image", flat=True))
    cutoff = time.time() - older_than_seconds
    _folders, files = storage.listdir(FOLDER)
    return sorted(name for name in (f"{FOLDER}/{file}" for file in files)
                  if name not in referenced and storage.get_modified_time(name).timestamp() < cutoff)
