"""Admin for persons, their aliases and credits, with the "merge two persons" action.

Merging is for OCR variants of one name (金钧胤 / 金钩胤): the editor ticks the two persons, picks
which to keep on a confirmation page, and the editing operations move every credit and keep the
other spelling as an alias (with a revision, so the merge can be seen in history).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.editing.permissions import can_edit
from articles.models import Credit, Person, PersonAlias

from . import operations
from .indexed import SearchIndexedAdmin
from .readonly import ChangedInEditorAdmin


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0
    fields = ("name", "kind", "source")


@admin.register(Person)
class PersonAdmin(SearchIndexedAdmin):
    list_display = ("name", "slug", "note", "credit_count", "alias_names")
    search_fields = ("name", "slug", "aliases__name")
    inlines = (PersonAliasInline,)
    actions = ("merge_persons",)

    def get_queryset(self, request):
        return (
            super().get_queryset(request)
            .annotate(_credits=Count("credits", distinct=True))
            .prefetch_related("aliases")
        )

    @admin.display(description=gettext_lazy("署名次数"), ordering="_credits")
    def credit_count(self, person):
        return person._credits

    @admin.display(description=gettext_lazy("别名"))
    def alias_names(self, person):
        return "、".join(alias.name for alias in person.aliases.all())

    @admin.action(description=gettext_lazy("合并所选的两位人物（保留其一，另一写法作为别名）"))
    def merge_persons(self, request, queryset):
        if not can_edit(request.user):
            raise PermissionDenied
        persons = list(queryset.annotate(credit_total=Count("credits")).order_by("-credit_total", "pk"))
        if len(persons) != 2:
            self.message_user(request, _("请恰好选择两位人物进行合并。"), messages.ERROR)
            return None
        keep_id = request.POST.get("keep")
        if request.POST.get("confirm") == "yes" and keep_id in {str(p.pk) for p in persons}:
            keep = next(p for p in persons if str(p.pk) == keep_id)
            drop = next(p for p in persons if p is not keep)
            from articles.editing.persons import merge_persons  # noqa: PLC0415

            result = operations.run(request, merge_persons, keep=keep, drop=drop)
            if result.ok:
                self.message_user(
                    request,
                    _("已将“%(drop)s”合并到“%(keep)s”；原写法保留为别名。") % {"drop": drop.name, "keep": keep.name},
                    messages.SUCCESS,
                )
            else:
                self.message_user(request, result.error, messages.ERROR)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("合并人物"),
            "opts": self.model._meta,
            "persons": persons,
            "queryset": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/person/merge_confirm.html", context)


@admin.register(PersonAlias)
class PersonAliasAdmin(admin.ModelAdmin):
    list_display = ("name", "person", "kind", "source")
    list_filter = ("kind", "source")
    search_fields = ("name", "person__name")
    list_select_related = ("person",)
    autocomplete_fields = ("person",)


@admin.register(Credit)
class CreditAdmin(ChangedInEditorAdmin):
    list_display = ("person", "role", "printed_name", "article", "status", "source", "confidence")
    list_filter = ("role", "status", "source")
    search_fields = ("person__name", "printed_name", "article__headline")
    list_select_related = ("person", "article")
    autocomplete_fields = ("person", "article")
