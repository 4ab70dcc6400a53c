"""The overview over all partnerships of an organisation (gemeentesecretaris), built in two
complete steps:

1. a light row for every partnership, from one query: the state of its current round, its
   next evaluation and its open steps counted; enough to count, filter and order by name,
   state, evaluation or steps;
2. a finished Dashboard: complete rows (scores, theme cells, the first open steps) for the
   rows shown (a page of 25 out of a hundred, or every row for the Excel export), with the
   summary and the list of open steps.

An order by score, change or a theme needs the scores of every matching row before the page
is cut; they are worked out once, in the same queries, and the page's rows reuse them.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from assessments.dashboard.columns import (
    ColumnGroup,
    ThemeCell,
    ThemeColumn,
    framework_columns,
    shown_column_groups,
)
from assessments.dashboard.facts import PartnershipInfo, RoundFacts, ScoreSummary, StepFacts
from assessments.dashboard.frameworks import FrameworkCache
from assessments.dashboard.own import own_label, own_overall_pcts
from assessments.dashboard.selectors import (
    by_partnership,
    cached_round_scores,
    fetch_open_steps,
    fetch_page_rounds,
    fetch_partnership_info,
    fetch_row_steps,
)
from assessments.dashboard.state import (
    STATE_ORDER,
    RoundState,
    evaluation_overdue,
    next_evaluation_due,
    round_state,
)
from partnerships.constants import CooperationModel
from partnerships.models import Organisation, Participation, Partnership
from partnerships.wgr_services import wgr_checks_from_facts
from principles.models import Framework

# Rows per page of the overview, open next steps listed under it, and open steps listed in a
# row. A municipality takes part in up to a hundred partnerships: a page of 25 stays
# readable and fast; the Excel export always holds every row and every step.
ROWS_PER_PAGE = 25
STEPS_SHOWN = 20
STEPS_PER_ROW = 3

MODEL_CHOICES = list(CooperationModel.choices)
SORT_KEYS = ("naam", "status", "score", "trend", "evaluatie", "stappen")
# Orders a light row has the values for; any other (score, change, a theme) needs scores.
LIGHT_SORT_KEYS = ("naam", "status", "evaluatie", "stappen")


def trend_of(latest: float | None, previous: float | None) -> float | None:
    """The change in percentage points since the previous scored round."""
    if latest is None or previous is None:
        return None
    return round(latest - previous, 1)


class LightRow(NamedTuple):
    """What the overview knows of every partnership from one query (step 1)."""

    pk: int
    name: str
    legal_form: str  # its Dutch label
    cooperation_model: str
    current_round: RoundFacts | None
    state: RoundState
    next_evaluation_due: date | None
    evaluation_overdue: bool
    open_step_count: int
    has_overdue_steps: bool


class RowScores(NamedTuple):
    """A row's scores: those of its latest round with a submitted assessment, and the total
    of the one before it (for the change)."""

    scored_round: RoundFacts | None
    respondents: int
    overall_pct: float | None
    previous_overall_pct: float | None
    cells: tuple[ThemeCell, ...]


class PartnershipRow(NamedTuple):
    """One complete row of the overview (step 2)."""

    pk: int
    name: str
    legal_form: str
    cooperation_model: str
    current_round: RoundFacts | None
    state: RoundState
    next_evaluation_due: date | None
    evaluation_overdue: bool
    open_step_count: int
    has_overdue_steps: bool
    scored_round: RoundFacts | None
    respondents: int
    overall_pct: float | None
    previous_overall_pct: float | None
    cells: tuple[ThemeCell, ...]
    first_steps: tuple[StepFacts, ...]  # the first STEPS_PER_ROW open steps, by due date
    overdue_steps: int  # how many of all its open steps are overdue
    # The Wgr check of the regeling (partnerships/wgr.py), apart from the Gids' scores: how
    # many required clauses it lacks, and of how many nobody knows yet.
    wgr_shortfalls: int = 0
    wgr_unknown: int = 0
    # With an organisation: the total of scored_round over its own submitted assessments
    # (dashboard/own.py), shown next to the round's total (overall_pct).
    own_overall_pct: float | None = None

    @property
    def trend(self) -> float | None:
        return trend_of(self.overall_pct, self.previous_overall_pct)

    def score(self, code: str) -> float | None:
        cell = next((c for c in self.cells if c.code == code), None)
        return cell.score_pct if cell and cell.applies else None


class ViewOptions(NamedTuple):
    """The overview's filters and order, as the user chose them (?sorteer=, ?q=, ...)."""

    sort: str = "naam"
    q: str = ""
    state: str = ""
    model: str = ""
    overdue: bool = False


UNFILTERED = ViewOptions()


@dataclass(frozen=True)
class Dashboard:
    """The finished overview. The summary counts every row that matches the filters; `rows`
    holds the complete rows shown: the page's, or every matching row when no page was asked
    (the Excel export). `steps`: the first STEPS_SHOWN open steps of the matching rows, or
    all of them without a page."""

    organisation: Organisation | None
    today: date
    columns: list[ThemeColumn]  # every theme that applies to a partnership: the export's
    sort: str
    total: int  # every partnership, before the filters
    matching: int
    overdue_rounds: int
    overdue_evaluations: int
    step_count: int
    rows: list[PartnershipRow]
    steps: list[StepFacts]
    page: Page[LightRow] | None = None  # the page of the matching rows shown, if paged
    wgr_short: int = 0  # matching regelingen that lack a clause the Wgr requires
    wgr_unknown: int = 0  # matching regelingen, not short, with clauses nobody checked yet
    # The theme columns the page shows: those that apply to one of `rows`, by part.
    column_groups: tuple[ColumnGroup, ...] = ()
    own_label: str = ""  # with an organisation: what its own score covers, in Dutch

    @property
    def shown_codes(self) -> frozenset[str]:
        return frozenset(c.code for group in self.column_groups for c in group.columns)


SortValue = str | int | float | date


def _sort_value(row: LightRow, key: str, scores: Mapping[int, RowScores]) -> SortValue | None:
    match key:
        case "naam":
            return row.name.lower()
        case "status":
            return STATE_ORDER[row.state]
        case "evaluatie":
            return row.next_evaluation_due or date.min
        case "stappen":
            return row.open_step_count
    score = scores[row.pk]
    match key:
        case "score":
            return score.overall_pct
        case "trend":
            return trend_of(score.overall_pct, score.previous_overall_pct)
    cell = next((c for c in score.cells if c.code == key), None)  # a theme code
    return cell.score_pct if cell and cell.applies else None


def sort_rows(
    rows: Iterable[LightRow], sort: str, scores: Mapping[int, RowScores] | None = None
) -> list[LightRow]:
    """Sort by a key of SORT_KEYS or a theme code; "-" in front for descending. Empty values
    always come last; ties by name. Any order but those of LIGHT_SORT_KEYS reads `scores`."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    found = scores or {}
    present: list[tuple[SortValue, LightRow]] = []
    absent: list[LightRow] = []
    for row in sorted(rows, key=lambda r: r.name.lower()):
        value = _sort_value(row, key, found)
        if value is None:
            absent.append(row)
        else:
            present.append((value, row))
    present.sort(key=lambda pair: pair[0], reverse=descending)  # stable: ties stay by name
    return [row for _, row in present] + absent


def filter_rows(rows: Iterable[LightRow], options: ViewOptions) -> list[LightRow]:
    q = options.q.strip().lower()
    result = []
    for row in rows:
        if q and q not in row.name.lower():
            continue
        if options.state and row.state != options.state:
            continue
        if options.model and row.cooperation_model != options.model:
            continue
        if options.overdue and not (
            row.state == RoundState.OVERDUE or row.evaluation_overdue or row.has_overdue_steps
        ):
            continue
        result.append(row)
    return result


def valid_sort(sort: str, columns: Sequence[ThemeColumn]) -> str:
    key = sort.lstrip("-")
    if key in SORT_KEYS or key in {c.code for c in columns}:
        return sort
    return "naam"


def _light_row(info: PartnershipInfo, today: date) -> LightRow:
    current_round = info.current_round
    next_due = next_evaluation_due(
        info.evaluation_interval_years,
        info.last_evaluated_on,
        current_round.due_on if current_round else None,
    )
    return LightRow(
        pk=info.pk,
        name=info.name,
        legal_form=info.legal_form_label,
        cooperation_model=info.cooperation_model,
        current_round=current_round,
        state=round_state(current_round, info.progress, today),
        next_evaluation_due=next_due,
        evaluation_overdue=evaluation_overdue(next_due, today),
        open_step_count=info.open_steps,
        has_overdue_steps=info.has_overdue_steps(today),
    )


@dataclass(frozen=True)
class _Scoring:
    """What scoring rows needs, fetched once for all rows."""

    partnerships: dict[int, PartnershipInfo]
    current_framework_id: int | None
    frameworks: FrameworkCache
    codes: list[str]

    def scores(self, rows: Sequence[LightRow]) -> tuple[dict[int, RowScores], dict[int, list[int]]]:
        """({partnership id: its scores}, {partnership id: the ids of its rounds}) for these
        rows: one query for their rounds, and one for the means of the rounds whose scores
        are not cached yet."""
        scored, round_ids = fetch_page_rounds([row.pk for row in rows])
        summaries = cached_round_scores(
            r for rounds in scored.values() for r in rounds if r is not None
        )
        result = {}
        for row in rows:
            latest, previous = scored.get(row.pk, (None, None))
            result[row.pk] = self._row_scores(
                row.pk,
                latest,
                summaries[latest.pk] if latest else None,
                summaries[previous.pk] if previous else None,
            )
        return result, round_ids

    def _row_scores(
        self,
        pk: int,
        latest: RoundFacts | None,
        score: ScoreSummary | None,
        previous: ScoreSummary | None,
    ) -> RowScores:
        themes = score.themes if score else {}
        # A scored round's themes are those it froze when it opened (its scores hold every
        # one of them); without one, what applies to the partnership now.
        if score is not None:
            applies = frozenset(themes)
        elif self.current_framework_id:
            applies = self.frameworks.applicable_themes(
                self.partnerships[pk].kind, self.current_framework_id
            )
        else:
            applies = frozenset()
        return RowScores(
            scored_round=latest,
            respondents=score.respondents if score else 0,
            overall_pct=score.overall_pct if score else None,
            previous_overall_pct=previous.overall_pct if previous else None,
            cells=tuple(
                ThemeCell(code, code in applies, themes.get(code) if code in applies else None)
                for code in self.codes
            ),
        )


def _columns_and_scorer(infos: Sequence[PartnershipInfo]) -> tuple[list[ThemeColumn], _Scoring]:
    """The theme columns (the current framework's themes that apply to at least one of the
    partnerships) and what scores their rows."""
    current_framework = Framework.objects.filter(is_current=True).first()
    current_framework_id = current_framework.pk if current_framework else None
    frameworks = FrameworkCache()
    applicable: set[str] = set()
    if current_framework_id:
        for kind in {id(p.kind): p.kind for p in infos}.values():
            applicable |= frameworks.applicable_themes(kind, current_framework_id)
    columns = framework_columns(current_framework, applicable)
    scorer = _Scoring(
        partnerships={p.pk: p for p in infos},
        current_framework_id=current_framework_id,
        frameworks=frameworks,
        codes=[c.code for c in columns],
    )
    return columns, scorer


def build_dashboard(
    partnerships: QuerySet[Partnership],
    *,
    organisation: Organisation | None,
    today: date,
    options: ViewOptions = UNFILTERED,
    page: str | int | None = None,
) -> Dashboard:
    """The overview in a fixed number of queries (about ten) whatever the number of
    partnerships, rounds and respondents.

    Per partnership: the state of the current (latest) round for the organisation's
    assessments (everyone's when organisation is None); the theme scores of the latest round
    with a submitted assessment and the change since the round with submissions before it.

    `page`: the page asked for (?pagina=, as typed: a number out of range or not a number
    gives the last or the first page); None for the complete overview (every matching row
    and every open step).

    `partnerships` holds each partnership once: restrict it through a relation with pk__in,
    as partnerships_for_user does, not with a join (the query has no DISTINCT)."""
    if organisation is not None:
        partnerships = partnerships.filter(
            pk__in=Participation.objects.filter(organisation=organisation).values("partnership_id")
        )
    # Step 1: one row per partnership with its current round and open steps, as annotations
    # of one query. Only the current rounds' assessments are counted (for the state); older
    # rounds only count their submitted ones (fetch_page_rounds).
    infos = fetch_partnership_info(
        partnerships,
        with_progress=True,
        organisation_id=organisation.pk if organisation is not None else None,
    )
    light = [_light_row(info, today) for info in infos]
    columns, scorer = _columns_and_scorer(infos)

    # Filter and order the light rows; an order by scores scores every matching row first.
    sort = valid_sort(options.sort, columns)
    matching = filter_rows(light, options)
    by_scores = sort.lstrip("-") not in LIGHT_SORT_KEYS
    scores, round_ids = scorer.scores(matching) if by_scores else ({}, {})
    matching = sort_rows(matching, sort, scores)

    # Step 2: complete rows for the rows shown.
    shown_page = None if page is None else Paginator(matching, ROWS_PER_PAGE).get_page(page)
    shown = list(shown_page.object_list) if shown_page is not None else matching
    if not by_scores:
        scores, round_ids = scorer.scores(shown)
    with_steps = [row.pk for row in matching if row.open_step_count]
    if shown_page is None:
        steps = fetch_open_steps(with_steps)
        first_steps, late = _first_and_late(steps, today)
    else:
        steps = fetch_open_steps(with_steps, limit=STEPS_SHOWN)
        first_steps, late = fetch_row_steps(
            [rid for row in shown if row.open_step_count for rid in round_ids.get(row.pk, [])],
            today,
            per_partnership=STEPS_PER_ROW,
        )
    matching_pks = {row.pk for row in matching}
    wgr = wgr_checks_from_facts(
        (info.pk, info.name, info.legal_form) for info in infos if info.pk in matching_pks
    )
    rows = [
        _complete_row(
            row, scores[row.pk], first_steps.get(row.pk, []), late.get(row.pk, 0)
        )._replace(
            wgr_shortfalls=len(wgr[row.pk].shortfalls), wgr_unknown=wgr[row.pk].unknown_count
        )
        for row in shown
    ]
    if organisation is not None:
        scored = [row.scored_round for row in rows if row.scored_round is not None]
        own = own_overall_pcts(scored, organisation.pk)
        rows = [
            row._replace(own_overall_pct=own[row.scored_round.pk]) if row.scored_round else row
            for row in rows
        ]
    return Dashboard(
        organisation=organisation,
        today=today,
        columns=columns,
        sort=sort,
        total=len(light),
        matching=len(matching),
        overdue_rounds=sum(1 for r in matching if r.state == RoundState.OVERDUE),
        overdue_evaluations=sum(1 for r in matching if r.evaluation_overdue),
        step_count=sum(r.open_step_count for r in matching),
        rows=rows,
        steps=steps,
        page=shown_page,
        wgr_short=sum(1 for c in wgr.values() if c.falls_short),
        wgr_unknown=sum(1 for c in wgr.values() if not c.falls_short and c.unknown_count),
        column_groups=tuple(shown_column_groups(columns, rows)),
        own_label=own_label(organisation) if organisation is not None else "",
    )


def _complete_row(
    row: LightRow, scores: RowScores, first_steps: Sequence[StepFacts], overdue_steps: int
) -> PartnershipRow:
    return PartnershipRow(
        pk=row.pk,
        name=row.name,
        legal_form=row.legal_form,
        cooperation_model=row.cooperation_model,
        current_round=row.current_round,
        state=row.state,
        next_evaluation_due=row.next_evaluation_due,
        evaluation_overdue=row.evaluation_overdue,
        open_step_count=row.open_step_count,
        has_overdue_steps=row.has_overdue_steps,
        scored_round=scores.scored_round,
        respondents=scores.respondents,
        overall_pct=scores.overall_pct,
        previous_overall_pct=scores.previous_overall_pct,
        cells=scores.cells,
        first_steps=tuple(first_steps),
        overdue_steps=overdue_steps,
    )


def _first_and_late(
    steps: Sequence[StepFacts], today: date
) -> tuple[dict[int, list[StepFacts]], dict[int, int]]:
    """From every open step: per partnership its first STEPS_PER_ROW, and how many are late."""
    grouped = by_partnership(steps)
    first = {pk: found[:STEPS_PER_ROW] for pk, found in grouped.items()}
    late = {pk: sum(1 for s in found if s.is_overdue(today)) for pk, found in grouped.items()}
    return first, late
