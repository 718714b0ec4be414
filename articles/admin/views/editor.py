"""The page editor: GET shows the page (``page_layout``), POST runs one action and redirects back.

Post/Redirect/Get: every POST ends in a redirect to the editor (anchored at the block or article
that was touched) with a Django message saying what happened — or, for a refusal such as a stale
page version, why nothing changed.
"""

from django.contrib import messages
from django.contrib.admin.sites import site as admin_site
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.editing.undo import can_undo
from articles.models import Page, Revision

from . import actions
from .guard import editor_required
from .page_layout import build_page_layout


@editor_required
def page_editor(request, page_id: int):
    page = get_object_or_404(Page.objects.select_related("issue__newspaper"), pk=page_id)
    if request.method == "POST":
        return _run_action(request, page)
    context = {
        **admin_site.each_context(request),
        "title": _("版面编辑：%(page)s") % {"page": page},
        "opts": Page._meta,
        "page": page,
        "layout": build_page_layout(page),
        "last_change": _last_undoable_change(page),
        "is_nav_sidebar_enabled": False,  # the page needs the whole width
    }
    return TemplateResponse(request, "admin/articles/page_editor.html", context)


def _run_action(request, page: Page):
    url = reverse("admin:articles_page_editor", args=[page.pk])
    report = actions.perform(request, page, request.POST.get("action", ""))
    if report.ok:
        messages.success(request, report.message)
    else:
        messages.error(request, report.message)
    return redirect(url + (f"#{report.anchor}" if report.anchor else ""))


def _last_undoable_change(page: Page):
    """The page's newest change still in effect, if it can be undone (offered as 撤销上一步)."""
    revision = (Revision.objects.filter(page=page, undoes__isnull=True, undone_by__isnull=True)
                .select_related("user").defer("before", "after").order_by("-created_at", "-id").first())
    if revision is None or not can_undo(revision):
        return None
    revision.label = revision.get_action_display()
    return revision
