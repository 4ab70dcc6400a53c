"""The audit trail of an assessment's answers (see partnerships/audit.py for the records).

Callers fetch the assessment or answer through assessments.access first."""

from typing import cast

from assessments import presentation
from assessments.models import Answer, Assessment
from partnerships.audit import ChangeRecord, change_records
from principles.models import Recommendation

ANSWER_HIDDEN = ("assessment", "recommendation", "updated_at", "updated_by", "version")


def _answer_label(score: int | None, special: str) -> str:
    return presentation.value_label(score if score is not None else (special or None))


# The score and the special answer are two columns but one answer to the reader: shown as one
# change "Antwoord", in words ("2 Gedeeltelijk", "Niet van toepassing").
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
        # A historical row carries the answer's fields; its class is made at run time.
        subject=lambda row: codes.get(cast(Answer, row).recommendation_id, ""),
    )
