"""A partnership's own dashboard (directeur): respondents, progress, differences of view and
next steps of the current round; never another partnership's, never what a draft says."""

import pytest
from django.urls import reverse

from partnerships.constants import Role
from tests.assessments.dashboard.conftest import DRAFT_SECRET
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_directeur_sees_respondents_progress_differences_and_steps(client, world):
    client.force_login(make_user(Role.DIRECTEUR, partnership=world["wgr"]))
    response = client.get(reverse("assessments:partnership_dashboard", args=[world["wgr"].pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ronde 2026" in html
    assert "2 van 3 respondenten" in html
    assert "Gemeente Beekdorp" in html
    # A2.1: 3 vs 0 (spread 3) and A1.1: 4 vs 2 (spread 2) are differences of view.
    assert "A2.1" in html and "A1.1" in html
    assert html.index("<strong>A2.1</strong>") < html.index("<strong>A1.1</strong>")
    assert "Informatieprotocol opstellen" in html
    assert DRAFT_SECRET not in html
    assert "Nieuwe ronde openen" in html


def test_partnership_dashboard_of_another_partnership_is_not_found(client, world):
    client.force_login(make_user(Role.DIRECTEUR, partnership=world["wgr"]))
    url = reverse("assessments:partnership_dashboard", args=[world["other"].pk])
    response = client.get(url)
    assert response.status_code == 404
    assert "Afvalschap West" not in response.content.decode()
