"""The overview over all partnerships (gemeentesecretaris): the state of each current round,
the scores against hand-computed ones, filters and orders, the Excel export and a query count
that does not grow with the number of partnerships."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from assessments.constants import Perspective, RoundStatus
from assessments.dashboard.facts import RoundFacts, RoundProgress
from assessments.dashboard.page import build_dashboard
from assessments.dashboard.state import RoundState, next_evaluation_due, round_state
from assessments.presentation import pct_heat_class
from assessments.scores import round_score
from partnerships.constants import Role
from partnerships.dates import add_years
from partnerships.models import Partnership
from tests.assessments.dashboard.conftest import DRAFT_SECRET, TODAY
from tests.factories import (
    make_assessment,
    make_next_step,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db


# --- Pure rules --------------------------------------------------------------------------


def _round(status=RoundStatus.OPEN, due=date(2026, 3, 1)) -> RoundFacts:
    return RoundFacts(
        pk=1, partnership_id=1, period="2026", framework_id=1, due_on=due, status=status
    )


def _a(*assessments: tuple[str, int]) -> RoundProgress:
    """The progress of assessments given as (status, number of answers)."""
    return RoundProgress(
        assessments=len(assessments),
        submitted=sum(1 for status, _ in assessments if status == "submitted"),
        started=sum(1 for status, n in assessments if status == "submitted" or n),
    )


@pytest.mark.parametrize(
    ("round_", "assessments", "today", "expected"),
    [
        (None, _a(), date(2026, 2, 1), RoundState.NO_ROUND),
        (_round(), _a(), date(2026, 2, 1), RoundState.NOT_STARTED),
        (_round(), _a(("draft", 0)), date(2026, 2, 1), RoundState.NOT_STARTED),
        (_round(), _a(("draft", 3)), date(2026, 2, 1), RoundState.DRAFT),
        (_round(), _a(("submitted", 5), ("draft", 0)), date(2026, 2, 1), RoundState.DRAFT),
        (_round(), _a(("submitted", 5)), date(2026, 4, 1), RoundState.SUBMITTED),
        (_round(), _a(("draft", 3)), date(2026, 3, 2), RoundState.OVERDUE),
        (_round(), _a(), date(2026, 3, 2), RoundState.OVERDUE),
        (_round(), _a(("draft", 3)), date(2026, 3, 1), RoundState.DRAFT),  # due day itself
        (_round(RoundStatus.CLOSED), _a(("draft", 3)), date(2026, 4, 1), RoundState.CLOSED),
    ],
)
def test_round_state(round_, assessments, today, expected):
    assert round_state(round_, assessments, today) == expected


def test_next_evaluation_due_counts_from_the_latest_evaluation_or_round():
    assert next_evaluation_due(4, date(2022, 5, 1), date(2024, 6, 1)) == date(2028, 6, 1)
    assert next_evaluation_due(4, date(2025, 5, 1), date(2024, 6, 1)) == date(2029, 5, 1)
    assert next_evaluation_due(2, None, date(2024, 6, 1)) == date(2026, 6, 1)
    assert next_evaluation_due(4, None, None) is None
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_heat_classes_follow_the_score_bands():
    assert [pct_heat_class(v) for v in (None, 0, 19.9, 25, 50, 75, 80, 100)] == [
        "heat-none",
        "heat-0",
        "heat-0",
        "heat-1",
        "heat-2",
        "heat-3",
        "heat-4",
        "heat-4",
    ]


# --- The overview's numbers, against hand-computed ones ---------------------------------


def test_dashboard_numbers_match_hand_computed_scores(world):
    dashboard = build_dashboard(
        Partnership.objects.all(), organisation=world["aalstad"], today=TODAY
    )
    names = [r.name for r in dashboard.rows]
    assert names == ["Netwerk Kustvisie", "Veiligheidsregio Oost"]  # not Afvalschap West
    row = dashboard.rows[1]
    # Round 2026, submitted: Aalstad A1.1=4 A1.2=2 A2.1=3; Beekdorp A1.1=2 A1.2=nvt A2.1=0.
    # Item means: A1.1 3, A1.2 2, A2.1 1.5 -> A1 = 2.5/4 = 62.5 %, A2 = 1.5/4 = 37.5 %.
    assert row.score("A1") == 62.5
    assert row.score("A2") == 37.5
    assert row.score("A3") is None  # applies, but nobody scored it
    assert row.overall_pct == 50.0  # mean of 62.5 and 37.5
    # Round 2025: A1.1=1, A1.2=1 -> A1 25 %, overall 25 % -> trend +25.
    assert row.previous_overall_pct == 25.0
    assert row.trend == 25.0
    assert row.respondents == 2
    assert row.scored_round.period == "2026"
    # The same numbers as the round's own score.
    official = round_score(world["new"])
    assert row.overall_pct == official.overall_pct
    assert row.score("A1") == official.theme("A1").score_pct
    # Aalstad's college draft is not submitted: the round is a draft for Aalstad.
    assert row.state == RoundState.DRAFT
    assert row.next_evaluation_due == add_years(world["new"].due_on, 4)
    assert not row.evaluation_overdue
    assert [s.description for s in row.first_steps] == [
        "Informatieprotocol opstellen",
        "Evaluatie agenderen",
    ]
    assert row.overdue_steps == 1

    network = dashboard.rows[0]
    assert network.state == RoundState.NO_ROUND
    assert network.overall_pct is None and network.trend is None
    assert network.evaluation_overdue  # never evaluated
    codes = [c.code for c in dashboard.columns]
    assert "A1" in codes and "B1" in codes  # Part A for the Wgr, Part B for the network
    a1 = codes.index("A1")
    assert network.cells[a1].applies is False and network.cells[a1].css == "heat-none"
    b1 = codes.index("B1")
    assert row.cells[b1].applies is False
    assert row.cells[a1].css == "heat-3"


def test_state_is_per_organisation(world):
    dashboard = build_dashboard(
        Partnership.objects.all(), organisation=world["beekdorp"], today=TODAY
    )
    wgr = next(r for r in dashboard.rows if r.name == "Veiligheidsregio Oost")
    assert wgr.state == RoundState.SUBMITTED  # Beekdorp submitted its only assessment
    overdue = build_dashboard(
        Partnership.objects.all(),
        organisation=world["aalstad"],
        today=world["new"].due_on + timedelta(days=1),
    )
    wgr = next(r for r in overdue.rows if r.name == "Veiligheidsregio Oost")
    assert wgr.state == RoundState.OVERDUE


def test_secretaris_sees_the_heat_table_of_their_organisation(client, world):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=world["aalstad"]))
    response = client.get(reverse("assessments:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Veiligheidsregio Oost" in html and "Netwerk Kustvisie" in html
    assert "Afvalschap West" not in html
    assert "50%" in html  # overall, a whole percentage
    assert "+25" in html and "+25,0" not in html  # trend, whole points
    assert "Informatieprotocol opstellen" in html
    steps = html.split('id="stappen-kop"')[1]  # the list of open steps under the table
    assert "Informatieprotocol opstellen" in steps and "Evaluatie agenderen" in steps
    assert "te laat" in html
    assert DRAFT_SECRET not in html
    assert 'aria-sort="ascending"' in html  # sorted by name by default


def test_sort_and_filter_by_get_parameters(client, world):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=world["aalstad"]))
    url = reverse("assessments:dashboard")
    html = client.get(url, {"sorteer": "-score"}).content.decode()
    assert html.index("Veiligheidsregio Oost") < html.index("Netwerk Kustvisie")
    html = client.get(url, {"sorteer": "naam"}).content.decode()
    assert html.index("Netwerk Kustvisie") < html.index("Veiligheidsregio Oost")
    html = client.get(url, {"status": "geen_ronde"}).content.decode()
    assert "Netwerk Kustvisie" in html and "Veiligheidsregio Oost" not in html
    html = client.get(url, {"q": "veiligheid"}).content.decode()
    assert "Netwerk Kustvisie" not in html and "Veiligheidsregio Oost" in html
    html = client.get(url, {"vorm": "network"}).content.decode()
    assert "Netwerk Kustvisie" in html and "Veiligheidsregio Oost" not in html
    # Nonsense parameters are ignored, not a 500.
    response = client.get(url, {"sorteer": "'; drop", "status": "x", "vorm": "y"})
    assert response.status_code == 200


def test_beheerder_sees_all_or_picks_an_organisation(client, world):
    client.force_login(make_user(Role.BEHEERDER))
    url = reverse("assessments:dashboard")
    html = client.get(url).content.decode()
    assert "Afvalschap West" in html and "Veiligheidsregio Oost" in html
    html = client.get(url, {"organisatie": world["zeestad"].pk}).content.decode()
    assert "Afvalschap West" in html and "Netwerk Kustvisie" in html
    assert "Veiligheidsregio Oost" not in html


def test_others_cannot_pick_another_organisation(client, world):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=world["aalstad"]))
    url = reverse("assessments:dashboard")
    assert client.get(url, {"organisatie": world["zeestad"].pk}).status_code == 404
    assert client.get(url, {"organisatie": "abc"}).status_code == 403
    export = reverse("assessments:dashboard_export")
    assert client.get(export, {"organisatie": world["zeestad"].pk}).status_code == 404


def test_excel_export_has_the_same_numbers(client, world):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=world["aalstad"]))
    response = client.get(reverse("assessments:dashboard_export"), {"sorteer": "-score"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    sheet = book["Overzicht"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert rows[1][0] == "Veiligheidsregio Oost"  # sorted by score, highest first
    assert rows[1][header.index("Totaal (%)")] == 50.0
    assert rows[1][header.index("Verandering (procentpunt)")] == 25.0
    a1 = next(i for i, h in enumerate(header) if str(h).startswith("A1 "))
    assert rows[1][a1] == 62.5
    assert rows[1][header.index("Status")] == "Bezig"
    assert [r[0] for r in rows[1:]] == ["Veiligheidsregio Oost", "Netwerk Kustvisie"]
    steps = list(book["Vervolgstappen"].iter_rows(values_only=True))
    assert [s[2] for s in steps[1:]] == ["Informatieprotocol opstellen", "Evaluatie agenderen"]


# --- Query count: constant as partnerships grow -------------------------------------------


def _add_partnerships(n: int, organisation, start: int) -> None:
    for i in range(start, start + n):
        partner = make_organisation(f"Gemeente Partner {i}")
        p = make_partnership(f"Regio Schaal {i:02d}", participants=[organisation, partner])
        old = make_round(p, period="2024", opens_on=TODAY - timedelta(400))
        make_assessment(old, organisation=organisation, submitted=True, answers={"A1.1": 2})
        r = make_round(p, period="2026", previous=old)
        make_assessment(
            r, organisation=organisation, submitted=True, answers={"A1.1": 3, "A2.1": 1}
        )
        make_assessment(r, organisation=partner, submitted=True, answers={"A1.1": 1})
        make_assessment(
            r, organisation=organisation, perspective=Perspective.COLLEGE, answers={"A1.1": 2}
        )
        make_next_step(r, due_on=TODAY + timedelta(days=i))


def test_query_count_stays_constant_as_partnerships_grow(
    client, gids, django_assert_max_num_queries
):
    aalstad = make_organisation("Gemeente Aalstad")
    _add_partnerships(2, aalstad, 1)
    user = make_user(Role.GEMEENTESECRETARIS, organisation=aalstad)
    client.force_login(user)
    url = reverse("assessments:dashboard")
    client.get(url)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as selector_two:
        build_dashboard(Partnership.objects.all(), organisation=aalstad, today=TODAY)

    _add_partnerships(6, aalstad, 3)
    with django_assert_max_num_queries(len(two)):
        response = client.get(url)
    assert response.content.decode().count("Regio Schaal") >= 8
    with django_assert_max_num_queries(len(selector_two)):
        dashboard = build_dashboard(Partnership.objects.all(), organisation=aalstad, today=TODAY)
    assert len(dashboard.rows) == 8
    assert len(selector_two) <= 12
