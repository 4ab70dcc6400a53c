"""Admin for beheerders: rounds, assessments with their events, answers (with history) and
next steps. Answers are changed through the form (versions, locks); the admin shows them."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import Answer, Assessment, AssessmentEvent, AssessmentRound, NextStep


class AssessmentInline(admin.TabularInline[Assessment, AssessmentRound]):
    model = Assessment
    fields = ("participation", "perspective", "status", "submitted_at")
    readonly_fields = ("status", "submitted_at")
    extra = 0
    show_change_link = True


@admin.register(AssessmentRound)
class AssessmentRoundAdmin(admin.ModelAdmin[AssessmentRound]):
    list_display = ("partnership", "period", "opens_on", "due_on", "target", "status")
    list_filter = ("status", "framework")
    search_fields = ("partnership__name", "period")
    autocomplete_fields = ("partnership",)
    raw_id_fields = ("previous",)
    readonly_fields = ("created_by", "created_at")
    inlines = [AssessmentInline]


class AssessmentEventInline(admin.TabularInline[AssessmentEvent, Assessment]):
    model = AssessmentEvent
    fields = ("kind", "reason", "user", "at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin[Assessment]):
    list_display = ("__str__", "perspective", "status", "submitted_at")
    list_filter = ("status", "perspective")
    search_fields = ("round__partnership__name", "participation__organisation__name")
    list_select_related = ("round__partnership", "participation__organisation")
    raw_id_fields = ("round", "participation")
    readonly_fields = ("status", "submitted_by", "submitted_at", "created_at")
    inlines = [AssessmentEventInline]


@admin.register(Answer)
class AnswerAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    list_display = ("assessment", "recommendation", "score", "special", "version", "updated_at")
    list_filter = ("special", "is_taken_over")
    search_fields = ("recommendation__code", "assessment__round__partnership__name")
    list_select_related = ("assessment__round__partnership", "recommendation")
    raw_id_fields = ("assessment", "recommendation")
    readonly_fields = ("version", "updated_at", "updated_by")

    # Answers change through the form only: it keeps versions, locks and the audit trail.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(NextStep)
class NextStepAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    list_display = ("description", "round", "owner", "due_on", "status")
    list_filter = ("status",)
    search_fields = ("description", "owner", "round__partnership__name")
    list_select_related = ("round__partnership",)
    raw_id_fields = ("round", "recommendation", "owner_body")
    readonly_fields = ("created_by", "created_at")
