"""Admin for topics (with their editable keyword lists) and articles' topic tags."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleTopic, Topic

from .indexed import SearchIndexedAdmin
from .readonly import ChangedInEditorAdmin


@admin.register(Topic)
class TopicAdmin(SearchIndexedAdmin):
    list_display = ("name", "slug", "position", "article_count")
    list_editable = ("position",)
    search_fields = ("name", "slug", "keywords")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            _articles=Count("article_tags", filter=Q(article_tags__rejected=False))
        )

    @admin.display(description=_("文章数"), ordering="_articles")
    def article_count(self, topic):
        return topic._articles


@admin.register(ArticleTopic)
class ArticleTopicAdmin(ChangedInEditorAdmin):
    list_display = ("article", "topic", "score", "is_primary", "source", "rejected")
    list_filter = ("topic", "source", "rejected", "is_primary")
    search_fields = ("topic__name", "article__headline")
    list_select_related = ("article", "topic")
    autocomplete_fields = ("article", "topic")
