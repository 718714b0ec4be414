"""Fixtures shared by every test module.

The five seed pages are imported (and enriched) once per test session into the test database; each
test runs in a transaction that is rolled back, so every test starts from the seeded archive.
Tests that need an empty archive use ``empty_archive``. Tests that need a real server (gunicorn,
the browser) do not use this database at all: they build their own in a temporary data folder.
"""

from pathlib import Path

import pytest
from django.core.management import call_command

from live_site import CHROMIUM, CHROMIUM_ARGS, serve_seeded_site

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("import_pages", str(SEEDS_DIR), verbosity=0)
        call_command("enrich", verbosity=0)
        from django.db import connection

        if connection.vendor == "postgresql":
            # The PostgreSQL search engine's documents (``search_engine``), written here, before
            # any test's own transaction could roll them back.
            from articles.search.pg.documents import rebuild

            rebuild()


@pytest.fixture
def editor(db):
    """A member of the editors group (no password: hashing is slow; tests sign in with force_login)."""
    from django.contrib.auth import get_user_model

    from articles.editing.permissions import ensure_editors_group

    user = get_user_model().objects.create_user("editor1", password=None, is_staff=True)
    user.groups.add(ensure_editors_group())
    return user


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(scope="session", autouse=True)
def isolated_search_index_path(tmp_path_factory):
    """No test reads or writes the real index in var/: until ``search_index`` builds one, every
    test sees an empty index folder of its own (pages that show "more like this" open it)."""
    from django.conf import settings
    from haystack import connections

    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = str(tmp_path_factory.mktemp("no_index_yet"))
    connections.reload("default")


@pytest.fixture(autouse=True)
def fresh_person_spellings():
    """The search keeps the person spellings it looked up (``articles.search.aliases``): a test's
    people are rolled back after it, so no test may see another's."""
    from articles.search.aliases import SPELLINGS

    SPELLINGS.clear()


@pytest.fixture(scope="session")
def search_index(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """A search index of the seeded archive in this (xdist) worker's temp folder, built once.

    Points HAYSTACK_CONNECTIONS["default"]["PATH"] there for the rest of the session, so no test
    ever reads or writes var/. Tests must not write to it (use their own index for that).
    """
    from django.conf import settings
    from haystack import connections

    from articles.search.store import reset_searcher

    path = tmp_path_factory.mktemp("search_index")
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = str(path)
    connections.reload("default")
    reset_searcher()
    with django_db_blocker.unblock():
        call_command("build_index", verbosity=0)
    return path


SEARCH_ENGINES = ("whoosh", "postgresql")


@pytest.fixture(scope="session")
def postgresql_search_documents(django_db_setup):
    """The PostgreSQL engine's search documents of the seeded archive (written by
    ``django_db_setup``); skips when the test database is not PostgreSQL."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL search engine needs a PostgreSQL test database "
                    "(TEST_DATABASES=postgresql bash scripts/test.sh)")


@pytest.fixture(params=SEARCH_ENGINES)
def search_engine(request, settings) -> str:
    """Each search behaviour test runs once per engine (Wagtail's model: one suite, run per
    backend): on the Whoosh index of the seeds always, on the PostgreSQL engine when the test
    database is PostgreSQL (skipped otherwise). Tests that change articles see the change on the
    PostgreSQL engine at once; on Whoosh they rebuild their own index."""
    from django.core.cache import cache

    if request.param == "postgresql":
        request.getfixturevalue("postgresql_search_documents")
    else:
        request.getfixturevalue("search_index")
    settings.SEARCH_ENGINE = request.param
    cache.clear()  # cached search pages of the other engine
    yield request.param
    cache.clear()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """One real site (gunicorn + index worker over the seeds) shared by the read-only browser tests.
    Tests that change data must start their own with ``live_site.serve_seeded_site``."""
    with serve_seeded_site(tmp_path_factory.mktemp("served_site")) as site:
        yield site


@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
