"""The planning & control calendar of a partnership: per calendar year the moments the Wgr
sets (since 1 July 2022, DOMAIN.md) and the evaluation the regeling sets, each with the
date that counts and where that date comes from.

A moment's date is the partnership's own (a CalendarMoment row, "volgens de regeling,
art. …") or else the default:

* kaders (the general financial and policy frameworks) to the raden: 30 April, for the
  begroting of the next year;
* voorlopige jaarrekening to the raden: 30 April, for the year before;
* the bestuur adopts the begroting: 1 July — not a date of the law but of Regiespiegel, the
  anchor of the two moments below, so the partnership should set its own;
* ontwerpbegroting to the raden: 12 weeks before the bestuur decides;
* the raden's zienswijze term on it closes 12 weeks after it was sent;
* adopted begroting to Gedeputeerde Staten: 15 September;
* a draft regeling's zienswijze term (8 weeks, art. 1 lid 3 Wgr): only when the partnership
  entered the date, because there is no draft most years;
* the evaluation: the last evaluation plus the interval the regeling sets.

The budget moments apply to the forms with a budget of their own (openbaar lichaam,
bedrijfsvoeringsorganisatie, gemeenschappelijk orgaan, art. 58 Wgr); a centrumregeling and
a regeling zonder meer have none, and network cooperation is not under the Wgr at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import prefetch_related_objects
from django.utils import formats, translation

from .constants import CheckStatus, CooperationModel, LegalForm, MomentKind, WgrClauseCode
from .dates import add_days, add_years
from .models import CalendarMoment, Partnership
from .wgr_services import stored_clauses

ZIENSWIJZE_WEEKS = 12
REGELING_ZIENSWIJZE_WEEKS = 8
DEFAULT_BESTUUR_DAY = (7, 1)  # 1 July: Regiespiegel's assumption, not the law's

BUDGET_FORMS = (
    LegalForm.OPENBAAR_LICHAAM,
    LegalForm.BEDRIJFSVOERINGSORGANISATIE,
    LegalForm.GEMEENSCHAPPELIJK_ORGAAN,
)

SOURCE_KADERS = "Wgr: uiterlijk 30 april"
SOURCE_JAARREKENING = "Wgr: uiterlijk 30 april"
SOURCE_BEGROTING_GS = "Wgr: uiterlijk 15 september"
SOURCE_ONTWERPBEGROTING = "Wgr: 12 weken vóór het besluit van het bestuur"
SOURCE_ZIENSWIJZE = "Wgr: 12 weken na verzending van de ontwerpbegroting"
SOURCE_BESTUUR = "aanname van Regiespiegel (de wet noemt geen datum): vul de vergaderdatum in"
SOURCE_OWN = "ingesteld voor dit samenwerkingsverband"

# The years a calendar can be shown and kept for (CalendarMoment's year_range constraint).
FIRST_YEAR = 2000
LAST_YEAR = 2100
MSG_YEAR = f"Kies een jaar van {FIRST_YEAR} tot en met {LAST_YEAR}."

MSG_NO_EVALUATION_ARRANGEMENT = (
    "De regeling heeft geen afspraken over evaluatie, terwijl de Wgr die sinds 2022 in elke "
    "regeling vraagt. Neem ze op bij de volgende wijziging van de regeling. Tot dan plant "
    "Regiespiegel de evaluatie met het interval dat hier is ingevuld."
)
MSG_EVALUATION_UNKNOWN = (
    "De Wgr vraagt sinds 2022 afspraken over evaluatie in de regeling. Voor dit "
    "samenwerkingsverband is nog niet vastgelegd of de regeling die heeft, en in welk "
    "artikel. Vul dat in bij de Wgr-toets."
)


@dataclass(frozen=True)
class Moment:
    """One moment in a partnership's year."""

    partnership_id: int
    partnership_name: str
    kind: str  # a MomentKind value
    year: int  # the calendar year it falls in
    date: date
    about: str  # what it is about: "begroting 2028", "jaarrekening 2026", ""
    source: str  # where the date comes from, in Dutch
    is_own: bool  # the partnership set the date (a CalendarMoment), not a default

    @property
    def label(self) -> str:
        return str(MomentKind(self.kind).label)

    @property
    def title(self) -> str:
        """The label with what it is about: "Ontwerpbegroting naar de raden (begroting 2028)"."""
        return f"{self.label} ({self.about})" if self.about else self.label


def has_budget_cycle(partnership: Partnership) -> bool:
    return partnership.legal_form in BUDGET_FORMS


def year_in_range(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def long_date(day: date) -> str:
    """date(2027, 4, 30) -> "30 april 2027", as the pages show a date."""
    with translation.override("nl"):
        return formats.date_format(day, "j F Y")


def article_label(article: str) -> str:
    """ "32" -> "art. 32"; "art. 32 lid 2" and "artikel 32" stay as they are."""
    article = article.strip()
    return f"art. {article}" if article[:1].isdigit() else article


def evaluation_arrangement(partnership: Partnership) -> tuple[str, str]:
    """What the Wgr check says about the regeling's evaluation arrangements: (status,
    article), ``onbekend`` while nobody checked. Free when the clauses are prefetched."""
    for clause in stored_clauses(partnership):
        if clause.code == WgrClauseCode.EVALUATIE:
            return clause.status, clause.article
    return CheckStatus.ONBEKEND, ""


def evaluation_text(partnership: Partnership) -> str:
    """How often the partnership is evaluated and on whose authority: the regeling's, never
    the law's ("elke 4 jaar, volgens de regeling, art. 32")."""
    every = f"elke {partnership.evaluation_interval_years} jaar"
    status, article = evaluation_arrangement(partnership)
    if status == CheckStatus.NEE:
        return f"{every}; de regeling zelf regelt geen evaluatie"
    if article:
        return f"{every}, volgens de regeling, {article_label(article)}"
    return f"{every}, volgens de regeling; artikel niet vastgelegd"


def evaluation_warning(partnership: Partnership) -> str:
    """The warning for a gemeenschappelijke regeling without (known) evaluation arrangements;
    network cooperation is not under the Wgr, so it gets none."""
    if partnership.cooperation_model != CooperationModel.WGR:
        return ""
    status, _article = evaluation_arrangement(partnership)
    if status == CheckStatus.JA:
        return ""
    return MSG_NO_EVALUATION_ARRANGEMENT if status == CheckStatus.NEE else MSG_EVALUATION_UNKNOWN


def next_evaluation(partnership: Partnership) -> date | None:
    """When the regeling's next evaluation is due: the last one plus the interval; None when
    no evaluation is known (the page then asks for it)."""
    if partnership.last_evaluated_on is None:
        return None
    return add_years(partnership.last_evaluated_on, partnership.evaluation_interval_years)


def _defaults(
    partnership: Partnership, year: int, own: Mapping[str, CalendarMoment]
) -> list[tuple[str, date, str, str]]:
    """(kind, date, about, source) of every default moment of the year, in calendar order;
    a default that depends on another moment follows that moment's own date when set."""
    found: list[tuple[str, date, str, str]] = []
    if has_budget_cycle(partnership):
        budget = f"begroting {year + 1}"
        bestuur_own = own.get(MomentKind.BESTUUR_BEGROTING)
        bestuur = bestuur_own.date if bestuur_own else date(year, *DEFAULT_BESTUUR_DAY)
        sent_own = own.get(MomentKind.ONTWERPBEGROTING)
        sent = sent_own.date if sent_own else add_days(bestuur, -7 * ZIENSWIJZE_WEEKS)
        found += [
            (MomentKind.KADERS, date(year, 4, 30), budget, SOURCE_KADERS),
            (
                MomentKind.JAARREKENING,
                date(year, 4, 30),
                f"jaarrekening {year - 1}",
                SOURCE_JAARREKENING,
            ),
            (MomentKind.ONTWERPBEGROTING, sent, budget, SOURCE_ONTWERPBEGROTING),
            (
                MomentKind.ZIENSWIJZE_BEGROTING,
                add_days(sent, 7 * ZIENSWIJZE_WEEKS),
                budget,
                SOURCE_ZIENSWIJZE,
            ),
            (MomentKind.BESTUUR_BEGROTING, bestuur, budget, SOURCE_BESTUUR),
            (MomentKind.BEGROTING_GS, date(year, 9, 15), budget, SOURCE_BEGROTING_GS),
        ]
    evaluation = next_evaluation(partnership)
    if evaluation is not None and evaluation.year == year:
        found.append((MomentKind.EVALUATIE, evaluation, "", evaluation_text(partnership)))
    return found


def moments(
    partnership: Partnership,
    year: int,
    own: Iterable[CalendarMoment] | None = None,
) -> list[Moment]:
    """The moments of one calendar year, ordered by date. ``own`` are the partnership's
    CalendarMoment rows of that year (read from the database when not given)."""
    if own is None:
        own = CalendarMoment.objects.filter(partnership=partnership, year=year)
    by_kind = {m.kind: m for m in own if m.year == year}
    result: list[Moment] = []
    seen: set[str] = set()
    for kind, day, about, source in _defaults(partnership, year, by_kind):
        row = by_kind.get(kind)
        seen.add(kind)
        result.append(
            Moment(
                partnership.pk,
                partnership.name,
                kind,
                year,
                row.date if row else day,
                about,
                (row.source or SOURCE_OWN) if row else source,
                row is not None,
            )
        )
    # Moments only the partnership knows (a draft regeling, an evaluation it planned itself,
    # or a budget moment of a form without a budget cycle that it keeps anyway).
    for kind, row in by_kind.items():
        if kind in seen:
            continue
        result.append(
            Moment(
                partnership.pk,
                partnership.name,
                kind,
                year,
                row.date,
                "",  # the label says what it is about
                row.source or SOURCE_OWN,
                True,
            )
        )
    return sorted(result, key=lambda m: (m.date, MomentKind.values.index(m.kind)))


def moments_between(partnerships: Iterable[Partnership], start: date, end: date) -> list[Moment]:
    """Every moment of the given partnerships from ``start`` up to and including ``end``,
    ordered by date then partnership: one query for the partnerships' own dates."""
    partnerships = list(partnerships)
    years = range(start.year, end.year + 1)
    own: dict[tuple[int, int], list[CalendarMoment]] = defaultdict(list)
    for row in CalendarMoment.objects.filter(
        partnership__in=[p.pk for p in partnerships], year__in=list(years)
    ):
        own[(row.partnership_id, row.year)].append(row)
    # An evaluation moment names the regeling's article (the Wgr check): one query for all
    # the partnerships that have one in these years, none when nobody does.
    evaluating = [p for p in partnerships if (n := next_evaluation(p)) and n.year in years]
    prefetch_related_objects(evaluating, "wgr_clauses")
    found = [
        m
        for p in partnerships
        for year in years
        for m in moments(p, year, own[(p.pk, year)])
        if start <= m.date <= end
    ]
    return sorted(found, key=lambda m: (m.date, m.partnership_name))


def first_on_or_after(
    partnership: Partnership, kind: str, day: date, *, years: int = 3
) -> Moment | None:
    """The first moment of ``kind`` on or after ``day`` within ``years`` calendar years (the
    year of ``day`` included); None when the partnership has no such moment then."""
    last = min(day.year + years - 1, LAST_YEAR)
    end = date(last, 12, 31) if last >= day.year else day
    for moment in moments_between([partnership], day, end):
        if moment.kind == kind:
            return moment
    return None


def editable_kinds(partnership: Partnership, own_kinds: Iterable[str] = ()) -> list[str]:
    """The moments the partnership can set its own date for, in the order of MomentKind: the
    budget moments only for a form with a budget cycle (or when it kept one anyway)."""
    budget = has_budget_cycle(partnership)
    own = set(own_kinds)
    return [
        kind
        for kind in MomentKind.values
        if budget or kind in own or kind in (MomentKind.ZIENSWIJZE_REGELING, MomentKind.EVALUATIE)
    ]


def coming_moments(
    partnerships: Iterable[Partnership], today: date, days: int = 120
) -> list[Moment]:
    """The moments of the coming ``days`` days (today included)."""
    return moments_between(partnerships, today, today + timedelta(days=days))
