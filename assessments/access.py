"""Who may see or change which assessment, round and next step.

Rules (DESIGN.md "Who uses it", issue 7):
- beheerder: everything.
- griffier: edits the raad-perspective assessments of their own organisation.
- contramal: edits the college- and contramal-perspective assessments of their organisation.
- gemeentesecretaris: reads everything of their organisation, manages next steps.
- directeur: opens rounds for their partnership, edits its AB/DB/directeur perspectives,
  reads every submitted answer of its rounds.
- Nobody sees another organisation's draft: a draft is visible only to the people of the
  organisation it belongs to (or, for a partnership perspective, to the directeur).
- Everyone whose organisation takes part sees the round and every submitted assessment in it.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from partnerships.access import partnerships_for_user, profile_of
from partnerships.constants import Role

from .constants import AssessmentStatus, Perspective
from .models import Assessment, AssessmentRound, NextStep

EDIT_PERSPECTIVES: dict[str, tuple[str, ...]] = {
    Role.GRIFFIER: (Perspective.RAAD,),
    Role.CONTRAMAL: (Perspective.COLLEGE, Perspective.CONTRAMAL),
    Role.DIRECTEUR: (Perspective.AB, Perspective.DB, Perspective.DIRECTEUR),
}


def rounds_for_user(user: User | AnonymousUser) -> QuerySet[AssessmentRound]:
    return AssessmentRound.objects.filter(partnership__in=partnerships_for_user(user))


def assessments_for_user(user: User | AnonymousUser) -> QuerySet[Assessment]:
    """Assessments the user may read: submitted ones of visible rounds, and own drafts."""
    profile = profile_of(user)
    if profile is None:
        return Assessment.objects.none()
    if profile.role == Role.BEHEERDER:
        return Assessment.objects.all()
    visible = Assessment.objects.filter(round__in=rounds_for_user(user))
    if profile.role == Role.DIRECTEUR:
        own_draft = Q(participation__isnull=True)
    else:
        own_draft = Q(participation__organisation_id=profile.organisation_id)
    return visible.filter(Q(status=AssessmentStatus.SUBMITTED) | own_draft)


def can_edit_assessment(user: User | AnonymousUser, assessment: Assessment) -> bool:
    """May fill in answers (ignores the draft/submitted state: callers check that)."""
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role == Role.BEHEERDER:
        return True
    if assessment.perspective not in EDIT_PERSPECTIVES.get(profile.role, ()):
        return False
    if profile.role == Role.DIRECTEUR:
        return (
            assessment.participation_id is None
            and assessment.round.partnership_id == profile.partnership_id
        )
    return (
        assessment.participation_id is not None
        and assessment.participation.organisation_id == profile.organisation_id
    )


def can_manage_round(user: User | AnonymousUser, round_: AssessmentRound) -> bool:
    """Open rounds, invite respondents, send reminders, start the next round."""
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role == Role.BEHEERDER:
        return True
    return profile.role == Role.DIRECTEUR and profile.partnership_id == round_.partnership_id


def can_manage_next_steps(user: User | AnonymousUser, round_: AssessmentRound) -> bool:
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role in (Role.BEHEERDER,):
        return True
    if profile.role == Role.DIRECTEUR:
        return profile.partnership_id == round_.partnership_id
    return round_.partnership.participations.filter(
        organisation_id=profile.organisation_id
    ).exists()


def get_assessment_for_user(
    user: User | AnonymousUser, pk: int, *, edit: bool = False
) -> Assessment:
    assessment = get_object_or_404(
        assessments_for_user(user).select_related(
            "round__partnership", "round__framework", "participation__organisation"
        ),
        pk=pk,
    )
    if edit and not can_edit_assessment(user, assessment):
        raise PermissionDenied("U mag deze zelfevaluatie niet invullen.")
    return assessment


def get_round_for_user(
    user: User | AnonymousUser, pk: int, *, manage: bool = False
) -> AssessmentRound:
    round_ = get_object_or_404(
        rounds_for_user(user).select_related("partnership", "framework", "previous"), pk=pk
    )
    if manage and not can_manage_round(user, round_):
        raise PermissionDenied(
            "Alleen de directeur of secretaris van het samenwerkingsverband mag dit."
        )
    return round_


def get_next_step_for_user(user: User | AnonymousUser, pk: int, *, edit: bool = False) -> NextStep:
    step = get_object_or_404(
        NextStep.objects.filter(round__in=rounds_for_user(user)).select_related(
            "round__partnership"
        ),
        pk=pk,
    )
    if edit and not can_manage_next_steps(user, step.round):
        raise PermissionDenied("U mag deze vervolgstap niet wijzigen.")
    return step
