"""The form of a verbonden partij's BBV facts: validation only, messages in Dutch. Amounts
are typed the Dutch way ("1.234.567,89", "-12.500"); saving goes through partnerships.bbv."""

from decimal import Decimal
from typing import Any

from django import forms

from .amounts import AmountError, input_euro, parse_euro
from .bbv import MSG_NOT_NEGATIVE, MSG_YEAR, NOT_NEGATIVE, group_error
from .constants import BBV_FIRST_YEAR, BBV_LAST_YEAR, BbvGroup
from .form_rules import CheckedInputMixin
from .models_bbv import VerbondenPartijFacts

MAX_VOTES = 10_000


class EuroField(forms.CharField):
    """An amount in euros as a Dutch person types it; cleans to a Decimal or None."""

    def __init__(self, *, allow_negative: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.allow_negative = allow_negative
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value: Any) -> Any:
        return input_euro(value) if isinstance(value, Decimal) else value

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        try:
            amount = parse_euro(text or "")
        except AmountError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc
        if amount is not None and amount < 0 and not self.allow_negative:
            raise forms.ValidationError(MSG_NOT_NEGATIVE, code="negative")
        return amount


class VerbondenPartijForm(CheckedInputMixin, forms.ModelForm[VerbondenPartijFacts]):
    bbv_group = forms.ChoiceField(
        label="Groep in de paragraaf",
        choices=BbvGroup.choices,
        help_text="Een gemeenschappelijke regeling staat altijd in de eerste groep.",
    )
    public_interest = forms.CharField(
        label="Openbaar belang",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Welk publiek doel dient de samenwerking, en hoe behartigt uw organisatie "
        "haar belang?",
        error_messages={"required": "Beschrijf het openbaar belang dat de samenwerking dient."},
    )
    votes = forms.IntegerField(
        label="Bestuurlijk belang: aantal stemmen",
        required=False,
        min_value=0,
        max_value=MAX_VOTES,
        error_messages={
            "invalid": "Vul een heel aantal stemmen in, bijvoorbeeld 1.",
            "min_value": "Het aantal stemmen kan niet negatief zijn.",
            "max_value": f"Vul hoogstens {MAX_VOTES} stemmen in.",
        },
    )
    contribution = EuroField(
        label="Financieel belang: bijdrage (€)",
        allow_negative=False,
        help_text="Het bedrag dat uw organisatie inbrengt en kwijt is als de partij failliet "
        "gaat, bijvoorbeeld 1.234.567,89.",
    )
    equity_start = EuroField(label="Eigen vermogen begin jaar (€)", help_text="Mag negatief.")
    equity_end = EuroField(label="Eigen vermogen eind jaar (€)", help_text="Mag negatief.")
    debt_start = EuroField(label="Vreemd vermogen begin jaar (€)", allow_negative=False)
    debt_end = EuroField(label="Vreemd vermogen eind jaar (€)", allow_negative=False)
    result = EuroField(
        label="Resultaat (€)", help_text="Een verlies met een minteken, bijvoorbeeld -12.500."
    )

    class Meta:
        model = VerbondenPartijFacts
        fields = [
            "bbv_group",
            "location",
            "public_interest",
            "seat",
            "votes",
            "contribution",
            "liability",
            "equity_start",
            "equity_end",
            "debt_start",
            "debt_end",
            "result",
            "risks",
        ]
        labels = {
            "location": "Vestigingsplaats",
            "seat": "Bestuurlijk belang: zetel",
            "liability": "Financieel belang: aansprakelijkheid of garantie",
            "risks": "Risico's",
        }
        help_texts = {
            "location": "Waar de verbonden partij gevestigd is.",
            "seat": "Wie namens uw organisatie in welk bestuur zit, bijvoorbeeld "
            "‘wethouder in het algemeen en dagelijks bestuur’.",
            "liability": "Bijvoorbeeld een garantstelling voor leningen of de plicht om tekorten "
            "aan te vullen.",
            "risks": "Welke financiële en bestuurlijke risico's loopt uw organisatie?",
        }
        widgets = {
            "liability": forms.Textarea(attrs={"rows": 2}),
            "risks": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        group = cleaned.get("bbv_group")
        if group:
            error = group_error(self.instance.participation, group)
            if error:
                self.add_error("bbv_group", error)
        for name in NOT_NEGATIVE:
            amount = cleaned.get(name)
            if amount is not None and amount < 0:
                self.add_error(name, MSG_NOT_NEGATIVE)
        return cleaned

    def validate_unique(self) -> None:
        """One row per participation and year: the view fetches that row, so the form never
        makes a second one."""


class YearForm(CheckedInputMixin, forms.Form):
    """The year of the paragraaf (GET)."""

    jaar = forms.IntegerField(
        label="Jaar",
        min_value=BBV_FIRST_YEAR,
        max_value=BBV_LAST_YEAR,
        error_messages={
            "required": MSG_YEAR,
            "invalid": MSG_YEAR,
            "min_value": MSG_YEAR,
            "max_value": MSG_YEAR,
        },
    )
