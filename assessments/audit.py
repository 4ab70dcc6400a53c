"""The audit trail of answers and next steps (see partnerships/audit.py for the records).

Callers fetch the assessment, answer or next step through assessments.access first."""

from partnerships.audit import ChangeRecord, change_records
from principles.models import Recommendation

from . import scoring
from .models import Answer, Assessment, AssessmentRound, NextStep

ANSWER_HIDDEN = ("assessment", "recommendation", "updated_at", "updated_by", "version")
NEXT_STEP_HIDDEN = ("round", "created_at", "created_by")


def _answer_label(score: int | None, special: str) -> str:
    return scoring.value_label(score if score is not None else (special or None))


ANSWER_COMBINED = (("Antwoord", ("score", "special"), _answer_label),)


def answer_history(answer: Answer) -> list[ChangeRecord]:
    """Every change of one answer, newest first."""
    return change_records(
        Answer.history.filter(id=answer.pk),
        Answer,
        exclude=ANSWER_HIDDEN,
        combined=ANSWER_COMBINED,
        fallback_user="updated_by",
    )


def assessment_history(assessment: Assessment) -> list[ChangeRecord]:
    """Every change of every answer of an assessment, newest first, each with its
    recommendation code as subject."""
    history = Answer.history.filter(assessment_id=assessment.pk)
    codes = dict(
        Recommendation.objects.filter(pk__in=history.values("recommendation_id")).values_list(
            "pk", "code"
        )
    )
    return change_records(
        history,
        Answer,
        exclude=ANSWER_HIDDEN,
        combined=ANSWER_COMBINED,
        fallback_user="updated_by",
        subject=lambda row: codes.get(row.recommendation_id, ""),
    )


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
        subject=lambda row: (row.description or "")[:80],
    )
