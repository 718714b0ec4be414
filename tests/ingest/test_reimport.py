"""Re-importing: unchanged files change nothing; changed files need --force; editors' work is safe."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, ArticleStatus, ImportLog, Page, Revision

from .helpers import page_for, snapshot

pytestmark = pytest.mark.django_db

SEED = "000_b5643cc4bf363cac.txt"
EXTRA_ARTICLE = "\n\n新增测试标题\n\n本报讯 记者测试员报道 这是新增的一篇文章。\n"


@pytest.fixture
def changed_seed(tmp_path, seeds_dir):
    """A copy of seed 000 under its own name, with one more article at the end."""
    copy = tmp_path / SEED
    shutil.copy(seeds_dir / SEED, copy)
    with copy.open("a", encoding="utf-8") as stream:
        stream.write(EXTRA_ARTICLE)
    return copy


def test_reimporting_unchanged_seeds_changes_nothing(seeds_dir):
    before = snapshot()
    out = io.StringIO()
    call_command("import_pages", str(seeds_dir), stdout=out)
    assert snapshot() == before
    assert ImportLog.objects.filter(outcome=ImportLog.Outcome.UNCHANGED).count() == 5
    assert "5 unchanged" in out.getvalue()


def test_changed_file_is_refused_without_force(changed_seed):
    before = snapshot()
    with pytest.raises(CommandError) as error:
        call_command("import_pages", str(changed_seed), verbosity=0)
    message = str(error.value)
    assert SEED in message and "--force" in message and "\n" not in message
    assert snapshot() == before
    assert ImportLog.objects.filter(outcome=ImportLog.Outcome.REFUSED, source_name=SEED).exists()


def test_force_reimports_a_changed_file(changed_seed):
    page = page_for("000")
    old_ids = set(page.articles.values_list("pk", flat=True))
    call_command("import_pages", str(changed_seed), force=True, verbosity=0)
    page.refresh_from_db()
    assert page.raw_text.endswith(EXTRA_ARTICLE)
    articles = list(page.articles.order_by("order"))
    assert len(articles) == 8 and articles[-1].headline == "新增测试标题"
    assert not old_ids & {a.pk for a in articles}
    assert Article.objects.filter(pk__in=old_ids).count() == 0
    assert ImportLog.objects.filter(outcome=ImportLog.Outcome.REIMPORTED, page=page).exists()
    assert Page.objects.filter(source_name=SEED).count() == 1


def test_force_refuses_to_overwrite_editors_corrections(changed_seed):
    article = page_for("000").articles.get(order=2)
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.CORRECTED)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        call_command("import_pages", str(changed_seed), force=True, verbosity=0)
    message = str(error.value)
    assert SEED in message and article.headline in message and "--discard-corrections" in message
    assert snapshot() == before


def test_force_refuses_when_the_page_has_revisions(changed_seed):
    Revision.objects.create(action="edit_block", page=page_for("000"), summary="test")
    with pytest.raises(CommandError, match="revision"):
        call_command("import_pages", str(changed_seed), force=True, verbosity=0)


def test_discard_corrections_is_explicit(changed_seed):
    Page.objects.filter(pk=page_for("000").pk)  # page exists
    page_for("000").articles.filter(order=1).update(status=ArticleStatus.REVIEWED)
    call_command("import_pages", str(changed_seed), force=True, discard_corrections=True, verbosity=0)
    assert page_for("000").articles.count() == 8
    assert not page_for("000").articles.exclude(status=ArticleStatus.AUTOMATIC).exists()


def test_summary_lists_pages_articles_and_flags(tmp_path, seeds_dir):
    for name in ("920_a.txt", "921_b.txt"):
        (tmp_path / name).write_text((seeds_dir / "003_4ed376b52a461a53.txt").read_text(encoding="utf-8")
                                     + f"\n\n{name}\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_pages", str(tmp_path), stdout=out)
    text = out.getvalue()
    assert "pages: 2 imported" in text and "articles: 16" in text
    assert "truncated" in text and "joined_across_break" in text
