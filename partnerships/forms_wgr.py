"""The form of the Wgr check: per applicable clause ja / nee / onbekend, the article of the
regeling and a note. Saving goes through partnerships.wgr_services."""

from typing import Any

from django import forms

from .constants import CheckStatus
from .form_rules import CheckedInputMixin
from .wgr import WgrCheck
from .wgr_services import ClauseInput

MSG_STATUS = "Kies ja, nee of onbekend."


class WgrForm(CheckedInputMixin, forms.Form):
    """One group of three fields per clause that applies: ``<code>-status``,
    ``<code>-article`` and ``<code>-note``."""

    def __init__(self, *args: Any, check: WgrCheck, **kwargs: Any) -> None:
        initial: dict[str, str] = {}
        for clause in check.clauses:
            initial[f"{clause.code}-status"] = clause.status
            initial[f"{clause.code}-article"] = clause.article
            initial[f"{clause.code}-note"] = clause.note
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.check = check
        for clause in check.clauses:
            self.fields[f"{clause.code}-status"] = forms.ChoiceField(
                label=clause.label,
                choices=CheckStatus.choices,
                widget=forms.RadioSelect,
                error_messages={"required": MSG_STATUS, "invalid_choice": MSG_STATUS},
            )
            self.fields[f"{clause.code}-article"] = forms.CharField(
                label="Artikel van de regeling",
                max_length=100,
                required=False,
                help_text="Bijvoorbeeld ‘art. 9 lid 2’.",
            )
            self.fields[f"{clause.code}-note"] = forms.CharField(
                label="Toelichting",
                max_length=500,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def groups(self) -> list[dict[str, Any]]:
        """The bound fields per clause, in the law's order, for the template."""
        return [
            {
                "clause": clause,
                "status": self[f"{clause.code}-status"],
                "article": self[f"{clause.code}-article"],
                "note": self[f"{clause.code}-note"],
            }
            for clause in self.check.clauses
        ]

    def values(self) -> dict[str, ClauseInput]:
        """The cleaned values per clause code (call after is_valid())."""
        return {
            clause.code: ClauseInput(
                status=self.cleaned_data[f"{clause.code}-status"],
                article=(self.cleaned_data.get(f"{clause.code}-article") or "").strip(),
                note=(self.cleaned_data.get(f"{clause.code}-note") or "").strip(),
            )
            for clause in self.check.clauses
        }
