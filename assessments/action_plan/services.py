"""Writes for a round's action plan: adding, changing and deleting next steps. Typed,
keyword-only, atomic; views call these.

Every refused write raises a `NextStepError` with a Dutch message and saves nothing.
"""

from datetime import date

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from assessments.access import acting_user
from assessments.constants import NextStepStatus
from assessments.models import AssessmentRound, NextStep
from partnerships.models import Body
from principles.models import Recommendation

MSG_STEP_RECOMMENDATION = "Deze aanbeveling hoort niet bij de Gids van deze ronde."
MSG_STEP_BODY = "Dit orgaan hoort niet bij dit samenwerkingsverband."
MSG_STEP_DESCRIPTION = "Beschrijf de vervolgstap."
MSG_STEP_GONE = "Deze vervolgstap bestaat niet meer; iemand anders heeft haar al verwijderd."


class NextStepError(Exception):
    """A refused write; `message` is Dutch and meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check_step(
    *,
    round_: AssessmentRound,
    description: str,
    recommendation: Recommendation | None,
    owner_body: Body | None,
) -> str:
    description = description.strip()
    if not description:
        raise NextStepError(MSG_STEP_DESCRIPTION)
    if (
        recommendation is not None
        and not Recommendation.objects.filter(
            pk=recommendation.pk, theme__part__framework_id=round_.framework_id
        ).exists()
    ):
        raise NextStepError(MSG_STEP_RECOMMENDATION)
    if owner_body is not None:
        # A body belongs to the partnership itself (AB, DB) or to one of its participants.
        participation = None if owner_body.partnership_id else owner_body.participation
        owner_partnership = (
            participation.partnership_id if participation else owner_body.partnership_id
        )
        if owner_partnership != round_.partnership_id:
            raise NextStepError(MSG_STEP_BODY)
    return description


def default_step_description(recommendation: Recommendation) -> str:
    """The description of a step made from a gap in one click: the recommendation itself."""
    text = Truncator(recommendation.text).chars(240)
    return f"Werk aanbeveling {recommendation.code} verder uit: {text}"


def _completed_on(status: str, previous: date | None) -> date | None:
    if status == NextStepStatus.AFGEROND:
        return previous or timezone.localdate()
    return None


def _save(step: NextStep) -> NextStep:
    with transaction.atomic():
        try:
            step.full_clean(exclude=["round"])
        except ValidationError as exc:
            raise NextStepError(" ".join(exc.messages)) from None
        step.save()
    return step


def next_step_create(
    *,
    round_: AssessmentRound,
    user: User | AnonymousUser | None,
    description: str = "",
    recommendation: Recommendation | None = None,
    owner: str = "",
    owner_body: Body | None = None,
    due_on: date | None = None,
    status: str = NextStepStatus.OPEN,
) -> NextStep:
    """Add a step to the round's action plan; from a gap, the description defaults to the
    recommendation."""
    if not description.strip() and recommendation is not None:
        description = default_step_description(recommendation)
    description = _check_step(
        round_=round_,
        description=description,
        recommendation=recommendation,
        owner_body=owner_body,
    )
    step = NextStep(
        round=round_,
        recommendation=recommendation,
        description=description,
        owner=owner.strip(),
        owner_body=owner_body,
        due_on=due_on,
        status=status,
        completed_on=_completed_on(status, None),
        created_by=acting_user(user),
    )
    return _save(step)


def next_step_update(
    *,
    step: NextStep,
    user: User | AnonymousUser | None,
    description: str,
    owner: str,
    owner_body: Body | None,
    due_on: date | None,
    status: str,
) -> NextStep:
    """Change a step; marking it afgerond records the date, reopening clears it. `user` is
    not stored on the step: the history records who changed it (from the request)."""
    step.description = _check_step(
        round_=step.round,
        description=description,
        recommendation=step.recommendation,
        owner_body=owner_body,
    )
    step.owner = owner.strip()
    step.owner_body = owner_body
    step.due_on = due_on
    step.status = status
    step.completed_on = _completed_on(status, step.completed_on)
    return _save(step)


def next_step_delete(*, step: NextStep, user: User | AnonymousUser | None) -> None:
    """Delete a step. Its history keeps the step as it was, with who deleted it and when, so
    the round's list of changes still shows it."""
    with transaction.atomic():
        locked = NextStep.objects.select_for_update().filter(pk=step.pk).first()
        if locked is None:
            raise NextStepError(MSG_STEP_GONE)
        # simple_history reads who deleted the step from this attribute; outside a request (a
        # command, a test) nothing else would tell it.
        setattr(locked, "_history_user", acting_user(user))  # noqa: B010
        locked.delete()
