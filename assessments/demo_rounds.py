"""Demo rounds with several respondents: GGD Zuidland ("ob" in partnerships/demo.py)
gets last year's round and this year's round, started from it.

Several respondents each (the raad of several gemeenten, a college, the DB and the directeur)
with real differences of view: the directeur and the DB see the information to the councils
(A5.10) and the planning & control cycle (A7.9) as well arranged, the raden do not. Last
year's round is complete but for one raad; this year's round has a new respondent (raad
Eikenrode), the college of Aalstad no longer takes part, and two raden are overdue — one
with answers taken over from last year that it has not yet confirmed.

Last year's round is closed: a partnership has one open round at a time, and starting this
year's round closed it. Respondents with an e-mail address were invited when their round
opened.

Idempotent: rounds and assessments are found by their natural keys; answers, events and next
steps are only added to what was just created, so a demo user's changes survive a rerun.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from partnerships.demo import Region
from partnerships.models import Participation, Partnership
from principles.models import Framework, Recommendation

from . import scoring
from .constants import AssessmentStatus, EventKind, NextStepStatus, Perspective, RoundStatus
from .demo import current_round_status
from .models import Answer, Assessment, AssessmentEvent, AssessmentRound, NextStep
from .scores import round_applicability

PARTNERSHIP_KEY = "ob"  # GGD Zuidland: openbaar lichaam, six gemeenten, AB and DB
EMAIL = "{username}@demo.regiespiegel.local"

RAAD, COLLEGE, DB, DIRECTEUR = (
    Perspective.RAAD,
    Perspective.COLLEGE,
    Perspective.DB,
    Perspective.DIRECTEUR,
)


@dataclass(frozen=True)
class DemoRespondent:
    organisation: str | None  # key in region.organisations; None for AB/DB/directeur
    perspective: str
    submitted: bool = True
    answered_share: float = 1.0
    taken_over_share: float = 0.0  # share of answers still taken over from last year
    email: bool = True
    reminded: bool = False

    @property
    def key(self) -> str:
        return f"{self.organisation or 'ggd'}|{self.perspective}"


@dataclass(frozen=True)
class DemoRound:
    year_offset: int  # 0 = this year, -1 = last year
    respondents: tuple[DemoRespondent, ...]
    steps: tuple[tuple[str, str, str], ...] = field(default=())  # (code, description, status)


LAST_YEAR = DemoRound(
    -1,
    (
        DemoRespondent("aalstad", RAAD),
        DemoRespondent("beekdorp", RAAD),
        DemoRespondent("cederveen", RAAD),
        DemoRespondent("dalwijk", RAAD, submitted=False, answered_share=0.3, email=False),
        DemoRespondent("aalstad", COLLEGE),
        DemoRespondent(None, DB),
        DemoRespondent(None, DIRECTEUR),
    ),
    steps=(
        (
            "A5.10",
            "Stel met de raden een informatieprotocol op: wat krijgt de raad wanneer?",
            NextStepStatus.AFGEROND,
        ),
        (
            "A7.9",
            "Stem de P&C-kalender van de GGD af op de vergaderschema's van de zes raden.",
            NextStepStatus.BEZIG,
        ),
        (
            "A2.3",
            "Evalueer elke vier jaar het doel en de publieke waarden met alle deelnemers.",
            NextStepStatus.OPEN,
        ),
    ),
)
THIS_YEAR = DemoRound(
    0,
    (
        DemoRespondent("aalstad", RAAD),
        DemoRespondent("beekdorp", RAAD),
        DemoRespondent(
            "cederveen",
            RAAD,
            submitted=False,
            answered_share=0.7,
            taken_over_share=0.5,
            reminded=True,
        ),
        DemoRespondent("dalwijk", RAAD, submitted=False, answered_share=0.0, email=False),
        DemoRespondent("eikenrode", RAAD),  # new this year
        DemoRespondent(None, DB),
        DemoRespondent(None, DIRECTEUR),
    ),
    steps=(
        (
            "A7.9",
            "Bespreek in het AB waarom raden en directie de P&C-cyclus zo verschillend zien.",
            NextStepStatus.OPEN,
        ),
    ),
)

# How a perspective tends to see a theme: +1 rosier, -1 more critical.
TILT: dict[tuple[str, str], int] = {
    (DIRECTEUR, "A5"): 1,
    (DIRECTEUR, "A6"): 1,
    (DIRECTEUR, "A12"): 1,
    (DB, "A5"): 1,
    (DB, "A12"): 1,
    (RAAD, "A7"): -1,
}
# Curated differences of view: {code: {respondent key or perspective: (value, explanation)}}.
CURATED: dict[int, dict[str, dict[str, tuple[scoring.Value, str]]]] = {
    -1: {
        "A5.10": {
            DIRECTEUR: (4, "Elk kwartaal gaat er een bestuursrapportage naar het AB en de raden."),
            DB: (3, "De rapportages zijn op orde; de raden lezen ze niet altijd."),
            "aalstad|raad": (1, "De raad krijgt de stukken pas na het besluit in het AB."),
            "beekdorp|raad": (1, "Informatie komt laat en is te technisch voor raadsleden."),
            "cederveen|raad": (2, "Wel rapportages, maar zonder duidelijke keuzes voor de raad."),
            "aalstad|college": (3, "Via de contramal krijgen we alles tijdig."),
        },
        "A7.9": {
            DIRECTEUR: (3, "De begroting gaat volgens de Wgr twaalf weken voor het besluit rond."),
            DB: (3, "De termijnen van de Wgr worden gehaald."),
            "aalstad|raad": (1, "De zienswijzetermijn valt in het zomerreces."),
            "beekdorp|raad": (1, "Onze raad vergadert pas na de termijn voor de zienswijze."),
            "cederveen|raad": (0, "De ontwerpbegroting kwam te laat voor onze raadscyclus."),
            "aalstad|college": (2, "De kalenders sluiten gedeeltelijk aan."),
        },
        "A4.5": {
            DB: (4, "Bij een conflict overleggen de portefeuillehouders direct."),
            DIRECTEUR: (3, "Er is een escalatieafspraak in het DB."),
            "aalstad|raad": (1, "Daar is in de raad nooit over gesproken."),
            "beekdorp|raad": ("weet_niet", "Navragen bij de contramal."),
        },
        "A2.3": {  # everybody agrees this is weak: a low score, but no difference of view
            DIRECTEUR: (1, "Het doel is sinds de oprichting niet meer besproken."),
            DB: (1, "Staat op de lijst voor volgend jaar."),
            "aalstad|raad": (1, "Niet geëvalueerd."),
            "beekdorp|raad": (1, "Niet geëvalueerd."),
            "cederveen|raad": (2, "De regeling is vorig jaar aangepast, het doel niet."),
            "aalstad|college": (1, "Nog niet gebeurd."),
        },
    },
    0: {
        "A5.10": {  # the information protocol was adopted: closer together
            DIRECTEUR: (4, "Het informatieprotocol is in maart door het AB vastgesteld."),
            DB: (4, "Het informatieprotocol werkt."),
            "aalstad|raad": (3, "Sinds het informatieprotocol krijgen we de stukken op tijd."),
            "beekdorp|raad": (3, "Duidelijk beter; de stukken zijn nu ook leesbaar."),
            "eikenrode|raad": (2, "Wij zijn nieuw en moeten er nog aan wennen."),
        },
        "A7.9": {  # still divergent: on the agenda
            DIRECTEUR: (4, "De P&C-kalender is gelijkgetrokken met de Wgr-termijnen."),
            DB: (3, "Het concept van de kalender ligt bij de raden."),
            "aalstad|raad": (2, "Iets beter, maar de zienswijze blijft krap."),
            "beekdorp|raad": (1, "Onze raad haalt de termijn nog steeds niet."),
            "eikenrode|raad": (1, "Onze begrotingscyclus sluit er niet op aan."),
        },
        "A2.3": {
            DIRECTEUR: (2, "De evaluatie is gepland voor het najaar."),
            DB: (2, "Opdracht voor de evaluatie is verleend."),
            "aalstad|raad": (1, "Nog niet gebeurd."),
            "beekdorp|raad": (2, "De raad is gevraagd om input."),
            "eikenrode|raad": (1, "Niet bekend bij de raad."),
        },
    },
}
EXPLANATIONS: dict[scoring.Value, tuple[str, ...]] = {
    0: ("Hier zijn nog geen afspraken over.", "Niet geregeld."),
    1: ("Er is een begin gemaakt, maar het werkt nog niet.", "Besproken, nog niet uitgewerkt."),
    2: ("Voor een deel geregeld.", "Afgesproken, maar niet altijd zo uitgevoerd."),
    3: ("Grotendeels geregeld; kleine verbeterpunten.", "Werkt meestal goed."),
    4: ("Volledig geregeld en elk jaar besproken.", "Vastgelegd en onderhouden."),
    scoring.WEET_NIET: ("Navragen bij de contramal.", "Geen zicht op vanuit onze rol."),
    scoring.NVT: ("Speelt niet bij de taken van de GGD.",),
}
BASE_WEIGHTS = ((1, 2), (2, 4), (3, 4), (4, 1))


def _base(codes: list[str], year_offset: int) -> dict[str, int]:
    """The shared picture per recommendation, the same every run; this year a third of the
    recommendations moved up a step."""
    rng = random.Random("regiespiegel-ggd-zuidland")
    values, weights = zip(*BASE_WEIGHTS, strict=True)
    base = {code: rng.choices(values, weights=weights)[0] for code in codes}
    if year_offset == 0:
        moved = random.Random("regiespiegel-ggd-zuidland-voortgang")
        base = {code: min(4, v + (moved.random() < 0.33)) for code, v in base.items()}
    return base


def _value(rng: random.Random, base: int, respondent: DemoRespondent, theme: str) -> scoring.Value:
    if respondent.perspective == RAAD and theme == "A11" and rng.random() < 0.4:
        return scoring.WEET_NIET  # the raad has little view of the joint contramal
    value = base + TILT.get((respondent.perspective, theme), 0)
    if rng.random() < 0.08:
        value += rng.choice((-1, 1))
    return max(0, min(4, value))


def _answers(
    assessment: Assessment,
    respondent: DemoRespondent,
    spec: DemoRound,
    pairs: list[tuple[str, str]],
    recs: dict[str, Recommendation],
    base: dict[str, int],
    user: User | None,
    last_year: dict[str, tuple[scoring.Value, str]],
) -> list[Answer]:
    rng = random.Random(f"ggd|{spec.year_offset}|{respondent.key}")
    curated = CURATED.get(spec.year_offset, {})
    count = round(len(pairs) * respondent.answered_share)
    taken = round(count * respondent.taken_over_share)
    answers: list[Answer] = []
    seen: set[str] = set()
    for n, (code, theme) in enumerate(pairs[:count]):
        if code in seen or code not in recs:
            continue
        seen.add(code)
        given = curated.get(code, {})
        picked = given.get(respondent.key) or given.get(respondent.perspective)
        if n < taken and code in last_year:
            value, explanation = last_year[code]
        elif picked:
            value, explanation = picked
        else:
            value = _value(rng, base[code], respondent, theme)
            with_text = not scoring.is_numeric(value) or rng.random() < 0.5
            explanation = rng.choice(EXPLANATIONS[value]) if with_text else ""
        answers.append(
            Answer(
                assessment=assessment,
                recommendation=recs[code],
                score=value if scoring.is_numeric(value) else None,
                special=value if isinstance(value, str) else "",
                explanation=explanation,
                is_taken_over=n < taken,
                updated_by=None if n < taken else user,
            )
        )
    return answers


def _user(respondent: DemoRespondent) -> User | None:
    if respondent.organisation is None:
        username = f"directeur.{PARTNERSHIP_KEY}"
    elif respondent.perspective == RAAD:
        username = f"griffier.{respondent.organisation}"
    else:
        username = f"contramal.{respondent.organisation}"
    return User.objects.filter(username=username).first()


def _email(respondent: DemoRespondent) -> str:
    if not respondent.email:
        return ""
    if respondent.organisation is None:
        return EMAIL.format(username=f"directeur.{PARTNERSHIP_KEY}")
    role = "griffier" if respondent.perspective == RAAD else "contramal"
    return EMAIL.format(username=f"{role}.{respondent.organisation}")


def _previous_answers(
    previous: AssessmentRound | None, participation: Participation | None, perspective: str
) -> dict[str, tuple[scoring.Value, str]]:
    """The same respondent's answers last year: the starting point that was taken over."""
    if previous is None:
        return {}
    rows = Answer.objects.filter(
        assessment__round=previous,
        assessment__participation=participation,
        assessment__perspective=perspective,
    ).values_list("recommendation__code", "score", "special", "explanation")
    return {
        code: (score if score is not None else (special or None), explanation)
        for code, score, special, explanation in rows
    }


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _dates(year_offset: int, today: date) -> tuple[date, date]:
    if year_offset == 0:
        return today - timedelta(days=60), today - timedelta(days=7)
    return date(today.year + year_offset, 3, 1), date(today.year + year_offset, 5, 15)


def _seed_round(
    region: Region,
    partnership: Partnership,
    framework: Framework,
    spec: DemoRound,
    previous: AssessmentRound | None,
    today: date,
) -> AssessmentRound:
    opens_on, due_on = _dates(spec.year_offset, today)
    period = str(today.year + spec.year_offset)
    if spec.year_offset < 0:
        round_status: str = RoundStatus.CLOSED
        AssessmentRound.objects.filter(partnership=partnership, period=period).update(
            status=RoundStatus.CLOSED
        )
    else:
        round_status = current_round_status(partnership, period, opens_on)
    round_, _ = AssessmentRound.objects.get_or_create(
        partnership=partnership,
        period=period,
        defaults={
            "framework": framework,
            "opens_on": opens_on,
            "due_on": due_on,
            "previous": previous,
            "status": round_status,
        },
    )
    pairs = round_applicability(round_).item_pairs()
    recs = {
        r.code: r
        for r in Recommendation.objects.filter(
            theme__part__framework_id=round_.framework_id, code__in=[c for c, _ in pairs]
        )
    }
    base = _base([c for c, _ in pairs], spec.year_offset)
    for respondent in spec.respondents:
        participation = None
        if respondent.organisation is not None:
            organisation = region.organisations.get(respondent.organisation)
            participation = Participation.objects.filter(
                partnership=partnership, organisation=organisation
            ).first()
            if participation is None:
                continue
        assessment, created = Assessment.objects.get_or_create(
            round=round_,
            participation=participation,
            perspective=respondent.perspective,
            defaults={
                "respondent_email": _email(respondent),
                "invited_at": _at(opens_on) if respondent.email else None,
            },
        )
        if not created:
            continue
        user = _user(respondent)
        last_year = _previous_answers(previous, participation, respondent.perspective)
        answers = _answers(assessment, respondent, spec, pairs, recs, base, user, last_year)
        bulk_create_with_history(answers, Answer, default_user=user)
        if respondent.submitted:
            assessment.status = AssessmentStatus.SUBMITTED
            assessment.submitted_at = _at(min(due_on - timedelta(days=3), today))
            assessment.submitted_by = user
            assessment.save(update_fields=["status", "submitted_at", "submitted_by"])
            AssessmentEvent.objects.create(
                assessment=assessment, kind=EventKind.SUBMITTED, user=user
            )
        elif respondent.reminded:
            assessment.last_reminded_at = _at(today - timedelta(days=2))
            assessment.save(update_fields=["last_reminded_at"])
            AssessmentEvent.objects.create(assessment=assessment, kind=EventKind.REMINDED)
    if spec.steps and not round_.next_steps.exists():
        for n, (code, description, status) in enumerate(spec.steps):
            NextStep.objects.create(
                round=round_,
                recommendation=recs.get(code),
                description=description,
                owner="Dagelijks bestuur" if n % 2 == 0 else "Gezamenlijke contramal",
                due_on=due_on + timedelta(days=120 * (n + 1)),
                status=status,
                completed_on=(due_on + timedelta(days=90))
                if status == NextStepStatus.AFGEROND
                else None,
            )
    return round_


@transaction.atomic
def seed_rounds(region: Region) -> None:
    """Last year's and this year's round of GGD Zuidland with several respondents; idempotent."""
    framework = Framework.objects.filter(is_current=True).first()
    partnership = region.partnerships.get(PARTNERSHIP_KEY)
    if framework is None or partnership is None:
        return
    today = timezone.localdate()
    previous = _seed_round(region, partnership, framework, LAST_YEAR, None, today)
    _seed_round(region, partnership, framework, THIS_YEAR, previous, today)
