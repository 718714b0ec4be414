"""Synthetic pages for ``manage.py bench_import``: the seed and development pages with every digit
drawn again, so each page is new to the importer (its own sha256, no duplicate paragraphs) while it
keeps the layout, vocabulary, bylines and places of real pages. Large pages are many such pages
run together, which is what the importer meets when a whole issue lands in one file."""

from __future__ import annotations

import random
import re
from pathlib import Path

_DIGIT = re.compile(r"\d")


def template_pages(base: Path, seeds_only: bool = False) -> list[str]:
    """The texts synthetic pages are made from: seeds/ (seed-sized pages, 20–30 KB) and, unless
    ``seeds_only``, the segmentation development set as well."""
    folders = [base / "seeds"] if seeds_only else [base / "seeds", base / "evaluation" / "segmentation" / "dev"]
    texts = [p.read_text(encoding="utf-8-sig") for folder in folders if folder.is_dir()
             for p in sorted(folder.glob("*.txt"))]
    if not texts:
        raise FileNotFoundError(f"no template pages under {base}/seeds")
    return texts


def varied(text: str, rng: random.Random) -> str:
    return _DIGIT.sub(lambda _m: str(rng.randrange(10)), text)


def write_pages(folder: Path, count: int, templates: list[str], seed: int = 1) -> list[Path]:
    """``count`` seed-sized pages in ``folder`` (bench_0001.txt …)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        path = folder / f"bench_{number:04d}.txt"
        path.write_text(varied(rng.choice(templates), rng), encoding="utf-8")
        paths.append(path)
    return paths


def write_large_page(path: Path, size_bytes: int, templates: list[str], seed: int = 1) -> Path:
    """One page of about ``size_bytes`` bytes: varied template pages one after another."""
    rng = random.Random(seed)
    parts, size = [], 0
    while size < size_bytes:
        part = varied(rng.choice(templates), rng) + "\n\n"
        parts.append(part)
        size += len(part.encode("utf-8"))
    path.write_text("".join(parts), encoding="utf-8")
    return path
