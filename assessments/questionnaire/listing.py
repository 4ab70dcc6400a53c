"""The list of assessments a user works on (the griffier's list): drafts first, nearest
deadline first, then what they submitted, then what else they may read."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.utils import timezone

from assessments.access import assessments_for_user, editable_assessments_for_user
from assessments.constants import AssessmentStatus
from assessments.models import Assessment
from assessments.scores import answered_codes, own_progress, round_applicability
from partnerships.applicability import Applicability


@dataclass(frozen=True)
class ListedAssessment:
    assessment: Assessment
    can_edit: bool
    answered: int  # own questions answered in this round

    @property
    def is_overdue(self) -> bool:
        return (
            not self.assessment.is_submitted and self.assessment.round.due_on < timezone.localdate()
        )


@dataclass(frozen=True)
class AssessmentList:
    to_do: list[ListedAssessment]  # drafts the user fills in, nearest deadline first
    own_submitted: list[ListedAssessment]  # submitted ones the user could reopen
    others: list[ListedAssessment]  # readable only


def assessment_list_for_user(user: User | AnonymousUser, *, limit: int = 200) -> AssessmentList:
    """The griffier's list: the drafts the user fills in first, nearest deadline first; then
    what they submitted; then what else they may read. Four queries: three lists of at most
    `limit`, and what each respondent answered of their own questions."""
    readable = assessments_for_user(user)
    editable_ids = editable_assessments_for_user(user).values("pk")

    def fetch(qs: QuerySet[Assessment], *order: str) -> list[Assessment]:
        return list(
            qs.select_related("round__partnership", "participation__organisation").order_by(
                *order, "pk"
            )[:limit]
        )

    mine = readable.filter(pk__in=editable_ids)
    lists = (
        fetch(
            mine.filter(status=AssessmentStatus.DRAFT), "round__due_on", "round__partnership__name"
        ),
        fetch(mine.filter(status=AssessmentStatus.SUBMITTED), "-submitted_at"),
        fetch(readable.exclude(pk__in=editable_ids), "-round__due_on", "round__partnership__name"),
    )
    answered = answered_codes([a.pk for rows in lists for a in rows])
    applics: dict[int, Applicability] = {}
    for a in (a for rows in lists for a in rows):
        if a.round_id not in applics:
            applics[a.round_id] = round_applicability(a.round)

    def listed(rows: list[Assessment], *, can_edit: bool) -> list[ListedAssessment]:
        return [
            ListedAssessment(
                a, can_edit, own_progress(applics[a.round_id], a.perspective, answered[a.pk])[0]
            )
            for a in rows
        ]

    return AssessmentList(
        to_do=listed(lists[0], can_edit=True),
        own_submitted=listed(lists[1], can_edit=True),
        others=listed(lists[2], can_edit=False),
    )
