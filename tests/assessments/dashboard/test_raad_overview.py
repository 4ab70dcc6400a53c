"""The raad's overview of all partnerships of its organisation: the page, the attention level
the raad chose per partnership (Gids A7.2), and the PDF and Word versions."""

import io
from io import StringIO

import pypdf
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from docx import Document

from assessments.constants import AssessmentStatus
from assessments.dashboard.page import build_dashboard
from assessments.dashboard.raad import build_raad_overview
from assessments.models import AssessmentRound
from assessments.presentation import fmt_pct
from assessments.rounds.perspectives import perspective_table
from assessments.scores import round_applicability, round_score, scoring_items, submitted_responses
from partnerships.access import partnerships_for_user
from partnerships.constants import AttentionLevel, Role
from partnerships.models import Organisation, Participation, Partnership
from tests.factories import make_organisation, make_partnership, make_user

pytestmark = pytest.mark.django_db

URL = "/raad/overzicht/"


@pytest.fixture
def demo(gids):
    call_command("seed_demo", "--json", stdout=StringIO())
    return Organisation.objects.get(name="Gemeente Aalstad")


def _login(client: Client, username: str) -> None:
    client.force_login(User.objects.get(username=username))


def test_the_overview_lists_every_partnership_of_the_demo_municipality_with_the_dashboards_numbers(
    client, demo
):
    today = timezone.localdate()
    overview = build_raad_overview(demo, today=today)
    expected = set(
        Participation.objects.filter(organisation=demo).values_list("partnership__name", flat=True)
    )
    assert {row.name for row in overview.rows} == expected
    assert len(expected) == 8

    # The same partnerships, scores, next evaluations and open steps as the dashboard shows.
    dashboard = build_dashboard(
        partnerships_for_user(User.objects.get(username="secretaris.aalstad")),
        organisation=demo,
        today=today,
    )
    by_name = {row.name: row for row in dashboard.rows}
    for row in overview.rows:
        seen = by_name[row.name]
        assert row.overall_pct == seen.overall_pct, row.name
        assert row.next_evaluation_due == seen.next_evaluation_due, row.name
        assert row.open_steps == seen.open_step_count, row.name
        assert row.overdue_steps == seen.overdue_steps, row.name
        assert row.form == seen.legal_form

    # Per perspective group: the numbers of the round page's perspective table.
    scored = [row for row in overview.rows if row.has_scores]
    assert scored
    for row in scored:
        round_ = (
            AssessmentRound.objects.filter(
                partnership_id=row.partnership_pk,
                assessments__status=AssessmentStatus.SUBMITTED,
                period=row.scored_period,
            )
            .distinct()
            .get()
        )
        applic = round_applicability(round_)
        table = perspective_table(
            scoring_items(applic, {}), submitted_responses(round_), {}, round_score(round_)
        )
        assert [g.text for g in row.groups] == table.overall.group_labels, row.name

    _login(client, "griffier.aalstad")
    page = client.get(URL).content.decode()
    for row in overview.rows:
        assert row.name in page
        assert row.steps_text in page
        assert row.evaluation_text in page
    assert "Intensief volgen" in page
    assert "Nog niet gekozen" in page
    assert "GGD Zuidland" in page


def test_the_demo_sets_attention_levels_once_and_keeps_a_griffiers_choice(demo):
    ggd = Participation.objects.get(organisation=demo, partnership__name="GGD Zuidland")
    assert ggd.attention_level == AttentionLevel.INTENSIEF
    woondeal = Participation.objects.get(organisation=demo, partnership__name="Woondeal Zuidland")
    assert woondeal.attention_level == ""
    ggd.attention_level = AttentionLevel.TAAKVERDELING
    ggd.save()
    call_command("seed_demo", "--json", stdout=StringIO())
    ggd.refresh_from_db()
    assert ggd.attention_level == AttentionLevel.TAAKVERDELING


def test_the_griffier_sets_the_attention_level_without_javascript(client, demo):
    _login(client, "griffier.aalstad")
    woondeal = Participation.objects.get(organisation=demo, partnership__name="Woondeal Zuidland")
    response = client.post(
        f"/samenwerkingsverbanden/{woondeal.partnership_id}/aandacht-raad/",
        {"aandacht": "rapporteurs"},
        follow=True,
    )
    assert response.status_code == 200
    woondeal.refresh_from_db()
    assert woondeal.attention_level == AttentionLevel.RAPPORTEURS
    assert "Opgeslagen. Aandacht van de raad voor Woondeal Zuidland: Via rapporteurs." in (
        response.content.decode()
    )


@pytest.mark.parametrize("value", ["heel_intensief", "INTENSIEF", "x" * 50, "\x00"])
def test_a_bad_attention_level_gives_a_dutch_message_and_changes_nothing(client, demo, value):
    _login(client, "griffier.aalstad")
    ggd = Participation.objects.get(organisation=demo, partnership__name="GGD Zuidland")
    response = client.post(
        f"/samenwerkingsverbanden/{ggd.partnership_id}/aandacht-raad/",
        {"aandacht": value},
        follow=True,
    )
    ggd.refresh_from_db()
    assert ggd.attention_level == AttentionLevel.INTENSIEF
    assert "Er is niets gewijzigd" in response.content.decode()


@pytest.mark.parametrize("username", ["secretaris.aalstad", "contramal.aalstad"])
def test_only_the_griffier_sets_the_attention_level(client, demo, username):
    _login(client, username)
    ggd = Participation.objects.get(organisation=demo, partnership__name="GGD Zuidland")
    url = f"/samenwerkingsverbanden/{ggd.partnership_id}/aandacht-raad/"
    assert client.post(url, {"aandacht": "taakverdeling"}).status_code == 403
    ggd.refresh_from_db()
    assert ggd.attention_level == AttentionLevel.INTENSIEF
    page = client.get(URL).content.decode()
    assert 'name="aandacht"' not in page
    assert "Intensief volgen" in page


def test_a_griffier_of_another_organisation_sees_and_sets_nothing(client, demo):
    elsewhere = make_organisation("Gemeente Verweg")
    other = make_partnership("Regio Verweg", participants=[elsewhere])
    _login(client, "griffier.aalstad")
    response = client.post(
        f"/samenwerkingsverbanden/{other.pk}/aandacht-raad/", {"aandacht": "intensief"}
    )
    assert response.status_code == 404
    assert client.get(URL, {"organisatie": elsewhere.pk}).status_code == 404
    assert client.get("/raad/overzicht.docx", {"organisatie": elsewhere.pk}).status_code == 404
    # The griffier of Beekdorp takes part in GGD Zuidland too, but may not set Aalstad's level.
    _login(client, "griffier.beekdorp")
    ggd = Participation.objects.get(organisation=demo, partnership__name="GGD Zuidland")
    client.post(
        f"/samenwerkingsverbanden/{ggd.partnership_id}/aandacht-raad/",
        {"aandacht": "taakverdeling"},
    )
    ggd.refresh_from_db()
    assert ggd.attention_level == AttentionLevel.INTENSIEF
    assert "Regio Verweg" not in client.get(URL).content.decode()


def test_the_beheerder_picks_an_organisation_and_may_set_its_level(client, demo):
    _login(client, "beheerder")
    page = client.get(URL).content.decode()
    assert "Kies een organisatie" in page
    assert "GGD Zuidland" not in page
    page = client.get(URL, {"organisatie": demo.pk}).content.decode()
    assert "GGD Zuidland" in page
    woondeal = Participation.objects.get(organisation=demo, partnership__name="Woondeal Zuidland")
    response = client.post(
        f"/samenwerkingsverbanden/{woondeal.partnership_id}/aandacht-raad/",
        {"aandacht": "intensief", "organisatie": demo.pk},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(
        f"?organisatie={demo.pk}#verband-{woondeal.partnership_id}"
    )
    woondeal.refresh_from_db()
    assert woondeal.attention_level == AttentionLevel.INTENSIEF
    assert client.get("/raad/overzicht.docx").status_code == 302  # no organisation picked


@pytest.mark.parametrize("role", [Role.DIRECTEUR, Role.RAADSLID])
def test_the_overview_is_not_for_a_directeur_or_a_raadslid(client, demo, role):
    scope = (
        {"partnership": Partnership.objects.get(name="GGD Zuidland")}
        if role == Role.DIRECTEUR
        else {"organisation": demo}
    )
    client.force_login(make_user(role, **scope))
    for url in (URL, "/raad/overzicht.docx", "/raad/overzicht.pdf"):
        assert client.get(url).status_code == 403, url
    assert "Voor de raad" not in client.get("/begrippen/").content.decode()


def test_the_overview_page_takes_a_fixed_number_of_queries(
    client, demo, django_assert_max_num_queries
):
    """Session and account (3), the organisation, the partnerships with their current rounds,
    the participations, the scored rounds, the round and group scores (3, none once cached:
    tests run without the score cache), the open steps, the raad's assessments, and the
    savepoints and session write around the request (4)."""
    _login(client, "griffier.aalstad")
    with django_assert_max_num_queries(17):
        assert client.get(URL).status_code == 200
    # Twice as many partnerships: the same number of queries.
    for n in range(8):
        make_partnership(f"Extra verband {n}", participants=[demo, "Gemeente Beekdorp"])
    with django_assert_max_num_queries(17):
        response = client.get(URL)
    assert "Extra verband 7" in response.content.decode()


def test_the_word_document_holds_a_heading_and_a_row_per_partnership(client, demo):
    _login(client, "griffier.aalstad")
    response = client.get("/raad/overzicht.docx")
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert f'raadsoverzicht-gemeente-aalstad-{today}.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == "Overzicht samenwerkingsverbanden Gemeente Aalstad"
    assert "Aandacht van de raad" in headings
    table = document.tables[0]
    assert table.rows[0].cells[0].text == "Samenwerkingsverband"
    overview = build_raad_overview(demo, today=timezone.localdate())
    names = [row.cells[0].text for row in table.rows[1:]]
    assert names == [row.name for row in overview.rows]
    ggd = next(r for r in table.rows[1:] if r.cells[0].text == "GGD Zuidland")
    ggd_row = next(r for r in overview.rows if r.name == "GGD Zuidland")
    texts = [c.text for c in ggd.cells]
    assert texts[-1] == "Intensief volgen"
    assert ggd_row.steps_text in texts
    if ggd_row.has_scores:
        assert texts[2].startswith(fmt_pct(ggd_row.overall_pct))
    assert document.core_properties.language == "nl-NL"


def test_the_pdf_is_tagged_dutch_and_holds_every_partnership(client, demo):
    _login(client, "griffier.aalstad")
    response = client.get("/raad/overzicht.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert ".pdf" in response["Content-Disposition"]
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Overzicht samenwerkingsverbanden Gemeente Aalstad"
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    for name in Participation.objects.filter(organisation=demo).values_list(
        "partnership__name", flat=True
    ):
        assert name in text
    assert "Intensief volgen" in text
