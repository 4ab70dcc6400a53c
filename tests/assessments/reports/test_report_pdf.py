"""The PDF itself: a real PDF/UA-1 file with title and language, the expected length, every
assessed theme in its text; the download views; the URL fetcher; a failing WeasyPrint."""

import io
import logging

import pypdf
import pytest
from django.urls import reverse

from assessments.reports.assessment_report import build_assessment_report
from assessments.reports.pdf import (
    BASE_URL,
    RefusedURL,
    ReportRenderError,
    StaticFileFetcher,
    html_to_pdf,
    render_to_pdf,
)
from assessments.reports.render import render_report
from assessments.reports.round_report import build_round_report
from assessments.scores import round_applicability
from partnerships.constants import Role
from principles.models import Theme
from tests.assessments.reports.test_report_html import TODAY, make_report_scenario
from tests.factories import make_user


@pytest.fixture
def scenario(db):
    return make_report_scenario()


@pytest.fixture
def round_pdf(scenario) -> bytes:
    _html, pdf = render_report(build_round_report(scenario.round, today=TODAY))
    return pdf


def _text(reader: pypdf.PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_round_pdf_is_tagged_pdf_ua_with_title_and_language(scenario, round_pdf):
    assert round_pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(round_pdf))
    assert reader.metadata.title == "Raadsrapport Bedrijfsvoering Regio Test 2026"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    xmp = reader.xmp_metadata.stream.get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def test_round_pdf_has_the_expected_length_and_every_assessed_theme(scenario, round_pdf):
    reader = pypdf.PdfReader(io.BytesIO(round_pdf))
    applicable = round_applicability(scenario.round).applicable_themes()
    # Cover, contents, summary, themes, gaps (+ differences, steps, not assessed, method), and
    # an appendix with every applicable theme: short for this small round, never runaway.
    assert 6 <= len(reader.pages) <= 8 + len(applicable)
    text = _text(reader)
    titles = dict(
        Theme.objects.filter(part__framework=scenario.framework).values_list("code", "title")
    )
    for theme in applicable:
        title = " ".join(titles[theme.code].split())
        assert title.replace(" ", "") in text.replace(" ", ""), theme.code
    assert "Pagina 2 van" in text  # running footer with page numbers
    assert "44%" in text


def test_table_of_contents_has_page_numbers(round_pdf):
    reader = pypdf.PdfReader(io.BytesIO(round_pdf))
    contents = " ".join(reader.pages[1].extract_text().split())
    assert contents.startswith("Inhoud")
    # "Samenvatting ........ 3": the summary starts on page 3, after the cover and contents.
    assert "Samenvatting" in contents and contents.split("Samenvatting")[1].lstrip(". ")[0] == "3"


def test_assessment_pdf_renders_without_accessibility_errors(scenario, caplog):
    caplog.set_level(logging.ERROR, logger="weasyprint")
    html, pdf = render_report(build_assessment_report(scenario.aalstad, today=TODAY))
    assert pdf.startswith(b"%PDF")
    assert "<title>Zelfevaluatie Bedrijfsvoering Regio Test 2026" in html
    # WeasyPrint logs PDF/UA problems (an image without alt, no lang) as errors.
    assert [r.getMessage() for r in caplog.records if r.name == "weasyprint"] == []


# --- The download views ---------------------------------------------------------------------


def test_pdf_download_for_a_participant(client, scenario):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Beekdorp"))
    response = client.get(reverse("assessments:round_report_pdf", args=[scenario.round.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="regiespiegel-bedrijfsvoering-regio-test-2026-raadsrapport.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    response = client.get(reverse("assessments:report_pdf", args=[scenario.beekdorp.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_pdf_download_is_refused_for_another_organisation(client, scenario):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Elders"))
    assert (
        client.get(reverse("assessments:round_report_pdf", args=[scenario.round.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("assessments:report_pdf", args=[scenario.aalstad.pk])).status_code == 404
    )


def test_weasyprint_failure_gives_a_dutch_error_page_and_a_log_line(
    client, scenario, monkeypatch, caplog
):
    import weasyprint

    def broken(self, *args, **kwargs):
        raise RuntimeError("pango exploded")

    monkeypatch.setattr(weasyprint.HTML, "render", broken)
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    with caplog.at_level(logging.ERROR):
        response = client.get(reverse("assessments:round_report_pdf", args=[scenario.round.pk]))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Het rapport kon niet worden gemaakt" in html
    assert reverse("assessments:round_report_preview", args=[scenario.round.pk]) in html
    messages = [r.getMessage() for r in caplog.records]
    assert any("WeasyPrint failed" in m for m in messages)
    assert any("Report PDF failed: RoundReport" in m for m in messages)


# --- The URL fetcher and the entry point ----------------------------------------------------


def test_fetcher_serves_our_static_files_from_disk():
    response = StaticFileFetcher()(f"{BASE_URL}static/css/report.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/tracker.png",
        "http://127.0.0.1:8000/static/css/report.css",
        "file:///etc/passwd",
        f"{BASE_URL}media/secret.pdf",
        f"{BASE_URL}static/../config/settings/base.py",
        f"{BASE_URL}static/%2e%2e/config/settings/base.py",
        f"{BASE_URL}static/css/does-not-exist.css",
    ],
)
def test_fetcher_refuses_every_other_url(url):
    fetcher = StaticFileFetcher()
    with pytest.raises(RefusedURL):
        fetcher(url)
    assert fetcher.refused == [url]


def test_external_urls_in_a_document_are_refused_not_fetched(monkeypatch):
    import socket

    connections: list[object] = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, addr: connections.append(addr))
    seen: list[str] = []
    original = StaticFileFetcher.fetch

    def spy(self, url, headers=None):
        seen.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticFileFetcher, "fetch", spy)
    pdf, pages = html_to_pdf(
        '<html lang="nl"><head><title>Proef</title>'
        '<link rel="stylesheet" href="https://example.org/evil.css">'
        '<link rel="stylesheet" href="/static/css/report.css"></head>'
        '<body><h1>Proef</h1><img src="https://example.org/pixel.png" alt="pixel"></body></html>'
    )
    assert pdf.startswith(b"%PDF") and pages >= 1
    assert seen[0] == "https://example.org/evil.css"
    assert f"{BASE_URL}static/css/report.css" in seen
    assert "https://example.org/pixel.png" in seen
    assert connections == []


def test_render_to_pdf_returns_the_html_it_rendered():
    html, pdf = render_to_pdf("assessments/report/_method.html", {"report": None})
    assert '<section id="werkwijze"' in html
    assert pdf.startswith(b"%PDF")


def test_html_to_pdf_raises_a_render_error_when_weasyprint_fails(monkeypatch):
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "render", lambda self, **kw: 1 / 0)
    with pytest.raises(ReportRenderError):
        html_to_pdf('<html lang="nl"><head><title>x</title></head><body>x</body></html>')


def test_a_draft_says_concept_in_the_running_header(scenario):
    _html, pdf = render_report(build_assessment_report(scenario.draft, today=TODAY))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert "CONCEPT" in reader.pages[2].extract_text()
    assert "CONCEPT" not in reader.pages[0].extract_text()  # the cover has no running header
