"""A respondent's start page (griffier, contramal): their drafts in open rounds."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from assessments import scoring
from assessments.constants import AssessmentStatus, RoundStatus
from assessments.models import Assessment
from assessments.scores import answered_codes, own_progress, round_applicability

# "Binnenkort": a draft due within this many days is marked on the start page.
DUE_SOON_DAYS = 14


@dataclass(frozen=True)
class OpenAssessment:
    pk: int
    partnership: str
    period: str
    perspective: str
    due_on: date
    answered: int  # own questions answered in this round
    applicable: int  # own questions (the items of the perspective may skip not counted)
    days_left: int
    round_pk: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def due_soon(self) -> bool:
        return 0 <= self.days_left <= DUE_SOON_DAYS

    @property
    def progress_pct(self) -> float:
        return scoring.progress_pct(min(self.answered, self.applicable), self.applicable)


def build_open_assessments(
    assessments: QuerySet[Assessment], *, today: date
) -> list[OpenAssessment]:
    """Drafts in open rounds, by due date, with progress over each respondent's own
    questions (two queries)."""
    drafts = list(
        assessments.filter(status=AssessmentStatus.DRAFT, round__status=RoundStatus.OPEN)
        .select_related("round__partnership", "participation__organisation")
        .order_by("round__due_on", "round__partnership__name", "pk")
    )
    # Each round's own applicability, frozen when it opened; worked out once per round.
    applics = {a.round_id: round_applicability(a.round) for a in drafts}
    answered = answered_codes([a.pk for a in drafts])
    result = []
    for a in drafts:
        n_answered, asked = own_progress(applics[a.round_id], a.perspective, answered[a.pk])
        result.append(
            OpenAssessment(
                pk=a.pk,
                partnership=a.round.partnership.name,
                period=a.round.period,
                perspective=a.perspective_label,
                due_on=a.round.due_on,
                answered=n_answered,
                applicable=asked,
                days_left=(a.round.due_on - today).days,
                round_pk=a.round_id,
            )
        )
    return result
