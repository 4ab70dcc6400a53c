"""The scores every feature reads: what applies in a round, and the scores of one assessment
and of a round's submitted assessments.

The questionnaire, rounds, the dashboard and the reports all read their numbers here, so a
page, an export and a PDF never disagree. The rules themselves are pure
(`partnerships.applicability`, `assessments.scoring`); this module fetches their inputs in a
fixed number of queries.
"""

from collections.abc import Collection

from django.db.models import Q

from partnerships.applicability import Applicability, changed_facts
from partnerships.selectors import partnership_facts

from . import scoring
from .constants import AssessmentStatus
from .models import Answer, Assessment, AssessmentRound
from .questionnaire import question_sets


def round_applicability(round_: AssessmentRound) -> Applicability:
    """What applied to the round's partnership when the round opened (no query): the round
    keeps it, whatever the partnership does later."""
    if not round_.applicability:
        round_.freeze_applicability()  # an unsaved round: what would apply now
    return Applicability.from_snapshot(round_.applicability)


def changes_since_opened(round_: AssessmentRound) -> list[str]:
    """What of the partnership facts applicability depends on has changed since the round
    opened, in Dutch ("de vorm", ...); empty when nothing did (one query)."""
    then = round_applicability(round_).facts
    if then is None:
        return []
    return changed_facts(then, partnership_facts(round_.partnership))


def scoring_items(
    applic: Applicability,
    values: dict[str, scoring.Value],
    taken_over: Collection[str] = frozenset(),
    optional: Collection[str] = frozenset(),
) -> list[scoring.Item]:
    """Every item scored under the applicability, with its value (None: not answered);
    `taken_over`: the codes whose value is a copy from the previous round, not yet confirmed;
    `optional`: the codes the respondent may skip (see `optional_codes`)."""
    return [
        scoring.Item(
            id=code,
            theme=theme,
            value=values.get(code),
            taken_over=code in taken_over,
            optional=code in optional,
        )
        for code, theme in applic.item_pairs()
    ]


def optional_codes(applic: Applicability, perspective: str) -> frozenset[str]:
    """The applicable items a perspective may skip: not its own questions (no query)."""
    return frozenset(question_sets.question_set(applic, perspective).optional)


def own_progress(
    applic: Applicability, perspective: str, answered: Collection[str]
) -> tuple[int, int]:
    """(answered, asked) of one respondent: their own questions answered in this round, and
    their own questions, counted as `scoring.score_assessment` counts them (no query).
    `answered`: the codes answered in this round (see `answered_codes`)."""
    optional = optional_codes(applic, perspective)
    pairs = [code for code, _ in applic.item_pairs() if code not in optional]
    return sum(1 for code in pairs if code in answered), len(pairs)


def answered_codes(assessment_ids: Collection[int]) -> dict[int, set[str]]:
    """Per assessment: the codes answered in its round (`scoring.counts_as_answered`), one
    query."""
    answered: dict[int, set[str]] = {pk: set() for pk in assessment_ids}
    rows = Answer.objects.filter(answered_filter(), assessment_id__in=list(assessment_ids))
    for assessment_id, code in rows.values_list("assessment_id", "recommendation__code"):
        answered[assessment_id].add(code)
    return answered


def answered_filter(prefix: str = "") -> Q:
    """The answers that count as answered in their round, for counting in SQL: the same rule
    as `scoring.counts_as_answered` (a value, and not an unconfirmed copy from the previous
    round). `prefix` reaches the answers through a relation, e.g. "answers__"."""
    has_value = Q(**{f"{prefix}score__isnull": False}) | ~Q(**{f"{prefix}special": ""})
    return has_value & Q(**{f"{prefix}is_taken_over": False})


def stored_value(score: int | None, special: str) -> scoring.Value:
    """An answer's value from its two columns: the score, or "nvt" / "weet_niet", or None."""
    return score if score is not None else (special or None)


def answer_values(assessment: Assessment) -> dict[str, scoring.Value]:
    """{recommendation code: value} of one assessment's answers (one query)."""
    rows = Answer.objects.filter(assessment=assessment).values_list(
        "recommendation__code", "score", "special"
    )
    return {code: stored_value(score, special) for code, score, special in rows}


def assessment_score(assessment: Assessment) -> scoring.AssessmentScore:
    """The scores, completeness and gaps of one assessment, against the round's target
    (one query)."""
    applic = round_applicability(assessment.round)
    values: dict[str, scoring.Value] = {}
    taken_over: set[str] = set()
    rows = Answer.objects.filter(assessment=assessment).values_list(
        "recommendation__code", "score", "special", "is_taken_over"
    )
    for code, score, special, is_taken_over in rows:
        values[code] = stored_value(score, special)
        if is_taken_over:
            taken_over.add(code)
    return scoring.score_assessment(
        scoring_items(applic, values, taken_over, optional_codes(applic, assessment.perspective)),
        target=assessment.round.target,
    )


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
        values[assessment_id][code] = stored_value(score, special)
    return [(a, values[a.pk]) for a in assessments]


def round_score(round_: AssessmentRound) -> scoring.RoundScore:
    """The round's scores over its submitted assessments (per item: mean, spread)."""
    applic = round_applicability(round_)
    responses = submitted_responses(round_)
    return scoring.score_round(scoring_items(applic, {}), [v for _, v in responses])
