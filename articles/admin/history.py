"""Admin for the revision history (read-only: change it by undoing), the redirects merges left
(read-only too: undoing the merge drops them) and readers' problem reports."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleRedirect, ProblemReport, Revision

from .readonly import ChangedInEditorAdmin, ReadOnlyAdmin
from .urls import revision_urls


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "action", "summary", "page", "undoes")
    list_filter = ("action",)
    search_fields = ("summary", "action", "user__username")
    list_select_related = ("user", "page__issue__newspaper", "undoes")
    date_hierarchy = "created_at"

    def get_urls(self):
        return revision_urls(self.admin_site) + super().get_urls()


@admin.register(ArticleRedirect)
class ArticleRedirectAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "old_id", "old_headline", "new_id", "revision")
    search_fields = ("old_headline", "old_slug")
    list_select_related = ("revision",)


@admin.register(ProblemReport)
class ProblemReportAdmin(ChangedInEditorAdmin):
    list_display = ("created_at", "article", "short_message", "contact", "status", "editor_link")
    list_filter = ("status",)
    search_fields = ("message", "contact", "article__headline")
    list_select_related = ("article",)
    readonly_fields = ("article", "message", "contact", "client_hash", "created_at")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # reports come from readers

    @admin.display(description=_("问题描述"))
    def short_message(self, report):
        return report.message[:80]

    @admin.display(description=_("校对"))
    def editor_link(self, report):
        url = reverse("admin:articles_page_editor", args=[report.article.page_id])
        return format_html('<a href="{}#article-{}">{}</a>', url, report.article_id, _("打开版面编辑"))
