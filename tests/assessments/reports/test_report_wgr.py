"""The report's chapter "Wettelijk verplicht (Wgr)": the check of the regeling, apart from
the scores, with the date it last changed; in the assessment's and the round's report, not
for network cooperation."""

import pytest

from assessments.reports.assessment_report import build_assessment_report
from assessments.reports.render import render_report_html
from assessments.reports.round_report import build_round_report
from partnerships.constants import LegalForm, WgrClauseCode
from partnerships.models import WgrClause
from tests.assessments.reports.test_report_html import TODAY, make_report_scenario
from tests.factories import make_assessment, make_partnership, make_round

pytestmark = pytest.mark.django_db


def test_the_round_report_has_the_wgr_chapter_apart_from_the_scores():
    s = make_report_scenario()
    partnership = s.round.partnership
    WgrClause.objects.create(
        partnership=partnership, code=WgrClauseCode.UITTREDING, status="nee", note="Ontbreekt."
    )
    WgrClause.objects.create(
        partnership=partnership, code=WgrClauseCode.EVALUATIE, status="ja", article="art. 31"
    )
    report = build_round_report(s.round, today=TODAY)
    assert report.wgr is not None
    html = render_report_html(report)
    chapter = html.split('id="wgr"')[1].split("</section>")[0]
    assert "Wettelijk verplicht (Wgr)" in chapter
    assert "telt niet mee in de scores" in chapter
    assert "Regeling voldoet niet aan de Wgr: 1 onderdeel ontbreekt." in chapter
    assert "Nee — ontbreekt" in chapter
    assert "art. 31" in chapter
    assert "Laatst gewijzigd op" in chapter
    assert '<a href="#wgr">Wettelijk verplicht (Wgr)</a>' in html
    # a bedrijfsvoeringsorganisatie: no adviescommissie
    assert "adviescommissie" in chapter.split("Geldt niet voor deze vorm")[1]
    # the scores are the same with or without the check
    WgrClause.objects.all().delete()
    again = build_round_report(s.round, today=TODAY)
    assert [t.score_label for t in again.themes] == [t.score_label for t in report.themes]
    assert "Nog niet ingevuld" in render_report_html(again)


def test_the_assessment_report_has_the_chapter_too():
    s = make_report_scenario()
    html = render_report_html(build_assessment_report(s.aalstad, today=TODAY))
    assert 'id="wgr"' in html
    assert "Van 5 verplichte onderdelen is niet bekend" in html


def test_network_cooperation_has_no_wgr_chapter(gids):
    network = make_partnership(legal_form=LegalForm.CONVENANT)
    round_ = make_round(network)
    assessment = make_assessment(
        round_, organisation=network.participations.first().organisation, submitted=True
    )
    report = build_assessment_report(assessment, today=TODAY)
    assert report.wgr is None
    assert 'id="wgr"' not in render_report_html(report)
