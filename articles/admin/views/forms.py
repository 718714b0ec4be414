"""The editors' POSTed forms, one small Django form per action.

Every form carries the page ``version`` the editor saw (optimistic locking, ``VersionForm``); the
ids it names are checked against *this* page by the querysets of their ``ModelChoiceField`` (a
block of another page is "not on this page", never a 500). A form's first error is the message the
editor sees; nothing is changed when a form is invalid.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from django.db.models import Q

from articles.editing.queue import QueueFilter
from articles.models import (Article, ArticleStatus, Block, BlockKind, CreditRole, FlagCode, Page, ProblemReport,
                             Region, Topic)

class VersionForm(forms.Form):
    """The page version the form was rendered with."""

    version = forms.IntegerField(error_messages={
        "required": _("表单缺少版面版本号，请刷新页面后重做。"), "invalid": _("表单缺少版面版本号，请刷新页面后重做。")})

    def first_error(self) -> str:
        for errors in self.errors.values():
            return str(errors[0])
        return ""


class PageForm(VersionForm):
    """A form about one page: its id fields only accept that page's blocks, articles and flags."""

    def __init__(self, page: Page, *args, **kwargs):
        self.page = page
        super().__init__(*args, **kwargs)


class ArticleTagsForm(VersionForm):
    """A form of an article's 人物·地区·专题 page (the version is its page's)."""

    def __init__(self, article: Article, *args, **kwargs):
        self.article = article
        super().__init__(*args, **kwargs)


def _block_field(**kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=Block.objects.none(), error_messages={
        "required": _("表单不完整（缺少文本块），请刷新页面后重做。"),
        "invalid_choice": _("这个文本块不在本版面上，请刷新页面后重做。")}, **kwargs)


def _article_field(**kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=Article.objects.none(), error_messages={
        "required": _("表单不完整（缺少文章），请刷新页面后重做。"),
        "invalid_choice": _("这篇文章已不在本版面上（可能已被合并），请刷新页面后重做。")}, **kwargs)


def _line_field() -> forms.IntegerField:
    return forms.IntegerField(min_value=1, error_messages={
        "required": _("请填写行号。"), "invalid": _("请填写行号。"), "min_value": _("请填写行号。")})


class BlockForm(PageForm):
    block = _block_field()

    def __init__(self, page, *args, **kwargs):
        super().__init__(page, *args, **kwargs)
        self.fields["block"].queryset = page.blocks.all()

    def block_at_line(self, name: str, *, last: bool = False):
        """The block holding the source line in field ``name`` (not the form's own block); when a
        printed paragraph was cut into two blocks (a byline and its lead share one line), the first
        — or with ``last`` the last — of them. Adds a field error if there is none."""
        line, block = self.cleaned_data.get(name), self.cleaned_data.get("block")
        if line is None or block is None:
            return None
        found = (self.page.blocks.filter(line_start__lte=line, line_end__gte=line).exclude(pk=block.pk)
                 .order_by("-seq" if last else "seq").first())
        if found is None:
            self.add_error(name, _("本版面第 %(line)s 行不属于任何文本块。") % {"line": line})
        return found


class MoveAfterForm(BlockForm):
    after_line = _line_field()

    def clean(self):
        data = super().clean()
        data["after"] = self.block_at_line("after_line", last=True)
        return data


class DuplicateForm(BlockForm):
    of_line = _line_field()

    def clean(self):
        data = super().clean()
        data["of"] = self.block_at_line("of_line")
        return data


class SetKindForm(BlockForm):
    kind = forms.ChoiceField(choices=BlockKind.choices, error_messages={
        "required": _("请选择一种文本块类型。"), "invalid_choice": _("请选择一种文本块类型。")})


class EditTextForm(BlockForm):
    text = forms.CharField(required=False, strip=False)


class ColumnLabelForm(BlockForm):
    article = _article_field()

    def __init__(self, page, *args, **kwargs):
        super().__init__(page, *args, **kwargs)
        self.fields["article"].queryset = page.articles.all()


class GatherForm(PageForm):
    blocks = forms.ModelMultipleChoiceField(queryset=Block.objects.none(), error_messages={
        "required": _("请先勾选要组成新文章的文本块。"),
        "invalid_choice": _("勾选的文本块不全在本版面上，请刷新页面后重做。"),
        "invalid_pk_value": _("勾选的文本块无效，请刷新页面后重做。")})

    def __init__(self, page, *args, **kwargs):
        super().__init__(page, *args, **kwargs)
        self.fields["blocks"].queryset = page.blocks.select_related("article")


class MoveTickedForm(GatherForm):
    """Move the ticked blocks after one block: named by its id (the keyboard's "paste after this
    block") or by a source line typed into the form (the line's last block not being moved)."""

    after_block = _block_field(required=False)
    after_line = forms.IntegerField(required=False, error_messages={"invalid": _("请填写行号。")})

    def __init__(self, page, *args, **kwargs):
        super().__init__(page, *args, **kwargs)
        self.fields["after_block"].queryset = page.blocks.all()

    def clean(self):
        data = super().clean()
        moving = [b.pk for b in data.get("blocks") or []]
        if data.get("after_block") is not None:
            data["after"] = data["after_block"]
        elif data.get("after_line") is not None:
            line = data["after_line"]
            data["after"] = (self.page.blocks.filter(line_start__lte=line, line_end__gte=line).exclude(pk__in=moving)
                             .order_by("-seq").first())
            if data["after"] is None:
                self.add_error("after_line", _("本版面第 %(line)s 行不属于任何文本块。") % {"line": line})
        elif not self.errors:
            self.add_error("after_line", _("请填写行号。"))
        return data


class ArticleForm(PageForm):
    article = _article_field()

    def __init__(self, page, *args, **kwargs):
        super().__init__(page, *args, **kwargs)
        self.fields["article"].queryset = page.articles.all()


TITLE_ROLES = ("kicker", "headline", "subtitle")


class SetTitlesForm(ArticleForm):
    """The title group from per-block role selects named ``title_role_<block id>`` (one per title
    candidate of the article; the set of fields depends on the article, so they are read in clean)."""

    def clean(self):
        data = super().clean()
        article = data.get("article")
        roles: dict[str, list[int]] = {role: [] for role in TITLE_ROLES}
        if article is not None:
            for pk in article.blocks.order_by("position", "seq").values_list("pk", flat=True):
                role = self.data.get(f"title_role_{pk}", "")
                if role in roles:
                    roles[role].append(pk)
        data["roles"] = roles
        return data


class AddFlagForm(ArticleForm):
    code = forms.ChoiceField(choices=FlagCode.choices, error_messages={
        "required": _("请选择一种标记。"), "invalid_choice": _("请选择一种标记。")})
    message = forms.CharField(required=False, max_length=500)


class ResolveFlagForm(PageForm):
    flag = forms.ModelChoiceField(queryset=Page.objects.none(), error_messages={
        "required": _("表单不完整（缺少标记），请刷新页面后重做。"),
        "invalid_choice": _("这个标记已不在本版面上，请刷新页面后重做。")})

    def __init__(self, page, *args, **kwargs):
        super().__init__(page, *args, **kwargs)
        self.fields["flag"].queryset = page.flags.all()


class SetDateForm(PageForm):
    date = forms.DateField(input_formats=["%Y-%m-%d"], error_messages={
        "required": _("请填写有效的出版日期（年-月-日）。"), "invalid": _("请填写有效的出版日期（年-月-日）。")})


class SetNumberForm(PageForm):
    number = forms.IntegerField(min_value=1, max_value=999, error_messages={
        "required": _("请填写版次（1–999）。"), "invalid": _("请填写版次（1–999）。"),
        "min_value": _("请填写版次（1–999）。"), "max_value": _("请填写版次（1–999）。")})


# --- an article's persons, regions and topics -------------------------------------------------------

class AddCreditForm(ArticleTagsForm):
    name = forms.CharField(max_length=50, error_messages={"required": _("请填写姓名。")})
    role = forms.ChoiceField(choices=CreditRole.choices, error_messages={
        "required": _("请选择角色。"), "invalid_choice": _("请选择角色。")})


class RemoveCreditForm(ArticleTagsForm):
    credit = forms.ModelChoiceField(queryset=Page.objects.none(), error_messages={
        "required": _("这条署名已不存在，请刷新页面。"), "invalid_choice": _("这条署名已不存在，请刷新页面。")})

    def __init__(self, article, *args, **kwargs):
        super().__init__(article, *args, **kwargs)
        self.fields["credit"].queryset = article.credits.select_related("person")


class RegionForm(ArticleTagsForm):
    region = forms.CharField(max_length=60, error_messages={"required": _("请填写地区名称或行政区划代码。")})

    def clean_region(self) -> Region:
        """A region by code, full name or short name; an ambiguous short name (城区) is refused."""
        text = self.cleaned_data["region"].strip()
        found = list(Region.objects.filter(Q(code=text) | Q(name=text) | Q(short_name=text))[:5])
        if not found:
            raise forms.ValidationError(
                gettext("找不到地区“%(name)s”。请填写全称（如 湖州市吴兴区）或行政区划代码。") % {"name": text})
        if len(found) > 1:
            names = "、".join(f"{r.name}（{r.code}）" for r in found)
            raise forms.ValidationError(
                gettext("“%(name)s”有多个地区：%(names)s。请填写全称或代码。") % {"name": text, "names": names})
        return found[0]


class TopicForm(ArticleTagsForm):
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), error_messages={
        "required": _("请选择一个专题。"), "invalid_choice": _("请选择一个专题。")})


# --- the work queue ---------------------------------------------------------------------------------

class QueueFilterForm(forms.Form):
    """The queue's filters (GET). An invalid field is reported and left out; the rest still apply."""

    code = forms.ChoiceField(label=_("标记"), required=False,
                             choices=[("", _("全部问题"))] + list(FlagCode.choices))
    info = forms.BooleanField(label=_("也显示提示性标记（跨栏拼接、日期为估计）"), required=False)
    date_from = forms.DateField(label=_("日期从"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("到"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    source = forms.CharField(label=_("版面（源文件名）"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[
        ("", _("未审核")), ("all", _("全部状态"))] + list(ArticleStatus.choices))
    sort = forms.ChoiceField(label=_("排序"), required=False, choices=[
        ("priority", _("最紧急在前")), ("date", _("日期从早到晚")), ("-date", _("日期从晚到早")),
        ("flags", _("标记最多在前"))])

    def queue_filter(self) -> QueueFilter:
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        return QueueFilter(code=data.get("code"), informational=bool(data.get("info")),
                           date_from=data.get("date_from"), date_to=data.get("date_to"),
                           source=data.get("source", "").strip(), status=data.get("status", ""),
                           sort=data.get("sort", "priority"))


class CloseReportForm(VersionForm):
    """Close a reader's report from the queue (its article's page version, as every edit)."""

    report = forms.ModelChoiceField(queryset=ProblemReport.objects.filter(status=ProblemReport.Status.OPEN),
                                    error_messages={"required": _("这条读者报告已不存在，请刷新页面。"),
                                                    "invalid_choice": _("这条读者报告已不存在或已处理，请刷新页面。")})
