"""Logging in and out, passwords, session expiry and the demo accounts (the limiter on password
checks: tests/partnerships/test_login_limits.py)."""

import json
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partnerships.constants import OrganisationKind, Role
from partnerships.demo import Region
from partnerships.demo_accounts import seed_accounts
from partnerships.models import Profile
from tests.factories import make_organisation, make_partnership, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture(autouse=True)
def fresh_cache():
    """The rate limit counts in the cache: every test starts at zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def griffier():
    return make_user(Role.GRIFFIER, organisation="Gemeente Aalstad", username="griffier.aalstad")


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


# --- Login, logout -------------------------------------------------------------------------


def test_login_page_is_dutch(client):
    html = client.get(reverse("login")).content.decode()
    assert "<h1>Inloggen</h1>" in html
    assert "Gebruikersnaam" in html and "Wachtwoord" in html
    assert "Wachtwoord vergeten?" in html


def test_login_and_logout(client, griffier):
    response = _login(client, "griffier.aalstad", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("logout")).status_code == 405  # only by POST (CSRF-safe)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    evaluations = reverse("assessments:list")
    assert client.get(evaluations)["Location"].startswith(reverse("login"))


def test_login_keeps_the_next_page(client, griffier):
    response = client.post(
        reverse("login") + "?next=/dashboard/",
        {"username": "griffier.aalstad", "password": PASSWORD, "next": "/dashboard/"},
    )
    assert response["Location"] == "/dashboard/"


def test_wrong_password_gives_a_dutch_message(client, griffier):
    response = _login(client, "griffier.aalstad", "fout")
    assert response.status_code == 200
    assert "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet" in (
        response.content.decode()
    )


# --- Passwords -----------------------------------------------------------------------------


def test_password_change_requires_login_and_works(client, griffier):
    url = reverse("password_change")
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(griffier)
    assert "Wachtwoord wijzigen" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "nieuw-lang-wachtwoord-42",
            "new_password2": "nieuw-lang-wachtwoord-42",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    assert "Uw wachtwoord is gewijzigd" in client.get(response["Location"]).content.decode()
    griffier.refresh_from_db()
    assert griffier.check_password("nieuw-lang-wachtwoord-42")


def test_password_reset_by_email_in_dutch(client, griffier):
    response = client.post(reverse("password_reset"), {"email": "test@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert "Kijk in uw e-mail" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nieuw wachtwoord voor Regiespiegel"
    assert "Kies een nieuw wachtwoord via deze link" in message.body
    assert "griffier.aalstad" in message.body
    link = re.search(r"https?://[^/\s]+(/accounts/wachtwoord/herstellen/\S+/)", message.body)[1]
    form_url = client.get(link)["Location"]  # Django swaps the token for a session key
    assert "Nieuw wachtwoord kiezen" in client.get(form_url).content.decode()
    response = client.post(
        form_url,
        {"new_password1": "nieuw-lang-wachtwoord-42", "new_password2": "nieuw-lang-wachtwoord-42"},
    )
    assert response["Location"] == reverse("password_reset_complete")
    assert "Uw nieuwe wachtwoord is opgeslagen" in client.get(response["Location"]).content.decode()
    assert _login(client, "griffier.aalstad", "nieuw-lang-wachtwoord-42").status_code == 302
    # The link works once.
    html = client.get(link, follow=True).content.decode()
    assert "Deze link werkt niet meer" in html


def test_unknown_email_gives_the_same_answer_and_no_mail(client, griffier):
    response = client.post(reverse("password_reset"), {"email": "onbekend@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_auth_pages_render_in_dutch(client, rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    assert "U bent uitgelogd" in render_to_string("registration/logged_out.html", request=request)
    for name, text in [
        ("password_reset", "Wachtwoord vergeten"),
        ("password_reset_done", "Kijk in uw e-mail"),
        ("password_reset_complete", "Wachtwoord opgeslagen"),
    ]:
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert text in response.content.decode()
    bad = client.get(reverse("password_reset_confirm", args=["MQ", "fout-token"]))
    assert "Deze link werkt niet meer" in bad.content.decode()


# --- Sessions ------------------------------------------------------------------------------


def test_session_settings_expire_sessions(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_SAVE_EVERY_REQUEST is True  # idle time counts, not login time
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_expired_session_sends_back_to_login(client, griffier):
    _login(client, "griffier.aalstad", PASSWORD)
    assert client.get(reverse("home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("assessments:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_session_cookie_has_no_expiry_date(client, griffier):
    """SESSION_EXPIRE_AT_BROWSER_CLOSE: closing the browser ends the session."""
    response = _login(client, "griffier.aalstad", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]
    assert cookie["httponly"]


# --- Demo accounts -------------------------------------------------------------------------


def _region():
    aalstad = make_organisation("Gemeente Aalstad")
    beekdorp = make_organisation("Gemeente Beekdorp")
    provincie = make_organisation("Provincie Zuidland", kind=OrganisationKind.PROVINCIE)
    ggd = make_partnership("GGD Zuidland", participants=[aalstad, beekdorp, provincie])
    return Region(
        organisations={"aalstad": aalstad, "beekdorp": beekdorp, "zuidland": provincie},
        partnerships={"ob": ggd},
    )


def test_seed_accounts_gives_every_role_and_is_idempotent(client):
    region = _region()
    accounts = seed_accounts(region, password="demo-wachtwoord-1")
    usernames = [a["username"] for a in accounts]
    assert usernames == [
        "griffier.aalstad",
        "secretaris.aalstad",
        "contramal.aalstad",
        "griffier.beekdorp",
        "secretaris.beekdorp",
        "contramal.beekdorp",
        "directeur.ggd-zuidland",
        "beheerder",
    ]
    # Raadsleden come with the demo's raad panel (assessments/demo_panel.py).
    assert {a["role"] for a in accounts} == {r.value for r in Role} - {Role.RAADSLID}
    assert accounts[0] == {
        "username": "griffier.aalstad",
        "role": "griffier",
        "organisation": "Gemeente Aalstad",
    }
    assert accounts[6]["organisation"] == "GGD Zuidland"
    directeur = Profile.objects.get(user__username="directeur.ggd-zuidland")
    assert directeur.role == Role.DIRECTEUR and directeur.partnership.name == "GGD Zuidland"
    assert User.objects.get(username="beheerder").is_staff

    again = seed_accounts(region, password="ander-wachtwoord-2")
    assert again == accounts
    assert User.objects.filter(username__in=usernames).count() == len(usernames)
    assert Profile.objects.filter(user__username__in=usernames).count() == len(usernames)
    assert _login(client, "secretaris.beekdorp", "ander-wachtwoord-2").status_code == 302
    client.post(reverse("logout"))
    assert _login(client, "secretaris.beekdorp", "demo-wachtwoord-1").status_code == 200


def test_seed_demo_json_contract(gids, settings):
    settings.DEMO_PASSWORD = "demo-contract-wachtwoord"
    out = StringIO()
    call_command("seed_demo", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["password"] == "demo-contract-wachtwoord"
    roles = {a["role"] for a in data["accounts"]}
    assert roles == {
        "griffier",
        "gemeentesecretaris",
        "contramal",
        "directeur",
        "beheerder",
        "raadslid",
    }
    for account in data["accounts"]:
        assert set(account) == {"username", "role", "organisation"}
    usernames = {a["username"] for a in data["accounts"]}
    assert {"griffier.aalstad", "secretaris.aalstad", "contramal.aalstad", "beheerder"} <= usernames
    # Every demo account can log in with the printed password.
    for username in usernames:
        assert User.objects.get(username=username).check_password("demo-contract-wachtwoord")
