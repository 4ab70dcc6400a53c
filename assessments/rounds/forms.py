"""Forms for rounds: validation only; `services.py` does the work."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
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
from partnerships.constants import MomentKind
from partnerships.dates import add_days, add_years
from partnerships.form_rules import CheckedInputMixin
from partnerships.models import Partnership
from partnerships.pc_calendar import Moment, first_on_or_after, long_date

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


@dataclass(frozen=True)
class PlanPreview:
    """What "Einddatum berekenen" shows: the due date and the moment, or the problems."""

    due_on: datetime.date | None
    moment: Moment | None
    problems: list[str]


DEFAULT_WEEKS_BEFORE = 6
ERR_CHOOSE_MOMENT = "Kies eerst het moment waartegen u de ronde plant."
MAX_WEEKS_BEFORE = 52
ERR_DUE_NEEDED = (
    "Vul in vóór wanneer de zelfevaluaties klaar moeten zijn, of plan de ronde tegen een moment."
)
ERR_NO_MOMENT = (
    "{partnership} heeft geen moment ‘{label}’ op of na {opens} in de kalender. Kies een ander "
    "moment, of vul het moment eerst in de kalender in."
)
ERR_PLAN_BEFORE_OPEN = (
    "{weeks} weken vóór {moment} is {due}: dat is vóór de ronde opent. Kies minder weken, een "
    "later moment of een eerdere startdatum."
)


class RoundCreateForm(_PeriodForm):
    """Period, dates, target and a checklist of respondents with optional e-mail addresses.

    The due date is typed, or follows from a moment in the partnership's P&C calendar ("klaar
    zes weken vóór de zienswijzetermijn sluit"): the first time that moment comes on or after
    the round opens. `planned_moment` is then the moment."""

    plan_moment = forms.ChoiceField(
        label="Plan tegen een moment",
        required=False,
        choices=[("", "Nee, ik vul zelf een datum in"), *MomentKind.choices],
        help_text="De einddatum volgt dan uit de kalender van het samenwerkingsverband.",
    )
    plan_weeks_before = forms.IntegerField(
        label="Aantal weken vóór dat moment",
        required=False,
        min_value=0,
        max_value=MAX_WEEKS_BEFORE,
        initial=DEFAULT_WEEKS_BEFORE,
        help_text=f"0 tot en met {MAX_WEEKS_BEFORE} weken.",
    )

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
        self.fields["due_on"].required = False
        self.fields["due_on"].help_text = "Leeg laten kan als u de ronde tegen een moment plant."
        self.planned_moment: Moment | None = None
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

    def _plan(self, data: dict[str, Any]) -> None:
        """Work out the due date from the chosen moment, or ask for a date."""
        kind, opens_on = data.get("plan_moment"), data.get("opens_on")
        if not kind:
            if data.get("due_on") is None and "due_on" not in self.errors:
                self.add_error("due_on", ERR_DUE_NEEDED)
            return
        if opens_on is None or "plan_weeks_before" in self.errors:
            return
        weeks = data.get("plan_weeks_before")
        if weeks is None:
            weeks = data["plan_weeks_before"] = DEFAULT_WEEKS_BEFORE
        partnership = Partnership.objects.get(pk=self.partnership_id)
        moment = first_on_or_after(partnership, kind, opens_on)
        if moment is None:
            self.add_error(
                "plan_moment",
                ERR_NO_MOMENT.format(
                    partnership=partnership.name,
                    label=MomentKind(kind).label,
                    opens=long_date(opens_on),
                ),
            )
            return
        due = add_days(moment.date, -7 * weeks)
        if due < opens_on:
            self.add_error(
                "plan_weeks_before",
                ERR_PLAN_BEFORE_OPEN.format(
                    weeks=weeks,
                    moment=f"{moment.title} ({long_date(moment.date)})",
                    due=long_date(due),
                ),
            )
            return
        data["due_on"] = due
        self.planned_moment = moment
        self.errors.pop("due_on", None)  # the typed date (if any) is replaced

    def plan_preview(self) -> PlanPreview:
        """After validation: the due date the chosen moment gives, or why it gives none."""
        if not self.cleaned_data.get("plan_moment") and "plan_moment" not in self.errors:
            return PlanPreview(None, None, [ERR_CHOOSE_MOMENT])
        if self.planned_moment is not None:
            return PlanPreview(self.cleaned_data["due_on"], self.planned_moment, [])
        problems = [
            str(e)
            for name in ("opens_on", "plan_moment", "plan_weeks_before")
            for e in self.errors.get(name, [])
        ]
        return PlanPreview(None, None, problems)

    def values_shown(self) -> dict[str, Any]:
        """The posted values as the initial values of a fresh form (so that the page shows
        them without the errors of a save that was not asked for), with the due date the
        plan gives."""
        initial: dict[str, Any] = {}
        for name, field in self.fields.items():
            raw = self.data.get(self.add_prefix(name))
            initial[name] = bool(raw) if isinstance(field, forms.BooleanField) else raw
        if self.planned_moment is not None:
            initial["due_on"] = self.cleaned_data["due_on"]
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._plan(data)
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
