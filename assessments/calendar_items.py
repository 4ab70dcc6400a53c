"""What a user's calendar holds: the P&C moments of their partnerships
(partnerships.pc_calendar) and the due dates of the partnerships' open rounds, as one list.

Used by the coming moments on the start pages, the iCalendar feed and the `calendar`
command; callers pass the partnerships the user may see (partnerships.access).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from django.db.models import QuerySet
from django.urls import reverse

from partnerships.dates import add_days
from partnerships.models import Partnership
from partnerships.pc_calendar import Moment, first_on_or_after, long_date, moments_between

from .constants import RoundStatus
from .models import AssessmentRound

ROUND_DUE = "ronde"  # the kind of a round's due date, beside the MomentKind values


@dataclass(frozen=True)
class CalendarItem:
    """One dated thing in a calendar: a P&C moment or the due date of an open round."""

    uid: str  # stable across feeds: the same moment keeps the same identity
    partnership_id: int
    partnership_name: str
    kind: str  # a MomentKind value or ROUND_DUE
    date: date
    title: str  # "Zienswijzetermijn ontwerpbegroting sluit (begroting 2028)"
    source: str
    url: str  # the page where it is shown

    @property
    def summary(self) -> str:
        """ "GGD Zuidland: Zienswijzetermijn ontwerpbegroting sluit (begroting 2028)"."""
        return f"{self.partnership_name}: {self.title}"


@dataclass(frozen=True)
class PartnershipItems:
    """The coming items of one partnership."""

    partnership_id: int
    partnership_name: str
    items: list[CalendarItem]


def moment_item(moment: Moment) -> CalendarItem:
    return CalendarItem(
        uid=f"moment-{moment.partnership_id}-{moment.kind}-{moment.year}",
        partnership_id=moment.partnership_id,
        partnership_name=moment.partnership_name,
        kind=moment.kind,
        date=moment.date,
        title=moment.title,
        source=("eigen datum, " if moment.is_own else "standaard, ") + moment.source,
        url=reverse("partnerships:calendar", args=[moment.partnership_id, moment.year]),
    )


def round_item(round_: AssessmentRound) -> CalendarItem:
    return CalendarItem(
        uid=f"ronde-{round_.pk}",
        partnership_id=round_.partnership_id,
        partnership_name=round_.partnership.name,
        kind=ROUND_DUE,
        date=round_.due_on,
        title=f"Ronde {round_.period}: zelfevaluaties in te vullen",
        source="einddatum van de evaluatieronde",
        url=reverse("assessments:round", args=[round_.pk]),
    )


def items_between(
    partnerships: QuerySet[Partnership] | Iterable[Partnership], start: date, end: date
) -> list[CalendarItem]:
    """The moments and open rounds' due dates from ``start`` up to and including ``end``, by
    date then partnership name: three queries, whatever the number of partnerships."""
    chosen = list(partnerships)
    items = [moment_item(m) for m in moments_between(chosen, start, end)]
    rounds = AssessmentRound.objects.filter(
        partnership__in=[p.pk for p in chosen],
        status=RoundStatus.OPEN,
        due_on__gte=start,
        due_on__lte=end,
    ).select_related("partnership")
    items += [round_item(r) for r in rounds]
    return sorted(items, key=lambda i: (i.date, i.partnership_name, i.kind == ROUND_DUE))


COMING_DAYS = 120
COMING_PARTNERSHIPS = 8


@dataclass(frozen=True)
class Coming:
    """The coming moments for a start page: per partnership, the first coming first."""

    groups: list[PartnershipItems]
    more: int  # partnerships with coming items beyond the groups shown
    days: int
    show_names: bool = True


def coming_for(
    partnerships: QuerySet[Partnership] | Iterable[Partnership],
    today: date,
    *,
    show_names: bool = True,
) -> Coming:
    groups, more = coming_by_partnership(
        partnerships, today, days=COMING_DAYS, limit=COMING_PARTNERSHIPS
    )
    return Coming(groups, more, COMING_DAYS, show_names)


def coming_by_partnership(
    partnerships: QuerySet[Partnership] | Iterable[Partnership],
    today: date,
    *,
    days: int = 120,
    limit: int = 8,
) -> tuple[list[PartnershipItems], int]:
    """The coming ``days`` days per partnership, the partnership with the first item first;
    at most ``limit`` partnerships, and how many more have items."""
    items = items_between(partnerships, today, today + timedelta(days=days))
    first: dict[int, date] = {}
    for item in items:
        first.setdefault(item.partnership_id, item.date)
    ordered = sorted(items, key=lambda i: (first[i.partnership_id], i.partnership_name, i.date))
    groups = [
        PartnershipItems(pk, group[0].partnership_name, group)
        for pk, group in (
            (pk, list(g)) for pk, g in groupby(ordered, key=lambda i: i.partnership_id)
        )
    ]
    return groups[:limit], max(0, len(groups) - limit)


@dataclass(frozen=True)
class RoundPlan:
    """A round planned against a moment: "Klaar 6 weken vóór: Zienswijzetermijn
    ontwerpbegroting sluit (1 juli 2027)". ``moment`` is None when the calendar no longer has
    it; ``moved`` when its date changed after the round was planned (the due date stays)."""

    weeks: int
    label: str
    moment: Moment | None
    moved: bool


def round_plan(round_: AssessmentRound) -> RoundPlan | None:
    if not round_.plan_moment or round_.plan_weeks_before is None:
        return None
    weeks = round_.plan_weeks_before
    moment = first_on_or_after(round_.partnership, round_.plan_moment, round_.opens_on)
    return RoundPlan(
        weeks=weeks,
        label=round_.get_plan_moment_display(),
        moment=moment,
        moved=moment is not None and add_days(moment.date, -7 * weeks) != round_.due_on,
    )


def planned_text(round_: AssessmentRound, moment: Moment) -> str:
    """The sentence that says how a planned round's due date came about."""
    weeks = round_.plan_weeks_before or 0
    return (
        f"De einddatum is {long_date(round_.due_on)}: {weeks} "
        f"{'week' if weeks == 1 else 'weken'} vóór {long_date(moment.date)}: "
        f"{moment.title.lower()}."
    )
