"""Demo rounds with realistic answers: a few partnerships of the demo region, one
round each with one or two assessments, some submitted and some still a draft, and a short
action plan for the submitted ones. Multi-respondent rounds live in assessments/demo_rounds.py.

Idempotent: rounds and assessments are found by their natural keys; an assessment that already
exists is left alone (a demo user's changes survive a second `seed_demo`). A partnership has
one open round at a time: the demo's round of this year closes the partnership's earlier
rounds, and opens only when no other round is open (one a demo user opened, say).
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from partnerships.demo import Region
from partnerships.models import Body, Participation, Partnership
from principles.models import Framework, Recommendation

from . import scoring
from .constants import AssessmentStatus, EventKind, NextStepStatus, Perspective, RoundStatus
from .models import Answer, Assessment, AssessmentEvent, AssessmentRound, NextStep
from .questionnaire.selectors import assessment_state
from .scores import round_applicability


@dataclass(frozen=True)
class DemoAssessment:
    organisation: str  # key in region.organisations
    perspective: str
    submitted: bool
    answered_share: float = 1.0  # drafts are partly answered
    tilt: int = 0  # shifts the scores up (+1) or down (-1): respondents see things differently


@dataclass(frozen=True)
class DemoRound:
    partnership: str  # key in region.partnerships
    assessments: tuple[DemoAssessment, ...]


# Period: the current year. Keys: see partnerships/demo.py.
DEMO_ROUNDS: tuple[DemoRound, ...] = (
    DemoRound(
        "bvo",  # Belastingsamenwerking: one bestuur, so A5.7 (AB/DB) does not apply
        (
            DemoAssessment("aalstad", Perspective.RAAD, submitted=True),
            DemoAssessment("aalstad", Perspective.COLLEGE, submitted=False, answered_share=0.6),
        ),
    ),
    DemoRound(
        "centrum",  # centrumregeling: A14 applies
        (
            DemoAssessment("eikenrode", Perspective.RAAD, submitted=True, tilt=1),
            DemoAssessment("aalstad", Perspective.RAAD, submitted=False, answered_share=0.4),
        ),
    ),
    DemoRound(
        "net",  # network cooperation: Part B, with Part A chapters "mutatis mutandis"
        (DemoAssessment("aalstad", Perspective.RAAD, submitted=False, answered_share=0.75),),
    ),
)

EXPLANATIONS: dict[scoring.Value, tuple[str, ...]] = {
    0: (
        "Hier zijn nog geen afspraken over gemaakt.",
        "Dit is in de raad nog niet aan de orde geweest.",
    ),
    1: (
        "Er is een eerste gesprek geweest; een voorstel volgt dit jaar.",
        "Het onderwerp staat op de agenda van het AB, maar er is nog niets besloten.",
    ),
    2: (
        "Geregeld in de regeling, maar in de praktijk gebeurt het nog niet altijd.",
        "Voor een deel van de taken is dit afgesproken, voor de rest nog niet.",
    ),
    3: (
        "Afgesproken en meestal zo uitgevoerd; de informatie komt soms laat.",
        "Werkt goed; alleen de terugkoppeling aan de raad kan beter.",
    ),
    4: (
        "Vastgelegd in de regeling en elk jaar besproken in de raad.",
        "Staat in de kadernota en wordt jaarlijks geëvalueerd.",
    ),
    scoring.WEET_NIET: ("Navragen bij de contramal.",),
    scoring.NVT: ("Deze aanbeveling past niet bij de taken van dit samenwerkingsverband.",),
}
EVIDENCE = "https://zuidland.example/regelingen/{slug}"
WEIGHTS = ((0, 4), (1, 10), (2, 22), (3, 34), (4, 22), (scoring.WEET_NIET, 5), (scoring.NVT, 3))


def _value(rng: random.Random, tilt: int) -> scoring.Value:
    values, weights = zip(*WEIGHTS, strict=True)
    value: scoring.Value = rng.choices(values, weights=weights)[0]
    if scoring.is_numeric(value):
        value = max(0, min(4, value + tilt))
    return value


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _answers(
    assessment: Assessment,
    codes: list[str],
    recs: dict[str, Recommendation],
    spec: DemoAssessment,
    user: User | None,
) -> list[Answer]:
    rng = random.Random(
        f"{assessment.round.partnership.name}|{spec.perspective}|{spec.organisation}"
    )
    count = round(len(codes) * spec.answered_share)
    answers = []
    for n, code in enumerate(codes[:count]):
        value = _value(rng, spec.tilt)
        with_text = value in (scoring.NVT, scoring.WEET_NIET) or rng.random() < 0.6
        explanation = rng.choice(EXPLANATIONS[value]) if with_text else ""
        answers.append(
            Answer(
                assessment=assessment,
                recommendation=recs[code],
                score=value if scoring.is_numeric(value) else None,
                special=value if isinstance(value, str) else "",
                explanation=explanation,
                evidence_url=EVIDENCE.format(slug=code.replace(".", "-")) if n % 5 == 0 else "",
                updated_by=user,
            )
        )
    return answers


def _seed_steps(round_: AssessmentRound, assessment: Assessment, user: User | None) -> None:
    """A short action plan from the submitted assessment's largest gaps."""
    if round_.next_steps.exists():
        return
    gaps = assessment_state(assessment).score.gaps[:3]
    bodies = list(Body.objects.filter(partnership=round_.partnership).order_by("kind"))
    recs = {
        r.code: r
        for r in Recommendation.objects.filter(
            theme__part__framework_id=round_.framework_id, code__in=[g.id for g in gaps]
        )
    }
    statuses = (NextStepStatus.BEZIG, NextStepStatus.OPEN, NextStepStatus.AFGEROND)
    today = timezone.localdate()
    for n, gap in enumerate(gaps):
        status = statuses[n % len(statuses)]
        NextStep.objects.create(
            round=round_,
            recommendation=recs[gap.id],
            description=(
                f"Maak met de deelnemers afspraken over aanbeveling {gap.id} en leg ze vast "
                "in de regeling of de kadernota."
            ),
            owner_body=bodies[n % len(bodies)] if bodies else None,
            owner="" if bodies else "Contramal",
            due_on=today + timedelta(days=60 * (n + 1)),
            status=status,
            completed_on=today if status == NextStepStatus.AFGEROND else None,
            created_by=user,
        )


def current_round_status(partnership: Partnership, period: str, opens_on: date) -> str:
    """Close the partnership's open rounds that opened before `opens_on`; the status for the
    demo's round of `period`: open, unless a later round of the partnership is open."""
    AssessmentRound.objects.filter(
        partnership=partnership, status=RoundStatus.OPEN, opens_on__lt=opens_on
    ).exclude(period=period).update(status=RoundStatus.CLOSED)
    later_open = (
        AssessmentRound.objects.filter(partnership=partnership, status=RoundStatus.OPEN)
        .exclude(period=period)
        .exists()
    )
    return RoundStatus.CLOSED if later_open else RoundStatus.OPEN


@transaction.atomic
def seed_assessments(region: Region) -> None:
    """Create rounds with realistic answers, some draft and some submitted; idempotent."""
    framework = Framework.objects.filter(is_current=True).first()
    if framework is None:  # the Gids is not loaded: nothing to assess against
        return
    today = timezone.localdate()
    for spec in DEMO_ROUNDS:
        partnership = region.partnerships.get(spec.partnership)
        if partnership is None:
            continue
        opens_on = today - timedelta(days=30)
        round_, _ = AssessmentRound.objects.get_or_create(
            partnership=partnership,
            period=str(today.year),
            defaults={
                "framework": framework,
                "opens_on": opens_on,
                "due_on": today + timedelta(days=45),
                "status": current_round_status(partnership, str(today.year), opens_on),
            },
        )
        codes = [code for code, _ in round_applicability(round_).item_pairs()]
        recs = {
            r.code: r
            for r in Recommendation.objects.filter(
                theme__part__framework_id=round_.framework_id, code__in=codes
            )
        }
        for a_spec in spec.assessments:
            organisation = region.organisations.get(a_spec.organisation)
            participation = Participation.objects.filter(
                partnership=partnership, organisation=organisation
            ).first()
            if participation is None:
                continue
            assessment, created = Assessment.objects.get_or_create(
                round=round_, participation=participation, perspective=a_spec.perspective
            )
            if not created:
                continue
            role = "griffier" if a_spec.perspective == Perspective.RAAD else "contramal"
            user = _user(f"{role}.{a_spec.organisation}")
            bulk_create_with_history(_answers(assessment, codes, recs, a_spec, user), Answer)
            if a_spec.submitted:
                assessment.status = AssessmentStatus.SUBMITTED
                assessment.submitted_at = timezone.now()
                assessment.submitted_by = user
                assessment.save(update_fields=["status", "submitted_at", "submitted_by"])
                AssessmentEvent.objects.create(
                    assessment=assessment, kind=EventKind.SUBMITTED, user=user
                )
                _seed_steps(round_, assessment, user)
