"""Fixtures shared by every test module.

The five seed pages are imported (and enriched) once per test session into the test database; each
test runs in a transaction that is rolled back, so every test starts from the seeded archive.
Tests that need an empty archive use ``empty_archive``. Tests that need a real server (gunicorn,
the browser) do not use this database at all: they build their own in a temporary data folder.
"""

from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("import_pages", str(SEEDS_DIR), verbosity=0)
        call_command("enrich", verbosity=0)


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS_DIR
