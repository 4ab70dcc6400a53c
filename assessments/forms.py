"""Forms: validation only. Saving goes through assessments.services."""

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet

from partnerships.form_rules import CheckedInputMixin
from partnerships.models import Body
from principles.models import Recommendation

from . import scoring
from .constants import SCORE_MEANINGS, SPECIAL_MEANINGS, NextStepStatus, Score, Special
from .selectors import AnswerRow, answer_fingerprint, item_slug
from .services import MSG_NVT_EXPLANATION, AnswerInput

MSG_INVALID_VALUE = "Kies een waarde uit de schaal: 0 tot en met 4, n.v.t. of weet niet."
MSG_MISSING_VERSION = "Het formulier is onvolledig verstuurd. Laad de pagina opnieuw."


@dataclass(frozen=True)
class ScaleOption:
    value: str
    number: str  # "0".."4", or "" for n.v.t. and weet niet
    label: str
    meaning: str


SCALE: tuple[ScaleOption, ...] = (
    *(ScaleOption(str(s.value), str(s.value), s.label, SCORE_MEANINGS[s.value]) for s in Score),
    ScaleOption(Special.NVT.value, "", "n.v.t.", SPECIAL_MEANINGS[Special.NVT]),
    ScaleOption(Special.WEET_NIET.value, "", "Weet niet", SPECIAL_MEANINGS[Special.WEET_NIET]),
)
VALUE_CHOICES = [(o.value, o.label) for o in SCALE]


class AnswerForm(CheckedInputMixin, forms.Form):
    """One recommendation on a theme page; the prefix is the item's slug ("A5_7")."""

    value = forms.ChoiceField(
        label="Hoe ver is dit geregeld?",
        choices=VALUE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": MSG_INVALID_VALUE},
    )
    explanation = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence_url = forms.URLField(
        label="Link naar onderbouwing",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Bijvoorbeeld een raadsbesluit, de regeling of een verslag.",
    )
    version = forms.IntegerField(
        min_value=0, widget=forms.HiddenInput, error_messages={"required": MSG_MISSING_VERSION}
    )
    loaded = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if data.get("value") == Special.NVT and not (data.get("explanation") or "").strip():
            self.add_error("explanation", MSG_NVT_EXPLANATION)
        return data

    def to_input(self) -> AnswerInput:
        data = self.cleaned_data
        return AnswerInput(
            value=scoring.parse_value(data.get("value")),
            explanation=data.get("explanation") or "",
            evidence_url=data.get("evidence_url") or "",
            version=data["version"],
            loaded=data.get("loaded") or "",
        )


def answer_initial(answer: AnswerRow | None) -> dict[str, object]:
    if answer is None:
        empty = answer_fingerprint(None, "", "")
        return {"value": "", "explanation": "", "evidence_url": "", "version": 0, "loaded": empty}
    return {
        "value": "" if answer.value is None else str(answer.value),
        "explanation": answer.explanation,
        "evidence_url": answer.evidence_url,
        "version": answer.version,
        "loaded": answer.fingerprint,
    }


def answer_form(code: str, answer: AnswerRow | None, data: object | None = None) -> AnswerForm:
    return AnswerForm(data=data, prefix=item_slug(code), initial=answer_initial(answer))


class ReopenForm(CheckedInputMixin, forms.Form):
    reason = forms.CharField(
        label="Waarom heropent u deze zelfevaluatie?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="De reden wordt bewaard en is zichtbaar voor iedereen die de zelfevaluatie ziet.",
        error_messages={"required": "Geef een reden op voor het heropenen."},
    )


class RecommendationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Recommendation) -> str:
        return f"{obj.code} — {obj.text[:90]}"


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
    owner_body = forms.ModelChoiceField(
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
        *args: object,
        bodies: QuerySet[Body],
        recommendations: QuerySet[Recommendation] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_body"].queryset = bodies
        self.fields["owner_body"].label_from_instance = _body_label
        if recommendations is None:
            del self.fields["recommendation"]
        else:
            self.fields["recommendation"].queryset = recommendations

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if not data.get("owner_body") and not (data.get("owner") or "").strip():
            self.add_error("owner", "Wie trekt deze stap? Kies een orgaan of vul een naam in.")
        return data


def _body_label(body: Body) -> str:
    if body.name:
        return body.name
    owner = body.participation.organisation if body.participation_id else body.partnership
    return f"{body.get_kind_display()} — {owner}"
