"""Answers copied from the previous round are a starting point, not an answer of this round:
until the respondent confirms or changes them they count as open wherever progress and
completeness show (pages, exports, start page, dashboards), the overview and the submit page
say how many there are and where, and submitting is refused."""

import io
import json
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from assessments import scoring
from assessments.constants import AssessmentStatus, Perspective
from assessments.dashboard.page import build_dashboard
from assessments.dashboard.state import RoundState
from assessments.models import Answer, Assessment, AssessmentEvent
from assessments.rounds.services import round_start_next
from assessments.scores import round_applicability
from partnerships.constants import Role
from partnerships.models import Partnership
from tests.factories import make_assessment, make_partnership, make_round, make_user

# These tests are about other rules than which items a perspective may skip.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_item_asked")]


@pytest.fixture
def copied(gids) -> Assessment:
    """The raad's draft in the 2026 round: every applicable item copied from its fully
    answered 2025 assessment, none confirmed yet."""
    partnership = make_partnership("GR Copyland", participants=["Gemeente Aalstad"])
    old = make_round(partnership, period="2025", opens_on=date(2025, 3, 1))
    codes = [code for code, _ in round_applicability(old).item_pairs()]
    make_assessment(
        old,
        organisation="Gemeente Aalstad",
        submitted=True,
        answers={code: 3 for code in codes},
    )
    today = date.today()
    new = round_start_next(
        old, period="2026", opens_on=today - timedelta(days=1), due_on=today + timedelta(days=30)
    )
    return new.assessments.get(perspective=Perspective.RAAD)


def _themes(assessment: Assessment) -> list[str]:
    return list(
        dict.fromkeys(theme for _, theme in round_applicability(assessment.round).item_pairs())
    )


def _applicable(assessment: Assessment) -> int:
    return len(round_applicability(assessment.round).item_pairs())


@pytest.fixture
def griffier_client(client, copied):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    return client


def _export(assessment: Assessment) -> dict:
    out = io.StringIO()
    call_command("export_assessment", str(assessment.pk), "--json", stdout=out)
    return json.loads(out.getvalue())


def test_a_copied_answer_is_not_answered_until_confirmed():
    items = [
        scoring.Item("A1.1", "A1", 3, taken_over=True),
        scoring.Item("A1.2", "A1", 2),
        scoring.Item("A1.3", "A1", None, taken_over=True),
    ]
    score = scoring.score_assessment(items, target=3)
    assert (score.answered, score.unconfirmed, score.applicable) == (1, 1, 3)
    assert score.completeness_pct == pytest.approx(33.3)
    assert [i.id for i in scoring.unconfirmed(items)] == ["A1.1"]
    assert [i.id for i in scoring.missing(items)] == ["A1.3"]


def test_overview_shows_copied_answers_as_open_with_links(griffier_client, copied):
    n = _applicable(copied)
    html = griffier_client.get(reverse("assessments:detail", args=[copied.pk])).content.decode()
    assert f"0 van {n} beantwoord (0%)" in html
    assert f"{n} antwoorden zijn overgenomen uit de vorige ronde en nog niet bevestigd" in html
    first = _themes(copied)[0]
    assert f'href="/evaluaties/{copied.pk}/thema/{first}/#overgenomen"' in html
    # no submit button while anything is open
    assert "Zelfevaluatie indienen</button>" not in html


def test_theme_page_counts_copied_answers_as_open(griffier_client, copied):
    first = _themes(copied)[0]
    html = griffier_client.get(
        reverse("assessments:theme", args=[copied.pk, first])
    ).content.decode()
    assert f'Thema {first}: <span class="progress-label">0 van' in html
    assert 'id="overgenomen"' in html and "Alles in dit thema ongewijzigd bevestigen" in html


def test_submit_is_refused_while_copied_answers_are_unconfirmed(griffier_client, copied):
    url = reverse("assessments:submit", args=[copied.pk])
    page = griffier_client.get(url).content.decode()
    assert 'id="onbevestigd"' in page
    for theme in _themes(copied):
        assert f'href="/evaluaties/{copied.pk}/thema/{theme}/#overgenomen"' in page
    assert "Zelfevaluatie indienen</button>" not in page

    response = griffier_client.post(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "U kunt nog niet indienen" in html and "nog niet bevestigd" in html
    copied.refresh_from_db()
    assert copied.status == AssessmentStatus.DRAFT
    assert not AssessmentEvent.objects.filter(assessment=copied).exists()


def test_confirming_each_theme_or_changing_an_answer_allows_submitting(griffier_client, copied):
    themes = _themes(copied)
    # one answer changed on its own theme page, the rest confirmed per theme
    answer = Answer.objects.get(
        assessment=copied, recommendation__code=round_applicability(copied.round).item_pairs()[0][0]
    )
    code = answer.recommendation.code
    griffier_client.post(
        reverse("assessments:answer_save", args=[copied.pk, code]),
        {f"{code.replace('.', '_')}-value": "4", f"{code.replace('.', '_')}-version": "1"},
    )
    answer.refresh_from_db()
    assert (answer.score, answer.is_taken_over) == (4, False)
    for theme in themes[:-1]:
        griffier_client.post(reverse("assessments:confirm_taken_over", args=[copied.pk, theme]))
    # one theme left: still refused
    assert griffier_client.post(reverse("assessments:submit", args=[copied.pk])).status_code == 400
    griffier_client.post(reverse("assessments:confirm_taken_over", args=[copied.pk, themes[-1]]))

    response = griffier_client.post(reverse("assessments:submit", args=[copied.pk]))
    assert response.status_code == 302
    copied.refresh_from_db()
    assert copied.status == AssessmentStatus.SUBMITTED


def test_exports_count_copied_answers_as_open(griffier_client, copied):
    data = _export(copied)
    assert data["completeness_pct"] == 0.0
    # the copied values still show as the starting point they are
    assert {a["value"] for a in data["answers"]} == {3}

    first = _themes(copied)[0]
    in_first = sum(1 for _, t in round_applicability(copied.round).item_pairs() if t == first)
    griffier_client.post(reverse("assessments:confirm_taken_over", args=[copied.pk, first]))
    expected = round(in_first / _applicable(copied) * 100, 1)
    assert _export(copied)["completeness_pct"] == expected

    response = griffier_client.get(reverse("assessments:export_xlsx", args=[copied.pk]))
    sheet = load_workbook(BytesIO(response.content))["Samenvatting"]
    totals = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert totals["Beantwoord (%)"] == expected


def test_results_page_counts_copied_answers_as_open(griffier_client, copied):
    html = griffier_client.get(reverse("assessments:results", args=[copied.pk])).content.decode()
    assert f"0 van {_applicable(copied)} aanbevelingen beantwoord" in html
    assert 'id="onbevestigd"' in html


def test_start_page_and_dashboards_count_copied_answers_as_open(client, griffier_client, copied):
    n = _applicable(copied)
    home = griffier_client.get("/").content.decode()
    assert f"0 van {n} beantwoord (0%)" in home
    listed = griffier_client.get(reverse("assessments:list")).content.decode()
    assert '<td class="progress-label">0</td>' in listed

    partnership = copied.round.partnership
    client.force_login(make_user(Role.DIRECTEUR, partnership=partnership))
    page = client.get(
        reverse("assessments:partnership_dashboard", args=[partnership.pk])
    ).content.decode()
    assert f"0 van {n} (0%)" in page and "Niet begonnen" in page
    round_page = client.get(reverse("assessments:round", args=[copied.round.pk])).content.decode()
    assert f"0 van {n} (0%)" in round_page and f"{n} overgenomen, nog niet bevestigd" in round_page

    overview = build_dashboard(
        Partnership.objects.filter(pk=partnership.pk), organisation=None, today=date.today()
    )
    assert overview.rows[0].state == RoundState.NOT_STARTED
