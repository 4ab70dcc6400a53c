"""Forms for filling in an assessment: validation only. Saving goes through
assessments.questionnaire.services."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms

from assessments import scoring
from assessments.constants import SCORE_MEANINGS, SPECIAL_MEANINGS, Score, Special
from partnerships.form_rules import CheckedInputMixin

from .selectors import AnswerRow, answer_fingerprint, item_slug
from .services import MSG_NVT_EXPLANATION, AnswerInput

MSG_INVALID_VALUE = "Kies een waarde uit de schaal: 0 tot en met 4, n.v.t. of weet niet."
MSG_MISSING_VERSION = "Het formulier is onvolledig verstuurd. Laad de pagina opnieuw."
MSG_INVALID_DOCUMENT = (
    "Kies een document uit het register van dit samenwerkingsverband, of ‘Geen document’."
)

# The documents an answer can point to: (kind label, [(id, label)]), as
# partnerships.selectors_documents.document_choices gives them.
DocumentChoices = list[tuple[str, list[tuple[int, str]]]]


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
        label="Hoe goed gebeurt dit nu?",
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
    evidence_document = forms.TypedChoiceField(
        label="Document",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Geen document")],
        help_text="Een document uit het register van het samenwerkingsverband.",
        error_messages={"invalid_choice": MSG_INVALID_DOCUMENT},
    )
    evidence_location = forms.CharField(
        label="Artikel of pagina",
        required=False,
        max_length=100,
        help_text="Bijvoorbeeld ‘art. 12 lid 3’ of ‘p. 14’.",
    )
    documented = forms.BooleanField(
        label="Vastgelegd in de regeling, een reglement of protocol",
        required=False,
        help_text="Alleen bij een score van 0 tot en met 4. Telt niet mee in de score.",
    )
    version = forms.IntegerField(
        min_value=0, widget=forms.HiddenInput, error_messages={"required": MSG_MISSING_VERSION}
    )
    loaded = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, documents: DocumentChoices | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["evidence_document"]
        assert isinstance(field, forms.TypedChoiceField)
        self.documents: DocumentChoices = documents or []
        field.choices = [("", "Geen document"), *self.documents]

    @property
    def document_groups(self) -> list[tuple[str, list[tuple[str, str, bool]]]]:
        """The register as (kind label, [(value, label, selected)]) for the template."""
        current = str(self["evidence_document"].value() or "")
        return [
            (group, [(str(pk), label, str(pk) == current) for pk, label in options])
            for group, options in self.documents
        ]

    @property
    def document_label(self) -> str:
        """The label of the stored document ("" when none)."""
        return next(
            (
                label
                for _, options in self.document_groups
                for _, label, chosen in options
                if chosen
            ),
            "",
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("value") == Special.NVT and not (data.get("explanation") or "").strip():
            self.add_error("explanation", MSG_NVT_EXPLANATION)
        return data

    def waits_for_nvt_explanation(self) -> bool:
        """n.v.t. is chosen and the only thing wrong is the explanation not written yet: the
        moment between choosing n.v.t. and typing why, which saving as you go waits out."""
        return self.errors.as_data().keys() == {"explanation"} and [
            e.message for e in self.errors.as_data()["explanation"]
        ] == [MSG_NVT_EXPLANATION]

    def to_input(self) -> AnswerInput:
        data = self.cleaned_data
        return AnswerInput(
            value=scoring.parse_value(data.get("value")),
            explanation=data.get("explanation") or "",
            evidence_url=data.get("evidence_url") or "",
            version=data["version"],
            loaded=data.get("loaded") or "",
            documented=bool(data.get("documented")),
            evidence_document=data.get("evidence_document"),
            evidence_location=data.get("evidence_location") or "",
        )


def answer_initial(answer: AnswerRow | None) -> dict[str, object]:
    if answer is None:
        empty = answer_fingerprint(None, "", "")
        return {
            "value": "",
            "explanation": "",
            "evidence_url": "",
            "documented": False,
            "evidence_document": "",
            "evidence_location": "",
            "version": 0,
            "loaded": empty,
        }
    return {
        "value": "" if answer.value is None else str(answer.value),
        "explanation": answer.explanation,
        "evidence_url": answer.evidence_url,
        "documented": bool(answer.documented),
        "evidence_document": "" if answer.evidence_document is None else answer.evidence_document,
        "evidence_location": answer.evidence_location,
        "version": answer.version,
        "loaded": answer.fingerprint,
    }


def answer_form(
    code: str,
    answer: AnswerRow | None,
    data: Mapping[str, Any] | None = None,
    documents: DocumentChoices | None = None,
) -> AnswerForm:
    """The form of one item; `documents`: the partnership's register (document_choices),
    read once per page, not once per item."""
    return AnswerForm(
        data=data, prefix=item_slug(code), initial=answer_initial(answer), documents=documents
    )


class ReopenForm(CheckedInputMixin, forms.Form):
    reason = forms.CharField(
        label="Waarom heropent u deze zelfevaluatie?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="De reden wordt bewaard en is zichtbaar voor iedereen die de zelfevaluatie ziet.",
        error_messages={"required": "Geef een reden op voor het heropenen."},
    )
