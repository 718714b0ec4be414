"""An article's persons (with roles), regions and topics, edited through the editing operations.

GET shows the article's credits and tags with a remove button each and small add forms; POST runs
one operation (a form per action, ``forms.py``) (``articles.editing.metadata``) and redirects back (PRG) with a message. Removing an
automatic tag keeps it as rejected, so re-running enrichment never brings it back.
"""

from django.contrib import messages
from django.contrib.admin.sites import site as admin_site
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.editing import metadata
from articles.models import Article, CreditRole, CreditStatus, Topic

from . import forms
from .actions import action, perform, run_operation
from .guard import editor_required


@editor_required
def article_tags(request, article_id: int):
    article = get_object_or_404(Article.objects.select_related("page__issue__newspaper"), pk=article_id)
    if request.method == "POST":
        report = perform(request, article, request.POST.get("action", ""), TAG_ACTIONS)
        (messages.success if report.ok else messages.error)(request, report.message)
        return redirect(reverse("admin:articles_article_tags", args=[article.pk]))
    context = {
        **admin_site.each_context(request),
        "title": _("人物·地区·专题：%(article)s") % {"article": article},
        "opts": Article._meta,
        "article": article,
        "page": article.page,
        "credits": article.credits.select_related("person").order_by("order", "pk"),
        "regions": article.region_tags.select_related("region").order_by("rejected", "region__code"),
        "topics": article.topic_tags.select_related("topic").order_by("rejected", "-is_primary", "-score"),
        "roles": CreditRole.choices,
        "all_topics": Topic.objects.order_by("position", "name"),
        "published": CreditStatus.PUBLISHED,
    }
    return TemplateResponse(request, "admin/articles/article_tags.html", context)


TAG_ACTIONS: dict = {}


@action("add_credit", forms.AddCreditForm, TAG_ACTIONS)
def add_credit(request, article, data):
    return run_operation(request, metadata.add_credit, _("已添加 %(name)s。") % {"name": data["name"]}, "", data,
                         article=article, person=data["name"].strip(), role=data["role"])


@action("remove_credit", forms.RemoveCreditForm, TAG_ACTIONS)
def remove_credit(request, article, data):
    credit = data["credit"]
    return run_operation(request, metadata.remove_credit,
                         _("已移除 %(name)s。") % {"name": credit.printed_name or credit.person.name}, "", data,
                         credit=credit)


def _tag_action(name, operation, form, field: str, done: str):
    """An add/remove/primary action on one region or topic (the form's ``field``)."""
    @action(name, form, TAG_ACTIONS)
    def change(request, article, data):
        value = data[field]
        return run_operation(request, operation, done % {"name": value.name}, "", data,
                             article=article, **{field: value})


REGION_DONE, TOPIC_DONE = gettext_lazy("地区已更新：%(name)s。"), gettext_lazy("专题已更新：%(name)s。")
_tag_action("add_region", metadata.add_region, forms.RegionForm, "region", REGION_DONE)
_tag_action("remove_region", metadata.remove_region, forms.RegionForm, "region", REGION_DONE)
_tag_action("add_topic", metadata.add_topic, forms.TopicForm, "topic", TOPIC_DONE)
_tag_action("remove_topic", metadata.remove_topic, forms.TopicForm, "topic", TOPIC_DONE)
_tag_action("primary_topic", metadata.set_primary_topic, forms.TopicForm, "topic", TOPIC_DONE)
