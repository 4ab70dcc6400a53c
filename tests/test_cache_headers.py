"""Nothing a signed-in user saw stays behind in a cache: every page for a signed-in user and
every download (PDF, CSV, Excel) says `Cache-Control: private, no-store`. Static files keep
their own cache headers; the public Gids pages stay cacheable for anonymous visitors."""

import pytest
from django.urls import reverse

from partnerships.constants import Role
from tests.assessments.reports.test_report_html import make_report_scenario
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


def directives(response) -> set[str]:
    return {d.strip() for d in response.get("Cache-Control", "").split(",") if d.strip()}


@pytest.fixture
def scenario(gids):
    return make_report_scenario()


@pytest.fixture
def griffier(client, scenario):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Beekdorp"))
    return client


def test_pages_for_a_signed_in_user_are_not_stored(griffier, scenario):
    for url in (
        reverse("assessments:list"),
        reverse("assessments:results", args=[scenario.beekdorp.pk]),
        reverse("assessments:round", args=[scenario.round.pk]),
        reverse("principles:index"),  # public, but with the user's name in the header
    ):
        response = griffier.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PRIVATE, url


def test_every_download_is_not_stored(griffier, scenario):
    downloads = {
        "pdf": reverse("assessments:round_report_pdf", args=[scenario.round.pk]),
        "csv": reverse("assessments:export_csv", args=[scenario.beekdorp.pk]),
        "xlsx": reverse("assessments:export_xlsx", args=[scenario.beekdorp.pk]),
        "round csv": reverse("assessments:next_steps_export_csv", args=[scenario.round.pk]),
        "round xlsx": reverse("assessments:next_steps_export_xlsx", args=[scenario.round.pk]),
    }
    for kind, url in downloads.items():
        response = griffier.get(url)
        assert response.status_code == 200, kind
        assert response["Content-Disposition"].startswith("attachment"), kind
        assert response["Cache-Control"] == PRIVATE, kind
    pdf = griffier.get(downloads["pdf"])
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_overview_download_is_not_stored(client, scenario):
    client.force_login(make_user(Role.BEHEERDER))
    response = client.get(reverse("assessments:dashboard_export"))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_the_login_page_still_works_and_is_never_cached(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()
    # Django's own never_cache header is kept as it is: it already forbids storing.
    assert {"no-store", "private"} <= directives(response)


def test_a_public_gids_page_stays_cacheable_for_anonymous_visitors(client, gids):
    response = client.get(reverse("principles:theme", args=["A1"]))
    assert response.status_code == 200
    assert "no-store" not in directives(response)
    # A cache must not hand the anonymous page to a signed-in user (or the other way round).
    assert "Cookie" in response.get("Vary", "")


@pytest.mark.parametrize("signed_in", [False, True])
def test_static_files_keep_their_own_cache_headers(client, settings, signed_in):
    # Serve from the source folders (no collectstatic in tests); read when the client's
    # middleware is built, at its first request below.
    settings.WHITENOISE_USE_FINDERS = True
    if signed_in:
        client.force_login(make_user(Role.BEHEERDER))
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)
    assert "no-store" not in directives(response)
    assert "public" in directives(response)
    assert any(d.startswith("max-age=") for d in directives(response))
