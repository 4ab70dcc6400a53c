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
