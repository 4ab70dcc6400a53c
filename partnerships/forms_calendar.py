"""The form of a partnership's own calendar dates for one year, and the write that saves them.

Per moment: a date (empty = the default of the Wgr or of Regiespiegel), where it comes from
and a note. A draft regeling's zienswijze term is entered as its closing date, or as the date
the draft was sent (the term then closes 8 weeks later, art. 1 lid 3 Wgr).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction

from .constants import MomentKind
from .dates import add_days
from .form_rules import CheckedInputMixin
from .models import CalendarMoment, Partnership
from .pc_calendar import (
    REGELING_ZIENSWIJZE_WEEKS,
    Moment,
    editable_kinds,
    long_date,
    moments,
)

MSG_OTHER_YEAR = "Deze datum valt niet in {year}. Zet hem in de kalender van {other}."
MSG_SOURCE_NEEDED = (
    "Vul in waar deze datum vandaan komt, bijvoorbeeld ‘volgens de regeling, art. 28’."
)
MSG_CLOSES_BEFORE_SENT = "De termijn kan niet sluiten vóór het ontwerp is verzonden."
SENT = "verzonden"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


@dataclass(frozen=True)
class MomentRow:
    """One moment on the edit page: its fields and what applies without an own date."""

    kind: str
    label: str
    default: str  # "30 april 2027 (Wgr: uiterlijk 30 april)" or "" when there is none
    fields: list[forms.BoundField]


class CalendarYearForm(CheckedInputMixin, forms.Form):
    """The partnership's own dates of one calendar year."""

    def __init__(self, *args: Any, partnership: Partnership, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.year = year
        self.own = {
            row.kind: row
            for row in CalendarMoment.objects.filter(partnership=partnership, year=year)
        }
        self.kinds = editable_kinds(partnership, self.own)
        # What applies without this moment's own date (the others' own dates kept: the
        # zienswijze term follows the partnership's own sending date).
        self.defaults: dict[str, Moment] = {}
        for kind in self.kinds:
            others = [row for row in self.own.values() if row.kind != kind]
            for moment in moments(partnership, year, others):
                if moment.kind == kind and not moment.is_own:
                    self.defaults[kind] = moment
        for kind in self.kinds:
            row = self.own.get(kind)
            self.fields[f"{kind}_date"] = forms.DateField(
                label="Datum",
                required=False,
                widget=DateInput(),
                initial=row.date if row else None,
                help_text="Leeg: de standaarddatum geldt."
                if kind in self.defaults
                else "Leeg: geen moment in dit jaar.",
            )
            if kind == MomentKind.ZIENSWIJZE_REGELING:
                self.fields[f"{kind}_{SENT}"] = forms.DateField(
                    label="Of: het ontwerp is verzonden op",
                    required=False,
                    widget=DateInput(),
                    help_text=f"De termijn sluit dan {REGELING_ZIENSWIJZE_WEEKS} weken later "
                    "(art. 1 lid 3 Wgr).",
                )
            self.fields[f"{kind}_source"] = forms.CharField(
                label="Bron",
                max_length=200,
                required=False,
                initial=row.source if row else "",
                help_text="Bijvoorbeeld ‘volgens de regeling, art. 28’ of ‘besluit AB van 3 "
                "maart’.",
            )
            self.fields[f"{kind}_note"] = forms.CharField(
                label="Toelichting",
                max_length=300,
                required=False,
                initial=row.note if row else "",
            )

    def rows(self) -> list[MomentRow]:
        result = []
        for kind in self.kinds:
            default = self.defaults.get(kind)
            names = [f"{kind}_date", f"{kind}_{SENT}", f"{kind}_source", f"{kind}_note"]
            result.append(
                MomentRow(
                    kind=kind,
                    label=str(MomentKind(kind).label),
                    default=f"{long_date(default.date)} ({default.source})" if default else "",
                    fields=[self[name] for name in names if name in self.fields],
                )
            )
        return result

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for kind in self.kinds:
            field = f"{kind}_date"
            day: date | None = data.get(field)
            sent: date | None = data.get(f"{kind}_{SENT}")
            if sent is not None and day is None:
                day = data[field] = add_days(sent, 7 * REGELING_ZIENSWIJZE_WEEKS)
                field = f"{kind}_{SENT}"  # errors about the date go to what was typed
            elif sent is not None and day is not None and day < sent:
                self.add_error(field, MSG_CLOSES_BEFORE_SENT)
                continue
            if day is None:
                continue
            if day.year != self.year:
                self.add_error(field, MSG_OTHER_YEAR.format(year=self.year, other=day.year))
            elif not (data.get(f"{kind}_source") or "").strip():
                self.add_error(f"{kind}_source", MSG_SOURCE_NEEDED)
        return data

    def entries(self) -> dict[str, tuple[date, str, str] | None]:
        """Per moment: (date, source, note), or None to use the default."""
        data = self.cleaned_data
        result: dict[str, tuple[date, str, str] | None] = {}
        for kind in self.kinds:
            day = data.get(f"{kind}_date")
            result[kind] = (
                None
                if day is None
                else (day, data[f"{kind}_source"].strip(), data[f"{kind}_note"].strip())
            )
        return result


def save_own_dates(
    partnership: Partnership,
    year: int,
    entries: dict[str, tuple[date, str, str] | None],
    user: User | AnonymousUser | None = None,
) -> int:
    """Write the partnership's own dates of the year in one transaction: a row per date set,
    no row for a default. Rows that do not change are not written (so the history shows only
    real changes). Returns the number of moments changed."""
    changed = 0
    with transaction.atomic():
        own = {
            row.kind: row
            for row in CalendarMoment.objects.select_for_update().filter(
                partnership=partnership, year=year
            )
        }
        for kind, entry in entries.items():
            row = own.get(kind)
            if entry is None:
                if row is not None:
                    row.delete()
                    changed += 1
                continue
            day, source, note = entry
            if row is None:
                row = CalendarMoment(partnership=partnership, kind=kind, year=year)
            elif (row.date, row.source, row.note) == (day, source, note):
                continue
            row.date, row.source, row.note = day, source, note
            row.full_clean()
            row.save()
            changed += 1
    return changed
