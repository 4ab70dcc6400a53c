"""Demo data for the partnership's calendar: idempotent.

The article of each regeling on evaluation is a clause of the Wgr check (demo_wgr.py); here
only when each was last evaluated. GGD Zuidland keeps its
own budget dates (this year and next), with the article they come from, and the
Omgevingsdienst has a draft regeling out for zienswijze. Dates are relative to today, so the
start pages always have something coming; running the seed twice on a day changes nothing.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from .constants import MomentKind
from .dates import add_years
from .demo import Region
from .models import CalendarMoment, Partnership
from .pc_calendar import REGELING_ZIENSWIJZE_WEEKS

# Key -> years since the last evaluation (the regeling's interval is 4 years).
LAST_EVALUATED_YEARS_AGO = {"ob": 3, "ob_lagen": 2, "bvo": 4, "orgaan": 1}

OWN_SOURCE = "volgens de regeling, art. 28"


def _own_budget_dates(year: int) -> list[tuple[str, date, str, str]]:
    """GGD Zuidland's own dates in a year: (kind, date, source, note)."""
    return [
        (
            MomentKind.ONTWERPBEGROTING,
            date(year, 4, 10),
            OWN_SOURCE,
            "Het AB verstuurt de ontwerpbegroting samen met de voorlopige jaarrekening.",
        ),
        (
            MomentKind.BESTUUR_BEGROTING,
            date(year, 7, 3),
            OWN_SOURCE,
            "Vergadering van het algemeen bestuur.",
        ),
    ]


def _put(partnership: Partnership, kind: str, day: date, source: str, note: str) -> None:
    """Create or update one own date; write only what differs (no empty history rows)."""
    row = CalendarMoment.objects.filter(partnership=partnership, kind=kind, year=day.year).first()
    if row is not None and (row.date, row.source, row.note) == (day, source, note):
        return
    row = row or CalendarMoment(partnership=partnership, kind=kind, year=day.year)
    row.date, row.source, row.note = day, source, note
    row.full_clean()
    row.save()


def _set_evaluation(partnership: Partnership, last: date | None) -> None:
    if last is None or partnership.last_evaluated_on == last:
        return
    partnership.last_evaluated_on = last
    partnership.save(update_fields=["last_evaluated_on"])


@transaction.atomic
def seed_calendar(region: Region) -> None:
    """Adds the demo region's calendar."""
    today = timezone.localdate()
    for key, partnership in region.partnerships.items():
        years_ago = LAST_EVALUATED_YEARS_AGO.get(key)
        last = date(add_years(today, -years_ago).year, 3, 15) if years_ago else None
        if last is not None and last > today:
            last = add_years(last, -1)
        _set_evaluation(partnership, last)

    ggd = region.partnerships["ob"]
    for year in (today.year, today.year + 1):
        for kind, day, source, note in _own_budget_dates(year):
            _put(ggd, kind, day, source, note)

    # A draft regeling (a change of the Omgevingsdienst's tasks), sent on the first of next
    # month: one such term at a time, so an older one from an earlier seed is removed.
    odz = region.partnerships["ob_lagen"]
    sent = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    closes = sent + timedelta(weeks=REGELING_ZIENSWIJZE_WEEKS)
    CalendarMoment.objects.filter(partnership=odz, kind=MomentKind.ZIENSWIJZE_REGELING).exclude(
        year=closes.year
    ).delete()
    _put(
        odz,
        MomentKind.ZIENSWIJZE_REGELING,
        closes,
        f"brief van het algemeen bestuur: ontwerp verzonden op {sent.day}-{sent.month}-"
        f"{sent.year}, 8 weken (art. 1 lid 3 Wgr)",
        "Wijziging van de regeling: het takenpakket bodem gaat over naar de omgevingsdienst.",
    )
