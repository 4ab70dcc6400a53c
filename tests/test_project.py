"""The project's own promises: migrations complete, settings safe, base layout in Dutch."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"Missing migrations:\n{out.getvalue()} ({exc})")


def test_settings_are_dutch(settings):
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"


def test_secret_key_is_required(monkeypatch):
    import importlib
    import sys

    import environ

    monkeypatch.delenv("SECRET_KEY", raising=False)
    sys.modules.pop("config.settings.base", None)
    with pytest.raises(environ.ImproperlyConfigured):
        importlib.import_module("config.settings.base")
    sys.modules.pop("config.settings.base", None)


@pytest.mark.django_db
def test_base_layout_has_landmarks_and_no_cdn(client):
    response = client.get("/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    assert "<main" in html and "<header" in html and "<footer" in html
    assert "De Gids voor Regionale Samenwerking" in html
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html
    assert "https://" not in html.replace("https://www.w3.org", "")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
