"""History of a page or an article — one row per operation told in words (``history_story``), the
changed columns and a before/after view of the page on demand — and undo with a confirmation.

Undo follows the editing operations' policy (newest first, see ``articles.editing.undo``): the
history offers it on the revisions ``undoable`` accepts; the link opens a confirmation page (GET)
saying what will change, whose form POSTs with the page version the editor saw, so an undo against
a page another editor just changed is refused like any other edit.

Queries per history page are bounded whatever the number of revisions: the revisions (one query),
who undid them (one), ``undoable`` (at most three) and the names in all their snapshots (four).
"""

from django.contrib import messages
from django.contrib.admin.sites import site as admin_site
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from articles.editing.history import article_history, page_history
from articles.editing.undo import undo, undoable
from articles.models import Article, Page, Revision

from .. import operations
from .forms import VersionForm
from .guard import editor_required
from .history_rows import Names, readable_changes
from .history_story import story
from .page_versions import before_and_after

HISTORY_LIMIT = 50  # each revision carries page snapshots; older ones are in the Revision list


def _entries(revisions):
    """Rows for the template: revision, its label, readable changes and whether Undo is offered
    (``undoable`` answers for all rows at once)."""
    revisions = list(revisions)
    offered = undoable(revisions)
    names = Names(revisions)
    return [{
        "revision": revision,
        "label": revision.get_action_display(),
        "story": story(revision, names),
        "changes": readable_changes(revision, names),
        "undone": bool(revision.undone_by.all()),
        "can_undo": revision.pk in offered,
    } for revision in revisions]


def _render(request, *, title, subject_link, page, revisions):
    context = {
        **admin_site.each_context(request),
        "title": title,
        "opts": Page._meta,
        "subject_link": subject_link,
        "page": page,
        "entries": _entries(revisions),
        "limit": HISTORY_LIMIT,
    }
    return TemplateResponse(request, "admin/articles/history.html", context)


@editor_required
def page_revisions(request, page_id: int):
    page = get_object_or_404(Page.objects.select_related("issue__newspaper"), pk=page_id)
    return _render(request, title=_("修订历史：%(page)s") % {"page": page},
                   subject_link=reverse("admin:articles_page_editor", args=[page.pk]),
                   page=page, revisions=page_history(page, HISTORY_LIMIT).prefetch_related("undone_by"))


@editor_required
def article_revisions(request, article_id: int):
    article = get_object_or_404(Article.objects.select_related("page__issue__newspaper"), pk=article_id)
    return _render(request, title=_("修订历史：%(article)s") % {"article": article},
                   subject_link=reverse("admin:articles_page_editor", args=[article.page_id]) + f"#article-{article.pk}",
                   page=article.page, revisions=article_history(article, HISTORY_LIMIT).prefetch_related("undone_by"))


@editor_required
def compare_revision(request, revision_id: int):
    """The page before and after one revision, side by side (rebuilt from its snapshots)."""
    revision = get_object_or_404(Revision.objects.select_related("user", "page__issue__newspaper"), pk=revision_id)
    names = Names([revision])
    before, after = before_and_after(revision, names)
    context = {
        **admin_site.each_context(request),
        "title": _("修改前后对比：#%(pk)s %(label)s") % {"pk": revision.pk, "label": revision.get_action_display()},
        "opts": Page._meta,
        "revision": revision,
        "page": revision.page,
        "story": story(revision, names),
        "before": before,
        "after": after,
    }
    return TemplateResponse(request, "admin/articles/revision_compare.html", context)


@editor_required
def undo_revision(request, revision_id: int):
    """GET: what undoing will change, and a button; POST: undo (refused if stale or blocked)."""
    revision = get_object_or_404(Revision.objects.select_related("user", "page__issue__newspaper"), pk=revision_id)
    if request.method != "POST":
        return _confirm_undo(request, revision)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.first_error())
        return redirect(_safe_next(request, revision))
    result = operations.run(request, undo, revision=revision, expected_version=form.cleaned_data["version"])
    if result.ok:
        messages.success(request, _("已撤销：%(label)s") % {"label": revision.get_action_display()})
    else:
        messages.error(request, result.error)
    return redirect(_safe_next(request, revision))


def _confirm_undo(request, revision: Revision):
    names = Names([revision])
    offered = revision.pk in undoable([revision])
    # What undo will do is the revision told backwards: its after becomes the before.
    reverse_revision = Revision(before=revision.after, after=revision.before, summary=revision.summary)
    context = {
        **admin_site.each_context(request),
        "title": _("撤销 #%(pk)s %(label)s？") % {"pk": revision.pk, "label": revision.get_action_display()},
        "opts": Page._meta,
        "revision": revision,
        "page": revision.page,
        "can_undo": offered,
        "story": story(reverse_revision, names),
        "changes": readable_changes(reverse_revision, names),
        "next": _safe_next(request, revision, request.GET.get("next", "")),
    }
    return TemplateResponse(request, "admin/articles/undo_confirm.html", context)


def _safe_next(request, revision: Revision, target: str | None = None) -> str:
    target = request.POST.get("next", "") if target is None else target
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    if revision.page_id:
        return reverse("admin:articles_page_revisions", args=[revision.page_id])
    return reverse("admin:articles_revision_changelist")
