"""An organisation's own score in a round next to the round's: a gemeentesecretaris reads
what their own raad, college and contramal answered, and how that compares with everyone's.

Both are round scores as DESIGN.md defines them ("Scoring"): per item the mean of the
numeric answers, per theme the mean of its items as a percentage of 4, overall the mean of
the themes; the own score runs over the organisation's own submitted assessments only."""

from collections.abc import Sequence

from assessments import scoring
from assessments.bodies import perspective_in_text
from assessments.constants import PARTICIPANT_PERSPECTIVES
from assessments.dashboard.facts import RoundFacts
from assessments.dashboard.frameworks import frozen_applicability, score_round_means
from assessments.dashboard.selectors import fetch_round_means
from assessments.models import Assessment
from partnerships.models import Organisation


def own_label(organisation: Organisation) -> str:
    """ "Eigen organisatie (raad, college, contramal)", with the bodies of its kind
    ("Provinciale Staten, Gedeputeerde Staten, contramal" for a province)."""
    bodies = ", ".join(perspective_in_text(p, organisation.kind) for p in PARTICIPANT_PERSPECTIVES)
    return f"Eigen organisatie ({bodies})"


def own_overall_pcts(rounds: Sequence[RoundFacts], organisation_id: int) -> dict[int, float | None]:
    """{round id: the overall score over the organisation's own submitted assessments in
    it}, None where it submitted nothing scored; one query for the answers (and one for
    the rounds' frozen applicability the first time this process meets it)."""
    if not rounds:
        return {}
    means = fetch_round_means([r.pk for r in rounds], organisation_id=organisation_id)
    applic = frozen_applicability(rounds)
    return {
        r.pk: score_round_means(applic[r.pk], means[r.pk], respondents=0).overall_pct
        for r in rounds
    }


def own_round_score(
    items: Sequence[scoring.Item],
    responses: Sequence[tuple[Assessment, dict[str, scoring.Value]]],
    organisation_id: int,
) -> scoring.RoundScore | None:
    """The round's score over the organisation's own submitted assessments among
    `responses` (scores.submitted_responses); None when it has none (no query)."""
    own = [
        values
        for assessment, values in responses
        if assessment.participation is not None
        and assessment.participation.organisation_id == organisation_id
    ]
    return scoring.score_round(items, own) if own else None
