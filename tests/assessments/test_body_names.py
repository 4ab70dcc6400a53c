"""A participant's bodies carry the names of its own kind of organisation: a province answers
as Provinciale Staten and Gedeputeerde Staten, a water board as its algemeen and dagelijks
bestuur (never mistaken for the partnership's own AB and DB), a gemeente as raad and college.
The same name on the assessment list, the results page, the round page, the report and the
invitation e-mail; the export contracts keep their codes."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.bodies import perspective_name
from assessments.constants import Perspective
from assessments.presentation import heat_row_label, perspective_counts, respondent_short_label
from assessments.rounds.mail import invitation_message
from partnerships.constants import OrganisationKind, Role
from tests.factories import make_assessment, make_partnership, make_round, make_user

pytestmark = pytest.mark.django_db

PROVINCIE = "Provincie Zuidland"
WATERSCHAP = "Waterschap Rijnstroom"
GEMEENTE = "Gemeente Aalstad"


@pytest.fixture
def world():
    partnership = make_partnership("Regio Delta", participants=[GEMEENTE, PROVINCIE, WATERSCHAP])
    round_ = make_round(partnership)
    made = {}
    for organisation in (GEMEENTE, PROVINCIE, WATERSCHAP):
        for perspective in (Perspective.RAAD, Perspective.COLLEGE):
            made[(organisation, perspective)] = make_assessment(
                round_,
                organisation=organisation,
                perspective=perspective,
                submitted=True,
                answers={"A1.1": 3, "A1.2": 2},
            )
    made["db"] = make_assessment(
        round_, perspective=Perspective.DB, submitted=True, answers={"A1.1": 4}
    )
    return round_, made, make_user(Role.BEHEERDER, username="beheer")


def _page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_names_per_kind_of_organisation():
    assert perspective_name(Perspective.RAAD, OrganisationKind.PROVINCIE) == "Provinciale Staten"
    assert perspective_name(Perspective.COLLEGE, OrganisationKind.PROVINCIE) == (
        "Gedeputeerde Staten"
    )
    assert perspective_name(Perspective.RAAD, OrganisationKind.WATERSCHAP) == (
        "Algemeen bestuur van het waterschap"
    )
    assert perspective_name(Perspective.COLLEGE, OrganisationKind.WATERSCHAP, short=True) == (
        "DB waterschap"
    )
    # A gemeente, and a participant of unknown kind, keep the general names.
    assert perspective_name(Perspective.RAAD, OrganisationKind.GEMEENTE) == "Raad (politiek orgaan)"
    assert perspective_name(Perspective.RAAD, short=True) == "Raad"
    assert perspective_name(Perspective.CONTRAMAL, OrganisationKind.PROVINCIE) == "Contramal"
    # The partnership's own boards are not the water board's.
    assert perspective_name(Perspective.AB) == "Algemeen bestuur"


def test_the_assessment_list_names_each_body(client, world):
    round_, _made, user = world
    html = _page(client, user, reverse("assessments:list"))
    assert f"Provinciale Staten {PROVINCIE}" in html
    assert f"Gedeputeerde Staten {PROVINCIE}" in html
    assert f"Algemeen bestuur van {WATERSCHAP}" in html
    assert f"Dagelijks bestuur van {WATERSCHAP}" in html
    assert f"Raad (politiek orgaan) {GEMEENTE}" in html
    assert f"College {GEMEENTE}" in html
    assert "Raad (politiek orgaan) Provincie" not in html
    assert "Raad (politiek orgaan) Waterschap" not in html


def test_the_results_page_names_the_province_and_water_board(client, world):
    _round, made, user = world
    provincie = _page(
        client, user, reverse("assessments:results", args=[made[(PROVINCIE, "raad")].pk])
    )
    assert "<title>Resultaten — Provinciale Staten Provincie Zuidland" in provincie
    waterschap = _page(
        client, user, reverse("assessments:results", args=[made[(WATERSCHAP, "college")].pk])
    )
    assert "Dagelijks bestuur van Waterschap Rijnstroom" in waterschap
    gemeente = _page(
        client, user, reverse("assessments:results", args=[made[(GEMEENTE, "raad")].pk])
    )
    assert "Raad (politiek orgaan) Gemeente Aalstad" in gemeente


def test_the_round_page_and_comparison_name_each_body(client, world):
    round_, _made, user = world
    html = _page(client, user, reverse("assessments:round", args=[round_.pk]))
    assert f"{PROVINCIE} — Provinciale Staten" in html
    assert f"{PROVINCIE} — Gedeputeerde Staten" in html
    assert f"{WATERSCHAP} — Algemeen bestuur van het waterschap" in html
    assert f"{GEMEENTE} — Raad (politiek orgaan)" in html
    compare = _page(client, user, reverse("assessments:round_compare", args=[round_.pk]))
    assert "Zuidland (Provinciale Staten)" in compare
    assert "Rijnstroom (AB waterschap)" in compare
    assert "Aalstad (raad)" in compare


def test_the_reports_name_each_body(client, world):
    round_, made, user = world
    report = _page(
        client, user, reverse("assessments:report_preview", args=[made[(PROVINCIE, "college")].pk])
    )
    assert f"Gedeputeerde Staten {PROVINCIE}" in report
    round_report = _page(
        client, user, reverse("assessments:round_report_preview", args=[round_.pk])
    )
    assert f"Provinciale Staten {PROVINCIE}" in round_report
    assert f"AB {WATERSCHAP}" in round_report
    assert f"Raad {GEMEENTE}" in round_report


def test_the_invitation_names_the_body_and_greets_its_clerk(world):
    round_, made, _user = world
    provincie = made[(PROVINCIE, "raad")]
    provincie.respondent_email = "griffie@zuidland.nl"
    message = invitation_message(round_, provincie, base_url="https://x.nl", people={})
    assert message.body.startswith("Beste statengriffier van de provincie Zuidland,\n")
    assert "vanuit het perspectief: Provinciale Staten." in message.body
    waterschap = made[(WATERSCHAP, "college")]
    waterschap.respondent_email = "bestuur@rijnstroom.nl"
    message = invitation_message(round_, waterschap, base_url="https://x.nl", people={})
    assert "vanuit het perspectief: Dagelijks bestuur van het waterschap." in message.body
    gemeente = made[(GEMEENTE, "raad")]
    gemeente.respondent_email = "griffie@aalstad.nl"
    message = invitation_message(round_, gemeente, base_url="https://x.nl", people={})
    assert message.body.startswith("Beste griffier van de gemeente Aalstad,\n")
    assert "vanuit het perspectief: Raad (politiek orgaan)." in message.body


def test_labels_in_tables(world):
    _round, made, _user = world
    assert respondent_short_label(made[(WATERSCHAP, "raad")]) == "AB Waterschap Rijnstroom"
    assert respondent_short_label(made[(GEMEENTE, "raad")]) == "Raad Gemeente Aalstad"
    assert heat_row_label(made[(PROVINCIE, "college")]) == "Zuidland (Gedeputeerde Staten)"
    assert heat_row_label(made[(GEMEENTE, "college")]) == "Aalstad (college)"
    # The count of respondents on a crowded report's cover keeps the bodies of a province
    # and a water board apart from a gemeente's.
    assert perspective_counts(made.values()) == (
        "Raad 1 · Provinciale Staten 1 · AB waterschap 1 · College 1 · Gedeputeerde Staten 1"
        " · DB waterschap 1 · Dagelijks bestuur 1"
    )


def test_the_json_export_keeps_the_code(world):
    _round, made, _user = world
    out = StringIO()
    call_command("export_assessment", str(made[(PROVINCIE, "raad")].pk), "--json", stdout=out)
    assert json.loads(out.getvalue())["perspective"] == "raad"


@pytest.mark.parametrize("name", ["assessments:list", "assessments:round"])
def test_more_kinds_of_bodies_cost_no_extra_queries(client, name):
    """The organisation comes with each assessment: a page of nine bodies of three kinds asks
    the database as often as a page of three bodies of one gemeente."""
    user = make_user(Role.BEHEERDER, username="beheer")
    client.force_login(user)

    def queries(participants):
        partnership = make_partnership(participants=participants)
        round_ = make_round(partnership)
        for organisation in participants:
            for perspective in Perspective.RAAD, Perspective.COLLEGE, Perspective.CONTRAMAL:
                make_assessment(
                    round_, organisation=organisation, perspective=perspective, submitted=True
                )
        url = reverse(name) if name == "assessments:list" else reverse(name, args=[round_.pk])
        client.get(url)  # warm the caches a first request fills
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    one = queries([GEMEENTE])
    three = queries(["Gemeente Beekdorp", PROVINCIE, WATERSCHAP])
    assert three == one


def test_the_glossary_explains_the_names(client):
    html = client.get(reverse("assessments:glossary")).content.decode()
    assert "Bij een provincie heten raad en college Provinciale Staten en" in html
