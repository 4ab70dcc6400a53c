"""The reads the reports make besides the scores: the framework's texts, the participants,
the next steps and every answer's explanation. Each is one query, whatever the size of the
round, so a report costs a constant number of queries.

The scores themselves come from `assessments.scores`, the same numbers as the pages and
the exports.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from assessments import scoring
from assessments.constants import AssessmentStatus, NextStepStatus
from assessments.models import Answer, Assessment, AssessmentRound, NextStep
from assessments.scores import stored_value
from principles.models import Recommendation, Theme


@dataclass(frozen=True)
class Texts:
    """The titles and texts of the round's framework version, by code."""

    themes: dict[str, str]  # theme code -> title
    recommendations: dict[str, str]  # recommendation code -> text

    def theme(self, code: str) -> str:
        return self.themes.get(code, "")

    def recommendation(self, code: str) -> str:
        return self.recommendations.get(code, "")


def framework_texts(round_: AssessmentRound) -> Texts:
    themes = dict(
        Theme.objects.filter(part__framework_id=round_.framework_id).values_list("code", "title")
    )
    recommendations = dict(
        Recommendation.objects.filter(theme__part__framework_id=round_.framework_id).values_list(
            "code", "text"
        )
    )
    return Texts(themes, recommendations)


def participant_names(round_: AssessmentRound) -> list[str]:
    """The names of the partnership's participants, alphabetically."""
    return list(
        round_.partnership.participations.order_by("organisation__name").values_list(
            "organisation__name", flat=True
        )
    )


def round_next_steps(round_: AssessmentRound) -> list[NextStep]:
    """The round's next steps as the report lists them: open ones first, then by due date
    (those without a date after the dated ones), then in the order they were made."""
    steps = list(
        NextStep.objects.filter(round=round_).select_related(
            "recommendation",
            "owner_body__partnership",
            "owner_body__participation__organisation",
        )
    )
    steps.sort(
        key=lambda s: (
            s.status == NextStepStatus.AFGEROND,
            s.due_on is None,
            s.due_on or date.max,
            s.pk,
        )
    )
    return steps


def planned_codes(round_: AssessmentRound) -> set[str]:
    """The recommendations that have a next step in the round: a gap shows it is taken up."""
    return set(
        NextStep.objects.filter(round=round_, recommendation__isnull=False).values_list(
            "recommendation__code", flat=True
        )
    )


@dataclass(frozen=True)
class AnswerDetail:
    """One answer as the appendix prints it."""

    value: scoring.Value
    explanation: str
    evidence_url: str
    is_taken_over: bool
    documented: bool | None = None  # "vastgelegd"; never part of the score


def answer_details(assessment_ids: Sequence[int]) -> dict[int, dict[str, AnswerDetail]]:
    """{assessment id: {recommendation code: answer}}, an empty dict for an assessment
    without answers."""
    details: dict[int, dict[str, AnswerDetail]] = {pk: {} for pk in assessment_ids}
    rows = Answer.objects.filter(assessment_id__in=assessment_ids).values_list(
        "assessment_id",
        "recommendation__code",
        "score",
        "special",
        "explanation",
        "evidence_url",
        "is_taken_over",
        "documented",
    )
    for pk, code, score, special, explanation, evidence, taken_over, documented in rows:
        details[pk][code] = AnswerDetail(
            stored_value(score, special), explanation, evidence, taken_over, documented
        )
    return details


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The same respondent's submitted assessment in the previous round: the same
    perspective of the same participant (or of the partnership itself)."""
    previous_round = assessment.round.previous
    if previous_round is None:
        return None
    match = previous_round.assessments.filter(
        perspective=assessment.perspective, status=AssessmentStatus.SUBMITTED
    ).select_related("round__partnership", "round__framework")
    participation = assessment.participation
    if participation is not None:
        match = match.filter(participation__organisation_id=participation.organisation_id)
    else:
        match = match.filter(participation__isnull=True)
    return match.first()
