"""Admin for articles, blocks and flags.

Block text, kinds and article boundaries are changed only in the page editor (``views/editor.py``),
where every change is a revision that can be undone; the generic change forms here therefore show
those fields read-only and link to the editor. An article's persons, places and topics are edited
on their own page (``views/tags.py``) through the editing operations, so that each change is
a revision too; the article's change form lists them read-only.
"""

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleRegion, ArticleTopic, Block, Credit, Flag

from .indexed import SearchIndexedAdmin
from .readonly import ChangedInEditorAdmin
from .urls import article_history_urls


class ReadOnlyInline(admin.TabularInline):
    """Shows an article's credits/tags; changes go through the 人物·地区·专题 page (with revisions)."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CreditInline(ReadOnlyInline):
    model = Credit
    fields = ("person", "role", "printed_name", "status", "source", "order")


class ArticleRegionInline(ReadOnlyInline):
    model = ArticleRegion
    fields = ("region", "source", "rejected", "mentions", "evidence")


class ArticleTopicInline(ReadOnlyInline):
    model = ArticleTopic
    fields = ("topic", "score", "is_primary", "source", "rejected")


class OpenFlagFilter(admin.SimpleListFilter):
    title = _("待查标记")
    parameter_name = "flag"

    def lookups(self, request, model_admin):
        from articles.models import FlagCode

        return [("any", _("有未处理标记")), *FlagCode.choices]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        open_flags = Q(flags__resolved_at__isnull=True)
        if value != "any":
            open_flags &= Q(flags__code=value)
        return queryset.filter(open_flags).distinct()


@admin.register(Article)
class ArticleAdmin(ChangedInEditorAdmin):
    list_display = ("__str__", "page", "order", "byline", "status", "open_flag_count", "editor_link")
    list_filter = ("status", OpenFlagFilter, "page__issue__date_is_estimated")
    search_fields = ("headline", "kicker", "subtitle", "byline", "column_label", "slug", "=id")
    object_history_template = "admin/articles/object_history_with_revisions.html"
    list_select_related = ("page__issue__newspaper",)
    readonly_fields = (
        "page", "order", "kicker", "headline", "subtitle", "column_label", "byline", "slug",
        "version", "reviewed_at", "reviewed_by", "created_at", "updated_at", "editor_link",
    )
    fieldsets = (
        (None, {"fields": ("editor_link", "page", "order", "kicker", "headline", "subtitle",
                           "column_label", "byline", "slug")}),
        (_("状态"), {"fields": ("status", "reviewed_at", "reviewed_by", "version", "created_at", "updated_at")}),
    )
    inlines = (CreditInline, ArticleRegionInline, ArticleTopicInline)
    change_form_template = "admin/articles/article/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            _open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True), distinct=True)
        )

    def has_add_permission(self, request):
        # Articles are made by the importer or by gathering blocks in the page editor.
        return False

    @admin.display(description=_("待查标记"), ordering="_open_flags")
    def open_flag_count(self, article):
        return getattr(article, "_open_flags", "")

    @admin.display(description=_("校对"))
    def editor_link(self, article):
        if not article.pk:
            return "—"
        url = reverse("admin:articles_page_editor", args=[article.page_id])
        return format_html('<a href="{}#article-{}">{}</a>', url, article.pk, _("在版面编辑中打开"))

    def get_urls(self):
        return article_history_urls(self.admin_site) + super().get_urls()


@admin.register(Block)
class BlockAdmin(SearchIndexedAdmin):
    list_display = ("__str__", "page", "seq", "kind", "article", "position", "hidden", "line_start", "line_end")
    list_filter = ("kind", "hidden", "after_image_gap")
    search_fields = ("text", "source_text", "original_text")
    list_select_related = ("page__issue__newspaper", "article")
    readonly_fields = [f.name for f in Block._meta.fields if f.name != "id"] + ["editor_link"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # blocks are never deleted: nothing in the source may be lost

    @admin.display(description=_("校对"))
    def editor_link(self, block):
        url = reverse("admin:articles_page_editor", args=[block.page_id])
        return format_html('<a href="{}#block-{}">{}</a>', url, block.pk, _("在版面编辑中打开"))


@admin.register(Flag)
class FlagAdmin(ChangedInEditorAdmin):
    list_display = ("code", "page", "article", "block", "short_message", "created_at", "resolved_at")
    list_filter = ("code", ("resolved_at", admin.EmptyFieldListFilter))
    search_fields = ("message",)
    list_select_related = ("page__issue__newspaper", "article", "block")
    raw_id_fields = ("page", "article", "block")
    readonly_fields = ("created_at", "resolved_by")
    date_hierarchy = "created_at"

    @admin.display(description=_("说明"))
    def short_message(self, flag):
        return flag.message[:80]
