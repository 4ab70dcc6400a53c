"""Forms for rounds: validation only; `services.py` does the work."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms

from assessments.constants import DEFAULT_TARGET, SCALE_MAX, RoundStatus
from assessments.models import AssessmentRound
from assessments.presentation import numeric_date, term
from assessments.rounds.selectors import RespondentOption
from assessments.rounds.services import (
    ERR_DUE_BEFORE_OPEN,
    ERR_NEXT_EXISTS,
    ERR_NEXT_NOT_LATER,
    ERR_NO_RESPONDENTS,
    ERR_OPEN_EXISTS,
    ERR_PERIOD_TAKEN,
    Invitation,
)
from partnerships.dates import add_days, add_years
from partnerships.form_rules import CheckedInputMixin

TARGET_CHOICES = [
    (1, "1 – In aanzet"),
    (2, "2 – Gedeeltelijk"),
    (3, "3 – Grotendeels (standaard)"),
    (4, "4 – Volledig"),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class _PeriodForm(CheckedInputMixin, forms.Form):
    period = forms.CharField(
        label="Periode",
        max_length=20,
        help_text="Bijvoorbeeld 2026 of 2026-voorjaar.",
    )
    opens_on = forms.DateField(label="Open vanaf", widget=DateInput())
    due_on = forms.DateField(label="In te vullen vóór", widget=DateInput())
    target = forms.TypedChoiceField(
        label=term("target"),
        choices=TARGET_CHOICES,
        coerce=int,
        initial=DEFAULT_TARGET,
        help_text="Een aanbeveling met een lagere score telt als verbeterpunt.",
    )

    def __init__(self, *args: Any, partnership_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership_id = partnership_id

    def clean_period(self) -> str:
        period: str = self.cleaned_data["period"].strip()
        if AssessmentRound.objects.filter(
            partnership_id=self.partnership_id, period=period
        ).exists():
            raise forms.ValidationError(ERR_PERIOD_TAKEN.format(period=period))
        return period

    def clean_target(self) -> int:
        target: int = self.cleaned_data["target"]
        if not 1 <= target <= SCALE_MAX:  # pragma: no cover - choices already limit it
            raise forms.ValidationError("Kies een streefwaarde van 1 tot en met 4.")
        return target

    def clean(self) -> dict[str, Any]:
        super().clean()  # returns cleaned_data, but is typed as optional: read it directly
        data = self.cleaned_data
        opens_on, due_on = data.get("opens_on"), data.get("due_on")
        if opens_on and due_on and due_on < opens_on:
            self.add_error("due_on", ERR_DUE_BEFORE_OPEN)
        return data


class RoundCreateForm(_PeriodForm):
    """Period, dates, target and a checklist of respondents with optional e-mail addresses."""

    def __init__(
        self,
        *args: Any,
        partnership_id: int,
        options: Sequence[RespondentOption],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, partnership_id=partnership_id, **kwargs)
        self.options = list(options)
        today = datetime.date.today()
        taken = set(
            AssessmentRound.objects.filter(partnership_id=partnership_id).values_list(
                "period", flat=True
            )
        )
        year = today.year
        while str(year) in taken:
            year += 1
        self.fields["period"].initial = str(year)
        self.fields["opens_on"].initial = today
        self.fields["due_on"].initial = add_days(today, 6 * 7)
        for option in self.options:
            self.fields[f"invite_{option.key}"] = forms.BooleanField(
                label=option.label, required=False
            )
            self.fields[f"email_{option.key}"] = forms.EmailField(
                label=f"E-mailadres {option.full_label} (optioneel)",
                required=False,
                error_messages={"invalid": "Vul een geldig e-mailadres in of laat het leeg."},
            )

    def groups(self) -> list[tuple[str, list[tuple[RespondentOption, object, object]]]]:
        """The checklist per organisation, for the template: (group, [(option, box, email)])."""
        out: dict[str, list[tuple[RespondentOption, object, object]]] = {}
        for option in self.options:
            out.setdefault(option.group, []).append(
                (option, self[f"invite_{option.key}"], self[f"email_{option.key}"])
            )
        return list(out.items())

    def invitations(self) -> list[Invitation]:
        return [
            Invitation(
                perspective=option.perspective,
                participation_id=option.participation_id,
                email=self.cleaned_data.get(f"email_{option.key}") or "",
            )
            for option in self.options
            if self.cleaned_data.get(f"invite_{option.key}")
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        open_round = AssessmentRound.objects.filter(
            partnership_id=self.partnership_id, status=RoundStatus.OPEN
        ).first()
        if open_round is not None:
            raise forms.ValidationError(ERR_OPEN_EXISTS.format(period=open_round.period))
        if not any(data.get(f"invite_{o.key}") for o in self.options):
            raise forms.ValidationError(ERR_NO_RESPONDENTS)
        return data


class RoundNextForm(_PeriodForm):
    """The period and dates of the next round; respondents and answers come from this one.

    `confirmed` is set by the confirmation page: the first valid post only shows what starting
    the next round does (closing this round, and who has not submitted in it).
    """

    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, previous: AssessmentRound, **kwargs: Any) -> None:
        super().__init__(*args, partnership_id=previous.partnership_id, **kwargs)
        self.previous = previous
        self.fields["target"].initial = previous.target
        if previous.period.isdigit():
            self.fields["period"].initial = str(int(previous.period) + 1)
        for name, value in (("opens_on", previous.opens_on), ("due_on", previous.due_on)):
            # Saturating: a round stored with an extreme date must not break its page.
            self.fields[name].initial = add_years(value, 1)

    def clean(self) -> dict[str, Any]:
        # The service checks the same; here, so that the confirmation page only follows input
        # that can be saved.
        data = super().clean()
        existing = self.previous.next_rounds.first()
        if existing is not None:
            raise forms.ValidationError(ERR_NEXT_EXISTS.format(period=existing.period))
        opens_on = data.get("opens_on")
        if opens_on is not None and opens_on <= self.previous.opens_on:
            self.add_error(
                "opens_on", ERR_NEXT_NOT_LATER.format(date=numeric_date(self.previous.opens_on))
            )
        other = (
            AssessmentRound.objects.filter(
                partnership_id=self.partnership_id, status=RoundStatus.OPEN
            )
            .exclude(pk=self.previous.pk)
            .first()
        )
        if other is not None:
            raise forms.ValidationError(ERR_OPEN_EXISTS.format(period=other.period))
        return data
