"""A municipality reads its own score next to the round's: the mean over its own raad,
college and contramal assessments, and the mean over every submitted assessment."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.constants import Perspective
from assessments.dashboard.page import build_dashboard
from assessments.scores import round_score
from partnerships.constants import Role
from partnerships.models import Partnership
from tests.assessments.dashboard.conftest import TODAY
from tests.factories import (
    make_assessment,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(gids):
    """Aalstad's raad, college and contramal score lower than Beekdorp's raad."""
    aalstad = make_organisation("Gemeente Aalstad")
    beekdorp = make_organisation("Gemeente Beekdorp")
    partnership = make_partnership("Veiligheidsregio Oost", participants=[aalstad, beekdorp])
    round_ = make_round(partnership, period="2026", opens_on=TODAY - timedelta(days=10))
    make_assessment(round_, organisation=aalstad, submitted=True, answers={"A1.1": 1, "A1.2": 2})
    make_assessment(
        round_,
        organisation=aalstad,
        perspective=Perspective.COLLEGE,
        submitted=True,
        answers={"A1.1": 3, "A2.1": 2},
    )
    make_assessment(
        round_,
        organisation=aalstad,
        perspective=Perspective.CONTRAMAL,
        submitted=True,
        answers={"A2.1": 2},
    )
    make_assessment(
        round_, organisation=beekdorp, submitted=True, answers={"A1.1": 4, "A1.2": 4, "A2.1": 4}
    )
    return {"aalstad": aalstad, "beekdorp": beekdorp, "partnership": partnership, "round": round_}


# Own (Aalstad): A1.1 (1+3)/2 = 2, A1.2 2 -> A1 50 %; A2.1 (2+2)/2 = 2 -> A2 50 %; total 50 %.
# Round: A1.1 8/3, A1.2 3 -> A1 70.8 %; A2.1 8/3 -> A2 66.7 %; total 68.75 -> 68.8 %.
OWN = 50.0
ROUND = 68.8


def test_the_overview_row_holds_the_organisations_own_total_next_to_the_rounds(region):
    dashboard = build_dashboard(
        Partnership.objects.all(), organisation=region["aalstad"], today=TODAY
    )
    [row] = dashboard.rows
    assert row.own_overall_pct == OWN
    assert row.overall_pct == ROUND == round_score(region["round"]).overall_pct
    assert dashboard.own_label == "Eigen organisatie (raad, college, contramal)"
    # Beekdorp's own is its one raad: 4 everywhere.
    beekdorp = build_dashboard(
        Partnership.objects.all(), organisation=region["beekdorp"], today=TODAY
    )
    assert beekdorp.rows[0].own_overall_pct == 100.0
    # The overview of everyone's (a beheerder without a pick) has no own score.
    everyone = build_dashboard(Partnership.objects.all(), organisation=None, today=TODAY)
    assert everyone.rows[0].own_overall_pct is None and everyone.own_label == ""


def test_the_secretaris_reads_both_totals_on_the_overview(client, region):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=region["aalstad"]))
    html = client.get(reverse("assessments:dashboard")).content.decode()
    table, cards = html.split('class="list-unstyled d-md-none overview-cards"')
    assert "69%" in table and "eigen: 50%" in table
    assert "Gemiddelde van de ronde" in cards and "<strong>69%</strong>" in cards
    assert "Eigen organisatie (raad, college, contramal)" in cards
    assert "<strong>50%</strong>" in cards


def test_the_partnership_dashboard_shows_own_and_round_totals_labelled(client, region):
    url = reverse("assessments:partnership_dashboard", args=[region["partnership"].pk])
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=region["aalstad"]))
    html = client.get(url).content.decode()
    own = html.index("Eigen organisatie (raad, college, contramal)")
    average = html.index("Gemiddelde van de ronde")
    assert (
        own < html.index("<strong>50%</strong> (uit 3 eigen ingediende zelfevaluaties)") < average
    )
    assert html.index("69% (uit 4 ingediende zelfevaluaties)") > average


def test_a_directeur_reads_only_the_rounds_total(client, region):
    url = reverse("assessments:partnership_dashboard", args=[region["partnership"].pk])
    client.force_login(make_user(Role.DIRECTEUR, partnership=region["partnership"]))
    html = client.get(url).content.decode()
    assert "Eigen organisatie" not in html
    assert "69% (uit 4 ingediende zelfevaluaties)" in html


def test_an_organisation_without_submissions_reads_that_it_has_none_yet(client, region):
    zeestad = make_organisation("Gemeente Zeestad")
    region["partnership"].participations.create(organisation=zeestad)
    url = reverse("assessments:partnership_dashboard", args=[region["partnership"].pk])
    client.force_login(make_user(Role.GRIFFIER, organisation=zeestad))
    html = client.get(url).content.decode()
    assert "nog geen: uw organisatie heeft nog niets ingediend" in html
    assert "69% (uit 4 ingediende zelfevaluaties)" in html


def test_the_partnership_dashboards_queries_do_not_grow_with_the_respondents(
    client, region, django_assert_max_num_queries
):
    url = reverse("assessments:partnership_dashboard", args=[region["partnership"].pk])
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=region["aalstad"]))
    client.get(url)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    four_respondents = len(four)  # before the next request clears the log
    for i in range(4):
        other = make_organisation(f"Gemeente Extra {i}")
        region["partnership"].participations.create(organisation=other)
        make_assessment(region["round"], organisation=other, submitted=True, answers={"A1.1": 0})
    with django_assert_max_num_queries(four_respondents):
        html = client.get(url).content.decode()
    assert "<strong>50%</strong> (uit 3 eigen ingediende zelfevaluaties)" in html
    assert "(uit 8 ingediende zelfevaluaties)" in html


def test_the_own_score_adds_a_fixed_number_of_queries_to_the_overview(
    client, region, django_assert_max_num_queries
):
    aalstad = region["aalstad"]
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=aalstad))
    url = reverse("assessments:dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    one_row = len(one)  # before the next request clears the log
    for i in range(5):
        partnership = make_partnership(f"Regio {i}", participants=[aalstad])
        round_ = make_round(partnership, period="2026")
        make_assessment(round_, organisation=aalstad, submitted=True, answers={"A1.1": i % 5})
    with django_assert_max_num_queries(one_row):
        html = client.get(url).content.decode()
    assert html.count("eigen: ") == 6
