"""Nothing misleading reaches the council: a report of a round with nothing submitted says so,
an open round's report says "voorlopig" on every page, overdue steps of the previous round are
listed, percentages are whole, the total stands beside the raad's, the bestuur's and the
organisation's scores, and pages and PDFs use the same words."""

import io
import re
from datetime import date

import pypdf
import pytest
from django.urls import reverse

from assessments.constants import NextStepStatus, Perspective, RoundStatus
from assessments.models import Assessment, AssessmentRound, NextStep
from assessments.presentation import GLOSSARY, term
from assessments.reports.assessment_report import build_assessment_report
from assessments.reports.render import render_report, render_report_html
from assessments.reports.round_report import build_round_report
from partnerships.constants import Role
from tests.assessments.reports.test_report_html import (
    TODAY,
    _answer,
    _submitted,
    make_report_scenario,
    report_framework,
    section,
    text,
)
from tests.factories import make_partnership, make_user

OLD_STEP = "Jaarverslag van de regeling bespreken in de auditcommissie"
PROVISIONAL = "Voorlopig: stand van 10 maart 2026, 2 van 3 ingediend"
# "60,9%", "+6,3 procentpunt": a decimal comma in a percentage or a change of points.
DECIMAL_PCT = re.compile(r"\d,\d\s*(%|procentpunt)")


def _pages(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


@pytest.fixture
def scenario(db):
    return make_report_scenario()


@pytest.fixture
def empty_round(db) -> AssessmentRound:
    """An open round of a partnership with three invited respondents, none submitted, and a
    closed previous round with a step past its date."""
    framework = report_framework()
    partnership = make_partnership(
        "Lege Regeling Test", participants=["Gemeente Aalstad", "Gemeente Beekdorp"]
    )
    previous = AssessmentRound.objects.create(
        partnership=partnership,
        period="2025",
        framework=framework,
        opens_on=date(2025, 1, 6),
        due_on=date(2025, 3, 1),
        status=RoundStatus.CLOSED,
    )
    NextStep.objects.create(
        round=previous,
        description=OLD_STEP,
        owner="Griffier Gemeente Aalstad",
        due_on=date(2025, 12, 1),
        status=NextStepStatus.BEZIG,
    )
    round_ = AssessmentRound.objects.create(
        partnership=partnership,
        period="2026",
        framework=framework,
        opens_on=date(2026, 1, 5),
        due_on=date(2026, 3, 1),
        previous=previous,
    )
    for participation in partnership.participations.all():
        Assessment.objects.create(
            round=round_, participation=participation, perspective=Perspective.RAAD
        )
    Assessment.objects.create(round=round_, perspective=Perspective.DB)
    return round_


# --- A round with nothing submitted -------------------------------------------------------


def test_report_of_a_round_without_submissions_says_so_and_has_no_result_chapters(empty_round):
    html = render_report_html(build_round_report(empty_round, today=TODAY))
    cover = text(html[html.index('<section class="cover"') : html.index('<nav class="toc"')])
    assert "Nog niets ingediend." in cover
    assert "0 van 3 zelfevaluaties ingediend" in cover
    summary = text(section(html, "samenvatting"))
    assert (
        "Nog geen van de 3 uitgenodigde respondenten heeft de zelfevaluatie ingediend." in summary
    )
    assert "Er zijn dus nog geen scores, verbeterpunten of verschillen van inzicht." in summary
    # Nothing is concluded from the absence of answers.
    assert "geen verbeterpunten" not in text(html)
    assert "Totaalscore" not in summary
    for chapter in ("themas", "verbeterpunten", "verschillen", "bijlage"):
        assert f'id="{chapter}"' not in html and f'href="#{chapter}"' not in html
    for chapter in ("samenvatting", "vervolgstappen", "niet-beoordeeld", "werkwijze"):
        assert f'<section id="{chapter}"' in html


def test_pdf_of_a_round_without_submissions_is_short_and_says_so(empty_round):
    _html, pdf = render_report(build_round_report(empty_round, today=TODAY))
    pages = _pages(pdf)
    whole = " ".join(pages)
    assert "Nog niets ingediend." in pages[0]
    assert "Er zijn geen verbeterpunten" not in whole
    assert "alle aanbevelingen halen" not in whole
    assert "Bijlage: alle antwoorden" not in whole
    assert len(pages) <= 6


def test_overdue_steps_of_the_previous_round_are_listed(empty_round):
    html = render_report_html(build_round_report(empty_round, today=TODAY))
    steps = text(section(html, "vervolgstappen"))
    assert "Over de datum uit de vorige ronde (2025)" in steps
    assert OLD_STEP in steps and "1 december 2025" in steps
    assert "over de datum en nog niet afgerond" in text(section(html, "samenvatting"))


def test_finished_steps_of_the_previous_round_are_not_listed_as_overdue(empty_round):
    NextStep.objects.filter(description=OLD_STEP).update(status=NextStepStatus.AFGEROND)
    html = render_report_html(build_round_report(empty_round, today=TODAY))
    assert OLD_STEP not in html


# --- An open round: provisional on every page ---------------------------------------------


def test_every_page_of_an_open_rounds_report_says_provisional_with_date_and_count(scenario):
    _html, pdf = render_report(build_round_report(scenario.round, today=TODAY))
    pages = _pages(pdf)
    assert len(pages) > 5
    for number, page in enumerate(pages, start=1):
        assert PROVISIONAL in page, f"pagina {number}"


def test_a_closed_rounds_report_is_not_provisional(scenario):
    AssessmentRound.objects.filter(pk=scenario.round.pk).update(status=RoundStatus.CLOSED)
    scenario.round.refresh_from_db()
    _html, pdf = render_report(build_round_report(scenario.round, today=TODAY))
    assert "Voorlopig" not in " ".join(_pages(pdf))


# --- Honest precision and fair totals ------------------------------------------------------


def test_report_pdf_shows_whole_percentages_only(scenario):
    _html, pdf = render_report(build_round_report(scenario.round, today=TODAY))
    whole = " ".join(_pages(pdf))
    assert "Totaalscore 44%" in whole
    assert "(+6 procentpunt)" in whole
    assert not DECIMAL_PCT.search(whole), DECIMAL_PCT.search(whole)


def _add_dagelijks_bestuur(scenario) -> Assessment:
    """A dagelijks bestuur that scores every item of the first theme 4."""
    db = _submitted(scenario.round, None, Perspective.DB)
    for code in scenario.t1.items:
        _answer(db, scenario.framework, code, 4)
    return db


def test_round_report_shows_the_perspectives_beside_the_total(scenario):
    _add_dagelijks_bestuur(scenario)
    html = render_report_html(build_round_report(scenario.round, today=TODAY))
    themes = section(html, "themas")
    assert "Totaalscore en score per perspectief" in themes
    assert "Raad: 2 respondenten" in themes
    assert "Bestuur (AB, DB, college): 1 respondent" in themes
    assert "Organisatie (directeur, contramal): 0 respondenten" in themes
    # t1: raad 2 and 3 -> 62,5% (63%); the DB alone 4 -> 100%; all three together: 75%.
    table = themes[themes.index("perspectives-table") :]
    row = table[table.index(f'<th scope="row">{scenario.t1.code} ') :]
    row = text(row[: row.index("</tr>")])
    assert row.endswith("75% 63% 100% — ")
    summary = text(section(html, "samenvatting"))
    assert "Het totaal weegt elke respondent even zwaar. Per perspectief: Raad: 44%" in summary
    method = text(section(html, "werkwijze"))
    assert "weegt elke ingediende zelfevaluatie even zwaar" in method
    assert "de raad; het bestuur (algemeen bestuur, dagelijks bestuur, college); de " in method


def test_round_page_shows_the_perspectives_beside_the_total_in_whole_percentages(client, scenario):
    _add_dagelijks_bestuur(scenario)
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    response = client.get(reverse("assessments:round_compare", args=[scenario.round.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    table = html[
        html.index('id="perspectieven-tabel"') : html.index(
            "</table>", html.index('id="perspectieven-tabel"')
        )
    ]
    assert "Raad: 2 respondenten" in table and "Bestuur (AB, DB, college): 1 respondent" in table
    row = table[table.index(f"{scenario.t1.code} ") :]
    assert text(row[: row.index("</tr>")]).strip().endswith("75% 63% 100% —")
    assert not DECIMAL_PCT.search(text(html))


def test_results_page_shows_whole_percentages(client, scenario):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    html = text(
        client.get(reverse("assessments:results", args=[scenario.aalstad.pk])).content.decode()
    )
    assert not DECIMAL_PCT.search(html), DECIMAL_PCT.search(html)


# --- Same numbers, same words --------------------------------------------------------------


def test_results_page_and_pdf_use_the_same_words(client, scenario):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    page = text(
        client.get(reverse("assessments:results", args=[scenario.aalstad.pk])).content.decode()
    )
    _html, pdf = render_report(build_assessment_report(scenario.aalstad, today=TODAY))
    report = " ".join(_pages(pdf))
    for key in ("total", "answered", "scored", "target"):
        assert term(key).lower() in page.lower(), key
        assert term(key) in report, key
    for stray in ("Streefscore", "streefscore", "Volledigheid"):
        assert stray not in page and stray not in report
    # The theme table counts the same thing under the same heading: scored of applicable.
    t1 = len(scenario.t1.items)
    assert f"{t1} van {t1}" in page and f"{t1} van {t1}" in report
    # The method chapter explains the words.
    assert GLOSSARY["scored"].meaning in report.replace("- ", "")


def test_a_respondent_who_has_not_started_is_niet_begonnen_on_every_page(client, scenario):
    AssessmentRound.objects.filter(pk=scenario.round.pk).update(due_on=date(2099, 1, 1))
    Assessment.objects.create(
        round=scenario.round,
        participation=scenario.beekdorp.participation,
        perspective=Perspective.CONTRAMAL,
    )
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    round_page = client.get(reverse("assessments:round", args=[scenario.round.pk]))
    assert term("not_started") in round_page.content.decode()
    assert ">Uitgenodigd<" not in round_page.content.decode()
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation="Gemeente Aalstad"))
    dashboard = client.get(
        reverse("assessments:partnership_dashboard", args=[scenario.round.partnership.pk])
    )
    assert term("not_started") in dashboard.content.decode()
