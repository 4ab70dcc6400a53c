"""A national-size data set for benchmarks and scale tests (`manage.py seed_scale`).

At scale 1.0: 375 organisations (342 gemeenten, 12 provincies, 21 waterschappen), 1,100
partnerships of about ten participants, five yearly rounds per partnership with three
perspectives per participant (raad, college, contramal) plus the directeur: about 170,000
assessments and some fourteen million answers. Everything is fictional and deterministic
(a seeded random generator): the same scale gives the same data.

Written for speed: bulk_create in large batches for the rows with ids we need back, and on
PostgreSQL psycopg's COPY for the answers (on other databases bulk_create). The history tables
are not filled: the data set was never edited by a person. Names start with SCALE_MARK so
`reset_scale` can find and remove the data set again.
"""

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection, models, transaction

from assessments.constants import (
    AssessmentStatus,
    NextStepStatus,
    Perspective,
    RoundStatus,
    Special,
)
from assessments.models import Answer, Assessment, AssessmentRound, NextStep
from partnerships.applicability import PartnershipFacts, applicability
from partnerships.constants import (
    NETWORK_FORMS,
    CooperationModel,
    LegalForm,
    NetworkVariant,
    OrganisationKind,
    Philosophy,
)
from partnerships.demo import ORGANISATIONS as DEMO_ORGANISATIONS
from partnerships.models import Organisation, Participation, Partnership
from partnerships.selectors import framework_facts
from principles.models import Framework, Recommendation

SCALE_MARK = "Schaal"
FULL = {"gemeenten": 342, "provincies": 12, "waterschappen": 21, "partnerships": 1100}
PARTICIPANTS_MEAN = 10
FIRST_YEAR = 2021
YEARS = 5
PARTICIPANT_PERSPECTIVES = (Perspective.RAAD, Perspective.COLLEGE, Perspective.CONTRAMAL)
BATCH = 5000
ANSWER_BATCH = 20000

# (legal form, weight); network forms get a variant now and then.
FORMS = [
    (LegalForm.OPENBAAR_LICHAAM, 45),
    (LegalForm.BEDRIJFSVOERINGSORGANISATIE, 14),
    (LegalForm.CENTRUMREGELING, 14),
    (LegalForm.GEMEENSCHAPPELIJK_ORGAAN, 4),
    (LegalForm.REGELING_ZONDER_MEER, 4),
    (LegalForm.CONVENANT, 9),
    (LegalForm.OVEREENKOMST, 6),
    (LegalForm.AFSPRAKENSET, 4),
]
DOMAINS = [
    "Veiligheid",
    "Publieke gezondheid",
    "Sociaal domein",
    "Omgevingsdienst",
    "Afval",
    "Belastingen",
    "Werk en inkomen",
    "Jeugdzorg",
    "Economie",
    "Bedrijfsvoering",
    "Mobiliteit",
    "Recreatie",
]
EXPLANATIONS = [
    "Besproken in de raadscommissie; afspraken staan in de regeling.",
    "Werkt in de praktijk, maar is nog niet vastgelegd.",
    "Staat op de agenda van het algemeen bestuur.",
    "Informatie komt laat; de planning-en-controlcyclus sluit niet aan.",
    "Goed geregeld sinds de laatste wijziging van de regeling.",
]
NVT_EXPLANATION = "Geldt niet voor deze regeling: de taak is elders belegd."


@dataclass(frozen=True)
class ScalePlan:
    """How many of each thing a given scale makes (tests assert against these numbers)."""

    scale: float
    gemeenten: int
    provincies: int
    waterschappen: int
    partnerships: int
    years: int = YEARS

    @classmethod
    def for_scale(cls, scale: float) -> "ScalePlan":
        if not 0 < scale <= 1:
            raise ValueError("scale moet groter dan 0 en hoogstens 1 zijn")
        return cls(
            scale=scale,
            gemeenten=max(6, round(FULL["gemeenten"] * scale)),
            provincies=max(1, round(FULL["provincies"] * scale)),
            waterschappen=max(1, round(FULL["waterschappen"] * scale)),
            partnerships=max(3, round(FULL["partnerships"] * scale)),
        )

    @property
    def organisations(self) -> int:
        return self.gemeenten + self.provincies + self.waterschappen


@dataclass
class ScaleResult:
    plan: ScalePlan
    organisations: int = 0
    partnerships: int = 0
    participations: int = 0
    rounds: int = 0
    assessments: int = 0
    next_steps: int = 0
    answers: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


Log = Callable[[str], None]


def _noop(_: str) -> None:
    pass


def scale_data_exists() -> bool:
    return Partnership.objects.filter(name__startswith=f"{SCALE_MARK}regio ").exists()


def reset_scale(log: Log = _noop) -> None:
    """Remove a data set made by `seed_scale` (everything whose name carries SCALE_MARK)."""
    partnerships = Partnership.objects.filter(name__startswith=f"{SCALE_MARK}regio ")
    rounds = AssessmentRound.objects.filter(partnership__in=partnerships)
    assessments = Assessment.objects.filter(round__in=rounds)
    with transaction.atomic():
        n = Answer.objects.filter(assessment__in=assessments)._raw_delete(connection.alias)
        log(f"verwijderd: {n} antwoorden")
        AssessmentRound.objects.filter(pk__in=rounds).update(previous=None)
        for model, qs in (
            ("vervolgstappen", NextStep.objects.filter(round__in=rounds)),
            ("zelfevaluaties", assessments),
            ("rondes", rounds),
        ):
            log(f"verwijderd ({model}): {qs.delete()[1]}")
        log(f"verwijderd: {partnerships.delete()[1]}")
        orgs = Organisation.objects.filter(name__contains=f" {SCALE_MARK}").filter(
            participations__isnull=True, accounts__isnull=True
        )
        log(f"verwijderd: {orgs.delete()[1]}")


def _free_codes(prefix: str, count: int, width: int) -> Iterator[str]:
    """CBS-like codes counting down from the top of the range, skipping those in use and
    those the demo data uses (so seed_demo can still be loaded next to the scale data)."""
    taken = set(
        Organisation.objects.filter(cbs_code__startswith=prefix).values_list("cbs_code", flat=True)
    )
    taken |= {code for _, _, code in DEMO_ORGANISATIONS.values()}
    number = 9999 if width == 4 else 99
    made = 0
    while made < count and number > 0:
        code = f"{prefix}{number:0{width}d}"
        number -= 1
        if code not in taken:
            made += 1
            yield code
    while made < count:  # ran out of codes: leave the rest blank
        made += 1
        yield ""


def _organisations(plan: ScalePlan) -> list[Organisation]:
    rows: list[Organisation] = []
    specs = [
        ("Gemeente", OrganisationKind.GEMEENTE, plan.gemeenten, "GM", 4, "stad"),
        ("Provincie", OrganisationKind.PROVINCIE, plan.provincies, "PV", 2, "land"),
        ("Waterschap", OrganisationKind.WATERSCHAP, plan.waterschappen, "WS", 4, "waard"),
    ]
    for word, kind, count, prefix, width, suffix in specs:
        codes = _free_codes(prefix, count, width)
        for i in range(1, count + 1):
            rows.append(
                Organisation(
                    name=f"{word} {SCALE_MARK}{suffix} {i:03d}", kind=kind, cbs_code=next(codes)
                )
            )
    return Organisation.objects.bulk_create(rows, batch_size=BATCH)


def _pick_form(rng: random.Random) -> tuple[str, str, str]:
    forms, weights = zip(*FORMS, strict=True)
    form = rng.choices(forms, weights=weights)[0]
    model = CooperationModel.NETWORK if form in NETWORK_FORMS else CooperationModel.WGR
    variant = ""
    if model == CooperationModel.NETWORK and rng.random() < 0.3:
        variant = rng.choice(list(NetworkVariant.values))
    return model, form, variant  # "" or one variant: enough variety for the scale test


def _partnerships(
    plan: ScalePlan, rng: random.Random, orgs: list[Organisation]
) -> tuple[list[Partnership], list[Participation]]:
    gemeenten = [o for o in orgs if o.kind == OrganisationKind.GEMEENTE]
    others = [o for o in orgs if o.kind != OrganisationKind.GEMEENTE]
    # Some municipalities take part in far more partnerships than others (centre cities).
    weights = [rng.uniform(1.0, 2.0) * (2.5 if i % 17 == 0 else 1.0) for i in range(len(gemeenten))]
    partnerships: list[Partnership] = []
    members: list[list[Organisation]] = []
    centres: list[Organisation | None] = []
    for number in range(1, plan.partnerships + 1):
        model, form, variant = _pick_form(rng)
        size = max(2, min(len(gemeenten), round(rng.gauss(PARTICIPANTS_MEAN, 3))))
        chosen: dict[int, Organisation] = {}
        while len(chosen) < size:
            org = rng.choices(gemeenten, weights=weights)[0]
            chosen[org.pk] = org
        participants = list(chosen.values())
        if others and rng.random() < 0.2:
            extra = rng.choice(others)
            participants.append(extra)
        domain = rng.choice(DOMAINS)
        partnerships.append(
            Partnership(
                name=f"{SCALE_MARK}regio {number:04d} {domain}",
                cooperation_model=model,
                legal_form=form,
                is_triple_helix=variant == NetworkVariant.TRIPLE_HELIX,
                is_chain=variant == NetworkVariant.KETEN,
                philosophy=rng.choice(list(Philosophy.values)),
                is_statutory=domain in ("Veiligheid", "Publieke gezondheid", "Omgevingsdienst"),
                policy_domain=domain,
                evaluation_interval_years=rng.choice((1, 2, 4)),
                description="Fictief samenwerkingsverband uit de schaaltest.",
            )
        )
        members.append(participants)
        centres.append(participants[0] if form == LegalForm.CENTRUMREGELING else None)
    partnerships = Partnership.objects.bulk_create(partnerships, batch_size=BATCH)
    participations = [
        Participation(
            partnership=p,
            organisation=org,
            since=date(2015 + rng.randrange(6), 1, 1),
            voting_weight=rng.randint(1, 10),
            is_centre=(org is centre),
        )
        for p, participants, centre in zip(partnerships, members, centres, strict=True)
        for org in participants
    ]
    participations = Participation.objects.bulk_create(participations, batch_size=BATCH)
    return partnerships, participations


def _items_per_partnership(
    partnerships: list[Partnership],
    participations: list[Participation],
    framework: Framework,
) -> dict[int, list[int]]:
    """{partnership id: recommendation ids scored} through the real applicability rules."""
    themes = framework_facts(framework)
    rec_ids = dict(
        Recommendation.objects.filter(theme__part__framework=framework).values_list("code", "id")
    )
    kinds: dict[int, set[str]] = {p.pk: set() for p in partnerships}
    for participation in participations:
        kinds[participation.partnership_id].add(participation.organisation.kind)
    cache: dict[PartnershipFacts, list[int]] = {}
    result: dict[int, list[int]] = {}
    for p in partnerships:
        facts = PartnershipFacts(
            name="",
            cooperation_model=p.cooperation_model,
            legal_form=p.legal_form,
            participant_kinds=frozenset(kinds[p.pk]),
            network_variants=p.network_variants,
            network_weight=p.network_weight,
            council_powers=p.council_powers,
            is_statutory=p.is_statutory,
        )
        if facts not in cache:
            applic = applicability(facts, themes)
            FROZEN[facts] = (applic.as_snapshot(), applic.key)
            codes = dict.fromkeys(code for code, _ in applic.item_pairs())
            cache[facts] = [rec_ids[code] for code in codes if code in rec_ids]
        result[p.pk] = cache[facts]
        KIND_OF[p.pk] = facts
    return result


# What each partnership's rounds freeze when they open (bulk_create skips the model's save):
# the snapshot by kind of partnership, and each partnership's kind.
FROZEN: dict[PartnershipFacts, tuple[dict[str, object], str]] = {}
KIND_OF: dict[int, PartnershipFacts] = {}


def _aware(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _rounds_and_assessments(
    plan: ScalePlan,
    rng: random.Random,
    partnerships: list[Partnership],
    participations: list[Participation],
    framework: Framework,
    log: Log,
) -> list[tuple[Assessment, int, float]]:
    """Rounds year by year (each pointing to the previous one) and their assessments.

    Returns (assessment, partnership id, share of items answered) for the answers step.
    """
    by_partnership: dict[int, list[Participation]] = {p.pk: [] for p in partnerships}
    for participation in participations:
        by_partnership[participation.partnership_id].append(participation)
    previous: dict[int, AssessmentRound] = {}
    out: list[tuple[Assessment, int, float]] = []
    last_year = FIRST_YEAR + plan.years - 1
    for year in range(FIRST_YEAR, last_year + 1):
        is_open = year == last_year
        rounds = AssessmentRound.objects.bulk_create(
            [
                AssessmentRound(
                    partnership=p,
                    period=str(year),
                    framework=framework,
                    opens_on=date(year, 2, 1),
                    due_on=date(year, 6, 30),
                    status=RoundStatus.OPEN if is_open else RoundStatus.CLOSED,
                    previous=previous.get(p.pk),
                    applicability=FROZEN[KIND_OF[p.pk]][0],
                    applicability_key=FROZEN[KIND_OF[p.pk]][1],
                )
                for p in partnerships
            ],
            batch_size=BATCH,
        )
        assessments: list[tuple[Assessment, int, float]] = []
        for round_ in rounds:
            previous[round_.partnership_id] = round_
            owners: list[tuple[Participation | None, str]] = [
                (part, perspective)
                for part in by_partnership[round_.partnership_id]
                for perspective in PARTICIPANT_PERSPECTIVES
            ]
            owners.append((None, Perspective.DIRECTEUR))
            for participation, perspective in owners:
                draw = rng.random()
                submitted = draw < (0.45 if is_open else 0.92)
                share = 1.0 if submitted else (0.0 if draw > 0.9 else rng.uniform(0.2, 0.8))
                submitted_at = _aware(date(year, 6, rng.randint(1, 28))) if submitted else None
                assessment = Assessment(
                    round=round_,
                    participation=participation,
                    perspective=perspective,
                    status=AssessmentStatus.SUBMITTED if submitted else AssessmentStatus.DRAFT,
                    submitted_at=submitted_at,
                )
                assessments.append((assessment, round_.partnership_id, share))
        Assessment.objects.bulk_create([a for a, _, _ in assessments], batch_size=BATCH)
        out.extend(assessments)
        log(f"  ronde {year}: {len(rounds)} rondes, {len(assessments)} zelfevaluaties")
    return out


STEP_TEXTS = (
    "Bespreek {code} in de eerstvolgende vergadering van het algemeen bestuur.",
    "Leg de afspraken over {code} vast in de regeling of in een werkafspraak.",
    "Neem {code} op in de informatieprotocollen met de deelnemers.",
    "Vraag de directeur om een voorstel over {code} vóór de volgende begroting.",
    "Organiseer een raadsinformatieavond over {code} met alle deelnemende raden.",
)
STEP_OWNERS = ("Griffie", "Concerncontrol", "Directeur", "Algemeen bestuur", "Secretaris")


def _next_steps(
    plan: ScalePlan,
    rng: random.Random,
    partnerships: list[Partnership],
    items: dict[int, list[int]],
) -> int:
    """Zero to four next steps per round, as councils make them after a round: those of
    older rounds done, of the last two rounds partly open, some past their due date."""
    last_year = FIRST_YEAR + plan.years - 1
    rounds = AssessmentRound.objects.filter(partnership__in=partnerships).values_list(
        "pk", "partnership_id", "period"
    )
    codes = dict(Recommendation.objects.values_list("id", "code"))
    steps = []
    for round_id, partnership_id, period in rounds:
        year = int(period)
        for _ in range(rng.randint(0, 4)):
            rec_id = rng.choice(items[partnership_id])
            due_on = date(year, 6, 30) + timedelta(days=rng.randint(60, 540))
            status = _step_status(rng, year, last_year)
            steps.append(
                NextStep(
                    round_id=round_id,
                    recommendation_id=rec_id,
                    description=rng.choice(STEP_TEXTS).format(code=codes[rec_id]),
                    owner=rng.choice(STEP_OWNERS),
                    due_on=due_on,
                    status=status,
                    completed_on=due_on if status == NextStepStatus.AFGEROND else None,
                )
            )
    NextStep.objects.bulk_create(steps, batch_size=BATCH)
    return len(steps)


def _step_status(rng: random.Random, year: int, last_year: int) -> str:
    """Steps of older rounds are done; of the year before last 60% done, of the last year
    10%; of the rest a fifth not started."""
    if year < last_year - 1:
        return NextStepStatus.AFGEROND
    draw = rng.random()
    if draw < (0.6 if year < last_year else 0.1):
        return NextStepStatus.AFGEROND
    return NextStepStatus.BEZIG if draw < 0.8 else NextStepStatus.OPEN


ANSWER_FIELDS = (
    "assessment_id",
    "recommendation_id",
    "score",
    "special",
    "explanation",
    "evidence_url",
    "is_taken_over",
    "version",
    "updated_at",
)


def _answer_columns() -> tuple[list[str], list[object]]:
    """Columns to fill: ours, plus any field added later, with its default (computed once)."""
    extra_columns: list[str] = []
    extra_values: list[object] = []
    for f in Answer._meta.concrete_fields:
        if f.primary_key or f.attname in ANSWER_FIELDS or f.attname == "updated_by_id":
            continue
        extra_columns.append(f.column)
        extra_values.append(f.get_db_prep_save(f.get_default(), connection))
    return extra_columns, extra_values


def _answer_rows(
    rng: random.Random,
    assessments: Iterable[tuple[Assessment, int, float]],
    items: dict[int, list[int]],
    quality: dict[int, float],
) -> Iterator[tuple]:
    for assessment, partnership_id, share in assessments:
        if share == 0:
            continue
        updated_at = assessment.submitted_at or _aware(date(int(assessment.round.period), 5, 1))
        base = quality[partnership_id]
        for rec_id in items[partnership_id]:
            if share < 1 and rng.random() > share:
                continue
            draw = rng.random()
            explanation = ""
            if draw < 0.03:
                score, special, explanation = None, Special.NVT.value, NVT_EXPLANATION
            elif draw < 0.08:
                score, special = None, Special.WEET_NIET.value
            else:
                score = min(4, max(0, round(rng.gauss(base, 1.0))))
                special = ""
                if draw > 0.8:
                    explanation = EXPLANATIONS[rec_id % len(EXPLANATIONS)]
            yield (assessment.pk, rec_id, score, special, explanation, "", False, 1, updated_at)


def _write_answers(rows: Iterator[tuple], log: Log) -> int:
    extra_columns, extra_values = _answer_columns()
    extra = tuple(extra_values)
    count = 0
    if connection.vendor == "postgresql":
        columns = [Answer._meta.get_field(f).column for f in ANSWER_FIELDS] + extra_columns
        sql = f"COPY {Answer._meta.db_table} ({', '.join(columns)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row + extra)
                count += 1
                if count % 1_000_000 == 0:
                    log(f"  {count:,} antwoorden".replace(",", "."))
        return count
    # Elsewhere (SQLite in tests and local runs): plain executemany, far faster than model objects.
    columns = [Answer._meta.get_field(f).column for f in ANSWER_FIELDS] + extra_columns
    sql = (
        f"INSERT INTO {Answer._meta.db_table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    adapt = connection.ops.adapt_datetimefield_value
    batch: list[tuple] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append((*row[:-1], adapt(row[-1]), *extra))
            if len(batch) >= ANSWER_BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
    return count + len(batch)


def seed_scale(*, scale: float = 1.0, seed: int = 2021, log: Log = _noop) -> ScaleResult:
    """Build the data set. Needs the Gids (load_gids) and no earlier scale data set."""
    import time as clock

    plan = ScalePlan.for_scale(scale)
    result = ScaleResult(plan=plan)
    framework = Framework.objects.current()
    if scale_data_exists():
        raise RuntimeError("Er staat al een schaaldataset in de database (gebruik --reset).")
    rng = random.Random(seed)
    started = clock.monotonic()

    def lap(name: str) -> None:
        nonlocal started
        now = clock.monotonic()
        result.seconds[name] = round(now - started, 1)
        started = now

    with transaction.atomic():
        orgs = _organisations(plan)
        partnerships, participations = _partnerships(plan, rng, orgs)
        result.organisations, result.partnerships = len(orgs), len(partnerships)
        result.participations = len(participations)
        log(
            f"{len(orgs)} organisaties, {len(partnerships)} samenwerkingsverbanden, "
            f"{len(participations)} deelnames"
        )
        items = _items_per_partnership(partnerships, participations, framework)
        assessments = _rounds_and_assessments(
            plan, rng, partnerships, participations, framework, log
        )
        result.rounds = len(partnerships) * plan.years
        result.assessments = len(assessments)
        result.next_steps = _next_steps(plan, rng, partnerships, items)
        log(f"  {result.next_steps} vervolgstappen")
        lap("structure")
    quality = {p.pk: rng.uniform(1.2, 3.4) for p in partnerships}
    # Answers in chunks of assessments, one transaction each, so progress is kept and visible.
    chunk = 10_000
    for start in range(0, len(assessments), chunk):
        with transaction.atomic():
            part = assessments[start : start + chunk]
            result.answers += _write_answers(_answer_rows(rng, part, items, quality), log)
    lap("answers")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (
                Organisation,
                Partnership,
                Participation,
                AssessmentRound,
                Assessment,
                Answer,
                NextStep,
            ):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
        lap("analyze")
    return result


def counts() -> dict[str, int]:
    """What the scale data set holds now (for the command's summary and the tests)."""
    partnerships = Partnership.objects.filter(name__startswith=f"{SCALE_MARK}regio ")
    mark: dict[str, models.QuerySet] = {
        "organisaties": Organisation.objects.filter(name__contains=f" {SCALE_MARK}"),
        "samenwerkingsverbanden": partnerships,
        "deelnames": Participation.objects.filter(partnership__in=partnerships),
        "rondes": AssessmentRound.objects.filter(partnership__in=partnerships),
        "zelfevaluaties": Assessment.objects.filter(round__partnership__in=partnerships),
        "vervolgstappen": NextStep.objects.filter(round__partnership__in=partnerships),
        "antwoorden": Answer.objects.filter(assessment__round__partnership__in=partnerships),
    }
    return {name: qs.count() for name, qs in mark.items()}
