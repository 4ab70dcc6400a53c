"""Where each role starts: the overview, the partnership's dashboard, or a respondent's open
assessments with their deadlines."""

from datetime import timedelta

import pytest
from django.urls import reverse

from assessments.constants import Perspective
from partnerships.constants import Role
from tests.assessments.dashboard.conftest import DRAFT_SECRET, TODAY
from tests.factories import make_assessment, make_round, make_user

pytestmark = pytest.mark.django_db


def test_home_sends_each_role_to_its_start(client, world):
    assert "Inloggen" in client.get("/").content.decode()  # a visitor: the landing page
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=world["aalstad"]))
    assert client.get("/").url == reverse("assessments:dashboard")
    client.force_login(make_user(Role.BEHEERDER))
    assert client.get("/").url == reverse("assessments:dashboard")
    client.force_login(make_user(Role.DIRECTEUR, partnership=world["wgr"]))
    assert client.get("/").url == reverse(
        "assessments:partnership_dashboard", args=[world["wgr"].pk]
    )


def test_griffier_start_page_lists_open_assessments_with_deadlines(client, world):
    next_round = make_round(
        world["other"], period="2027", opens_on=TODAY, due_on=TODAY + timedelta(days=5)
    )
    make_assessment(next_round, organisation=world["beekdorp"])
    make_assessment(
        next_round,
        organisation=world["beekdorp"],
        perspective=Perspective.CONTRAMAL,
        answers={"A1.1": 3},
    )
    client.force_login(make_user(Role.GRIFFIER, organisation=world["beekdorp"]))
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zelfevaluaties om in te vullen" in html
    assert "Afvalschap West" in html
    assert "Raad (politiek orgaan) Gemeente Beekdorp" in html
    assert "0 van " in html  # progress of the empty raad draft
    assert "nog 5 dagen" in html
    assert "Contramal Gemeente Beekdorp" not in html  # not the griffier's to fill in
    assert "Te laat" not in html


def test_start_page_warns_about_overdue_assessments(client, world):
    late = make_round(
        world["network"],
        period="2026",
        opens_on=TODAY - timedelta(60),
        due_on=TODAY - timedelta(2),
    )
    make_assessment(late, organisation=world["aalstad"], perspective=Perspective.COLLEGE)
    client.force_login(make_user(Role.CONTRAMAL, organisation=world["aalstad"]))
    html = client.get("/").content.decode()
    assert "Te laat:" in html
    assert "Netwerk Kustvisie" in html
    assert DRAFT_SECRET not in html


def test_account_without_role_gets_a_clear_message(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("zonderrol", password="x"))
    response = client.get("/")
    assert response.status_code == 200
    assert "nog geen rol" in response.content.decode()
    assert client.get(reverse("assessments:dashboard")).status_code == 403
