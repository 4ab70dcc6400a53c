"""Who may open which panel page.

- The griffier's page (and every change to the panel): whoever may fill in the raad's
  assessment (assessments.access: its griffier, or a beheerder); other readers get 403, the
  rest 404, as for the assessment itself.
- A raadslid's pages: only the raadslid invited to that assessment's panel, while their
  account is a raadslid of the assessment's organisation; everyone else gets 404, so nobody
  learns that a panel exists.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404

from assessments.access import get_assessment_for_user
from assessments.constants import Perspective
from assessments.models import Assessment, PanelMember
from partnerships.access import profile_of
from partnerships.constants import Role


def get_raad_assessment_for_griffier(user: User | AnonymousUser, pk: int) -> Assessment:
    assessment = get_assessment_for_user(user, pk, edit=True)
    if assessment.perspective != Perspective.RAAD or assessment.participation is None:
        raise Http404("Bij deze zelfevaluatie hoort geen raadspanel.")
    return assessment


def is_raadslid(user: User | AnonymousUser) -> bool:
    profile = profile_of(user)
    return profile is not None and profile.role == Role.RAADSLID


def get_membership(user: User | AnonymousUser, pk: int) -> PanelMember:
    """The user's membership of the panel of assessment `pk` (404 when there is none)."""
    profile = profile_of(user)
    if (
        profile is None
        or profile.role != Role.RAADSLID
        or profile.organisation_id is None
        or not isinstance(user, User)
    ):
        raise Http404("U bent niet uitgenodigd voor dit raadspanel.")
    member = (
        PanelMember.objects.filter(
            panel__assessment_id=pk,
            user=user,
            panel__assessment__participation__organisation_id=profile.organisation_id,
        )
        .select_related(
            "user",
            "panel__assessment__round__partnership",
            "panel__assessment__round__framework",
            "panel__assessment__participation__organisation",
        )
        .first()
    )
    if member is None:
        raise Http404("U bent niet uitgenodigd voor dit raadspanel.")
    return member
