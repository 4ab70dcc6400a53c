"""An unchanged report is served from the cache, not made again by WeasyPrint; a changed
answer gives a new PDF; rights are checked on every request, cached or not."""

import pytest
from django.urls import reverse

from assessments.models import Answer
from assessments.reports import render
from partnerships.constants import Role
from tests.assessments.reports.test_report_html import make_report_scenario
from tests.factories import make_user


@pytest.fixture
def scenario(db):
    return make_report_scenario()


@pytest.fixture
def report_cache(settings, request):
    """A real, empty cache for the reports (the test settings use a dummy one)."""
    settings.CACHES = {
        **settings.CACHES,
        render.CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"reports-{request.node.name}",
        },
    }
    yield
    from django.core.cache import caches

    caches[render.CACHE_ALIAS].clear()


@pytest.fixture
def weasyprint_calls(monkeypatch):
    """Counts the calls to our HTML-to-PDF step; each call still makes the real PDF."""
    calls: list[str] = []
    real = render.html_to_pdf

    def spy(html: str):
        calls.append(html)
        return real(html)

    monkeypatch.setattr(render, "html_to_pdf", spy)
    return calls


def _griffier(organisation: str):
    return make_user(Role.GRIFFIER, organisation=organisation)


def test_the_second_download_of_an_unchanged_report_is_not_made_again(
    client, scenario, report_cache, weasyprint_calls
):
    client.force_login(_griffier("Gemeente Beekdorp"))
    url = reverse("assessments:round_report_pdf", args=[scenario.round.pk])
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert second["Content-Type"] == "application/pdf"
    assert first.content == second.content and first.content.startswith(b"%PDF")
    assert len(weasyprint_calls) == 1


def test_a_changed_answer_gives_a_new_pdf(client, scenario, report_cache, weasyprint_calls):
    client.force_login(_griffier("Gemeente Beekdorp"))
    url = reverse("assessments:report_pdf", args=[scenario.beekdorp.pk])
    before = client.get(url).content
    answer = Answer.objects.filter(assessment=scenario.beekdorp, score=3).first()
    answer.score = 1
    answer.save()
    after = client.get(url).content
    assert len(weasyprint_calls) == 2
    assert before != after and after.startswith(b"%PDF")
    assert client.get(url).content == after  # and that one is cached in turn
    assert len(weasyprint_calls) == 2


def test_a_cached_pdf_is_still_refused_to_someone_without_rights(
    client, scenario, report_cache, weasyprint_calls
):
    url = reverse("assessments:round_report_pdf", args=[scenario.round.pk])
    client.force_login(_griffier("Gemeente Beekdorp"))
    assert client.get(url).status_code == 200
    client.force_login(_griffier("Gemeente Elders"))
    response = client.get(url)
    assert response.status_code == 404
    assert b"%PDF" not in response.content
    assert len(weasyprint_calls) == 1
