"""The access helpers against the hand-written rules of tests.permissions.world."""

import pytest
from django.contrib.auth.models import User

from assessments.access import (
    assessments_for_user,
    can_edit_assessment,
    can_manage_next_steps,
    can_manage_round,
    editable_assessments_for_user,
    rounds_for_user,
)
from partnerships.access import (
    can_create_partnership,
    can_edit_partnership,
    can_import_partnerships,
    can_open_rounds,
    organisations_for_user,
    partnerships_for_user,
)
from tests.permissions.world import (
    ASSESSMENTS,
    EDITABLE_ASSESSMENTS,
    MAY,
    ROLES,
    VISIBLE_ASSESSMENTS,
    VISIBLE_SCOPES,
    may_change,
)

pytestmark = pytest.mark.django_db

# --- The access helpers against the hand-written rules ----------------------------------


@pytest.mark.parametrize("role", ROLES[1:])
def test_access_helpers_follow_the_rules(world, role):
    user = world.users[role]
    pk_to_key = {a.pk: k for k, a in world.assessments.items()}
    visible = {pk_to_key[pk] for pk in assessments_for_user(user).values_list("pk", flat=True)}
    assert visible == VISIBLE_ASSESSMENTS[role]
    for key, assessment in world.assessments.items():
        assert can_edit_assessment(user, assessment) == (key in EDITABLE_ASSESSMENTS[role]), key
    editable = {
        pk_to_key[pk] for pk in editable_assessments_for_user(user).values_list("pk", flat=True)
    }
    assert editable == EDITABLE_ASSESSMENTS[role]
    scopes = {k for k, p in world.partnerships.items() if p in partnerships_for_user(user)}
    assert scopes == VISIBLE_SCOPES[role]
    assert {k for k, r in world.rounds.items() if r in rounds_for_user(user)} == scopes
    for key in ("own", "other"):
        partnership, round_ = world.partnerships[key], world.rounds[key]
        assert can_edit_partnership(user, partnership) == may_change(
            role, "edit_partnership", "partnership", key
        )
        assert can_open_rounds(user, partnership) == may_change(role, "manage_round", "p", key)
        assert can_manage_round(user, round_) == may_change(role, "manage_round", "round", key)
        assert can_manage_next_steps(user, round_) == may_change(role, "manage_steps", "r", key)
    assert can_create_partnership(user) == (role in MAY["create_partnership"])
    assert can_import_partnerships(user) == (role in MAY["import_partnerships"])


def test_organisations_for_user(world):
    assert list(organisations_for_user(world.users["griffier"])) == [world.orgs["aalstad"]]
    assert set(organisations_for_user(world.users["directeur"])) == {
        world.orgs["aalstad"],
        world.orgs["beekdorp"],
    }
    assert organisations_for_user(world.users["beheerder"]).count() >= 4
    assert not organisations_for_user(world.users["norole"]).exists()


def test_superuser_counts_as_beheerder_and_inactive_as_nobody(world):
    boss = User.objects.create_superuser("baas", password="x")
    assert assessments_for_user(boss).count() == len(ASSESSMENTS)
    griffier = world.users["griffier"]
    griffier.is_active = False
    assert not partnerships_for_user(griffier).exists()


def test_draft_of_another_organisation_is_not_found(client, world):
    """The rule in one readable example: Beekdorp's raad draft is invisible to Aalstad."""
    client.force_login(world.users["secretaris"])
    draft = world.assessments["raad_beekdorp"]
    response = client.get(f"/evaluaties/{draft.pk}/")
    assert response.status_code == 404
    assert "CONCEPT-RAAD-BEEKDORP" not in response.content.decode()


def test_griffier_and_contramal_keep_their_drafts_apart(world):
    """Dualism: the raad's draft is not the college's business, and the other way round."""
    raad, college = world.assessments["raad_aalstad"], world.assessments["college_aalstad"]
    assert raad in assessments_for_user(world.users["griffier"])
    assert college not in assessments_for_user(world.users["griffier"])
    assert college in assessments_for_user(world.users["contramal"])
    assert raad not in assessments_for_user(world.users["contramal"])
    both = assessments_for_user(world.users["secretaris"])
    assert raad in both and college in both
    assert not can_edit_assessment(world.users["secretaris"], raad)
