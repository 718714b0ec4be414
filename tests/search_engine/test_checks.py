"""The system checks name real configuration problems with stable IDs."""

from django.core import checks

from articles.search import analysis
from articles.search.checks import check_search


def ids(problems):
    return {problem.id for problem in problems}


def test_the_project_settings_pass():
    assert ids(check_search()) == set()
    assert "articles.search.E001" not in ids(checks.run_checks(tags=["search"]))


def test_an_index_path_that_cannot_be_a_folder_is_an_error(settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.HAYSTACK_CONNECTIONS = {"default": {**settings.HAYSTACK_CONNECTIONS["default"],
                                                 "PATH": str(blocker / "index")}}
    assert "articles.search.E001" in ids(check_search())


def test_missing_user_dictionary_and_foreign_engine_are_warnings(settings, monkeypatch, tmp_path):
    monkeypatch.setattr(analysis, "USERDICT_PATH", tmp_path / "missing.txt")
    settings.HAYSTACK_CONNECTIONS = {"default": {**settings.HAYSTACK_CONNECTIONS["default"],
                                                 "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine"}}
    assert {"articles.search.W001", "articles.search.W002"} <= ids(check_search())
