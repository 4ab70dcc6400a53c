"""The results page of one assessment: overall score, completeness, score per theme,
gaps ordered by distance to the target with the Gids' practical items as starting points."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.constants import Perspective
from assessments.presentation import fmt_pct
from assessments.questionnaire.results import assessment_results
from assessments.scores import round_applicability
from partnerships.constants import LegalForm, Role
from principles.models import Recommendation
from tests.factories import make_assessment, make_next_step, make_partnership, make_round, make_user

# These tests are about other rules than which items a perspective may skip.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_item_asked")]

ANSWERS = {
    "A1.1": 4,
    "A1.2": 2,
    "A1.3": ("nvt", "Geen eigen taak."),
    "A1.4": "weet_niet",
    "A2.1": 0,
    "A2.2": 3,
    "A3.1": 1,
}


@pytest.fixture
def partnership(gids):
    return make_partnership(
        "GR Rivierenland", participants=["Gemeente Aalstad", "Gemeente Beekdorp"]
    )


@pytest.fixture
def assessment(partnership):
    round_ = make_round(partnership, period="2026")
    return make_assessment(
        round_, organisation="Gemeente Aalstad", perspective=Perspective.RAAD, answers=ANSWERS
    )


def results_page(client, assessment) -> str:
    response = client.get(f"/evaluaties/{assessment.pk}/resultaten/")
    assert response.status_code == 200
    return response.content.decode()


def gap_ids(html: str) -> list[str]:
    return re.findall(r'<section class="card mb-3" id="gap-(\w+)"', html)


def theme_row(html: str, code: str) -> str:
    return html.split(f'<tr data-theme="{code}">')[1].split("</tr>")[0]


def test_results_show_overall_completeness_and_theme_scores(client, assessment):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    html = results_page(client, assessment)
    # A1: (4 + 2) / 2 = 3 -> 75%; A2: (0 + 3) / 2 -> 37.5%; A3: 1 -> 25%; overall (75+37.5+25)/3
    assert "75%" in theme_row(html, "A1") and "2 van 4" in theme_row(html, "A1")
    assert "38%" in theme_row(html, "A2")
    assert "25%" in theme_row(html, "A3")
    assert "geen score" in theme_row(html, "A4")
    assert '<p class="display-6 mb-0" id="totaalscore">46%</p>' in html
    total = len(round_applicability(assessment.round).item_pairs())
    completeness = round(7 / total * 100, 1)
    assert f'id="volledigheid">{fmt_pct(completeness)}' in html
    assert f"7 van {total} aanbevelingen beantwoord" in html
    assert "nog een concept" in html


def test_gaps_are_ordered_by_distance_to_the_target_and_show_starting_points(client, assessment):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    html = results_page(client, assessment)
    # target 3: A2.1 (0) distance 3, A3.1 (1) distance 2, A1.2 (2) distance 1, then weet niet
    assert gap_ids(html) == ["A2_1", "A3_1", "A1_2", "A1_4"]
    gap = html.split('id="gap-A2_1"')[1].split("</section>")[0]
    assert "0 Niet" in gap and "3 punten onder de streefwaarde" in gap
    a21 = Recommendation.objects.get(theme__part__framework=assessment.round.framework, code="A2.1")
    assert a21.text in gap
    assert "Praktische uitwerking in de Gids" in gap
    for item in a21.practical_items.filter(parent__isnull=True):
        assert item.text in gap
    assert "Weet niet" in html.split('id="gap-A1_4"')[1].split("</section>")[0]


def test_a_higher_target_makes_more_gaps(client, assessment):
    assessment.round.target = 4
    assessment.round.save()
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    assert gap_ids(results_page(client, assessment)) == ["A2_1", "A3_1", "A1_2", "A2_2", "A1_4"]


def test_only_who_manages_next_steps_gets_the_button(client, assessment):
    from django.utils import timezone

    from assessments.constants import AssessmentStatus

    assessment.status, assessment.submitted_at = AssessmentStatus.SUBMITTED, timezone.now()
    assessment.save()  # a contramal reads the raad's assessment once it is submitted
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    assert "Maak hier een vervolgstap van" not in results_page(client, assessment)

    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation="Gemeente Aalstad"))
    html = results_page(client, assessment)
    gap = html.split('id="gap-A3_1"')[1].split("</section>")[0]
    assert f'href="/rondes/{assessment.round.pk}/vervolgstappen/nieuw/?aanbeveling=A3.1"' in gap


def test_a_gap_lists_its_existing_next_steps(client, assessment):
    step = make_next_step(
        assessment.round, description="Kaders opstellen met de raad.", recommendation="A2.1"
    )
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    gap = results_page(client, assessment).split('id="gap-A2_1"')[1].split("</section>")[0]
    assert "Kaders opstellen met de raad." in gap
    assert f'href="/vervolgstappen/{step.pk}/"' in gap


def test_no_answers_gives_no_score_and_no_gaps(client, partnership):
    empty = make_assessment(make_round(partnership, period="2027"), organisation="Gemeente Aalstad")
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    html = results_page(client, empty)
    assert 'id="totaalscore">—</p>' in html
    assert 'id="volledigheid">0%' in html
    assert "Er zijn geen verbeterpunten" in html


def test_excluded_recommendations_are_not_scored(gids):
    centrum = make_partnership(
        "Sociaal Domein Centrum",
        legal_form=LegalForm.CENTRUMREGELING,
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
        centre="Gemeente Aalstad",
    )
    assessment = make_assessment(
        make_round(centrum), organisation="Gemeente Aalstad", answers={"A5.7": 0, "A5.1": 4}
    )
    results = assessment_results(assessment)
    # A5.7 (the DB) is not scored: a centrumregeling has no DB of its own.
    assert [g.gap.id for g in results.gaps] == []
    assert results.score.theme("A5").score_pct == 100.0


def test_results_are_private_to_who_may_read_the_assessment(client, assessment):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Beekdorp"))
    assert client.get(f"/evaluaties/{assessment.pk}/resultaten/").status_code == 404


def test_the_results_page_runs_a_constant_number_of_queries(client, partnership):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation="Gemeente Aalstad"))
    codes = [
        code for code, _ in round_applicability(make_round(partnership, period="x")).item_pairs()
    ]
    few = make_assessment(
        make_round(partnership, period="2030"), organisation="Gemeente Aalstad", answers={"A1.1": 1}
    )
    many_round = make_round(partnership, period="2031")
    many = make_assessment(
        many_round, organisation="Gemeente Aalstad", answers={code: 0 for code in codes}
    )
    for code in codes[:5]:
        make_next_step(many_round, recommendation=code)
    results_page(client, few)  # warm up
    counts = []
    for assessment in (few, many):
        with CaptureQueriesContext(connection) as ctx:
            results_page(client, assessment)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
