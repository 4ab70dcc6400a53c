"""Admin for the framework: read-only, because the content comes from fixtures/gids.json.

Change the Gids by regenerating the fixture (build_gids_fixture) and running load_gids;
edits in the admin would be overwritten by the next load.
"""

from django.contrib import admin
from django.http import HttpRequest

from .models import Actor, Framework, Part, PracticalItem, Recommendation, Theme


class ReadOnlyMixin:
    """View-only access: no add, change or delete, for every user."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class PartInline(ReadOnlyMixin, admin.TabularInline[Part, Framework]):
    model = Part
    fields = ("code", "title")
    extra = 0
    show_change_link = True


class ThemeInline(ReadOnlyMixin, admin.TabularInline[Theme, Part]):
    model = Theme
    fields = ("number", "code", "kind", "title")
    extra = 0
    show_change_link = True


class RecommendationInline(ReadOnlyMixin, admin.TabularInline[Recommendation, Theme]):
    model = Recommendation
    fk_name = "theme"
    fields = ("code", "text", "refers_to")
    extra = 0
    show_change_link = True


class PracticalItemInline(ReadOnlyMixin, admin.TabularInline[PracticalItem, Recommendation]):
    model = PracticalItem
    fields = ("code", "text")
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyMixin, admin.ModelAdmin[Framework]):
    list_display = ("title", "version", "year", "is_current")
    inlines = [PartInline]


@admin.register(Part)
class PartAdmin(ReadOnlyMixin, admin.ModelAdmin[Part]):
    list_display = ("code", "title", "framework")
    inlines = [ThemeInline]


@admin.register(Theme)
class ThemeAdmin(ReadOnlyMixin, admin.ModelAdmin[Theme]):
    list_display = ("code", "title", "kind", "part")
    list_filter = ("part__framework", "part", "kind")
    search_fields = ("code", "title", "statement")
    inlines = [RecommendationInline]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyMixin, admin.ModelAdmin[Recommendation]):
    list_display = ("code", "short_text", "refers_to")
    list_filter = ("theme__part", "theme")
    search_fields = ("code", "text", "lead_in")
    list_select_related = ("theme", "refers_to")
    inlines = [PracticalItemInline]

    @admin.display(description="aanbeveling")
    def short_text(self, obj: Recommendation) -> str:
        return obj.text[:100]


@admin.register(Actor)
class ActorAdmin(ReadOnlyMixin, admin.ModelAdmin[Actor]):
    list_display = ("order", "name", "code", "framework")
    list_display_links = ("name",)
