"""The audit trail of a round's next steps (see partnerships/audit.py for the records).

Callers fetch the round or next step through assessments.access first."""

from typing import cast

from assessments.models import AssessmentRound, NextStep
from partnerships.audit import ChangeRecord, change_records

NEXT_STEP_HIDDEN = ("round", "created_at", "created_by")


def next_step_history(step: NextStep) -> list[ChangeRecord]:
    """Every change of one next step, newest first."""
    return change_records(
        NextStep.history.filter(id=step.pk),
        NextStep,
        exclude=NEXT_STEP_HIDDEN,
        fallback_user="created_by",
    )


def round_next_steps_history(round_: AssessmentRound) -> list[ChangeRecord]:
    """Every change of the round's next steps (also deleted ones), newest first, each with the
    step's description as subject."""
    return change_records(
        NextStep.history.filter(round_id=round_.pk),
        NextStep,
        exclude=NEXT_STEP_HIDDEN,
        fallback_user="created_by",
        # A historical row carries the step's fields; its class is made at run time.
        subject=lambda row: (cast(NextStep, row).description or "")[:80],
    )
