"""Who may see or change which organisation and partnership: permission-scoped fetch helpers.

Views never filter by hand: they call these helpers, which return only what the user may see and
raise Http404 for what the user may not see (so nobody learns that someone else's object exists)
or PermissionDenied (403) for what the user sees but may not change.

Roles (partnerships.constants.Role):
- beheerder (and a superuser): everything.
- griffier, gemeentesecretaris, contramal: belong to one organisation; they see the partnerships
  it takes part in.
- directeur: belongs to one partnership and sees that partnership and its participants.
- raadslid: belongs to one organisation but sees none of its partnerships, rounds or
  dashboards: only the raad panels they are invited to (assessments/questionnaire/panel/).
- an account without a profile sees nothing (but may still log in and out).
"""

from collections.abc import Mapping

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .constants import Role
from .models import Organisation, Participation, Partnership, Profile

ORGANISATION_ROLES = (Role.GRIFFIER, Role.GEMEENTESECRETARIS, Role.CONTRAMAL)

# The database (Profile's profile_scope_fits_role) gives a directeur a partnership and the
# other roles an organisation. The checks for a missing scope below are there for the type
# checker, and keep a profile without its scope from seeing anything.


def profile_of(user: User | AnonymousUser) -> Profile | None:
    """The user's profile; a superuser counts as beheerder; None when anonymous or no profile."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Profile(user=user, role=Role.BEHEERDER)
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def role_of(user: User | AnonymousUser) -> str | None:
    profile = profile_of(user)
    return profile.role if profile else None


def organisations_for_user(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations whose overview the user may open (the dashboard's choice)."""
    profile = profile_of(user)
    if profile is None or profile.role == Role.RAADSLID:
        return Organisation.objects.none()
    if profile.role == Role.BEHEERDER:
        return Organisation.objects.all()
    if profile.role == Role.DIRECTEUR:
        if profile.partnership_id is None:
            return Organisation.objects.none()
        return Organisation.objects.filter(
            participations__partnership_id=profile.partnership_id
        ).distinct()
    if profile.organisation_id is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk=profile.organisation_id)


def get_organisation_for_user(user: User | AnonymousUser, pk: int) -> Organisation:
    return get_object_or_404(organisations_for_user(user), pk=pk)


def partnerships_for_user(user: User | AnonymousUser) -> QuerySet[Partnership]:
    """The partnerships the user may see (a raadslid: none, see the module's docstring)."""
    profile = profile_of(user)
    if profile is None or profile.role == Role.RAADSLID:
        return Partnership.objects.none()
    if profile.role == Role.BEHEERDER:
        return Partnership.objects.all()
    if profile.role == Role.DIRECTEUR:
        if profile.partnership_id is None:
            return Partnership.objects.none()
        return Partnership.objects.filter(pk=profile.partnership_id)
    if profile.organisation_id is None:
        return Partnership.objects.none()
    # A semi-join rather than a join: one row per partnership without DISTINCT, which made
    # the overview sort and compare every column of its rows.
    return Partnership.objects.filter(
        pk__in=Participation.objects.filter(organisation_id=profile.organisation_id).values(
            "partnership_id"
        )
    )


def can_edit_partnership(user: User | AnonymousUser, partnership: Partnership) -> bool:
    """Beheerder; the directeur of this partnership; contramal of a participant."""
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role == Role.BEHEERDER:
        return True
    if profile.role == Role.DIRECTEUR:
        return profile.partnership_id == partnership.pk
    if profile.role == Role.CONTRAMAL and profile.organisation_id is not None:
        return partnership.participations.filter(organisation_id=profile.organisation_id).exists()
    return False


def can_open_rounds(user: User | AnonymousUser, partnership: Partnership) -> bool:
    """Open assessment rounds for the partnership: its directeur, or a beheerder. (Lives here so
    partnership pages and the assessments app ask the same rule.)"""
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role == Role.BEHEERDER:
        return True
    return profile.role == Role.DIRECTEUR and profile.partnership_id == partnership.pk


def can_create_partnership(user: User | AnonymousUser) -> bool:
    return role_of(user) in (Role.BEHEERDER, Role.CONTRAMAL)


def can_import_partnerships(user: User | AnonymousUser) -> bool:
    return role_of(user) == Role.BEHEERDER


def get_partnership_for_user(
    user: User | AnonymousUser, pk: int, *, write: bool = False
) -> Partnership:
    """A partnership the user may see (404 otherwise); with write=True also one they may edit
    (403 when they see it but may not edit it)."""
    partnership = get_object_or_404(partnerships_for_user(user), pk=pk)
    if write and not can_edit_partnership(user, partnership):
        raise PermissionDenied("U mag dit samenwerkingsverband niet wijzigen.")
    return partnership


def can_set_attention_level(user: User | AnonymousUser, organisation_id: int) -> bool:
    """How closely the raad follows each partnership (Gids A7.2) is the raad's choice: its
    griffier records it for their own organisation; a beheerder for any. The
    gemeentesecretaris and the contramal serve the college, so they read it but do not set it
    (dualism, DOMAIN.md "Roles")."""
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role == Role.BEHEERDER:
        return True
    return profile.role == Role.GRIFFIER and profile.organisation_id == organisation_id


# --- BBV facts of verbonden partijen ---------------------------------------------------------
# The paragraaf verbonden partijen is the organisation's own document: its contramal enters
# the facts, its griffier and gemeentesecretaris read them, a beheerder does everything. A
# directeur (of the partnership, not of the organisation) and a raadslid see none of it.


def bbv_organisations_for_user(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations whose BBV facts and paragraaf the user may read."""
    profile = profile_of(user)
    if profile is None:
        return Organisation.objects.none()
    if profile.role == Role.BEHEERDER:
        return Organisation.objects.all()
    if profile.role in ORGANISATION_ROLES and profile.organisation_id is not None:
        return Organisation.objects.filter(pk=profile.organisation_id)
    return Organisation.objects.none()


def may_read_bbv(user: User | AnonymousUser, organisation_id: int) -> bool:
    """The same rule as bbv_organisations_for_user, for one organisation (no query)."""
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role == Role.BEHEERDER:
        return True
    return profile.role in ORGANISATION_ROLES and profile.organisation_id == organisation_id


def can_edit_bbv(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """Beheerder, or the contramal of this organisation."""
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role == Role.BEHEERDER:
        return True
    return profile.role == Role.CONTRAMAL and profile.organisation_id == organisation.pk


def get_bbv_organisation_for_user(user: User | AnonymousUser, pk: int) -> Organisation:
    return get_object_or_404(bbv_organisations_for_user(user), pk=pk)


def get_bbv_participation_for_user(
    user: User | AnonymousUser, partnership_pk: int, organisation_pk: int, *, write: bool = False
) -> Participation:
    """The organisation's participation in the partnership, when the user may read its BBV
    facts (404 otherwise); with write=True also when they may change them (403 otherwise)."""
    organisation = get_bbv_organisation_for_user(user, organisation_pk)
    # By the partnership's own key: a number too large for the database is then simply not
    # found (a foreign-key lookup would pass it on and fail).
    partnership = get_object_or_404(Partnership.objects.all(), pk=partnership_pk)
    participation = get_object_or_404(
        Participation.objects.select_related("partnership", "organisation"),
        partnership=partnership,
        organisation=organisation,
    )
    if write and not can_edit_bbv(user, organisation):
        raise PermissionDenied("U mag de gegevens van deze verbonden partij niet wijzigen.")
    return participation


# --- The document register -------------------------------------------------------------------
# Everyone who sees a partnership reads its documents. Adding is open to everyone who works
# with it (the griffier, gemeentesecretaris and contramal of a participant, its directeur, a
# beheerder): a griffier keeps the raad's stukken, a secretaris the evaluations. Changing or
# removing a document is for whoever added it and for those who edit the partnership itself.


def can_add_documents(
    user: User | AnonymousUser, partnership: Partnership, *, seen: bool = False
) -> bool:
    """`seen=True`: the caller fetched the partnership through partnerships_for_user, which
    for the organisation roles already means their organisation takes part (no query)."""
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role == Role.BEHEERDER:
        return True
    if profile.role == Role.DIRECTEUR:
        return profile.partnership_id == partnership.pk
    if profile.role in ORGANISATION_ROLES and profile.organisation_id is not None:
        return (
            seen
            or partnership.participations.filter(organisation_id=profile.organisation_id).exists()
        )
    return False


def can_change_document(
    user: User | AnonymousUser, partnership: Partnership, uploaded_by_id: int | None
) -> bool:
    """Whoever added the document (while they still work with the partnership), or whoever
    may edit the partnership."""
    return bool(changeable_documents(user, partnership, {0: uploaded_by_id}))


def changeable_documents(
    user: User | AnonymousUser, partnership: Partnership, uploaders: Mapping[int, int | None]
) -> set[int]:
    """Of the documents {id: who added it}, the ids the user may change or remove: the rule
    of can_change_document, for a whole list at once (at most two queries)."""
    if can_edit_partnership(user, partnership):
        return set(uploaders)
    own = {pk for pk, by in uploaders.items() if by is not None and by == user.pk}
    if own and user.is_authenticated and can_add_documents(user, partnership):
        return own
    return set()
