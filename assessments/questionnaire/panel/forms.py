"""The panel's forms: inviting a raadslid, a raadslid's answers, the griffier's raad answer."""

from django import forms

from assessments.constants import SCALE_MAX, Score
from partnerships.text import validate_plain_text

WEET_NIET = "weet_niet"
PANEL_CHOICES = [
    *((str(s.value), f"{s.value} {s.label}") for s in Score),
    (WEET_NIET, "Weet niet"),
]


class InviteForm(forms.Form):
    first_name = forms.CharField(label="Voornaam", max_length=150, validators=[validate_plain_text])
    last_name = forms.CharField(
        label="Achternaam", max_length=150, validators=[validate_plain_text]
    )
    email = forms.EmailField(
        label="E-mailadres",
        max_length=254,
        validators=[validate_plain_text],
        error_messages={"invalid": "Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."},
    )


class RaadAnswerForm(forms.Form):
    """The griffier's raad answer on one item, from the panel page."""

    value = forms.ChoiceField(
        label="Antwoord van de raad",
        choices=PANEL_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies een score van 0 tot en met 4 of ‘Weet niet’."},
    )
    note = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_plain_text],
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


def panel_value(raw: str | None) -> int | str | None:
    """A posted radio value: 0-4, "weet_niet", or None (nothing chosen); raises ValueError."""
    if raw is None or raw == "":
        return None
    if raw == WEET_NIET:
        return WEET_NIET
    if raw.isascii() and raw.isdigit() and 0 <= int(raw) <= SCALE_MAX:
        return int(raw)
    raise ValueError(raw)
