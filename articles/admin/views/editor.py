"""The page editor: GET shows the page (``page_layout``), POST runs one action.

Two ways to post the same forms:
- plain POST to the editor (no JavaScript): Post/Redirect/Get — the redirect goes back to the
  editor anchored at the block or article that was touched, with a Django message saying what
  happened or, for a refusal such as a stale page version, why nothing changed;
- POST to the fragment endpoint (``page-editor.js`` with fetch): a JSON answer with the message,
  the page's new version and the HTML of only the articles that changed (plus their neighbours,
  whose buttons depend on them), the table of contents and the "undo last step" line.
"""

from django.contrib import messages
from django.contrib.admin.sites import site as admin_site
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.editing.undo import can_undo
from articles.models import Page, Revision

from . import actions
from .guard import editor_required
from .page_layout import ArticleGroup, build_page_layout


@editor_required
def page_editor(request, page_id: int):
    page = get_object_or_404(Page.objects.select_related("issue__newspaper"), pk=page_id)
    if request.method == "POST":
        return _run_action(request, page)
    context = {
        **admin_site.each_context(request),
        **_page_context(page),
        "title": _("版面编辑：%(page)s") % {"page": page},
        "opts": Page._meta,
        "edit_block": _int_or_none(request.GET.get("edit")),
        "image": page.shown_image(),
        "is_nav_sidebar_enabled": False,  # the page needs the whole width
    }
    return TemplateResponse(request, "admin/articles/page_editor.html", context)


def _page_context(page: Page) -> dict:
    return {"page": page, "layout": build_page_layout(page), "last_change": _last_undoable_change(page)}


def _run_action(request, page: Page):
    url = reverse("admin:articles_page_editor", args=[page.pk])
    report = actions.perform(request, page, request.POST.get("action", ""))
    if report.ok:
        messages.success(request, report.message)
    else:
        messages.error(request, report.message)
    return redirect(url + (f"#{report.anchor}" if report.anchor else ""))


@require_POST
@editor_required
def page_editor_fragment(request, page_id: int):
    """Run one action like the plain POST; answer with JSON and the re-rendered articles."""
    page = get_object_or_404(Page.objects.select_related("issue__newspaper"), pk=page_id)
    report = actions.perform(request, page, request.POST.get("action", ""))
    page.refresh_from_db(fields=["version"])
    answer = {"ok": report.ok, "message": report.message, "anchor": report.anchor, "version": page.version}
    if report.revision is None:
        return JsonResponse(answer)
    context = {**_page_context(page), "request": request}
    groups = context["layout"].groups
    answer["order"] = [_section_id(group) for group in groups]
    answer["sections"] = {
        _section_id(group): render_to_string("admin/articles/_editor_article.html", {**context, "group": group},
                                             request=request)
        for group in _changed_groups(groups, report.revision)
    }
    answer["toc"] = render_to_string("admin/articles/_editor_toc.html", context, request=request)
    answer["undo"] = render_to_string("admin/articles/_editor_undo_last.html", context, request=request)
    return JsonResponse(answer)


def _section_id(group: ArticleGroup) -> str:
    return f"article-{group.article.pk}" if group.article else "stray-blocks"


def _changed_groups(groups: list[ArticleGroup], revision: Revision) -> list[ArticleGroup]:
    """The groups to re-render after ``revision``: the articles it touched, the articles whose
    neighbour changed (their merge/move buttons depend on who is next to whom) and the loose
    blocks if a block left or joined them. Old neighbours come from the revision's snapshot."""
    old_order = [row["id"] for row in sorted(revision.before.get("articles", []), key=lambda r: (r["order"], r["id"]))]
    new_order = [group.article.pk for group in groups if group.article is not None]
    touched = set(revision.article_ids) | (set(new_order) ^ set(old_order))
    touched |= {pk for pk in new_order if _neighbours(new_order, pk) != _neighbours(old_order, pk)}
    loose = any(row.get("article_id") is None for key in ("before", "after")
                for row in getattr(revision, key).get("blocks", []) if row["id"] in set(revision.block_ids))
    return [group for group in groups
            if (group.article is None and loose) or (group.article is not None and group.article.pk in touched)]


def _neighbours(order: list[int], pk: int) -> tuple:
    if pk not in order:
        return (None, None)
    index = order.index(pk)
    return (order[index - 1] if index > 0 else None, order[index + 1] if index + 1 < len(order) else None)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _last_undoable_change(page: Page):
    """The page's newest change still in effect, if it can be undone (offered as 撤销上一步)."""
    revision = (Revision.objects.filter(page=page, undoes__isnull=True, undone_by__isnull=True)
                .select_related("user").defer("before", "after").order_by("-created_at", "-id").first())
    if revision is None or not can_undo(revision):
        return None
    revision.label = revision.get_action_display()
    return revision
