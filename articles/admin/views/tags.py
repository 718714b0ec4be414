"""An article's persons (with roles), regions and topics, edited through the editing operations.

GET shows the article's credits and tags with a remove button each and small add forms; POST runs
one operation (``articles.editing.metadata``) and redirects back (PRG) with a message. Removing an
automatic tag keeps it as rejected, so re-running enrichment never brings it back.
"""

from django.contrib import messages
from django.contrib.admin.sites import site as admin_site
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.editing import metadata
from articles.models import Article, Credit, CreditRole, CreditStatus, Region, Topic

from .. import operations
from .actions import BadForm
from .guard import editor_required


@editor_required
def article_tags(request, article_id: int):
    article = get_object_or_404(Article.objects.select_related("page__issue__newspaper"), pk=article_id)
    if request.method == "POST":
        try:
            ok, message = _run(request, article)
        except BadForm as problem:
            ok, message = False, str(problem)
        (messages.success if ok else messages.error)(request, message)
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


def _version(request) -> int:
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        raise BadForm(_("表单缺少版面版本号，请刷新页面后重做。")) from None


def _pk(request, name: str) -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise BadForm(_("表单不完整，请刷新页面后重做。")) from None


def _region(text: str) -> Region:
    """A region by code, full name or short name; refuse an ambiguous short name (e.g. 城区)."""
    text = text.strip()
    if not text:
        raise BadForm(_("请填写地区名称或行政区划代码。"))
    found = list(Region.objects.filter(Q(code=text) | Q(name=text) | Q(short_name=text))[:5])
    if not found:
        raise BadForm(_("找不到地区“%(name)s”。请填写全称（如 湖州市吴兴区）或行政区划代码。") % {"name": text})
    if len(found) > 1:
        names = "、".join(f"{r.name}（{r.code}）" for r in found)
        raise BadForm(_("“%(name)s”有多个地区：%(names)s。请填写全称或代码。") % {"name": text, "names": names})
    return found[0]


def _run(request, article: Article) -> tuple[bool, str]:
    action = request.POST.get("action", "")
    version = _version(request)
    if action == "add_credit":
        role = request.POST.get("role", "")
        name = request.POST.get("name", "").strip()
        outcome = operations.run(request, metadata.add_credit, article=article, person=name, role=role,
                                 expected_version=version)
        done = _("已添加 %(name)s。") % {"name": name}
    elif action == "remove_credit":
        credit = Credit.objects.filter(article=article, pk=_pk(request, "credit")).first()
        if credit is None:
            raise BadForm(_("这条署名已不存在，请刷新页面。"))
        outcome = operations.run(request, metadata.remove_credit, credit=credit, expected_version=version)
        done = _("已移除 %(name)s。") % {"name": credit.printed_name or credit.person_id}
    elif action in ("add_region", "remove_region"):
        region = _region(request.POST.get("region", ""))
        operation = metadata.add_region if action == "add_region" else metadata.remove_region
        outcome = operations.run(request, operation, article=article, region=region, expected_version=version)
        done = _("地区已更新：%(name)s。") % {"name": region.name}
    elif action in ("add_topic", "remove_topic", "primary_topic"):
        topic = Topic.objects.filter(pk=_pk(request, "topic")).first()
        if topic is None:
            raise BadForm(_("请选择一个专题。"))
        operation = {"add_topic": metadata.add_topic, "remove_topic": metadata.remove_topic,
                     "primary_topic": metadata.set_primary_topic}[action]
        outcome = operations.run(request, operation, article=article, topic=topic, expected_version=version)
        done = _("专题已更新：%(name)s。") % {"name": topic.name}
    else:
        raise BadForm(_("未知的操作，什么也没有改。"))
    return (True, done) if outcome.ok else (False, outcome.error)
