"""Reads for assessments: everything a page or export needs, in a constant number of queries.

The pure rules (`partnerships.applicability`, `assessments.scoring`) get plain data from here.
"""

from dataclasses import dataclass

from partnerships.applicability import Applicability
from partnerships.selectors import applicability_for

from . import scoring
from .constants import AssessmentStatus
from .models import Answer, Assessment, AssessmentRound


@dataclass(frozen=True)
class AnswerValue:
    """An answer as plain data."""

    value: scoring.Value
    explanation: str


def round_applicability(round_: AssessmentRound) -> Applicability:
    """What applies to the round's partnership, in the round's (pinned) framework version."""
    return applicability_for(round_.partnership, round_.framework)


def scoring_items(applic: Applicability, values: dict[str, scoring.Value]) -> list[scoring.Item]:
    return [
        scoring.Item(id=code, theme=theme, value=values.get(code))
        for code, theme in applic.item_pairs()
    ]


def answer_values(assessment: Assessment) -> dict[str, AnswerValue]:
    """{recommendation code: AnswerValue} for one assessment (one query)."""
    rows = Answer.objects.filter(assessment=assessment).values_list(
        "recommendation__code", "score", "special", "explanation"
    )
    return {
        code: AnswerValue(score if score is not None else (special or None), explanation)
        for code, score, special, explanation in rows
    }


def assessment_score(assessment: Assessment) -> scoring.AssessmentScore:
    applic = round_applicability(assessment.round)
    values = {code: a.value for code, a in answer_values(assessment).items()}
    return scoring.score_assessment(scoring_items(applic, values), target=assessment.round.target)


def submitted_responses(
    round_: AssessmentRound,
) -> list[tuple[Assessment, dict[str, scoring.Value]]]:
    """Every submitted assessment of the round with its {code: value}, in two queries."""
    assessments = list(
        round_.assessments.filter(status=AssessmentStatus.SUBMITTED).select_related(
            "participation__organisation"
        )
    )
    values: dict[int, dict[str, scoring.Value]] = {a.pk: {} for a in assessments}
    rows = Answer.objects.filter(assessment__in=assessments).values_list(
        "assessment_id", "recommendation__code", "score", "special"
    )
    for assessment_id, code, score, special in rows:
        values[assessment_id][code] = score if score is not None else (special or None)
    return [(a, values[a.pk]) for a in assessments]


def round_score(round_: AssessmentRound) -> scoring.RoundScore:
    applic = round_applicability(round_)
    responses = submitted_responses(round_)
    return scoring.score_round(scoring_items(applic, {}), [v for _, v in responses])
