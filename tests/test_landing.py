"""A visitor who is not logged in gets a page that says what Regiespiegel is; logging out
says so."""

import pytest
from django.urls import reverse

from partnerships.constants import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_visitor_reads_what_regiespiegel_is_and_can_log_in_or_read_the_gids(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Regiespiegel</h1>" in html
    assert "De Gids voor Regionale Samenwerking" in html
    assert f'href="{reverse("login")}"' in html
    assert f'href="{reverse("principles:index")}"' in html
    # nothing of any organisation, and no start page of a role
    assert "Zelfevaluaties om in te vullen" not in html


def test_a_logged_in_user_still_gets_their_own_start_page(client):
    client.force_login(make_user(Role.BEHEERDER))
    assert client.get("/").status_code == 302  # the overview


def test_logging_out_says_so(client):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    response = client.post(reverse("logout"), follow=True)
    assert response.status_code == 200
    assert "U bent uitgelogd. Tot ziens." in response.content.decode()
    assert client.get(reverse("assessments:dashboard")).status_code == 302  # to the login
