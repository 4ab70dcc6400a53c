"""The form of a next step: validation only. Saving goes through
assessments.action_plan.services."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from assessments.constants import NextStepStatus
from partnerships.form_rules import CheckedInputMixin
from partnerships.models import Body
from principles.models import Recommendation


class RecommendationChoiceField(forms.ModelChoiceField[Recommendation]):
    def label_from_instance(self, obj: Recommendation) -> str:
        return f"{obj.code} — {obj.text[:90]}"


class BodyChoiceField(forms.ModelChoiceField[Body]):
    def label_from_instance(self, obj: Body) -> str:
        return _body_label(obj)


class NextStepForm(CheckedInputMixin, forms.Form):
    recommendation = RecommendationChoiceField(
        label="Bij aanbeveling",
        queryset=Recommendation.objects.none(),
        required=False,
        empty_label="(geen aanbeveling)",
    )
    description = forms.CharField(
        label="Wat gaat er gebeuren?",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Beschrijf de vervolgstap."},
    )
    owner_body = BodyChoiceField(
        label="Eigenaar (orgaan)",
        queryset=Body.objects.none(),
        required=False,
        empty_label="(kies een orgaan)",
    )
    owner = forms.CharField(
        label="Eigenaar (naam of rol)",
        max_length=200,
        required=False,
        help_text="Vul een orgaan of een naam/rol in, of beide.",
    )
    due_on = forms.DateField(
        label="Gereed op",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )
    status = forms.ChoiceField(label="Status", choices=NextStepStatus.choices)

    def __init__(
        self,
        *args: Any,
        bodies: QuerySet[Body],
        recommendations: QuerySet[Recommendation] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(BodyChoiceField, self.fields["owner_body"]).queryset = bodies
        if recommendations is None:
            del self.fields["recommendation"]
        else:
            cast(
                RecommendationChoiceField, self.fields["recommendation"]
            ).queryset = recommendations

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("owner_body") and not (data.get("owner") or "").strip():
            self.add_error("owner", "Wie trekt deze stap? Kies een orgaan of vul een naam in.")
        return data


def _body_label(body: Body) -> str:
    """A body by its own name, else by its kind and whose it is ("Raad — Gemeente Aalstad")."""
    if body.name:
        return body.name
    owner = body.participation.organisation if body.participation else body.partnership
    return f"{body.get_kind_display()} — {owner}"
