"""History of a page or an article: who changed what, when, before/after, with an Undo button.

Undo follows the editing operations' policy (newest first, see ``articles.editing.undo``):
the button appears on the revisions ``undoable`` accepts, and the POST carries the page version the
editor saw, so an undo against a page another editor just changed is refused like any other edit.
"""

from django.contrib import messages
from django.contrib.admin.sites import site as admin_site
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.editing.history import article_history, page_history
from articles.editing.undo import undo, undoable
from articles.models import Article, Page, Revision

from .. import operations
from .guard import editor_required
from .history_rows import readable_changes

HISTORY_LIMIT = 50  # each revision carries page snapshots; older ones are in the Revision list


def _entries(revisions):
    """Rows for the template: revision, its label, readable changes and whether Undo is offered
    (``undoable`` answers for all rows at once)."""
    revisions = list(revisions)
    offered = undoable(revisions)
    return [{
        "revision": revision,
        "label": revision.get_action_display(),
        "changes": readable_changes(revision),
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


@require_POST
@editor_required
def undo_revision(request, revision_id: int):
    revision = get_object_or_404(Revision, pk=revision_id)
    version = _int_or_none(request.POST.get("version"))
    result = operations.run(request, undo, revision=revision, expected_version=version)
    if result.ok:
        messages.success(request, _("已撤销：%(label)s") % {
            "label": revision.get_action_display()})
    else:
        messages.error(request, result.error)
    return redirect(_safe_next(request, revision))


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _safe_next(request, revision: Revision) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    if revision.page_id:
        return reverse("admin:articles_page_revisions", args=[revision.page_id])
    return reverse("admin:articles_revision_changelist")
