"""An article's persons (with roles), regions and topics; an issue's real date; a page's number.

Editors' choices always win over automatic enrichment: what an editor adds is stored with
``source=editor``; what an editor removes that the importer or enrichment made is kept as
*rejected* (Credit.status=rejected, ArticleRegion/ArticleTopic.rejected=True), so re-running
``manage.py enrich`` does not add it back. Rows an editor added are simply deleted on removal.
"""

import datetime

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import (
    Article,
    ArticleRegion,
    ArticleTopic,
    Credit,
    CreditRole,
    CreditStatus,
    Flag,
    FlagCode,
    Issue,
    Page,
    Person,
    Region,
    RevisionAction,
    Source,
    Topic,
)

from .errors import InvalidOperation, PageNumberTaken
from .frame import page_edit
from .structure import get_article


# --- persons -----------------------------------------------------------------------------------

def add_credit(article, person, role: str, *, printed_name: str = "", user, expected_version: int):
    """Credit ``person`` (a Person, or a printed name: found by name or alias, else created) with
    ``role`` on the article. Re-adding a rejected credit publishes it again as the editor's."""
    from articles.enrich.aliases import get_or_create_person  # noqa: PLC0415 (enrich owns persons)

    if role not in CreditRole.values:
        raise InvalidOperation(_("未知的角色：%(role)s") % {"role": role})
    if isinstance(person, str):
        name = person.strip()
        if not name or len(name) > 50:
            raise InvalidOperation(_("请填写人名（不超过 50 个字）"))
    page_id = get_article(article).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.CREDITS) as edit:
        article = get_article(article, page_id)
        if isinstance(person, str):
            printed_name = printed_name or name
            person = get_or_create_person(name)
        else:
            person = Person.objects.get(pk=person.pk)
        credit = Credit.objects.filter(article=article, person=person, role=role).first()
        if credit is not None and credit.status != CreditStatus.REJECTED:
            raise InvalidOperation(_("%(name)s 已经是这篇文章的%(role)s") % {
                "name": person.name, "role": CreditRole(role).label})
        if credit is not None:
            Credit.objects.filter(pk=credit.pk).update(status=CreditStatus.PUBLISHED, source=Source.EDITOR)
        else:
            order = (Credit.objects.filter(article=article).aggregate(m=Max("order"))["m"] or 0) + 1
            Credit.objects.create(article=article, person=person, role=role, printed_name=printed_name or person.name,
                                  status=CreditStatus.PUBLISHED, source=Source.EDITOR, order=order)
        edit.summary = _("添加%(role)s %(name)s") % {"role": CreditRole(role).label, "name": person.name}
    return edit.revision


def remove_credit(credit, *, user, expected_version: int):
    """Remove a credit: the editor's own is deleted; an automatic or imported one is kept as
    rejected so enrichment and byline re-parsing never bring it back."""
    credit = Credit.objects.select_related("article", "person").get(pk=getattr(credit, "pk", credit))
    with page_edit(credit.article.page_id, user=user, expected_version=expected_version, action=RevisionAction.CREDITS) as edit:
        credit = Credit.objects.select_related("person").get(pk=credit.pk)
        if credit.source == Source.EDITOR:
            credit.delete()
        elif credit.status == CreditStatus.REJECTED:
            raise InvalidOperation(_("这条署名已经被否决了"))
        else:
            Credit.objects.filter(pk=credit.pk).update(status=CreditStatus.REJECTED)
        edit.summary = _("移除%(role)s %(name)s") % {"role": credit.get_role_display(), "name": credit.person.name}
    return edit.revision


# --- regions and topics ------------------------------------------------------------------------

def _add_tag(model, article, key: str, value, *, user, expected_version, action, label, extra=None):
    page_id = get_article(article).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=action) as edit:
        article = get_article(article, page_id)
        tag = model.objects.filter(article=article, **{key: value}).first()
        if tag is not None and not tag.rejected:
            raise InvalidOperation(_("这篇文章已经有“%(name)s”") % {"name": label})
        if tag is not None:
            model.objects.filter(pk=tag.pk).update(rejected=False, source=Source.EDITOR, **(extra or {}))
        else:
            model.objects.create(article=article, source=Source.EDITOR, **{key: value}, **(extra or {}))
        edit.summary = _("添加 %(name)s") % {"name": label}
    return edit.revision


def _remove_tag(model, article, key: str, value, *, user, expected_version, action, label):
    page_id = get_article(article).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=action) as edit:
        article = get_article(article, page_id)
        tag = model.objects.filter(article=article, rejected=False, **{key: value}).first()
        if tag is None:
            raise InvalidOperation(_("这篇文章没有“%(name)s”") % {"name": label})
        if tag.source == Source.EDITOR:
            tag.delete()
        else:
            model.objects.filter(pk=tag.pk).update(rejected=True, **({"is_primary": False}
                                                                      if hasattr(tag, "is_primary") else {}))
        edit.summary = _("移除 %(name)s") % {"name": label}
    return edit.revision


def add_region(article, region: Region, *, user, expected_version: int):
    """Tag the article with a region (an editor's tag; un-rejects an automatic one)."""
    return _add_tag(ArticleRegion, article, "region", region, user=user, expected_version=expected_version,
                    action=RevisionAction.REGIONS, label=region.name)


def remove_region(article, region: Region, *, user, expected_version: int):
    """Remove a region tag (kept as rejected if enrichment made it)."""
    return _remove_tag(ArticleRegion, article, "region", region, user=user, expected_version=expected_version,
                       action=RevisionAction.REGIONS, label=region.name)


def add_topic(article, topic: Topic, *, primary: bool = False, user, expected_version: int):
    """Tag the article with a topic; ``primary`` makes it the article's main topic."""
    if primary:
        return set_primary_topic(article, topic, user=user, expected_version=expected_version)
    return _add_tag(ArticleTopic, article, "topic", topic, user=user, expected_version=expected_version,
                    action=RevisionAction.TOPICS, label=topic.name)


def remove_topic(article, topic: Topic, *, user, expected_version: int):
    """Remove a topic tag (kept as rejected if enrichment made it)."""
    return _remove_tag(ArticleTopic, article, "topic", topic, user=user, expected_version=expected_version,
                       action=RevisionAction.TOPICS, label=topic.name)


def set_primary_topic(article, topic: Topic, *, user, expected_version: int):
    """Make ``topic`` the article's one primary topic (adding the tag if needed)."""
    page_id = get_article(article).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.TOPICS) as edit:
        article = get_article(article, page_id)
        ArticleTopic.objects.filter(article=article, is_primary=True).exclude(topic=topic).update(is_primary=False)
        tag, created = ArticleTopic.objects.get_or_create(
            article=article, topic=topic, defaults={"source": Source.EDITOR, "is_primary": True})
        if not created:
            ArticleTopic.objects.filter(pk=tag.pk).update(is_primary=True, rejected=False, source=Source.EDITOR)
        edit.summary = _("主专题设为 %(name)s") % {"name": topic.name}
    return edit.revision


# --- issue date and page number ----------------------------------------------------------------

def set_issue_date(page, date: datetime.date, *, user, expected_version: int):
    """Confirm the real date of the page's issue (date_is_estimated=False).

    If the page's issue holds only this page (or the date is the issue's own) the issue is
    updated in place; otherwise the page moves to the issue of that date, which is created if the
    archive has none, and an issue left without pages is removed. Refused if the issue of that
    date already has a page with this page's number. Open ESTIMATED_DATE flags are resolved.
    """
    if not isinstance(date, datetime.date):
        raise InvalidOperation(_("日期格式不对"))
    page_id = getattr(page, "pk", page)
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.SET_ISSUE_DATE) as edit:
        page = Page.objects.select_related("issue").get(pk=page_id)
        issue = page.issue
        other = Issue.objects.filter(newspaper_id=issue.newspaper_id, date=date).exclude(pk=issue.pk).first()
        if other is None and (issue.date == date or not issue.pages.exclude(pk=page.pk).exists()):
            Issue.objects.filter(pk=issue.pk).update(date=date, date_is_estimated=False)
        else:
            if other is None:
                other = Issue.objects.create(newspaper_id=issue.newspaper_id, date=date, date_is_estimated=False)
            elif Page.objects.filter(issue=other, number=page.number).exists():
                raise PageNumberTaken(_("%(date)s 的报纸已有第 %(n)s 版，请先更正版次") % {
                    "date": date.isoformat(), "n": page.number})
            Issue.objects.filter(pk=other.pk).update(date_is_estimated=False)
            Page.objects.filter(pk=page.pk).update(issue=other)
            if not issue.pages.exists():
                issue.delete()
        Flag.objects.filter(page=page, code=FlagCode.ESTIMATED_DATE, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=user)
        edit.reindex(*Article.objects.filter(page=page).values_list("pk", flat=True))
        edit.summary = _("出版日期设为 %(date)s") % {"date": date.isoformat()}
    return edit.revision


def set_page_number(page, number: int, *, user, expected_version: int):
    """Confirm the page's number (版次) in its issue; refused if another page has it."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise InvalidOperation(_("版次必须是数字")) from None
    if not 1 <= number <= 999:
        raise InvalidOperation(_("版次必须在 1 到 999 之间"))
    page_id = getattr(page, "pk", page)
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.SET_PAGE_NUMBER) as edit:
        page = Page.objects.select_related("issue").get(pk=page_id)
        clash = Page.objects.filter(issue=page.issue, number=number).exclude(pk=page.pk).first()
        if clash is not None:
            raise PageNumberTaken(_("这一期已有第 %(n)s 版（%(source)s），不能重复") % {
                "n": number, "source": clash.source_name})
        Page.objects.filter(pk=page.pk).update(number=number, number_is_estimated=False)
        edit.reindex(*Article.objects.filter(page=page).values_list("pk", flat=True))
        edit.summary = _("版次设为第 %(n)s 版") % {"n": number}
    return edit.revision
