"""A respondent's start page (griffier, contramal): their drafts in open rounds."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet

from assessments import scoring
from assessments.constants import AssessmentStatus, RoundStatus
from assessments.models import Assessment
from assessments.scores import answered_filter, round_applicability

# "Binnenkort": a draft due within this many days is marked on the start page.
DUE_SOON_DAYS = 14


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
        return 0 <= self.days_left <= DUE_SOON_DAYS

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
        .annotate(n_answers=Count("answers", filter=answered_filter("answers__")))
        .order_by("round__due_on", "round__partnership__name", "pk")
    )
    # Each round's own applicability, frozen when it opened; worked out once per round.
    rounds = {a.round_id: a.round for a in drafts}
    applicable = {pk: len(round_applicability(r).item_pairs()) for pk, r in rounds.items()}
    result = []
    for a in drafts:
        result.append(
            OpenAssessment(
                pk=a.pk,
                partnership=a.round.partnership.name,
                period=a.round.period,
                perspective=a.perspective_label,
                due_on=a.round.due_on,
                answered=a.n_answers,
                applicable=applicable[a.round_id],
                days_left=(a.round.due_on - today).days,
                round_pk=a.round_id,
            )
        )
    return result
