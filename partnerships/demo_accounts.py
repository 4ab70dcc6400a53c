"""Demo accounts for every role: one griffier, gemeentesecretaris and contramal per
municipality of the demo region, one directeur per partnership and one beheerder.

Usernames: griffier.<gemeente>, secretaris.<gemeente>, contramal.<gemeente>,
directeur.<partnership>, beheerder (e.g. griffier.aalstad). Running it again updates the
accounts (password, role, organisation) instead of duplicating them.
"""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.text import slugify

from .constants import OrganisationKind, Role
from .demo import Region
from .models import Organisation, Partnership, Profile

ORGANISATION_ACCOUNTS = (
    ("griffier", Role.GRIFFIER),
    ("secretaris", Role.GEMEENTESECRETARIS),
    ("contramal", Role.CONTRAMAL),
)
KIND_WORDS = {"gemeente", "provincie", "waterschap"}
EMAIL_DOMAIN = "demo.regiespiegel.local"


def short_name(name: str) -> str:
    """ "Gemeente Aalstad" -> "aalstad"; "Regio Zuidkust Jeugd" -> "regio-zuidkust-jeugd"."""
    words = name.split()
    if len(words) > 1 and words[0].lower() in KIND_WORDS:
        words = words[1:]
    return slugify(" ".join(words))


def _account(
    username: str,
    role: str,
    *,
    password_hash: str,
    first_name: str,
    last_name: str,
    organisation: Organisation | None = None,
    partnership: Partnership | None = None,
) -> dict[str, str]:
    user, _ = User.objects.get_or_create(username=username)
    user.first_name = first_name[:150]
    user.last_name = last_name[:150]
    user.email = f"{username}@{EMAIL_DOMAIN}"
    user.is_active = True
    user.is_staff = role == Role.BEHEERDER
    user.is_superuser = role == Role.BEHEERDER
    user.password = password_hash
    user.save()
    Profile.objects.update_or_create(
        user=user,
        defaults={"role": role, "organisation": organisation, "partnership": partnership},
    )
    scope = organisation or partnership
    return {"username": username, "role": str(role), "organisation": scope.name if scope else ""}


@transaction.atomic
def seed_accounts(region: Region, *, password: str) -> list[dict[str, str]]:
    """Create or update one account per role; returns [{"username", "role", "organisation"}]
    (the `seed_demo --json` contract). The beheerder's organisation is ""."""
    accounts: list[dict[str, str]] = []
    password_hash = make_password(password)  # hashing is slow on purpose: do it once
    municipalities = sorted(
        (o for o in region.organisations.values() if o.kind == OrganisationKind.GEMEENTE),
        key=lambda o: o.name,
    )
    for organisation in municipalities:
        slug = short_name(organisation.name)
        for prefix, role in ORGANISATION_ACCOUNTS:
            accounts.append(
                _account(
                    f"{prefix}.{slug}",
                    role,
                    password_hash=password_hash,
                    first_name=Role(role).label.split(" /")[0],
                    last_name=organisation.name,
                    organisation=organisation,
                )
            )
    for partnership in sorted(region.partnerships.values(), key=lambda p: p.name):
        accounts.append(
            _account(
                f"directeur.{short_name(partnership.name)}",
                Role.DIRECTEUR,
                password_hash=password_hash,
                first_name="Directeur",
                last_name=partnership.name,
                partnership=partnership,
            )
        )
    accounts.append(
        _account(
            "beheerder",
            Role.BEHEERDER,
            password_hash=password_hash,
            first_name="Beheerder",
            last_name="Regiespiegel",
        )
    )
    return accounts
