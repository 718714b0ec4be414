"""Admin for newspapers, issues, pages and the importer's load log."""

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import ImportLog, Issue, Newspaper, Page

from .indexed import SearchIndexedAdmin
from .readonly import ChangedInEditorAdmin, ReadOnlyAdmin
from .urls import page_editor_urls


THUMB_WIDTH = 160  # px: the page image's thumbnail in the page's change form


@admin.register(Newspaper)
class NewspaperAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")


@admin.register(Issue)
class IssueAdmin(ChangedInEditorAdmin):
    list_display = ("date", "newspaper", "number", "date_is_estimated", "page_count")
    list_filter = ("date_is_estimated", "newspaper")
    date_hierarchy = "date"
    search_fields = ("=number",)
    list_select_related = ("newspaper",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_page_count=Count("pages"))

    @admin.display(description=_("版面数"), ordering="_page_count")
    def page_count(self, issue):
        return issue._page_count


@admin.register(Page)
class PageAdmin(SearchIndexedAdmin):
    list_display = ("__str__", "name", "source_name", "article_count", "open_flag_count", "editor_link")
    list_filter = ("issue__date_is_estimated", "number_is_estimated", "issue__newspaper")
    search_fields = ("name", "banner", "source_name", "sha256")
    list_select_related = ("issue__newspaper",)
    # Date and number are confirmed in the page editor (an undoable revision, version-checked).
    readonly_fields = ("issue", "number", "number_is_estimated", "page_image", "source_name", "sha256", "raw_text",
                       "imported_at", "updated_at", "version")
    fields = ("name", "banner", *readonly_fields)
    change_form_template = "admin/articles/page/change_form.html"
    object_history_template = "admin/articles/object_history_with_revisions.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            _article_count=Count("articles", distinct=True),
            _open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True), distinct=True),
        )

    @admin.display(description=_("文章数"), ordering="_article_count")
    def article_count(self, page):
        return page._article_count

    @admin.display(description=_("待查标记"), ordering="_open_flags")
    def open_flag_count(self, page):
        return page._open_flags

    @admin.display(description=_("校对"))
    def editor_link(self, page):
        url = reverse("admin:articles_page_editor", args=[page.pk])
        return format_html('<a href="{}">{}</a>', url, _("打开版面编辑"))

    @admin.display(description=_("版面图"))
    def page_image(self, page):
        """A thumbnail linking to the full image (changed only by a re-import with a manifest's
        ``image`` column); says so when there is none or its file is lost."""
        image = page.shown_image()
        if image is None:
            return _("版面图文件缺失") if page.image else _("没有版面图")
        width = min(page.image_width or THUMB_WIDTH, THUMB_WIDTH)  # the height follows the width
        return format_html('<a href="{}"><img src="{}" alt="{}" width="{}"></a>', image.url, image.url,
                           _("第%(number)s版版面图") % {"number": page.number}, width)

    def get_urls(self):
        return page_editor_urls(self.admin_site) + super().get_urls()


@admin.register(ImportLog)
class ImportLogAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "source_name", "outcome", "page", "short_message")
    list_filter = ("outcome",)
    search_fields = ("source_name", "sha256", "message")
    list_select_related = ("page__issue__newspaper",)
    date_hierarchy = "created_at"

    @admin.display(description=_("说明"))
    def short_message(self, log):
        return log.message[:80]
