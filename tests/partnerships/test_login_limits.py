"""One limiter for every password check: the app login, the admin login, the password change,
and a throttle on password reset requests. Failures are counted in the database, so every
worker and server sees the same counts."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from partnerships.constants import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"
LOCKED = "Te veel mislukte inlogpogingen"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_MAX_FAILURES_PER_USERNAME = 6
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 20
    settings.LOGIN_FAILURE_WINDOW = 15 * 60
    settings.TRUSTED_PROXY_COUNT = 0
    cache.clear()
    yield settings
    cache.clear()


@pytest.fixture
def griffier():
    return make_user(Role.GRIFFIER, organisation="Gemeente Aalstad", username="griffier.aalstad")


@pytest.fixture
def contramal():
    return make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad", username="contramal.aalstad")


def _login(client, username, password, ip="10.0.0.1", url=None, **headers):
    return client.post(
        url or reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        **headers,
    )


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- The app login -------------------------------------------------------------------------


def test_failures_from_one_address_lock_that_username_there(client, griffier):
    for _ in range(2):
        assert _login(client, "griffier.aalstad", "fout").status_code == 200
    response = _login(client, "griffier.aalstad", "fout")
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html and "Wacht 15 minuten" in html
    # Even the right password is not checked while the lock holds.
    assert _login(client, "griffier.aalstad", PASSWORD).status_code == 429
    assert not _logged_in(client)


def test_the_owner_elsewhere_still_logs_in(client, griffier):
    for _ in range(3):
        _login(client, "griffier.aalstad", "fout", ip="10.6.6.6")
    assert _login(client, "griffier.aalstad", PASSWORD, ip="10.6.6.6").status_code == 429
    assert _login(client, "griffier.aalstad", PASSWORD, ip="10.0.0.2").status_code == 302


def test_failures_from_many_addresses_lock_the_username(client, griffier):
    for n in range(6):
        _login(client, "griffier.aalstad", "fout", ip=f"10.1.0.{n}")
    assert _login(client, "griffier.aalstad", PASSWORD, ip="10.2.0.1").status_code == 429
    assert not _logged_in(client)


def test_other_accounts_failures_do_not_lock_a_correct_password(client, griffier):
    """Everybody behind one proxy address: anonymous failures do not lock the site."""
    for n in range(12):
        _login(client, f"onbekend-{n}", "fout", ip="10.0.0.9")
    assert _login(client, "griffier.aalstad", PASSWORD, ip="10.0.0.9").status_code == 302


def test_many_failures_from_one_address_lock_that_address(client, griffier):
    for n in range(20):
        _login(client, f"onbekend-{n}", "fout", ip="10.0.0.9")
    assert _login(client, "griffier.aalstad", PASSWORD, ip="10.0.0.9").status_code == 429
    assert _login(client, "griffier.aalstad", PASSWORD, ip="10.0.0.10").status_code == 302


def test_username_case_does_not_give_fresh_attempts(client, griffier):
    _login(client, "griffier.aalstad", "fout")
    _login(client, "GRIFFIER.Aalstad", "fout")
    _login(client, " Griffier.AALSTAD ", "fout")
    assert _login(client, "griffier.aalstad", PASSWORD).status_code == 429


def test_success_clears_only_that_usernames_failures(client, griffier, contramal):
    _login(client, "griffier.aalstad", "fout")
    _login(client, "griffier.aalstad", "fout")
    _login(client, "iemand.anders", "fout")
    assert _login(client, "griffier.aalstad", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    assert not AccessAttempt.objects.filter(username="griffier.aalstad").exists()
    assert AccessAttempt.objects.filter(username="iemand.anders").exists()
    _login(client, "griffier.aalstad", "fout")
    _login(client, "griffier.aalstad", "fout")
    assert _login(client, "griffier.aalstad", PASSWORD).status_code == 302


def test_the_lock_ends_after_the_window(client, griffier):
    for _ in range(3):
        _login(client, "griffier.aalstad", "fout")
    assert _login(client, "griffier.aalstad", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(client, "griffier.aalstad", PASSWORD).status_code == 302


def test_failures_are_counted_in_the_database_not_per_process(client, griffier):
    """Each gunicorn worker has its own local-memory cache; the database is shared."""
    for _ in range(3):
        _login(client, "griffier.aalstad", "fout")
    assert AccessAttempt.objects.get(username="griffier.aalstad").failures_since_start == 3
    cache.clear()  # what another worker's empty cache looks like
    assert _login(client, "griffier.aalstad", PASSWORD).status_code == 429


# --- The client's address -------------------------------------------------------------------


def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, griffier):
    for n in range(3):
        _login(client, "griffier.aalstad", "fout", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address == "10.0.0.1"
    assert (
        _login(client, "griffier.aalstad", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code
        == 429
    )


def test_behind_a_trusted_proxy_each_client_counts_on_its_own(client, griffier, limits):
    limits.TRUSTED_PROXY_COUNT = 1
    proxy = "172.30.0.1"
    for _ in range(3):
        # The left entry is the client's own writing; the proxy appended the right one.
        _login(
            client,
            "griffier.aalstad",
            "fout",
            ip=proxy,
            HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7",
        )
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"
    locked = _login(
        client, "griffier.aalstad", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert locked.status_code == 429
    colleague = _login(
        client, "griffier.aalstad", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.8"
    )
    assert colleague.status_code == 302


def test_a_forwarded_value_that_is_no_address_falls_back_to_the_proxy(client, griffier, limits):
    limits.TRUSTED_PROXY_COUNT = 1
    _login(
        client, "griffier.aalstad", "fout", ip="172.30.0.1", HTTP_X_FORWARDED_FOR="niet-een-adres"
    )
    assert AccessAttempt.objects.get().ip_address == "172.30.0.1"


# --- The admin login and the password change ------------------------------------------------


def test_the_admin_login_goes_through_the_same_limiter(client):
    beheerder = make_user(Role.BEHEERDER, username="beheerder")
    beheerder.is_staff = beheerder.is_superuser = True
    beheerder.save()
    admin_login = reverse("admin:login")
    for _ in range(2):
        assert _login(client, "beheerder", "fout", url=admin_login).status_code == 200
    assert _login(client, "beheerder", "fout", url=admin_login).status_code == 429
    response = _login(client, "beheerder", PASSWORD, url=admin_login)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not _logged_in(client)
    # Admin and app login count together: the app login is locked too.
    assert _login(client, "beheerder", PASSWORD).status_code == 429


def test_the_password_change_goes_through_the_limiter(client, griffier):
    client.force_login(griffier)
    url = reverse("password_change")
    new = {"new_password1": "nieuw-lang-wachtwoord-42", "new_password2": "nieuw-lang-wachtwoord-42"}
    wrong = client.post(url, {"old_password": "fout-1", **new}, REMOTE_ADDR="10.0.0.1")
    assert wrong.status_code == 200
    assert "Uw huidige wachtwoord klopt niet" in wrong.content.decode()
    client.post(url, {"old_password": "fout-2", **new}, REMOTE_ADDR="10.0.0.1")
    response = client.post(url, {"old_password": "fout-3", **new}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "Wachtwoord wijzigen" in response.content.decode()
    refused = client.post(url, {"old_password": PASSWORD, **new}, REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429
    griffier.refresh_from_db()
    assert griffier.check_password(PASSWORD)


# --- Password reset requests ----------------------------------------------------------------


def test_password_reset_requests_are_throttled_per_email(client, griffier, settings):
    settings.PASSWORD_RESET_MAX_PER_EMAIL = 2
    for _ in range(2):
        response = client.post(reverse("password_reset"), {"email": "test@example.org"})
        assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 2
    response = client.post(reverse("password_reset"), {"email": "test@example.org"})
    assert response.status_code == 429
    assert "te vaak een nieuw wachtwoord aangevraagd" in response.content.decode()
    assert len(mail.outbox) == 2


def test_password_reset_throttle_does_not_reveal_whether_an_account_exists(
    client, griffier, settings
):
    settings.PASSWORD_RESET_MAX_PER_EMAIL = 1
    answers = {}
    for email in ("test@example.org", "onbekend@example.org"):
        first = client.post(reverse("password_reset"), {"email": email})
        second = client.post(reverse("password_reset"), {"email": email})
        answers[email] = (first.status_code, first.get("Location"), second.status_code)
    assert answers["test@example.org"] == answers["onbekend@example.org"]
    assert answers["onbekend@example.org"] == (302, reverse("password_reset_done"), 429)


def test_password_reset_requests_are_throttled_per_address(client, griffier, settings):
    settings.PASSWORD_RESET_MAX_PER_ADDRESS = 3
    for n in range(3):
        client.post(reverse("password_reset"), {"email": f"iemand-{n}@example.org"})
    response = client.post(reverse("password_reset"), {"email": "test@example.org"})
    assert response.status_code == 429
    assert mail.outbox == []
