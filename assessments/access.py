"""Who may see or change which assessment, round and next step.

Rules (DESIGN.md "Who uses it", DOMAIN.md "Roles"):
- beheerder: everything.
- griffier: fills in the raad-perspective assessments of their own organisation.
- contramal: fills in the college- and contramal-perspective assessments of their organisation.
- gemeentesecretaris: reads everything of their organisation (drafts included) and manages the
  next steps of the rounds their organisation takes part in.
- directeur: opens rounds for their partnership, fills in its AB/DB/directeur perspectives,
  reads every submitted answer of its rounds and manages their next steps.
- Everyone whose organisation takes part sees the partnership's rounds and every submitted
  assessment in them.
- Nobody sees another organisation's draft. Within an organisation the raad's and the college's
  drafts stay apart (dualism, DOMAIN.md): a griffier sees the raad's drafts, a contramal the
  college's and contramal's; the gemeentesecretaris sees all of them. A draft of a partnership
  perspective (AB, DB, directeur) is seen by the directeur.
- raadslid: no assessment through these helpers; the raad panels they are invited to have
  their own access rules (questionnaire/panel/access.py).
- What the user may not see raises Http404; what they see but may not change raises
  PermissionDenied (403).
"""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from partnerships.access import (
    can_open_rounds,
    get_partnership_for_user,
    partnerships_for_user,
    profile_of,
    role_of,
)
from partnerships.constants import Role
from partnerships.models import Organisation, Partnership

from .constants import PARTICIPANT_PERSPECTIVES, AssessmentStatus, Perspective
from .models import Assessment, AssessmentRound, NextStep

EDIT_PERSPECTIVES: dict[str, tuple[str, ...]] = {
    Role.GRIFFIER: (Perspective.RAAD,),
    Role.CONTRAMAL: (Perspective.COLLEGE, Perspective.CONTRAMAL),
    Role.DIRECTEUR: (Perspective.AB, Perspective.DB, Perspective.DIRECTEUR),
}
# The drafts of their own organisation a role may read.
DRAFT_PERSPECTIVES: dict[str, tuple[str, ...]] = {
    Role.GRIFFIER: (Perspective.RAAD,),
    Role.CONTRAMAL: (Perspective.COLLEGE, Perspective.CONTRAMAL),
    Role.GEMEENTESECRETARIS: PARTICIPANT_PERSPECTIVES,
}


def rounds_for_user(user: User | AnonymousUser) -> QuerySet[AssessmentRound]:
    return AssessmentRound.objects.filter(partnership__in=partnerships_for_user(user))


def _own_drafts(user: User | AnonymousUser) -> Q:
    """The drafts (besides submitted assessments) the user may read; Q() never matches None."""
    profile = profile_of(user)
    if profile is None:
        return Q(pk__in=[])
    if profile.role == Role.DIRECTEUR:
        return Q(participation__isnull=True, round__partnership_id=profile.partnership_id)
    return Q(
        participation__organisation_id=profile.organisation_id,
        perspective__in=DRAFT_PERSPECTIVES.get(profile.role, ()),
    )


def assessments_for_user(user: User | AnonymousUser) -> QuerySet[Assessment]:
    """Assessments the user may read: submitted ones of visible rounds, and own drafts."""
    profile = profile_of(user)
    if profile is None or profile.role == Role.RAADSLID:
        return Assessment.objects.none()
    if profile.role == Role.BEHEERDER:
        return Assessment.objects.all()
    visible = Assessment.objects.filter(round__in=rounds_for_user(user))
    return visible.filter(Q(status=AssessmentStatus.SUBMITTED) | _own_drafts(user))


def editable_assessments_for_user(user: User | AnonymousUser) -> QuerySet[Assessment]:
    """Assessments the user may fill in (any status: callers check draft/submitted).

    For a beheerder this is every assessment; start pages show only their own role's work,
    so they use it for griffier, contramal and directeur."""
    profile = profile_of(user)
    if profile is None:
        return Assessment.objects.none()
    if profile.role == Role.BEHEERDER:
        return Assessment.objects.all()
    perspectives = EDIT_PERSPECTIVES.get(profile.role, ())
    if not perspectives:
        return Assessment.objects.none()
    if profile.role == Role.DIRECTEUR:
        if profile.partnership_id is None:
            return Assessment.objects.none()
        return Assessment.objects.filter(
            participation__isnull=True,
            round__partnership_id=profile.partnership_id,
            perspective__in=perspectives,
        )
    if profile.organisation_id is None:
        return Assessment.objects.none()
    return Assessment.objects.filter(
        participation__organisation_id=profile.organisation_id, perspective__in=perspectives
    )


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
    participation = assessment.participation
    return participation is not None and participation.organisation_id == profile.organisation_id


def can_manage_round(user: User | AnonymousUser, round_: AssessmentRound) -> bool:
    """Change a round, invite respondents, send reminders, start the next round."""
    return can_open_rounds(user, round_.partnership)


def can_manage_next_steps(user: User | AnonymousUser, round_: AssessmentRound) -> bool:
    """Add and change next steps: beheerder; the partnership's directeur; the
    gemeentesecretaris and the griffier of a participant (the gemeentesecretaris
    manages them; a griffier turns the raad's gaps into next steps). A contramal
    reads the action plan but does not change it."""
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role == Role.BEHEERDER:
        return True
    if profile.role == Role.DIRECTEUR:
        return profile.partnership_id == round_.partnership_id
    if profile.role in (Role.GEMEENTESECRETARIS, Role.GRIFFIER):
        if profile.organisation_id is None:
            return False
        return round_.partnership.participations.filter(
            organisation_id=profile.organisation_id
        ).exists()
    return False


def get_assessment_for_user(
    user: User | AnonymousUser, pk: int, *, edit: bool = False
) -> Assessment:
    """An assessment the user may read (404 otherwise); with edit=True one they may fill in
    (403 when they may read but not fill it in)."""
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


def get_partnership_for_new_round(user: User | AnonymousUser, pk: int) -> Partnership:
    """The partnership to open a round for (404 when invisible, 403 when not allowed)."""
    partnership = get_partnership_for_user(user, pk)
    if not can_open_rounds(user, partnership):
        raise PermissionDenied(
            "Alleen de directeur of secretaris van het samenwerkingsverband mag een ronde openen."
        )
    return partnership


def get_next_step_for_user(user: User | AnonymousUser, pk: int, *, edit: bool = False) -> NextStep:
    step = get_object_or_404(
        NextStep.objects.filter(round__in=rounds_for_user(user)).select_related(
            "round__partnership", "recommendation", "owner_body"
        ),
        pk=pk,
    )
    if edit and not can_manage_next_steps(user, step.round):
        raise PermissionDenied("U mag deze vervolgstap niet wijzigen.")
    return step


def acting_user(user: User | AnonymousUser | None) -> User | None:
    """The user to record as author of a write: None for anonymous callers (commands, tests)."""
    return user if isinstance(user, User) and user.is_authenticated else None


# --- Council documents (raadsstukken) ------------------------------------------------------
#
# Drafted per round and participating organisation. The griffier (who serves the raad) and
# the beheerder write them; the gemeentesecretaris of that organisation may read and
# download them; everyone else finds nothing (404). Another organisation's drafts are never
# reachable: a griffier only ever gets their own organisation.
COUNCIL_READ_ROLES = (Role.GRIFFIER, Role.GEMEENTESECRETARIS)


def council_organisations_for_user(
    user: User | AnonymousUser, round_: AssessmentRound
) -> QuerySet[Organisation]:
    """The participants of the round's partnership whose council documents the user may
    read."""
    participants = Organisation.objects.filter(participations__partnership_id=round_.partnership_id)
    profile = profile_of(user)
    if profile is None:
        return Organisation.objects.none()
    if profile.role == Role.BEHEERDER:
        return participants.distinct().order_by("name")
    if profile.role not in COUNCIL_READ_ROLES or profile.organisation_id is None:
        return Organisation.objects.none()
    return participants.filter(pk=profile.organisation_id).distinct()


def can_write_council_documents(user: User | AnonymousUser) -> bool:
    """Within what the user may read (`council_organisations_for_user`)."""
    return role_of(user) in (Role.GRIFFIER, Role.BEHEERDER)


def get_council_scope(
    user: User | AnonymousUser, round_pk: int, organisation_pk: int, *, write: bool = False
) -> tuple[AssessmentRound, Organisation]:
    """The round and organisation whose council documents the user opens (404 when they may
    not read them; with write=True 403 when they may read but not write)."""
    round_ = get_round_for_user(user, round_pk)
    organisation = get_object_or_404(
        council_organisations_for_user(user, round_), pk=organisation_pk
    )
    if write and not can_write_council_documents(user):
        raise PermissionDenied("Alleen de griffier stelt de raadsstukken op.")
    return round_, organisation
