"""Dashboards: the overview over all partnerships of an organisation (gemeentesecretaris), one
partnership's round (directeur) and a respondent's start page (griffier, contramal).

Selectors fetch plain facts in a fixed number of queries, whatever the number of partnerships
(no per-partnership `round_score` calls); pure functions turn facts into dataclasses the
templates and the Excel export read. Scores are the round scores of DESIGN.md ("Scoring"): the
same numbers `selectors.round_score` gives for the round.
"""

import functools
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from django.core.cache import caches
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, JSONArray, JSONObject, RowNumber
from django.utils.safestring import SafeString, mark_safe

from assessments import scoring
from assessments.constants import AssessmentStatus, NextStepStatus, RoundStatus
from assessments.models import Answer, Assessment, AssessmentRound, NextStep
from assessments.selectors import round_score
from partnerships.applicability import (
    Applicability,
    PartnershipFacts,
    ThemeFacts,
    applicability,
)
from partnerships.constants import BodyKind, CooperationModel, LegalForm, OrganisationKind
from partnerships.dates import add_years  # saturates: a stored 9999-12-31 must not raise
from partnerships.models import Organisation, Participation, Partnership
from partnerships.selectors import framework_facts, partnership_facts
from principles.models import Framework, Recommendation, Theme

OPEN_STEP_STATUSES = (NextStepStatus.OPEN, NextStepStatus.BEZIG)
STEPS_PER_ROW = 3


# --- Plain facts ---------------------------------------------------------------------------


# Deletes everything but digits (str.translate): a stamp in a cache key (no spaces, memcached).
_NOT_DIGITS = {c: None for c in range(128) if not chr(c).isdigit()}


# Facts are named tuples: an overview makes several hundred of them per request, and a frozen
# dataclass takes several times as long to create (issue 8).
class RoundFacts(NamedTuple):
    pk: int
    partnership_id: int
    period: str
    framework_id: int
    due_on: date
    status: str
    submitted: int = 0  # submitted assessments
    # When the latest of them was submitted, as the database writes it: only compared, as
    # part of tally_key, so text (no datetime parsed for every round of the overview).
    last_submitted: str | None = None

    @property
    def tally_key(self) -> str:
        """A cache key that changes whenever the round's submitted answers can have changed:
        submitting adds one and moves the time, reopening removes one (answers of a submitted
        assessment are read-only)."""
        stamp = self.last_submitted.translate(_NOT_DIGITS) if self.last_submitted else "-"
        return f"round-scores:v3:{self.pk}:{self.submitted}:{stamp}"


class RoundProgress(NamedTuple):
    """How far the assessments of a round are: one organisation's, or everyone's."""

    assessments: int = 0
    submitted: int = 0
    started: int = 0  # submitted, or with at least one answer


NO_PROGRESS = RoundProgress()


class StepFacts(NamedTuple):
    pk: int
    round_id: int
    partnership_id: int
    partnership_name: str
    description: str
    owner: str
    due_on: date | None
    status: str
    recommendation: str | None

    def is_overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today

    @property
    def status_label(self) -> str:
        return NextStepStatus(self.status).label


# --- Pure rules ----------------------------------------------------------------------------


class RoundState(StrEnum):
    """The state of a partnership's current round for one organisation (or for everyone)."""

    NO_ROUND = "geen_ronde"
    NOT_STARTED = "niet_begonnen"
    DRAFT = "concept"
    OVERDUE = "te_laat"
    SUBMITTED = "ingediend"
    CLOSED = "afgesloten"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def css(self) -> str:
        return STATE_CSS[self]


STATE_LABELS = {
    RoundState.NO_ROUND: "Nog geen ronde",
    RoundState.NOT_STARTED: "Niet begonnen",
    RoundState.DRAFT: "Concept",
    RoundState.OVERDUE: "Te laat",
    RoundState.SUBMITTED: "Ingediend",
    RoundState.CLOSED: "Afgesloten, niet ingediend",
}
STATE_CSS = {
    RoundState.NO_ROUND: "text-bg-light",
    RoundState.NOT_STARTED: "text-bg-secondary",
    RoundState.DRAFT: "text-bg-info",
    RoundState.OVERDUE: "text-bg-danger",
    RoundState.SUBMITTED: "text-bg-success",
    RoundState.CLOSED: "text-bg-warning",
}
STATE_ORDER = {
    RoundState.OVERDUE: 0,
    RoundState.NOT_STARTED: 1,
    RoundState.DRAFT: 2,
    RoundState.CLOSED: 3,
    RoundState.NO_ROUND: 4,
    RoundState.SUBMITTED: 5,
}


def round_state(round_: RoundFacts | None, progress: RoundProgress, today: date) -> RoundState:
    """The state of the current round from the progress of its assessments (one
    organisation's, or all).

    Submitted when every one of them (at least one) is submitted; after the due date of an
    open round anything else is overdue; otherwise a draft once something is answered."""
    if round_ is None:
        return RoundState.NO_ROUND
    if progress.assessments and progress.submitted == progress.assessments:
        return RoundState.SUBMITTED
    if round_.status == RoundStatus.CLOSED:
        return RoundState.CLOSED
    if today > round_.due_on:
        return RoundState.OVERDUE
    if progress.started:
        return RoundState.DRAFT
    return RoundState.NOT_STARTED


def next_evaluation_due(
    interval_years: int, last_evaluated_on: date | None, last_round_due_on: date | None
) -> date | None:
    """The interval after the latest of the last evaluation and the last round's due date;
    None when the partnership was never evaluated (due now)."""
    known = [d for d in (last_evaluated_on, last_round_due_on) if d is not None]
    return add_years(max(known), interval_years) if known else None


def heat_class(score_pct: float | None) -> str:
    """CSS class of a heat-table cell (static/css/app.css): heat-0 (Niet) ... heat-4."""
    if score_pct is None:
        return "heat-none"
    return f"heat-{min(4, int(score_pct // 20))}"


def trend_of(latest: float | None, previous: float | None) -> float | None:
    if latest is None or previous is None:
        return None
    return round(latest - previous, 1)


def score_round_means(
    applic: Applicability, means: dict[str, float], *, respondents: int
) -> scoring.RoundScore:
    """The theme and overall scores of `selectors.round_score`, from item means aggregated
    in SQL (fetch_round_means); without item statistics."""
    items = [scoring.Item(id=code, theme=theme) for code, theme in applic.item_pairs()]
    return scoring.score_round_from_means(items, means, respondents=respondents)


def applic_signature(applic: Applicability) -> str:
    """A short fingerprint of what is scored under this applicability: the (item, theme)
    pairs. Part of the scores cache key, so changing a partnership's form or participants
    never serves scores computed under the old applicability."""
    joined = ";".join(f"{item}/{theme}" for item, theme in applic.item_pairs())
    return hashlib.blake2b(joined.encode(), digest_size=10).hexdigest()


# --- The overview over all partnerships ----------------------------------------------------


@dataclass(frozen=True)
class ThemeColumn:
    code: str
    title: str


class Cell(NamedTuple):
    """One theme cell of a row. A named tuple rather than a frozen dataclass: a page makes
    725 of them, and a frozen dataclass takes ten times as long to create (issue 8)."""

    code: str
    applies: bool
    score_pct: float | None

    @property
    def css(self) -> str:
        return heat_class(self.score_pct) if self.applies else "heat-none"

    @property
    def text(self) -> str:
        """The whole percentage, rounded half up like `floatformat:0` (scores carry one
        decimal), or a screen-reader text for an empty cell."""
        if not self.applies:
            return '<span class="visually-hidden">geldt niet</span>'
        if self.score_pct is None:
            return '<span class="visually-hidden">geen score</span>'
        return str((round(self.score_pct * 10) + 5) // 10)


@functools.lru_cache(maxsize=2048)
def cell_html(applies: bool, score_pct: float | None) -> str:
    """The <td> of a theme cell. It depends only on whether the theme applies and the score
    (one decimal: at most a thousand of them), so each is built once per process; a page has
    725 cells (issue 8)."""
    cell = Cell("", applies, score_pct)
    return f'<td class="score-cell {cell.css}">{cell.text}</td>'


@dataclass
class PartnershipRow:
    """One partnership in the overview. The fields up to `has_overdue_steps` are known for every
    row (they decide filters, the summary and most orders); the scores, the theme cells and
    the open steps themselves are filled by Dashboard.fill, for the rows on the page (or for
    all rows when an order or the export needs them)."""

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
    overdue_steps: int = 0  # how many: filled (the filter needs only has_overdue_steps)
    scored_round: RoundFacts | None = None
    respondents: int = 0
    overall_pct: float | None = None
    previous_overall_pct: float | None = None
    cells: list[Cell] = field(default_factory=list)
    # All open steps (complete overview) or the first STEPS_PER_ROW of them (a page).
    open_steps: list[StepFacts] = field(default_factory=list)
    filled: bool = False

    @property
    def trend(self) -> float | None:
        return trend_of(self.overall_pct, self.previous_overall_pct)

    @property
    def first_steps(self) -> list[StepFacts]:
        return self.open_steps[:STEPS_PER_ROW]

    @property
    def cells_html(self) -> SafeString:
        """The theme cells of the row as HTML, built here rather than in the template: 29
        cells a row is most of the page's rendering time (issue 8). Only fixed class names
        and numbers go in, nothing typed by a user."""
        return mark_safe("".join([cell_html(c.applies, c.score_pct) for c in self.cells]))

    def score(self, code: str) -> float | None:
        cell = next((c for c in self.cells if c.code == code), None)
        return cell.score_pct if cell and cell.applies else None


@dataclass
class _Sources:
    """What Dashboard.fill needs to fill rows: fetched once for all rows by build_dashboard."""

    partnerships: dict[int, "PartnershipInfo"]
    current_framework_id: int | None
    frameworks: "FrameworkCache"
    steps: dict[int, list[StepFacts]] | None = None  # all open steps, when already fetched


@dataclass
class Dashboard:
    organisation: Organisation | None
    columns: list[ThemeColumn]
    rows: list[PartnershipRow]
    total: int
    today: date
    sort: str = "naam"
    # Every open step of the rows (complete overview); empty for a page (first_open_steps).
    steps: list[StepFacts] = field(default_factory=list)
    complete: bool = True
    sources: _Sources | None = field(default=None, repr=False)

    @property
    def overdue_rounds(self) -> int:
        return sum(1 for r in self.rows if r.state == RoundState.OVERDUE)

    @property
    def overdue_evaluations(self) -> int:
        return sum(1 for r in self.rows if r.evaluation_overdue)

    @property
    def step_count(self) -> int:
        """Open next steps of the rows shown (after filtering), without fetching them."""
        return sum(r.open_step_count for r in self.rows)

    def fill(self, rows: Sequence[PartnershipRow]) -> None:
        """Give these rows their scores, theme cells and open steps, in a fixed number of
        queries (three at most) however many rows."""
        todo = [r for r in rows if not r.filled]
        if not todo or self.sources is None:
            return
        src = self.sources
        scored, round_ids = fetch_page_rounds([row.pk for row in todo])
        scores = cached_round_scores(
            (r, src.frameworks.of_kind(src.partnerships[pk].kind, r.framework_id))
            for pk, rounds in scored.items()
            for r in rounds
            if r is not None
        )
        steps_by_partnership = src.steps
        if steps_by_partnership is None:
            with_steps = {row.pk for row in todo if row.open_step_count}
            steps_by_partnership, late = fetch_row_steps(
                [rid for pk, rounds in round_ids.items() if pk in with_steps for rid in rounds],
                self.today,
            )
        else:
            late = {
                pk: sum(1 for s in steps if s.is_overdue(self.today))
                for pk, steps in steps_by_partnership.items()
            }
        codes = [column.code for column in self.columns]
        for row in todo:
            latest, previous = scored.get(row.pk, (None, None))
            latest_score = scores[latest.pk] if latest else None
            previous_score = scores[previous.pk] if previous else None
            framework_id = latest.framework_id if latest else src.current_framework_id
            applies = (
                src.frameworks.applicable_themes(src.partnerships[row.pk].kind, framework_id)
                if framework_id
                else frozenset()
            )
            row.scored_round = latest
            row.respondents = latest_score.respondents if latest_score else 0
            row.overall_pct = latest_score.overall_pct if latest_score else None
            row.previous_overall_pct = previous_score.overall_pct if previous_score else None
            themes = latest_score.themes if latest_score else {}
            row.cells = [
                Cell(code, code in applies, themes.get(code) if code in applies else None)
                for code in codes
            ]
            row.open_steps = steps_by_partnership.get(row.pk, [])
            row.overdue_steps = late.get(row.pk, 0)
            row.filled = True


def _by_partnership(steps: Iterable[StepFacts]) -> dict[int, list[StepFacts]]:
    result: dict[int, list[StepFacts]] = defaultdict(list)
    for step in steps:
        result[step.partnership_id].append(step)
    return result


SORT_KEYS = ("naam", "status", "score", "trend", "evaluatie", "stappen")
# Orders every row can be sorted on before it is filled; any other order (score, change, a
# theme) fills every row first (Dashboard.fill).
UNFILLED_SORT_KEYS = ("naam", "status", "evaluatie", "stappen")


def _sort_value(row: PartnershipRow, key: str) -> object:
    match key:
        case "naam":
            return row.name.lower()
        case "status":
            return STATE_ORDER[row.state]
        case "score":
            return row.overall_pct
        case "trend":
            return row.trend
        case "evaluatie":
            return row.next_evaluation_due or date.min
        case "stappen":
            return row.open_step_count
    return row.score(key)  # a theme code


def sort_rows(rows: Iterable[PartnershipRow], sort: str) -> list[PartnershipRow]:
    """Sort by a key of SORT_KEYS or a theme code; "-" in front for descending. Empty values
    always come last; ties by name."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    by_name = sorted(rows, key=lambda r: r.name.lower())
    present = [r for r in by_name if _sort_value(r, key) is not None]
    absent = [r for r in by_name if _sort_value(r, key) is None]
    present.sort(key=lambda r: _sort_value(r, key), reverse=descending)
    return present + absent


def filter_rows(
    rows: Iterable[PartnershipRow],
    *,
    q: str = "",
    state: str = "",
    model: str = "",
    overdue: bool = False,
) -> list[PartnershipRow]:
    q = q.strip().lower()
    result = []
    for row in rows:
        if q and q not in row.name.lower():
            continue
        if state and row.state != state:
            continue
        if model and row.cooperation_model != model:
            continue
        if overdue and not (
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


# --- Selectors: facts in a fixed number of queries -----------------------------------------


LEGAL_FORM_LABELS = dict(LegalForm.choices)


class PartnershipInfo(NamedTuple):
    """What the overview needs of a partnership, as plain values (no model instance): its
    own fields and the facts annotated on it (fetch_partnership_info)."""

    pk: int
    name: str
    legal_form: str
    cooperation_model: str
    evaluation_interval_years: int
    last_evaluated_on: date | None
    # What applicability depends on (form, variant, kinds of participants), without the
    # name: a hundred partnerships have a handful of these, shared between them.
    kind: PartnershipFacts
    current_round: RoundFacts | None = None
    open_steps: int = 0
    first_open_due: date | None = None
    # How far the current round's assessments are (fetch_partnership_info with_progress).
    progress: RoundProgress = NO_PROGRESS

    @property
    def legal_form_label(self) -> str:
        return LEGAL_FORM_LABELS.get(self.legal_form, self.legal_form)

    def has_overdue_steps(self, today: date) -> bool:
        return self.first_open_due is not None and self.first_open_due < today


SUBMITTED = Q(status=AssessmentStatus.SUBMITTED)
ORGANISATION_KINDS = tuple(OrganisationKind.values)


def _latest_rounds(partnership: OuterRef | None = None) -> QuerySet[AssessmentRound]:
    """The rounds of the outer partnership (or of `partnership`, from a subquery one level
    deeper), the current one (latest opens_on, then highest id) first."""
    return AssessmentRound.objects.filter(partnership_id=partnership or OuterRef("pk")).order_by(
        "-opens_on", "-pk"
    )


def _submitted_of_round() -> Subquery:
    """The number of submitted assessments of the outer round."""
    return Subquery(
        Assessment.objects.filter(SUBMITTED, round_id=OuterRef("pk"))
        .order_by()
        .values("round_id")
        .annotate(n=Count("pk"))
        .values("n")
    )


def _current_round() -> Subquery:
    """The partnership's current round as one JSON object (one subquery instead of one per
    field): what RoundFacts holds of it."""
    return Subquery(
        _latest_rounds()
        .annotate(submitted=Coalesce(_submitted_of_round(), 0))
        .values(
            facts=JSONObject(
                pk="pk",
                period="period",
                framework_id="framework_id",
                due_on="due_on",
                status="status",
                submitted="submitted",
            )
        )[:1]
    )


def _open_steps_of_partnership(aggregate: Count | Min) -> Subquery:
    return Subquery(
        NextStep.objects.filter(round__partnership_id=OuterRef("pk"), status__in=OPEN_STEP_STATUSES)
        .order_by()
        .values("round__partnership_id")
        .annotate(value=aggregate)
        .values("value")
    )


def _round_facts(partnership_id: int, facts: dict[str, object] | str | None) -> RoundFacts | None:
    if facts is None:
        return None
    if isinstance(facts, str):  # SQLite hands JSON back as text
        facts = json.loads(facts)
    assert isinstance(facts, dict)
    return RoundFacts(
        int(facts["pk"]),
        partnership_id,
        str(facts["period"]),
        int(facts["framework_id"]),
        date.fromisoformat(str(facts["due_on"])[:10]),
        str(facts["status"]),
        int(facts["submitted"] or 0),
    )


def fetch_partnership_info(
    partnerships: QuerySet[Partnership],
    *,
    with_progress: bool = False,
    organisation_id: int | None = None,
) -> list[PartnershipInfo]:
    """The partnerships by name, each with the kinds of its participants, its current round
    and its open steps, as annotations of one query (subqueries on the indexes of rounds,
    assessments and steps, whatever their number). with_progress: also how far the current
    round's assessments are, the organisation's only when organisation_id is given."""
    kind_flags = {
        f"has_{kind}": Exists(
            Participation.objects.filter(partnership_id=OuterRef("pk"), organisation__kind=kind)
        )
        for kind in ORGANISATION_KINDS
    }
    partnerships = partnerships.annotate(
        **kind_flags,
        current=_current_round(),
        open_step_count=_open_steps_of_partnership(Count("pk")),
        first_open_due=_open_steps_of_partnership(Min("due_on")),
    )
    if with_progress:
        partnerships = partnerships.annotate(progress=_current_round_progress(organisation_id))
    rows = partnerships.order_by("name").values_list(
        "pk",
        "name",
        "legal_form",
        "cooperation_model",
        "network_variant",
        "evaluation_interval_years",
        "last_evaluated_on",
        "current",
        "open_step_count",
        "first_open_due",
        *(("progress",) if with_progress else ()),
        *kind_flags,
    )
    kinds: dict[tuple[str, str, str, frozenset[str]], PartnershipFacts] = {}
    result = []
    for row in rows:
        (pk, name, legal_form, model, variant, interval, last_evaluated, current) = row[:8]
        open_steps, first_open_due = row[8], row[9]
        progress = row[10] if with_progress else None
        flags = row[11:] if with_progress else row[10:]
        participant_kinds = frozenset(
            kind for kind, present in zip(ORGANISATION_KINDS, flags, strict=True) if present
        )
        key = (model, legal_form, variant, participant_kinds)
        kind = kinds.get(key)
        if kind is None:
            kind = kinds[key] = PartnershipFacts(
                name="",
                cooperation_model=model,
                legal_form=legal_form,
                network_variant=variant,
                participant_kinds=participant_kinds,
            )
        if isinstance(progress, str):  # SQLite hands JSON back as text
            progress = json.loads(progress)
        result.append(
            PartnershipInfo(
                pk=pk,
                name=name,
                legal_form=legal_form,
                cooperation_model=model,
                evaluation_interval_years=interval,
                last_evaluated_on=last_evaluated,
                kind=kind,
                current_round=_round_facts(pk, current),
                open_steps=open_steps or 0,
                first_open_due=first_open_due,
                progress=RoundProgress(*progress) if progress else NO_PROGRESS,
            )
        )
    return result


def _current_round_progress(organisation_id: int | None) -> Subquery:
    """[assessments, submitted, started] in the partnership's current round (only the
    organisation's assessments when given), as one JSON array per partnership; "started" is
    submitted or with at least one answer.

    A subquery of the partnership's row rather than a query of its own over the assessments
    of a hundred rounds: PostgreSQL finds the organisation's participation through its
    unique index on (partnership, organisation) and then its two or three assessments
    through the unique index on (round, participation, perspective). None when the round
    has none of them, or when there is no current round."""
    current = _latest_rounds(OuterRef(OuterRef("pk"))).values("pk")[:1]
    found = Assessment.objects.filter(round_id=Subquery(current))
    if organisation_id is not None:
        found = found.filter(
            participation__partnership_id=OuterRef("pk"),
            participation__organisation_id=organisation_id,
        )
    answered = Exists(Answer.objects.filter(assessment_id=OuterRef("pk")))
    counts = (
        found.order_by()
        .annotate(answered=answered)
        .values("round_id")
        .annotate(
            counts=JSONArray(
                Count("pk"),
                Count("pk", filter=SUBMITTED),
                Count("pk", filter=SUBMITTED | Q(answered=True)),
            )
        )
        .values("counts")
    )
    return Subquery(counts)


_ROUND_FIELDS = ("pk", "partnership_id", "period", "framework_id", "due_on", "status")


def fetch_page_rounds(
    partnership_ids: Sequence[int],
) -> tuple[dict[int, tuple[RoundFacts | None, RoundFacts | None]], dict[int, list[int]]]:
    """({partnership id: (the latest round with a submitted assessment, the one with
    submissions before it)}, {partnership id: the ids of all its rounds}), in one query.

    Each round's tally (how many assessments were submitted, and when the latest) keys its
    cached scores. The round ids let the next query find the open steps through the index
    on (round, due date) instead of joining every open step in the country to its round.
    Partnerships without (scored) rounds are left out."""
    if not partnership_ids:
        return {}, {}
    rows = (
        AssessmentRound.objects.filter(partnership_id__in=list(partnership_ids))
        .order_by("partnership_id", "-opens_on", "-pk")
        .annotate(
            submitted=Count(
                "assessments", filter=Q(assessments__status=AssessmentStatus.SUBMITTED)
            ),
            submitted_stamp=Cast(
                Max(
                    "assessments__submitted_at",
                    filter=Q(assessments__status=AssessmentStatus.SUBMITTED),
                ),
                CharField(),
            ),
        )
        .values_list(*_ROUND_FIELDS, "submitted", "submitted_stamp")
    )
    found: dict[int, list[RoundFacts]] = defaultdict(list)
    round_ids: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        round_ids[row[1]].append(row[0])
        # Rounds without a submission have no scores.
        if row[6] and len(found[row[1]]) < 2:
            found[row[1]].append(RoundFacts(*row))
    scored = {
        pk: (rounds[0], rounds[1] if len(rounds) > 1 else None) for pk, rounds in found.items()
    }
    return scored, round_ids


def fetch_round_means(round_ids: Sequence[int]) -> dict[int, dict[str, float]]:
    """{round id: {recommendation code: exact mean of the submitted numeric answers}}, only
    for items with a numeric answer; aggregated in the database (one query).

    SUM and COUNT rather than AVG: `scoring.item_mean` turns them into the very float the
    Python scoring computes, so the dashboard equals `selectors.round_score` to the last bit."""
    result: dict[int, dict[str, float]] = {pk: {} for pk in round_ids}
    if not round_ids:
        return result
    rows = (
        Answer.objects.filter(
            assessment__round_id__in=list(round_ids),
            assessment__status=AssessmentStatus.SUBMITTED,
            score__isnull=False,
        )
        .order_by()
        .values("assessment__round_id", "recommendation__code")
        .annotate(total=Sum("score"), n=Count("score"))
        .values_list("assessment__round_id", "recommendation__code", "total", "n")
    )
    for round_id, code, total, n in rows:
        result[round_id][code] = scoring.item_mean(int(total), n)
    return result


@dataclass(frozen=True)
class ScoreSummary:
    """What the overview shows of a round's scores: the total, the respondents and each
    theme's score. Cached as a plain tuple (cheap to unpickle: 200 of them per page)."""

    overall_pct: float | None
    respondents: int
    themes: dict[str, float | None]

    @classmethod
    def of(cls, score: scoring.RoundScore) -> "ScoreSummary":
        themes = {t.code: t.score_pct for t in score.themes}
        return cls(score.overall_pct, score.respondents, themes)

    def as_tuple(self) -> tuple[float | None, int, tuple[tuple[str, float | None], ...]]:
        return (self.overall_pct, self.respondents, tuple(self.themes.items()))

    @classmethod
    def from_tuple(cls, value: tuple) -> "ScoreSummary":
        overall, respondents, themes = value
        return cls(overall, respondents, dict(themes))


def cached_round_scores(
    shown: Iterable[tuple[RoundFacts, "KindApplicability"]],
) -> dict[int, ScoreSummary]:
    """{round id: its theme and overall scores}, through the "scores" cache (measured need,
    issue 8: the overview of an organisation in 100+ partnerships scores 200+ rounds).

    A round's scores are kept under a key made of RoundFacts.tally_key (which changes
    whenever its submitted set changes) and the applicability's signature (which changes
    when the partnership's form or participants change what applies), so a cached value is
    never stale. Only the rounds not in the cache are aggregated, in one query."""
    unique = {r.pk: (r, kind) for r, kind in shown}
    cache = caches["scores"]
    keys = {f"{r.tally_key}:{kind.signature}": pk for pk, (r, kind) in unique.items()}
    found = cache.get_many(list(keys))
    result = {keys[key]: ScoreSummary.from_tuple(value) for key, value in found.items()}
    missing = sorted(pk for pk in unique if pk not in result)
    if missing:
        means = fetch_round_means(missing)
        fresh = {}
        for pk in missing:
            round_, kind = unique[pk]
            score = score_round_means(kind.applicability, means[pk], respondents=round_.submitted)
            fresh[pk] = ScoreSummary.of(score)
        cache.set_many(
            {key: fresh[pk].as_tuple() for key, pk in keys.items() if pk in fresh}, timeout=None
        )
        result.update(fresh)
    return result


OWNER_BODY_LABELS = dict(BodyKind.choices)


def fetch_open_steps(
    partnership_ids: Sequence[int],
    limit: int | None = None,
    per_partnership: int | None = None,
) -> list[StepFacts]:
    """Open next steps of all rounds of the partnerships, by due date (one query): the first
    `limit` of them, or the first `per_partnership` of each, when given. Plain values, no
    model instances: a page shows a hundred of them. No query without partnerships."""
    if not partnership_ids:
        return []
    return _open_steps(Q(round__partnership_id__in=list(partnership_ids)), limit, per_partnership)[
        0
    ]


def fetch_row_steps(
    round_ids: Sequence[int], today: date
) -> tuple[dict[int, list[StepFacts]], dict[int, int]]:
    """({partnership id: its first STEPS_PER_ROW open steps}, {partnership id: how many of
    all its open steps are overdue}) for the steps of these rounds (all rounds of the rows),
    in one query: the count is a window over every open step of the partnership, taken
    before the first few are picked. Filtering on the rounds rather than the partnerships
    lets PostgreSQL walk the index on (round, due date) (issue 8)."""
    if not round_ids:
        return {}, {}
    steps, late = _open_steps(
        Q(round_id__in=list(round_ids)), None, STEPS_PER_ROW, late_before=today
    )
    return _by_partnership(steps), late


def _open_steps(
    where: Q,
    limit: int | None,
    per_partnership: int | None,
    late_before: date | None = None,
) -> tuple[list[StepFacts], dict[int, int]]:
    """The open steps matching `where`, by due date; with late_before, {partnership id: how
    many of its open steps are due before it}."""
    order = [F("due_on").asc(nulls_last=True), F("pk").asc()]
    partition = F("round__partnership_id")
    steps = NextStep.objects.filter(where, status__in=OPEN_STEP_STATUSES).order_by(*order)
    late_field: tuple[str, ...] = ()
    if late_before is not None:
        overdue = Case(When(due_on__lt=late_before, then=Value(1)), default=Value(0))
        steps = steps.annotate(late=Window(Sum(overdue), partition_by=partition))
        late_field = ("late",)
    if per_partnership is not None:
        steps = steps.annotate(
            place=Window(RowNumber(), partition_by=partition, order_by=order)
        ).filter(place__lte=per_partnership)
    if limit is not None:
        steps = steps[:limit]
    rows = steps.values_list(
        *late_field,
        "pk",
        "round_id",
        "round__partnership_id",
        "round__partnership__name",
        "description",
        "owner",
        "owner_body__kind",
        "due_on",
        "status",
        "recommendation__code",
    )
    late: dict[int, int] = {}
    if late_field:
        rows = list(rows)
        late = {row[3]: int(row[0]) for row in rows}
        rows = [row[1:] for row in rows]
    steps_found = [
        StepFacts(
            pk=pk,
            round_id=round_id,
            partnership_id=partnership_id,
            partnership_name=partnership_name,
            description=description,
            owner=owner or OWNER_BODY_LABELS.get(body_kind or "", ""),
            due_on=due_on,
            status=status,
            recommendation=code,
        )
        for (
            pk,
            round_id,
            partnership_id,
            partnership_name,
            description,
            owner,
            body_kind,
            due_on,
            status,
            code,
        ) in rows
    ]
    return steps_found, late


@dataclass(frozen=True)
class KindApplicability:
    """Applicability for one kind of partnership under one framework, with what the overview
    reads of it over and over: the applicable theme codes and the signature that keys its
    rounds' cached scores (worked out once per process, not per request)."""

    applicability: Applicability
    themes: frozenset[str]
    signature: str


# Applicability by framework content and kind of partnership, shared by the requests of this
# process (issue 8: working it out is most of the overview's Python time). Keyed by the
# framework's facts themselves, fetched on every request, so a framework changed by
# load_gids gets new entries and an old entry is never served for it. Bounded: cleared
# when it grows past these sizes (a handful of frameworks, a few hundred kinds).
_SHARED: dict[tuple[ThemeFacts, ...], dict[PartnershipFacts, KindApplicability]] = {}
SHARED_FRAMEWORKS_MAX = 8
SHARED_KINDS_MAX = 4096


class FrameworkCache:
    """Framework facts fetched once per framework version and request (two queries each);
    applicability worked out once per kind of partnership and framework content."""

    def __init__(self) -> None:
        self._facts: dict[int, list[ThemeFacts]] = {}
        self._kinds: dict[int, dict[PartnershipFacts, KindApplicability]] = {}

    def facts(self, framework_id: int) -> list[ThemeFacts]:
        if framework_id not in self._facts:
            self._facts[framework_id] = framework_facts(Framework(pk=framework_id))
        return self._facts[framework_id]

    def of_kind(self, kind: PartnershipFacts, framework_id: int) -> KindApplicability:
        kinds = self._kinds.get(framework_id)
        if kinds is None:
            content = tuple(self.facts(framework_id))
            if content not in _SHARED and len(_SHARED) >= SHARED_FRAMEWORKS_MAX:
                _SHARED.clear()
            kinds = self._kinds[framework_id] = _SHARED.setdefault(content, {})
        found = kinds.get(kind)
        if found is None:
            if len(kinds) >= SHARED_KINDS_MAX:
                kinds.clear()
            applic = applicability(kind, self.facts(framework_id))
            found = kinds[kind] = KindApplicability(
                applic,
                frozenset(t.code for t in applic.themes if t.applies),
                applic_signature(applic),
            )
        return found

    def applicability(self, kind: PartnershipFacts, framework_id: int) -> Applicability:
        """`kind` without a name: applicability depends only on the form, the network variant
        and the kinds of participants. The result carries no partnership name."""
        return self.of_kind(kind, framework_id).applicability

    def applicable_themes(self, kind: PartnershipFacts, framework_id: int) -> frozenset[str]:
        return self.of_kind(kind, framework_id).themes


def build_dashboard(
    partnerships: QuerySet[Partnership],
    *,
    organisation: Organisation | None,
    today: date,
    complete: bool = True,
) -> Dashboard:
    """The overview in a fixed number of queries (about ten) whatever the number of
    partnerships, rounds and respondents.

    Per partnership: the state of the current (latest) round for the organisation's
    assessments (everyone's when organisation is None); the theme scores of the latest round
    with a submitted assessment and the change since the round with submissions before it.

    complete=False leaves the scores, cells and steps to Dashboard.fill, for the rows that are
    shown (the web page: a page of 25 out of a hundred); the summary, the filters and the
    orders by name, state, evaluation and number of steps need only what every row has.

    `partnerships` holds each partnership once: restrict it through a relation with pk__in,
    as partnerships_for_user does, not with a join (the query has no DISTINCT)."""
    if organisation is not None:
        partnerships = partnerships.filter(
            pk__in=Participation.objects.filter(organisation=organisation).values("partnership_id")
        )
    # One row per partnership with its current round and open steps, as annotations of one
    # query: no query over all rounds or steps of a hundred partnerships. Only the current
    # rounds' assessments are counted (for the state); older rounds only count their
    # submitted ones (fetch_page_rounds).
    partnership_list = fetch_partnership_info(
        partnerships,
        with_progress=True,
        organisation_id=organisation.pk if organisation is not None else None,
    )
    ids = [p.pk for p in partnership_list]
    # The complete overview (export, tests) fetches every open step; the page fetches only
    # its own rows' first steps (Dashboard.fill).
    all_steps = fetch_open_steps(ids) if complete else None
    steps_by_partnership = _by_partnership(all_steps) if all_steps is not None else None
    current_framework = Framework.objects.filter(is_current=True).first()
    frameworks = FrameworkCache()

    current_framework_id = getattr(current_framework, "pk", None)
    applicable: set[str] = set()  # the themes that apply to at least one partnership
    if current_framework_id:
        for kind in {id(p.kind): p.kind for p in partnership_list}.values():
            applicable |= frameworks.applicable_themes(kind, current_framework_id)
    rows: list[PartnershipRow] = []
    for partnership in partnership_list:
        current_round = partnership.current_round
        next_due = next_evaluation_due(
            partnership.evaluation_interval_years,
            partnership.last_evaluated_on,
            current_round.due_on if current_round else None,
        )
        rows.append(
            PartnershipRow(
                pk=partnership.pk,
                name=partnership.name,
                legal_form=partnership.legal_form_label,
                cooperation_model=partnership.cooperation_model,
                current_round=current_round,
                state=round_state(current_round, partnership.progress, today),
                next_evaluation_due=next_due,
                evaluation_overdue=next_due is None or next_due < today,
                open_step_count=partnership.open_steps,
                has_overdue_steps=partnership.has_overdue_steps(today),
            )
        )

    dashboard = Dashboard(
        organisation=organisation,
        columns=_columns(current_framework, applicable),
        rows=rows,
        total=len(rows),
        today=today,
        complete=complete,
        sources=_Sources(
            partnerships={p.pk: p for p in partnership_list},
            current_framework_id=current_framework_id,
            frameworks=frameworks,
            steps=steps_by_partnership,
        ),
    )
    if complete:
        dashboard.fill(rows)
        dashboard.steps = all_steps or []
    return dashboard


def _columns(current: Framework | None, applicable: set[str]) -> list[ThemeColumn]:
    """The current framework's themes that apply to at least one partnership (one query)."""
    if current is None:
        return []
    titles = (
        Theme.objects.filter(part__framework=current)
        .order_by("number")
        .values_list("code", "title")
    )
    return [ThemeColumn(code, title) for code, title in titles if code in applicable]


def apply_view_options(
    dashboard: Dashboard,
    *,
    sort: str,
    q: str = "",
    state: str = "",
    model: str = "",
    overdue: bool = False,
) -> Dashboard:
    """Filter and sort the rows in place (total keeps the unfiltered count). An order by
    score, change or theme fills every remaining row first."""
    dashboard.sort = valid_sort(sort, dashboard.columns)
    rows = filter_rows(dashboard.rows, q=q, state=state, model=model, overdue=overdue)
    if dashboard.sort.lstrip("-") not in UNFILLED_SORT_KEYS:
        dashboard.fill(rows)
    dashboard.rows = sort_rows(rows, dashboard.sort)
    shown = {r.pk for r in dashboard.rows}
    dashboard.steps = [s for s in dashboard.steps if s.partnership_id in shown]
    return dashboard


def first_open_steps(dashboard: Dashboard, limit: int) -> list[StepFacts]:
    """The first `limit` open next steps (by due date) of the rows shown, for the list
    under the overview: taken from the steps already fetched, or one query."""
    if dashboard.complete:
        return dashboard.steps[:limit]
    return fetch_open_steps([r.pk for r in dashboard.rows if r.open_step_count], limit=limit)


STATE_CHOICES = [(s.value, s.label) for s in RoundState]
MODEL_CHOICES = list(CooperationModel.choices)


# --- One partnership (directeur) -----------------------------------------------------------


@dataclass(frozen=True)
class Respondent:
    pk: int
    label: str  # perspective and organisation
    organisation: str
    status: str
    status_label: str
    answered: int
    applicable: int
    submitted_at: object | None
    overdue: bool

    @property
    def progress_pct(self) -> float:
        return scoring.progress_pct(min(self.answered, self.applicable), self.applicable)

    @property
    def is_submitted(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED


@dataclass(frozen=True)
class Divergence:
    code: str
    text: str
    theme: str
    n: int
    min: int | None
    max: int | None
    spread: int | None


@dataclass
class PartnershipOverview:
    partnership: Partnership
    rounds: list[AssessmentRound]
    current_round: AssessmentRound | None
    respondents: list[Respondent]
    missing_participants: list[str]
    submitted: int
    score: scoring.RoundScore | None
    theme_titles: dict[str, str]
    divergences: list[Divergence]
    steps: list[StepFacts]
    next_evaluation_due: date | None
    today: date

    @property
    def progress_pct(self) -> float:
        return scoring.progress_pct(self.submitted, len(self.respondents))

    @property
    def theme_rows(self) -> list[tuple[str, str, float | None]]:
        """(code, title, score_pct) per applicable theme of the current round."""
        if self.score is None:
            return []
        return [(t.code, self.theme_titles.get(t.code, ""), t.score_pct) for t in self.score.themes]

    @property
    def evaluation_overdue(self) -> bool:
        return self.next_evaluation_due is None or self.next_evaluation_due < self.today

    @property
    def round_overdue(self) -> bool:
        return bool(
            self.current_round
            and self.current_round.status == RoundStatus.OPEN
            and self.current_round.due_on < self.today
            and self.submitted < len(self.respondents)
        )


def build_partnership_overview(partnership: Partnership, *, today: date) -> PartnershipOverview:
    """Respondents, progress, differences of view and next steps of a partnership's current
    round. Shows how far drafts are (a count), never what they say."""
    rounds = list(partnership.rounds.select_related("framework").order_by("-opens_on", "-pk"))
    current = rounds[0] if rounds else None
    respondents: list[Respondent] = []
    missing: list[str] = []
    score = None
    divergences: list[Divergence] = []
    titles: dict[str, str] = {}
    if current is not None:
        applic = applicability(partnership_facts(partnership), framework_facts(current.framework))
        applicable = len(applic.item_pairs())
        assessments = list(
            current.assessments.select_related("participation__organisation").annotate(
                n_answers=Count("answers")
            )
        )
        overdue = current.status == RoundStatus.OPEN and current.due_on < today
        for a in assessments:
            respondents.append(
                Respondent(
                    pk=a.pk,
                    label=a.perspective_label,
                    organisation=a.participation.organisation.name if a.participation_id else "",
                    status=a.status,
                    status_label=a.get_status_display(),
                    answered=a.n_answers,
                    applicable=applicable,
                    submitted_at=a.submitted_at,
                    overdue=overdue and not a.is_submitted,
                )
            )
        taking_part = {a.participation_id for a in assessments if a.participation_id}
        missing = [
            p.organisation.name
            for p in partnership.participations.select_related("organisation").order_by(
                "organisation__name"
            )
            if p.pk not in taking_part
        ]
        score = round_score(current)
        titles = dict(
            Theme.objects.filter(part__framework=current.framework).values_list("code", "title")
        )
        divergent = score.divergent()
        texts = dict(
            Recommendation.objects.filter(
                theme__part__framework=current.framework, code__in=[d.id for d in divergent]
            ).values_list("code", "text")
        )
        divergences = [
            Divergence(d.id, texts.get(d.id, ""), d.theme, d.n, d.min, d.max, d.spread)
            for d in divergent
        ]
    last_due = current.due_on if current else None
    return PartnershipOverview(
        partnership=partnership,
        rounds=rounds,
        current_round=current,
        respondents=respondents,
        missing_participants=missing,
        submitted=sum(1 for r in respondents if r.is_submitted),
        score=score,
        theme_titles=titles,
        divergences=divergences,
        steps=fetch_open_steps([partnership.pk]),
        next_evaluation_due=next_evaluation_due(
            partnership.evaluation_interval_years, partnership.last_evaluated_on, last_due
        ),
        today=today,
    )


# --- A respondent's start page (griffier, contramal) ---------------------------------------


@dataclass(frozen=True)
class OpenAssessment:
    pk: int
    partnership: str
    period: str
    perspective: str
    due_on: date
    answered: int
    applicable: int
    days_left: int
    round_pk: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def due_soon(self) -> bool:
        return 0 <= self.days_left <= 14

    @property
    def progress_pct(self) -> float:
        return scoring.progress_pct(min(self.answered, self.applicable), self.applicable)


def build_open_assessments(
    assessments: QuerySet[Assessment], *, today: date
) -> list[OpenAssessment]:
    """Drafts in open rounds, by due date, with progress (a fixed number of queries)."""
    drafts = list(
        assessments.filter(status=AssessmentStatus.DRAFT, round__status=RoundStatus.OPEN)
        .select_related("round__partnership", "participation__organisation")
        .annotate(n_answers=Count("answers"))
        .order_by("round__due_on", "round__partnership__name", "pk")
    )
    partnerships = {
        p.pk: p
        for p in fetch_partnership_info(
            Partnership.objects.filter(pk__in={a.round.partnership_id for a in drafts})
        )
    }
    frameworks = FrameworkCache()
    result = []
    for a in drafts:
        applic = frameworks.applicability(
            partnerships[a.round.partnership_id].kind, a.round.framework_id
        )
        result.append(
            OpenAssessment(
                pk=a.pk,
                partnership=a.round.partnership.name,
                period=a.round.period,
                perspective=a.perspective_label,
                due_on=a.round.due_on,
                answered=a.n_answers,
                applicable=len(applic.item_pairs()),
                days_left=(a.round.due_on - today).days,
                round_pk=a.round_id,
            )
        )
    return result
