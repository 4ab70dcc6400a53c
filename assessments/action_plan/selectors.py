"""Reads for a round's action plan: its next steps, the bodies that can own one and the
recommendations a step can be about."""

from django.db.models import Case, F, Q, QuerySet, Value, When

from assessments.constants import NextStepStatus
from assessments.models import AssessmentRound, NextStep
from assessments.scores import round_applicability
from partnerships.models import Body, Partnership
from principles.models import Recommendation


def round_next_steps(round_: AssessmentRound) -> list[NextStep]:
    """The round's action plan, with everything the list shows loaded (one query): open
    steps first, then those under way, then the finished ones; nearest due date first."""
    status_order = Case(
        When(status=NextStepStatus.OPEN, then=Value(0)),
        When(status=NextStepStatus.BEZIG, then=Value(1)),
        default=Value(2),
    )
    return list(
        NextStep.objects.filter(round=round_)
        .select_related(
            "recommendation",
            "owner_body__partnership",
            "owner_body__participation__organisation",
        )
        .order_by(status_order, F("due_on").asc(nulls_last=True), "pk")
    )


def partnership_bodies(partnership: Partnership) -> QuerySet[Body]:
    """Bodies that can own a next step: the partnership's and its participants' (one query)."""
    return (
        Body.objects.filter(Q(partnership=partnership) | Q(participation__partnership=partnership))
        .select_related("partnership", "participation__organisation")
        .order_by("participation__organisation__name", "kind", "name")
    )


def applicable_recommendations(round_: AssessmentRound) -> QuerySet[Recommendation]:
    """The recommendations scored in this round, in Gids order (applicability: three queries)."""
    codes = [code for code, _ in round_applicability(round_).item_pairs()]
    return Recommendation.objects.filter(
        theme__part__framework_id=round_.framework_id, code__in=codes
    ).order_by("theme__number", "number")
