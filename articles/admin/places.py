"""Admin for regions (the committed gazetteer) and articles' place tags."""

from django.contrib import admin

from articles.models import ArticleRegion, Region

from .readonly import ChangedInEditorAdmin


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "code", "level", "parent", "slug")
    list_filter = ("level",)
    search_fields = ("name", "short_name", "code", "slug")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)


@admin.register(ArticleRegion)
class ArticleRegionAdmin(ChangedInEditorAdmin):
    list_display = ("article", "region", "source", "rejected", "mentions", "evidence")
    list_filter = ("source", "rejected", "region__level")
    search_fields = ("region__name", "article__headline", "evidence")
    list_select_related = ("article", "region")
    autocomplete_fields = ("article", "region")
