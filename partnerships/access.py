"""Who may see or change which partnership: permission-scoped fetch helpers.

Views never filter by hand: they call these helpers, which return only what the
user may see and raise Http404 (not someone else's data) or PermissionDenied.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .constants import Role
from .models import Partnership, Profile


def profile_of(user: User | AnonymousUser) -> Profile | None:
    if not user.is_authenticated:
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


def is_beheerder(user: User | AnonymousUser) -> bool:
    return role_of(user) == Role.BEHEERDER


def partnerships_for_user(user: User | AnonymousUser) -> QuerySet[Partnership]:
    """The partnerships the user may see."""
    profile = profile_of(user)
    if profile is None:
        return Partnership.objects.none()
    if profile.role == Role.BEHEERDER:
        return Partnership.objects.all()
    if profile.role == Role.DIRECTEUR:
        return Partnership.objects.filter(pk=profile.partnership_id)
    return Partnership.objects.filter(
        participations__organisation_id=profile.organisation_id
    ).distinct()


def can_edit_partnership(user: User | AnonymousUser, partnership: Partnership) -> bool:
    """Beheerder; the directeur of this partnership; contramal of a participant."""
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role == Role.BEHEERDER:
        return True
    if profile.role == Role.DIRECTEUR:
        return profile.partnership_id == partnership.pk
    if profile.role == Role.CONTRAMAL:
        return partnership.participations.filter(organisation_id=profile.organisation_id).exists()
    return False


def can_create_partnership(user: User | AnonymousUser) -> bool:
    return role_of(user) in (Role.BEHEERDER, Role.CONTRAMAL)


def can_import_partnerships(user: User | AnonymousUser) -> bool:
    return role_of(user) == Role.BEHEERDER


def get_partnership_for_user(
    user: User | AnonymousUser, pk: int, *, write: bool = False
) -> Partnership:
    partnership = get_object_or_404(partnerships_for_user(user), pk=pk)
    if write and not can_edit_partnership(user, partnership):
        raise PermissionDenied("U mag dit samenwerkingsverband niet wijzigen.")
    return partnership
