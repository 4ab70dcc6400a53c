"""Reads for rounds: who may be invited, the round page and the side by side comparison.

Each selector returns a finished view-model (frozen dataclasses with every query already run),
in a number of queries that does not grow with the number of respondents. Only submitted
assessments count in round statistics (DESIGN.md "Scoring"); the numbers come from
`scoring.score_round` on the same inputs as `assessments.scores.round_score`, so the pages
and `export_round` agree. The trend pages read through `trends.py`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from assessments import presentation, scoring
from assessments.bodies import perspective_name
from assessments.constants import (
    PARTICIPANT_PERSPECTIVES,
    PARTNERSHIP_PERSPECTIVES,
    AssessmentStatus,
)
from assessments.models import Answer, Assessment, AssessmentRound
from assessments.presentation import (
    PARTNERSHIP_GROUP,
    heat_row_label,
    respondent_label,
    respondent_name,
    sorted_respondents,
    value_heat_class,
)
from assessments.scores import (
    changes_since_opened,
    optional_codes,
    own_progress,
    round_applicability,
    scoring_items,
    stored_value,
)
from partnerships.models import Participation, Partnership
from principles.models import Recommendation, Theme

from .perspectives import PerspectiveTable, perspective_table

# One answer as read for a page: its value and its explanation.
ValueAndExplanation = tuple[scoring.Value, str]


@dataclass(frozen=True)
class RespondentColumn:
    """A submitted respondent as a column or row of the side by side page."""

    assessment_id: int
    label: str
    short_label: str


@dataclass(frozen=True)
class AnswerCell:
    """One respondent's answer to one recommendation, with its text, label and colour."""

    value: scoring.Value
    explanation: str = ""

    @property
    def text(self) -> str:
        return presentation.value_cell(self.value)

    @property
    def label(self) -> str:
        return presentation.value_label(self.value)

    @property
    def css(self) -> str:
        return presentation.value_heat_class(self.value)


def respondent_key(assessment: Assessment) -> tuple[int | None, str]:
    """The same respondent across rounds: the participant (or none) and the perspective."""
    return (assessment.participation_id, assessment.perspective)


def previous_round(round_: AssessmentRound) -> AssessmentRound | None:
    """The round it was started from, else the latest earlier round of the partnership."""
    if round_.previous_id:
        return round_.previous
    return (
        AssessmentRound.objects.filter(
            partnership_id=round_.partnership_id, opens_on__lt=round_.opens_on
        )
        .exclude(pk=round_.pk)
        .select_related("partnership", "framework")
        .order_by("-opens_on", "-pk")
        .first()
    )


# --------------------------------------------------------------------------- invitations


@dataclass(frozen=True)
class RespondentOption:
    """One respondent that may be invited: a participant's body or a partnership role."""

    key: str  # form-safe: "p12-raad" or "directeur"
    perspective: str
    participation_id: int | None
    group: str  # organisation name or "Samenwerkingsverband"
    label: str  # perspective label

    @property
    def full_label(self) -> str:
        return respondent_name(None if self.participation_id is None else self.group, self.label)


def option_key(participation_id: int | None, perspective: str) -> str:
    return perspective if participation_id is None else f"p{participation_id}-{perspective}"


def invitation_options(partnership: Partnership) -> list[RespondentOption]:
    """Every respondent that can be invited for a partnership (one query)."""
    options = [
        RespondentOption(option_key(None, p), p, None, PARTNERSHIP_GROUP, perspective_name(p))
        for p in PARTNERSHIP_PERSPECTIVES
    ]
    participations = Participation.objects.filter(partnership=partnership).select_related(
        "organisation"
    )
    for participation in sorted(participations, key=lambda p: p.organisation.name):
        for p in PARTICIPANT_PERSPECTIVES:
            options.append(
                RespondentOption(
                    option_key(participation.pk, p),
                    p,
                    participation.pk,
                    participation.organisation.name,
                    perspective_name(p, participation.organisation.kind),
                )
            )
    return options


# --------------------------------------------------------------------------- round page


@dataclass(frozen=True)
class RespondentStatus:
    assessment: Assessment
    label: str
    email: str
    is_submitted: bool
    is_overdue: bool
    answered: int  # own questions answered in this round
    applicable: int  # own questions (the items the perspective may skip not counted)
    taken_over: int  # own questions copied from the previous round, not yet confirmed

    @property
    def progress_pct(self) -> int:
        return round(self.answered / self.applicable * 100) if self.applicable else 0

    @property
    def state(self) -> str:
        if self.is_submitted:
            return "ingediend"
        if self.is_overdue:
            return "te laat"
        return "bezig" if self.answered else "uitgenodigd"

    @property
    def needs_reminder(self) -> bool:
        return not self.is_submitted

    @property
    def can_be_reminded(self) -> bool:
        return self.needs_reminder and bool(self.email)

    @property
    def invitation(self) -> str:
        """ "verstuurd", "mislukt", "geen e-mailadres" or "niet verstuurd" (not yet, or
        opened before invitations were sent)."""
        if self.assessment.invited_at is not None:
            return "verstuurd"
        if not self.email:
            return "geen e-mailadres"
        if self.assessment.invitation_error:
            return "mislukt"
        return "niet verstuurd"

    @property
    def can_be_invited(self) -> bool:
        return self.needs_reminder and self.invitation in ("mislukt", "niet verstuurd")


@dataclass(frozen=True)
class RoundOverview:
    round: AssessmentRound
    respondents: list[RespondentStatus]
    applicable: int
    today: datetime.date
    previous: AssessmentRound | None = None
    next_rounds: list[AssessmentRound] = field(default_factory=list)
    # What of the partnership changed since the round opened (the round keeps what applied).
    changed_since_opened: list[str] = field(default_factory=list)

    @property
    def invited(self) -> int:
        return len(self.respondents)

    @property
    def submitted(self) -> list[RespondentStatus]:
        return [r for r in self.respondents if r.is_submitted]

    @property
    def overdue(self) -> list[RespondentStatus]:
        return [r for r in self.respondents if r.is_overdue]

    @property
    def pending(self) -> list[RespondentStatus]:
        return [r for r in self.respondents if not r.is_submitted]

    @property
    def to_remind(self) -> list[RespondentStatus]:
        return [r for r in self.respondents if r.can_be_reminded]

    @property
    def without_email(self) -> list[RespondentStatus]:
        return [r for r in self.respondents if r.needs_reminder and not r.email]

    @property
    def invitation_failed(self) -> list[RespondentStatus]:
        return [r for r in self.respondents if r.needs_reminder and r.invitation == "mislukt"]

    @property
    def to_invite(self) -> list[RespondentStatus]:
        """Respondents whose invitation has not gone out (failed, or never sent)."""
        return [r for r in self.respondents if r.can_be_invited]

    @property
    def is_past_due(self) -> bool:
        return self.today > self.round.due_on


def _answered_codes(
    assessment_ids: Sequence[int],
) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """Per assessment: codes answered in this round, and codes still taken over (one query)."""
    answered: dict[int, set[str]] = {pk: set() for pk in assessment_ids}
    taken: dict[int, set[str]] = {pk: set() for pk in assessment_ids}
    rows = Answer.objects.filter(assessment_id__in=assessment_ids).values_list(
        "assessment_id", "recommendation__code", "score", "special", "is_taken_over"
    )
    for assessment_id, code, score, special, is_taken_over in rows:
        if scoring.counts_as_answered(stored_value(score, special), taken_over=is_taken_over):
            answered[assessment_id].add(code)
        if is_taken_over:
            taken[assessment_id].add(code)
    return answered, taken


def round_overview(round_: AssessmentRound, *, today: datetime.date | None = None) -> RoundOverview:
    """Who is invited, who answered, who is overdue and how far each respondent is."""
    today = today or timezone.localdate()
    assessments = sorted_respondents(
        round_.assessments.select_related("participation__organisation")
    )
    applic = round_applicability(round_)
    pairs = applic.item_pairs()
    answered, taken = _answered_codes([a.pk for a in assessments])
    respondents = []
    for a in assessments:
        submitted = a.status == AssessmentStatus.SUBMITTED
        n_answered, asked = own_progress(applic, a.perspective, answered[a.pk])
        optional = optional_codes(applic, a.perspective)
        respondents.append(
            RespondentStatus(
                assessment=a,
                label=respondent_label(a),
                email=a.respondent_email,
                is_submitted=submitted,
                is_overdue=not submitted and today > round_.due_on,
                answered=n_answered,
                applicable=asked,
                taken_over=sum(
                    1 for code, _ in pairs if code in taken[a.pk] and code not in optional
                ),
            )
        )
    return RoundOverview(
        round=round_,
        respondents=respondents,
        applicable=len(pairs),
        today=today,
        previous=round_.previous if round_.previous_id else None,
        next_rounds=list(round_.next_rounds.order_by("opens_on")),
        changed_since_opened=changes_since_opened(round_),
    )


# --------------------------------------------------------------------------- side by side


@dataclass(frozen=True)
class ItemRow:
    """One recommendation: its statistics and every respondent's answer."""

    code: str
    theme: str
    text: str
    stats: scoring.ItemStats
    answers: list[tuple[RespondentColumn, AnswerCell]]  # in respondent order

    @property
    def mean_css(self) -> str:
        return value_heat_class(self.stats.mean)

    @property
    def explained(self) -> int:
        return sum(1 for _, cell in self.answers if cell.explanation)


@dataclass(frozen=True)
class HeatRow:
    """One respondent's row in a theme's heat table."""

    respondent: RespondentColumn
    cells: list[AnswerCell]  # in item order


@dataclass(frozen=True)
class ThemeBlock:
    code: str
    title: str
    score_pct: float | None
    items: list[ItemRow]

    @property
    def divergent(self) -> list[ItemRow]:
        return [i for i in self.items if i.stats.divergent]

    @property
    def heat_rows(self) -> list[HeatRow]:
        if not self.items:
            return []
        return [
            HeatRow(respondent, [row.answers[n][1] for row in self.items])
            for n, (respondent, _) in enumerate(self.items[0].answers)
        ]


@dataclass(frozen=True)
class SideBySide:
    round: AssessmentRound
    respondents: list[RespondentColumn]
    themes: list[ThemeBlock]  # the themes shown (one when filtered)
    theme_nav: list[tuple[str, str]]  # (code, title) of every applicable theme
    selected: str | None
    pending: list[str]  # invited respondents that have not submitted
    unknown_theme: str | None = None
    # The total next to the raad's, the bestuur's and the organisation's scores.
    perspectives: PerspectiveTable | None = None

    @property
    def divergent(self) -> list[ItemRow]:
        """The differences of view in the themes shown, largest spread first."""
        rows = [row for block in self.themes for row in block.divergent]
        return sorted(rows, key=lambda r: (-(r.stats.spread or 0), r.code, r.theme))


@dataclass(frozen=True)
class SubmittedAnswers:
    """A round's submitted assessments in respondent order, and their answers by code."""

    assessments: list[Assessment]
    answers: dict[int, dict[str, ValueAndExplanation]]  # assessment pk -> code -> answer

    def values(self) -> list[dict[str, scoring.Value]]:
        """Per assessment (in order) the values by code, as `scoring.score_round` takes them."""
        return [{code: v for code, (v, _) in self.answers[a.pk].items()} for a in self.assessments]


def submitted_answers(round_: AssessmentRound) -> SubmittedAnswers:
    """The round's submitted assessments with their answers (two queries)."""
    assessments = sorted_respondents(
        round_.assessments.filter(status=AssessmentStatus.SUBMITTED).select_related(
            "participation__organisation"
        )
    )
    answers: dict[int, dict[str, ValueAndExplanation]] = {a.pk: {} for a in assessments}
    rows = Answer.objects.filter(assessment__in=[a.pk for a in assessments]).values_list(
        "assessment_id", "recommendation__code", "score", "special", "explanation"
    )
    for assessment_id, code, score, special, explanation in rows:
        answers[assessment_id][code] = (stored_value(score, special), explanation)
    return SubmittedAnswers(assessments, answers)


def framework_texts(
    framework_id: int, codes: Iterable[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """The recommendations' texts by code, and every theme's title by code (two queries)."""
    recommendations = dict(
        Recommendation.objects.filter(
            theme__part__framework_id=framework_id, code__in=set(codes)
        ).values_list("code", "text")
    )
    themes = dict(
        Theme.objects.filter(part__framework_id=framework_id).values_list("code", "title")
    )
    return recommendations, themes


def round_side_by_side(round_: AssessmentRound, *, theme: str | None = None) -> SideBySide:
    """Per recommendation every respondent's answer and the round statistics."""
    applic = round_applicability(round_)
    submitted = submitted_answers(round_)
    items = scoring_items(applic, {})
    score = scoring.score_round(items, submitted.values())
    pending = [
        respondent_label(a)
        for a in sorted_respondents(
            round_.assessments.exclude(status=AssessmentStatus.SUBMITTED).select_related(
                "participation__organisation"
            )
        )
    ]
    respondents = [
        RespondentColumn(a.pk, respondent_label(a), heat_row_label(a))
        for a in submitted.assessments
    ]
    rec_texts, theme_titles = framework_texts(round_.framework_id, (s.id for s in score.items))
    applicable = [t.code for t in applic.applicable_themes()]
    unknown = None
    theme = (theme or "").strip().upper() or None
    if theme and theme not in applicable:
        unknown, theme = theme, None
    blocks = []
    for code in applicable:
        if theme and code != theme:
            continue
        rows = [
            ItemRow(
                code=s.id,
                theme=code,
                text=rec_texts.get(s.id, ""),
                stats=s,
                answers=[
                    (r, AnswerCell(*submitted.answers[r.assessment_id].get(s.id, (None, ""))))
                    for r in respondents
                ],
            )
            for s in score.items
            if s.theme == code
        ]
        ts = score.theme(code)
        blocks.append(
            ThemeBlock(code, theme_titles.get(code, ""), ts.score_pct if ts else None, rows)
        )
    return SideBySide(
        round=round_,
        respondents=respondents,
        themes=blocks,
        theme_nav=[(c, theme_titles.get(c, "")) for c in applicable],
        selected=theme,
        pending=pending,
        unknown_theme=unknown,
        perspectives=perspective_table(
            items,
            list(zip(submitted.assessments, submitted.values(), strict=True)),
            theme_titles,
            score,
        ),
    )
