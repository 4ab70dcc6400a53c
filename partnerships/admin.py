"""Admin for every partnerships model. The admin forms check the structural rules in Dutch
(partnerships/rules.py) so that a beheerder never meets the database triggers."""

from typing import Any, TypeVar

from django import forms
from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .constants import CooperationModel, LegalForm
from .forms import MAX_BODIES, MAX_PARTICIPANTS, MAX_SEATS
from .models import Body, Organisation, Participation, Partnership, Person, Profile, Seat
from .rules import (
    MSG_CENTRE_NOT_CENTRUMREGELING,
    MSG_ORGANISATION_IN_WGR,
    body_kind_error,
    cooperation_model_for,
    legal_form_change_errors,
    network_fact_errors_in,
    participant_kind_error,
)

MSG_HAS_CENTRE = (
    "Dit samenwerkingsverband heeft een centrumgemeente. Zet eerst het vinkje bij de "
    "centrumgemeente uit en kies daarna een andere vorm."
)
MSG_MODEL_MISMATCH = "Deze vorm hoort bij het samenwerkingsmodel '{model}'."


class PartnershipAdminForm(forms.ModelForm[Partnership]):
    def clean(self) -> dict[str, Any]:
        super().clean()  # a model form's clean() returns its cleaned_data
        cleaned = self.cleaned_data
        legal_form = cleaned.get("legal_form")
        if not legal_form:
            return cleaned
        for name, error in network_fact_errors_in(legal_form, cleaned).items():
            self.add_error(name, error)
        expected = cooperation_model_for(legal_form)
        if cleaned.get("cooperation_model") and cleaned["cooperation_model"] != expected:
            label = CooperationModel(expected).label
            self.add_error("cooperation_model", MSG_MODEL_MISMATCH.format(model=label))
        if self.instance.pk:
            # The admin saves the partnership before its inlines, so what is stored decides.
            participations = Participation.objects.filter(partnership=self.instance)
            if (
                legal_form != LegalForm.CENTRUMREGELING
                and participations.filter(is_centre=True).exists()
            ):
                self.add_error("legal_form", MSG_HAS_CENTRE)
            for error in legal_form_change_errors(
                legal_form,
                body_kinds=Body.objects.filter(partnership=self.instance).values_list(
                    "kind", flat=True
                ),
                participants=participations.values_list("organisation__name", "organisation__kind"),
            ):
                self.add_error("legal_form", error)
        return cleaned


class ParticipationAdminForm(forms.ModelForm[Participation]):
    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        partnership = cleaned.get("partnership")
        if (
            cleaned.get("is_centre")
            and partnership
            and partnership.legal_form != LegalForm.CENTRUMREGELING
        ):
            self.add_error("is_centre", MSG_CENTRE_NOT_CENTRUMREGELING)
        organisation = cleaned.get("organisation")
        if partnership and organisation:
            # In an inline the partnership is the page's, with the legal form being saved.
            error = participant_kind_error(
                partnership.legal_form, organisation.kind, organisation.name
            )
            if error:
                self.add_error("organisation", error)
        return cleaned


class BodyAdminForm(forms.ModelForm[Body]):
    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        partnership = cleaned.get("partnership")
        if partnership and cleaned.get("kind"):
            error = body_kind_error(partnership.legal_form, cleaned["kind"])
            if error:
                self.add_error("kind", error)
        return cleaned


_ChildT = TypeVar("_ChildT", bound=models.Model)
_ParentT = TypeVar("_ParentT", bound=models.Model)


class CappedInline(admin.TabularInline[_ChildT, _ParentT]):
    """The same row caps as the partnership page: a forged TOTAL_FORMS costs nothing."""

    def get_formset(
        self, request: HttpRequest, obj: _ParentT | None = None, **kwargs: Any
    ) -> type[BaseInlineFormSet[_ChildT, _ParentT, forms.ModelForm[_ChildT]]]:
        kwargs.setdefault("absolute_max", self.max_num)
        kwargs.setdefault("validate_max", True)
        return super().get_formset(request, obj, **kwargs)


class ParticipationInline(CappedInline[Participation, Partnership]):
    model = Participation
    max_num = MAX_PARTICIPANTS
    form = ParticipationAdminForm
    extra = 0
    autocomplete_fields = ["organisation"]


class PartnershipBodyInline(CappedInline[Body, Partnership]):
    model = Body
    max_num = MAX_BODIES
    form = BodyAdminForm
    fk_name = "partnership"
    extra = 0
    fields = ["kind", "name"]


class SeatInline(CappedInline[Seat, Body]):
    model = Seat
    max_num = MAX_SEATS
    extra = 0
    autocomplete_fields = ["person"]


class OrganisationAdminForm(forms.ModelForm[Organisation]):
    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        kind, name = cleaned.get("kind"), cleaned.get("name") or self.instance.name
        if self.instance.pk and kind:
            # An organisation made private must not stay in a gemeenschappelijke regeling.
            taken_part_in = Participation.objects.filter(organisation=self.instance).values_list(
                "partnership__name", "partnership__legal_form"
            )
            misfits = sorted(
                p for p, form in taken_part_in if participant_kind_error(form, kind, name)
            )
            if misfits:
                self.add_error(
                    "kind",
                    MSG_ORGANISATION_IN_WGR.format(name=name, partnerships=", ".join(misfits)),
                )
        return cleaned


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    form = OrganisationAdminForm
    list_display = ["name", "kind", "cbs_code"]
    list_filter = ["kind"]
    search_fields = ["name", "cbs_code"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    form = PartnershipAdminForm
    list_display = ["name", "cooperation_model", "legal_form", "network_weight", "policy_domain"]
    list_filter = [
        "cooperation_model",
        "legal_form",
        "network_weight",
        "is_triple_helix",
        "is_chain",
        "is_statutory",
    ]
    search_fields = ["name", "policy_domain"]
    inlines = [ParticipationInline, PartnershipBodyInline]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin[Participation]):
    form = ParticipationAdminForm
    list_display = ["organisation", "partnership", "since", "until", "is_centre"]
    list_filter = ["is_centre", "partnership__legal_form"]
    search_fields = ["organisation__name", "partnership__name"]
    autocomplete_fields = ["organisation", "partnership"]
    list_select_related = ["organisation", "partnership"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin[Body]):
    form = BodyAdminForm
    list_display = ["__str__", "kind", "partnership", "participation"]
    list_filter = ["kind"]
    search_fields = ["name", "partnership__name", "participation__organisation__name"]
    list_select_related = ["partnership", "participation__organisation"]
    raw_id_fields = ["participation"]
    autocomplete_fields = ["partnership"]
    inlines = [SeatInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = ["name", "email", "organisation"]
    search_fields = ["name", "email"]
    list_filter = ["organisation__kind"]
    autocomplete_fields = ["organisation"]


@admin.register(Seat)
class SeatAdmin(admin.ModelAdmin[Seat]):
    list_display = ["person", "role", "body", "represents"]
    list_filter = ["role", "body__kind"]
    search_fields = ["person__name", "body__name"]
    raw_id_fields = ["body", "represents"]
    autocomplete_fields = ["person"]
    list_select_related = ["person", "body", "represents__organisation"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin[Profile]):
    list_display = ["user", "role", "organisation", "partnership"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "organisation__name", "partnership__name"]
    autocomplete_fields = ["organisation", "partnership"]
    raw_id_fields = ["user"]
