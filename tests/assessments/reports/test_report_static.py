"""The report's stylesheet in production: with the manifest storage the page links the hashed
name that collectstatic wrote, and the PDF fetcher must find it there."""

import logging
import re

import pytest
from django.core.management import call_command
from django.templatetags.static import static

from assessments.reports.pdf import BASE_URL, StaticFileFetcher
from assessments.reports.render import render_report
from assessments.reports.round_report import build_round_report
from tests.assessments.reports.test_report_html import TODAY, make_report_scenario

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = PRODUCTION_STORAGES
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_the_fetcher_serves_the_hashed_stylesheet(collected):
    url = static("css/report.css")
    assert re.fullmatch(r"/static/css/report\.[0-9a-f]{12}\.css", url), url
    response = StaticFileFetcher().fetch(BASE_URL.rstrip("/") + url)
    assert b"@page" in response.read()


@pytest.mark.django_db
def test_a_production_report_pdf_is_styled(collected, caplog):
    scenario = make_report_scenario()
    with caplog.at_level(logging.WARNING, logger="assessments.reports.pdf"):
        html, pdf = render_report(build_round_report(scenario.round, today=TODAY))
    assert pdf.startswith(b"%PDF-")
    assert re.search(r'href="/static/css/report\.[0-9a-f]{12}\.css"', html)
    refused = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert refused == []
