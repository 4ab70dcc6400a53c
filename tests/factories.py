"""Small factories for tests: plain functions with keyword arguments and sensible defaults."""

from itertools import count

from django.contrib.auth.models import User

from partnerships.constants import (
    NETWORK_FORMS,
    CooperationModel,
    LegalForm,
    OrganisationKind,
    Role,
)
from partnerships.models import Organisation, Participation, Partnership, Profile

_seq = count(1)

KIND_BY_PREFIX = {
    "Gemeente": OrganisationKind.GEMEENTE,
    "Provincie": OrganisationKind.PROVINCIE,
    "Waterschap": OrganisationKind.WATERSCHAP,
}


def make_organisation(name: str | None = None, **fields: object) -> Organisation:
    name = name or f"Gemeente Teststad {next(_seq)}"
    kind = fields.pop("kind", KIND_BY_PREFIX.get(name.split()[0], OrganisationKind.OVERIG_PUBLIEK))
    organisation, _ = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, **fields}
    )
    return organisation


def make_partnership(
    name: str | None = None,
    *,
    legal_form: str = LegalForm.OPENBAAR_LICHAAM,
    participants: list[str | Organisation] | None = None,
    centre: str | None = None,
    **fields: object,
) -> Partnership:
    model = CooperationModel.NETWORK if legal_form in NETWORK_FORMS else CooperationModel.WGR
    partnership = Partnership.objects.create(
        name=name or f"Regio Test {next(_seq)}",
        cooperation_model=model,
        legal_form=legal_form,
        **fields,
    )
    for participant in participants or ["Gemeente Aalstad", "Gemeente Beekdorp"]:
        organisation = (
            participant if isinstance(participant, Organisation) else make_organisation(participant)
        )
        Participation.objects.create(
            partnership=partnership,
            organisation=organisation,
            is_centre=(organisation.name == centre),
        )
    return partnership


def make_user(
    role: str = Role.GRIFFIER,
    *,
    organisation: Organisation | str | None = None,
    partnership: Partnership | None = None,
    username: str | None = None,
    password: str = "geheim-wachtwoord-123",
) -> User:
    if isinstance(organisation, str):
        organisation = make_organisation(organisation)
    if organisation is None and role not in (Role.BEHEERDER, Role.DIRECTEUR):
        organisation = make_organisation()
    user = User.objects.create_user(
        username=username or f"{role}-{next(_seq)}", password=password, email="test@example.org"
    )
    Profile.objects.create(user=user, role=role, organisation=organisation, partnership=partnership)
    return user


# --- Rounds, assessments, answers and next steps ------------------------------------------

from datetime import date, timedelta  # noqa: E402

from django.utils import timezone  # noqa: E402

from assessments.constants import AssessmentStatus, NextStepStatus, Perspective  # noqa: E402
from assessments.models import Answer, Assessment, AssessmentRound, NextStep  # noqa: E402
from principles.models import Framework, Part, Recommendation, Theme  # noqa: E402

PARTICIPANT_PERSPECTIVE_VALUES = {Perspective.RAAD, Perspective.COLLEGE, Perspective.CONTRAMAL}


def make_framework() -> Framework:
    """The current framework: the real Gids when loaded, else a small stand-in (A1-A14, B1-B15,
    two recommendations each, codes as in the Gids: "A1.1", "A1.2")."""
    current = Framework.objects.filter(is_current=True).first()
    if current:
        return current
    framework = Framework.objects.create(
        slug="test-gids", title="Test-Gids", version="test", year=2021, is_current=True
    )
    number = 0
    for part_code, count_ in (("A", 14), ("B", 15)):
        part = Part.objects.create(framework=framework, code=part_code, title=f"Deel {part_code}")
        for n in range(1, count_ + 1):
            number += 1
            theme = Theme.objects.create(
                part=part,
                number=number,
                code=f"{part_code}{n}",
                kind="principe" if n <= 12 else "aandachtspunt",
                title=f"Thema {part_code}{n}",
            )
            for r in (1, 2):
                Recommendation.objects.create(
                    theme=theme, number=r, code=f"{theme.code}.{r}", text=f"Aanbeveling {r}"
                )
    return framework


def make_round(
    partnership: Partnership,
    *,
    period: str = "2026",
    framework: Framework | None = None,
    opens_on: date | None = None,
    due_on: date | None = None,
    **fields: object,
) -> AssessmentRound:
    """A round; as in the app, a partnership has one open round: the latest. A round made
    after an earlier open one closes it; one that opens before an open round is made closed."""
    opens_on = opens_on or timezone.localdate() - timedelta(days=30)
    if "status" not in fields:
        open_rounds = AssessmentRound.objects.filter(partnership=partnership, status="open")
        open_rounds.filter(opens_on__lte=opens_on).update(status="closed")
        fields["status"] = "closed" if open_rounds.exists() else "open"
    return AssessmentRound.objects.create(
        partnership=partnership,
        period=period,
        framework=framework or make_framework(),
        opens_on=opens_on,
        due_on=due_on or opens_on + timedelta(days=60),
        **fields,
    )


def make_assessment(
    round_: AssessmentRound,
    *,
    organisation: Organisation | str | None = None,
    perspective: str = Perspective.RAAD,
    submitted: bool = False,
    answers: dict[str, int | str | tuple[int | str, str]] | None = None,
    user: User | None = None,
) -> Assessment:
    """An assessment with answers {recommendation code: value or (value, explanation)};
    value 0-4, "nvt" or "weet_niet". A participant perspective needs an organisation that
    takes part in the round's partnership."""
    participation = None
    if perspective in PARTICIPANT_PERSPECTIVE_VALUES:
        if isinstance(organisation, str):
            organisation = make_organisation(organisation)
        participation = Participation.objects.get(
            partnership=round_.partnership, organisation=organisation
        )
    assessment = Assessment.objects.create(
        round=round_,
        participation=participation,
        perspective=perspective,
        status=AssessmentStatus.SUBMITTED if submitted else AssessmentStatus.DRAFT,
        submitted_at=timezone.now() if submitted else None,
        submitted_by=user if submitted else None,
    )
    for code, given in (answers or {}).items():
        value, explanation = given if isinstance(given, tuple) else (given, "Toelichting.")
        Answer.objects.create(
            assessment=assessment,
            recommendation=Recommendation.objects.get(
                theme__part__framework=round_.framework, code=code
            ),
            score=value if isinstance(value, int) else None,
            special="" if isinstance(value, int) else value,
            explanation=explanation,
            updated_by=user,
        )
    return assessment


def make_next_step(
    round_: AssessmentRound,
    *,
    description: str = "Maak afspraken over de informatievoorziening.",
    due_on: date | None = None,
    status: str = NextStepStatus.OPEN,
    recommendation: str | None = None,
    **fields: object,
) -> NextStep:
    rec = (
        Recommendation.objects.get(theme__part__framework=round_.framework, code=recommendation)
        if recommendation
        else None
    )
    return NextStep.objects.create(
        round=round_,
        recommendation=rec,
        description=description,
        due_on=due_on,
        status=status,
        **fields,
    )
