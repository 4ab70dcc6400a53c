"""A database outage gives a calm Dutch 503 page, never a traceback (config/middleware_db.py)."""

import pytest
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.db.backends import utils as db_utils
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from config.middleware_db import bad_request, is_database_outage, server_error
from partnerships.constants import Role
from tests.factories import make_user

MIDDLEWARE_PATH = "config.middleware_db.DatabaseUnavailableMiddleware"


def _raise(exc: Exception):
    def view(request):
        raise exc

    return view


def _touch_session(request):
    request.session["bezocht"] = request.session.get("bezocht", 0) + 1
    return HttpResponse("goed")


urlpatterns = [
    path("weg/", _raise(OperationalError("connection to server failed: Connection refused"))),
    path("dicht/", _raise(InterfaceError("connection already closed"))),
    path("fout/", _raise(ValueError("a bug, not an outage"))),
    path("goed/", lambda request: HttpResponse("goed")),
    path("sessie/", _touch_session),
]
handler400 = "config.middleware_db.bad_request"
handler500 = "config.middleware_db.server_error"


@pytest.fixture
def outage_settings(settings):
    if MIDDLEWARE_PATH not in settings.MIDDLEWARE:
        middleware = list(settings.MIDDLEWARE)
        session = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
        settings.MIDDLEWARE = [*middleware[:session], MIDDLEWARE_PATH, *middleware[session:]]
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    return settings


def test_the_app_is_configured_with_the_outage_middleware():
    middleware = list(settings.MIDDLEWARE)
    assert MIDDLEWARE_PATH in middleware, (
        f"add {MIDDLEWARE_PATH!r} to MIDDLEWARE in config/settings/base.py "
        "(after WhiteNoiseMiddleware, before SessionMiddleware)"
    )
    session = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert middleware.index(MIDDLEWARE_PATH) < session, "it must come before SessionMiddleware"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/weg/", "/dicht/"])
def test_a_lost_database_gives_a_dutch_503_page(outage_settings, client, url):
    response = client.get(url)
    assert response.status_code == 503
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Regiespiegel is even niet beschikbaar" in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_other_errors_stay_errors(outage_settings, client):
    client.raise_request_exception = False
    assert client.get("/fout/").status_code == 500
    assert client.get("/goed/").status_code == 200


@pytest.mark.django_db
def test_a_database_that_stops_answering_mid_request_gives_503_on_a_real_page(
    outage_settings, client, monkeypatch
):
    """Every SELECT fails, as when PostgreSQL restarts: the dashboard and login answer 503."""
    outage_settings.ROOT_URLCONF = "config.urls"
    client.force_login(make_user(Role.GEMEENTESECRETARIS))
    real_execute = db_utils.CursorWrapper.execute

    def failing_execute(self, sql, params=None):
        if sql.lstrip().upper().startswith("SELECT"):
            raise OperationalError("terminating connection due to administrator command")
        return real_execute(self, sql, params)

    monkeypatch.setattr(db_utils.CursorWrapper, "execute", failing_execute)
    client.raise_request_exception = False
    for url in ("/dashboard/", "/evaluaties/", "/samenwerkingsverbanden/"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert "even niet beschikbaar" in response.content.decode()
    monkeypatch.undo()
    assert client.get("/dashboard/").status_code == 200


def test_handlers_answer_503_for_an_outage_and_400_or_500_otherwise(rf):
    request = rf.get("/")
    try:
        raise OperationalError("could not connect to server")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert "even niet beschikbaar" in response.content.decode()
    try:
        raise KeyError("bug")
    except KeyError:
        response = server_error(request)
    assert response.status_code == 500
    assert bad_request(request, SuspiciousOperation("odd input")).status_code == 400


@pytest.mark.django_db
def test_a_session_lost_with_the_database_gives_503_not_400(outage_settings, client, monkeypatch):
    """The view worked, then saving the session fails: Django makes that UpdateError, then
    SessionInterrupted (a 400); handler400 recognises the outage behind it."""
    client.force_login(make_user(Role.GRIFFIER))
    real_execute = db_utils.CursorWrapper.execute

    def failing_execute(self, sql, params=None):
        if sql.lstrip().upper().startswith("UPDATE") and "django_session" in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return real_execute(self, sql, params)

    monkeypatch.setattr(db_utils.CursorWrapper, "execute", failing_execute)
    client.raise_request_exception = False
    response = client.get("/sessie/")
    assert response.status_code == 503
    assert "even niet beschikbaar" in response.content.decode()
    monkeypatch.undo()
    assert client.get("/sessie/").status_code == 200


def test_the_app_handles_400_and_500_with_the_outage_handlers():
    from config import urls

    assert getattr(urls, "handler400", None) == "config.middleware_db.bad_request", (
        'set handler400 = "config.middleware_db.bad_request" in config/urls.py'
    )
    assert getattr(urls, "handler500", None) == "config.middleware_db.server_error", (
        'set handler500 = "config.middleware_db.server_error" in config/urls.py'
    )


def test_an_outage_wrapped_in_another_error_is_recognised():
    try:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as exc:
            raise RuntimeError("while rendering") from exc
    except RuntimeError as wrapped:
        assert is_database_outage(wrapped)
    assert not is_database_outage(ValueError("x"))


@override_settings(DEBUG=False)
def test_the_503_page_needs_no_database(django_assert_num_queries, db):
    from config.middleware_db import database_unavailable_response

    with django_assert_num_queries(0):
        response = database_unavailable_response()
    assert response.status_code == 503
