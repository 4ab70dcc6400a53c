"""Reads for the trend pages: a round, or one respondent's assessment, against the previous round.

Per theme the change in score, the recommendations that improved or declined, the next steps
of the previous round that were completed, and (for a round) which respondents answered in
both rounds. Like the other selectors it returns a finished `Trend`; only submitted
assessments count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from assessments import scoring
from assessments.constants import AssessmentStatus, NextStepStatus
from assessments.models import Assessment, AssessmentRound, NextStep
from assessments.presentation import fmt_pct, respondent_label
from assessments.reports import charts
from assessments.scores import answer_values, round_applicability, scoring_items
from partnerships.applicability import Applicability

from .selectors import (
    SubmittedAnswers,
    framework_texts,
    previous_round,
    respondent_key,
    submitted_answers,
)

# A round's item mean must move at least this much to count as improved or declined, so
# that a small shift from who happened to answer is not reported as a change.
MIN_MEAN_CHANGE = 0.5

MSG_NO_PREVIOUS_ROUND = (
    "Er is geen eerdere ronde van dit samenwerkingsverband om mee te vergelijken. "
    "Een trend is er zodra er een tweede ronde is."
)
MSG_NO_PREVIOUS_ASSESSMENT = (
    "In de vorige ronde ({period}) heeft deze respondent geen zelfevaluatie ingevuld. "
    "Er is daarom niets om mee te vergelijken."
)
MSG_PREVIOUS_NOT_SUBMITTED = (
    "De zelfevaluatie van deze respondent in de vorige ronde ({period}) is niet ingediend. "
    "Alleen ingediende zelfevaluaties tellen mee."
)

# How many rounds the chart over time shows at most: the current one and those before it.
MAX_ROUNDS_IN_CHART = 6

# An item's score under the theme it is assessed in: (recommendation code, theme code).
ItemKey = tuple[str, str]


@dataclass(frozen=True)
class ThemeChange:
    code: str
    title: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)

    @property
    def direction(self) -> str:
        """ "beter", "slechter", "gelijk", "nieuw", "vervallen" or "geen score"."""
        if self.before is None and self.after is None:
            return "geen score"
        if self.before is None:
            return "nieuw"
        if self.after is None:
            return "vervallen"
        delta = self.delta or 0
        return "beter" if delta > 0 else "slechter" if delta < 0 else "gelijk"


@dataclass(frozen=True)
class ItemChange:
    code: str
    theme: str
    text: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        return round(self.after - self.before, 1)


@dataclass(frozen=True)
class RespondentChange:
    label: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


@dataclass(frozen=True)
class RoundScore:
    """One point of the chart over time: a round's total score (None: nothing scored)."""

    round: AssessmentRound
    overall: float | None

    @property
    def overall_label(self) -> str:
        return fmt_pct(self.overall)


@dataclass(frozen=True)
class Trend:
    """A round (or one assessment) compared with the previous one."""

    current_round: AssessmentRound
    previous_round: AssessmentRound | None
    message: str | None = None  # why there is nothing to compare
    themes: list[ThemeChange] = field(default_factory=list)
    overall_before: float | None = None
    overall_after: float | None = None
    improved: list[ItemChange] = field(default_factory=list)
    declined: list[ItemChange] = field(default_factory=list)
    completed_steps: list[NextStep] = field(default_factory=list)
    open_steps: int = 0
    respondents: list[RespondentChange] = field(default_factory=list)  # in both rounds
    added: list[str] = field(default_factory=list)  # only in the current round
    removed: list[str] = field(default_factory=list)  # only in the previous round
    assessment: Assessment | None = None
    previous_assessment: Assessment | None = None
    over_time: list[RoundScore] = field(default_factory=list)  # oldest first, current last

    @property
    def chart_svg(self) -> SafeString:
        """The total per round as a line (server-made SVG); the table beside it has the numbers."""
        subject = "deze respondent" if self.assessment else "alle respondenten samen"
        listed = "; ".join(f"ronde {p.round.period}: {p.overall_label}" for p in self.over_time)
        svg = charts.line_chart(
            [
                charts.Point(f"Ronde {p.round.period}", p.overall, p.overall_label)
                for p in self.over_time
            ],
            title="Totaalscore per ronde",
            description=f"Lijndiagram: de totaalscore van {subject} per ronde. {listed}.",
            chart_id="trend-totaal",
            pct_label=fmt_pct,
            css_class="img-fluid",
        )
        return mark_safe(svg)  # built by charts.py, which escapes every text

    @property
    def has_comparison(self) -> bool:
        return self.message is None

    @property
    def overall_delta(self) -> float | None:
        if self.overall_before is None or self.overall_after is None:
            return None
        return round(self.overall_after - self.overall_before, 1)


def _theme_changes(
    before: dict[str, float | None],
    after: dict[str, float | None],
    titles: dict[str, str],
) -> list[ThemeChange]:
    codes = list(after) + [c for c in before if c not in after]
    return [
        ThemeChange(code, titles.get(code, ""), before.get(code), after.get(code)) for code in codes
    ]


def _item_changes(
    before: dict[ItemKey, float | None],
    after: dict[ItemKey, float | None],
    texts: dict[str, str],
    *,
    min_delta: float = 0,
) -> tuple[list[ItemChange], list[ItemChange]]:
    """Items scored in both, whose score moved by at least `min_delta`: (improved, declined)."""
    changes = []
    for (code, theme), value in after.items():
        old = before.get((code, theme))
        if value is not None and old is not None and value != old:
            changes.append(ItemChange(code, theme, texts.get(code, ""), old, value))
    changes = [c for c in changes if abs(c.delta) >= min_delta]
    improved = sorted((c for c in changes if c.delta > 0), key=lambda c: (-c.delta, c.code))
    declined = sorted((c for c in changes if c.delta < 0), key=lambda c: (c.delta, c.code))
    return improved, declined


def _steps(previous: AssessmentRound) -> tuple[list[NextStep], int]:
    """The previous round's completed next steps, and how many are still open."""
    steps = list(
        NextStep.objects.filter(round=previous)
        .select_related("recommendation", "owner_body")
        .order_by("completed_on", "pk")
    )
    done = [s for s in steps if s.status == NextStepStatus.AFGEROND]
    return done, len(steps) - len(done)


def _applicabilities(
    current: AssessmentRound, previous: AssessmentRound
) -> tuple[Applicability, Applicability]:
    """Both rounds' applicability; read once when they cannot differ."""
    now = round_applicability(current)
    if (
        previous.framework_id == current.framework_id
        and previous.partnership_id == current.partnership_id
    ):
        return now, now
    return now, round_applicability(previous)


def _overall_by_respondent(
    submitted: SubmittedAnswers, applic: Applicability, target: int
) -> dict[tuple[int | None, str], tuple[Assessment, float | None]]:
    """Per respondent (see `respondent_key`) the assessment and its overall score."""
    out = {}
    for a in submitted.assessments:
        values = {code: v for code, (v, _) in submitted.answers[a.pk].items()}
        result = scoring.score_assessment(scoring_items(applic, values), target=target)
        out[respondent_key(a)] = (a, result.overall_pct)
    return out


def _round_overall(round_: AssessmentRound) -> float | None:
    applic = round_applicability(round_)
    answers = submitted_answers(round_)
    return scoring.score_round(scoring_items(applic, {}), answers.values()).overall_pct


def _over_time(
    round_: AssessmentRound, previous: AssessmentRound, known: dict[int, float | None]
) -> list[RoundScore]:
    """The partnership's rounds up to this one, oldest first, at most MAX_ROUNDS_IN_CHART;
    `known` holds the totals already worked out (this round and the previous one)."""
    earlier = list(
        AssessmentRound.objects.filter(
            partnership_id=round_.partnership_id, opens_on__lt=previous.opens_on
        )
        .exclude(pk__in=[round_.pk, previous.pk])
        .select_related("partnership", "framework")
        .order_by("-opens_on", "-pk")[: MAX_ROUNDS_IN_CHART - 2]
    )
    rounds = [*reversed(earlier), previous, round_]
    return [RoundScore(r, known[r.pk] if r.pk in known else _round_overall(r)) for r in rounds]


def round_trend(round_: AssessmentRound) -> Trend:
    """Per theme the change in round score, items that improved or declined, steps completed."""
    previous = previous_round(round_)
    if previous is None:
        return Trend(round_, None, message=MSG_NO_PREVIOUS_ROUND)
    applic_now, applic_before = _applicabilities(round_, previous)
    now, before = submitted_answers(round_), submitted_answers(previous)
    score_now = scoring.score_round(scoring_items(applic_now, {}), now.values())
    score_before = scoring.score_round(scoring_items(applic_before, {}), before.values())
    texts, titles = framework_texts(round_.framework_id, (s.id for s in score_now.items))
    by_key_now = _overall_by_respondent(now, applic_now, round_.target)
    by_key_before = _overall_by_respondent(before, applic_before, previous.target)
    improved, declined = _item_changes(
        {(s.id, s.theme): s.mean for s in score_before.items},
        {(s.id, s.theme): s.mean for s in score_now.items},
        texts,
        min_delta=MIN_MEAN_CHANGE,
    )
    done, still_open = _steps(previous)
    return Trend(
        current_round=round_,
        previous_round=previous,
        themes=_theme_changes(
            {t.code: t.score_pct for t in score_before.themes},
            {t.code: t.score_pct for t in score_now.themes},
            titles,
        ),
        overall_before=score_before.overall_pct,
        overall_after=score_now.overall_pct,
        improved=improved,
        declined=declined,
        completed_steps=done,
        open_steps=still_open,
        respondents=[
            RespondentChange(respondent_label(a), by_key_before[key][1], pct)
            for key, (a, pct) in by_key_now.items()
            if key in by_key_before
        ],
        added=[
            respondent_label(a) for key, (a, _) in by_key_now.items() if key not in by_key_before
        ],
        removed=[
            respondent_label(a) for key, (a, _) in by_key_before.items() if key not in by_key_now
        ],
        over_time=_over_time(
            round_,
            previous,
            {round_.pk: score_now.overall_pct, previous.pk: score_before.overall_pct},
        ),
    )


def _numeric(
    applic: Applicability, values: dict[str, scoring.Value]
) -> dict[ItemKey, float | None]:
    """Per applicable item its numeric score; None for n.v.t., weet niet and no answer."""
    out: dict[ItemKey, float | None] = {}
    for code, theme in applic.item_pairs():
        value = values.get(code)
        out[(code, theme)] = value if isinstance(value, int) and scoring.is_numeric(value) else None
    return out


def assessment_trend(
    assessment: Assessment, *, visible: QuerySet[Assessment] | None = None
) -> Trend:
    """One respondent's assessment compared with their assessment in the previous round.

    `visible` is the queryset of assessments the user may read (access rules); the previous
    assessment is looked up inside it.
    """
    round_ = assessment.round
    previous = previous_round(round_)
    if previous is None:
        return Trend(round_, None, message=MSG_NO_PREVIOUS_ROUND, assessment=assessment)
    source = visible if visible is not None else Assessment.objects.all()
    same = source.filter(round=previous, perspective=assessment.perspective)
    if assessment.participation_id is None:
        same = same.filter(participation__isnull=True)
    else:
        same = same.filter(participation_id=assessment.participation_id)
    prev = same.select_related("participation__organisation").first()
    if prev is None:
        return Trend(
            round_,
            previous,
            message=MSG_NO_PREVIOUS_ASSESSMENT.format(period=previous.period),
            assessment=assessment,
        )
    if prev.status != AssessmentStatus.SUBMITTED:
        return Trend(
            round_,
            previous,
            message=MSG_PREVIOUS_NOT_SUBMITTED.format(period=previous.period),
            assessment=assessment,
            previous_assessment=prev,
        )
    applic_now, applic_before = _applicabilities(round_, previous)
    values_now, values_before = answer_values(assessment), answer_values(prev)
    now = scoring.score_assessment(scoring_items(applic_now, values_now), target=round_.target)
    before = scoring.score_assessment(
        scoring_items(applic_before, values_before), target=previous.target
    )
    texts, titles = framework_texts(round_.framework_id, values_now.keys() | values_before.keys())
    improved, declined = _item_changes(
        _numeric(applic_before, values_before), _numeric(applic_now, values_now), texts
    )
    done, still_open = _steps(previous)
    return Trend(
        current_round=round_,
        previous_round=previous,
        themes=_theme_changes(
            {t.code: t.score_pct for t in before.themes},
            {t.code: t.score_pct for t in now.themes},
            titles,
        ),
        overall_before=before.overall_pct,
        overall_after=now.overall_pct,
        improved=improved,
        declined=declined,
        completed_steps=done,
        open_steps=still_open,
        assessment=assessment,
        previous_assessment=prev,
        # One respondent: the two assessments compared, not the whole history.
        over_time=[
            RoundScore(previous, before.overall_pct),
            RoundScore(round_, now.overall_pct),
        ],
    )
