"""The Wgr check on the partnership page and its own page: who reads, who fills it in, one
POST that saves every clause with its history, and nothing for a raadslid."""

import pytest
from django.urls import reverse

from partnerships.constants import LegalForm, Role
from partnerships.models import WgrClause
from tests.factories import make_organisation, make_partnership, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def gr():
    return make_partnership(
        "GR Afval",
        legal_form=LegalForm.OPENBAAR_LICHAAM,
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
    )


def url(partnership) -> str:
    return reverse("partnerships:wgr", args=[partnership.pk])


def all_known(**overrides: str) -> dict[str, str]:
    data = {}
    for code in (
        "zienswijze_besluiten",
        "burgerparticipatie",
        "evaluatie",
        "uittreding",
        "informatie",
        "adviescommissie",
    ):
        data[f"{code}-status"] = "ja"
        data[f"{code}-article"] = "art. 1"
        data[f"{code}-note"] = ""
    data.update(overrides)
    return data


def test_the_partnership_page_shows_the_check_apart_from_the_gids(client, gr, gids):
    WgrClause.objects.create(partnership=gr, code="uittreding", status="nee")
    WgrClause.objects.create(partnership=gr, code="evaluatie", status="nee")
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    page = client.get(reverse("partnerships:detail", args=[gr.pk])).content.decode()
    assert "Wettelijk verplicht (Wgr)" in page
    assert "telt niet mee in de score van de Gids" in page
    assert "Regeling voldoet niet aan de Wgr: 2 onderdelen ontbreken." in page
    assert "Wgr-toets bekijken" in page  # a griffier reads, does not edit


def test_the_contramal_of_a_participant_fills_in_every_clause_in_one_post(client, gr):
    contramal = make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad")
    client.force_login(contramal)
    page = client.get(url(gr)).content.decode()
    assert "<legend" in page and 'type="radio"' in page
    data = all_known(
        **{
            "uittreding-status": "nee",
            "uittreding-article": "",
            "adviescommissie-status": "nee",
            "adviescommissie-article": "",
            "evaluatie-note": "Elke vier jaar.",
        }
    )
    response = client.post(url(gr), data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/samenwerkingsverbanden/{gr.pk}/#wgr")
    rows = {r.code: r for r in WgrClause.objects.filter(partnership=gr)}
    assert len(rows) == 6
    assert rows["uittreding"].status == "nee"
    assert rows["evaluatie"].note == "Elke vier jaar."
    assert rows["informatie"].article == "art. 1"
    assert rows["informatie"].updated_by == contramal
    page = client.get(reverse("partnerships:detail", args=[gr.pk])).content.decode()
    assert "Regeling voldoet niet aan de Wgr: 1 onderdeel ontbreekt." in page
    history = client.get(url(gr)).content.decode()
    assert "Wijzigingen in de Wgr-toets" in history
    assert "Voorwaarden en gevolgen van uittreding" in history


def test_saving_again_without_changes_adds_no_history(client, gr):
    client.force_login(make_user(Role.DIRECTEUR, partnership=gr))
    client.post(url(gr), all_known())
    before = WgrClause.history.count()
    client.post(url(gr), all_known())
    assert WgrClause.history.count() == before


def test_a_missing_choice_saves_nothing_and_says_so_in_dutch(client, gr):
    client.force_login(make_user(Role.BEHEERDER))
    data = all_known()
    del data["evaluatie-status"]
    data["uittreding-status"] = "misschien"
    response = client.post(url(gr), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kies ja, nee of onbekend." in page
    assert "Er is niets opgeslagen" in page
    assert not WgrClause.objects.exists()


def test_a_reader_sees_the_table_without_a_form_and_may_not_post(client, gr):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation="Gemeente Beekdorp"))
    page = client.get(url(gr)).content.decode()
    assert "-status" not in page
    assert "Staat in de regeling" in page
    assert client.post(url(gr), all_known()).status_code == 403
    assert not WgrClause.objects.exists()


def test_others_get_404_and_a_raadslid_sees_nothing(client, gr):
    for user in (
        make_user(Role.CONTRAMAL, organisation="Gemeente Elders"),
        make_user(Role.DIRECTEUR, partnership=make_partnership()),
        make_user(Role.RAADSLID, organisation="Gemeente Aalstad"),
    ):
        client.force_login(user)
        assert client.get(url(gr)).status_code == 404
        assert client.post(url(gr), all_known()).status_code == 404
    client.logout()
    assert client.get(url(gr)).status_code == 302  # to the login page
    assert not WgrClause.objects.exists()


def test_a_centrumregeling_is_asked_only_what_applies_to_it(client):
    centrum = make_partnership(
        legal_form=LegalForm.CENTRUMREGELING,
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
        centre="Gemeente Aalstad",
    )
    client.force_login(make_user(Role.BEHEERDER))
    page = client.get(url(centrum)).content.decode()
    assert "uittreding-status" in page
    assert "informatie-status" not in page
    assert "Onderdelen die hier niet gelden" in page
    assert "geen eigen bestuur" in page


def test_network_cooperation_has_no_wgr_check(client):
    network = make_partnership(legal_form=LegalForm.CONVENANT)
    client.force_login(make_user(Role.BEHEERDER))
    page = client.get(url(network)).content.decode()
    assert "valt niet onder de Wgr" in page
    assert "-status" not in page
    assert client.post(url(network), all_known()).status_code == 404
    detail = client.get(reverse("partnerships:detail", args=[network.pk])).content.decode()
    assert "valt niet onder de Wgr" in detail


def test_a_contramal_of_an_organisation_that_left_may_still_not_edit_another_partnership(client):
    other = make_partnership(participants=[make_organisation("Gemeente Zeestad")])
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    assert client.get(url(other)).status_code == 404


def test_the_section_costs_one_query_whatever_the_clauses(client, gr):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(make_user(Role.BEHEERDER))
    detail = reverse("partnerships:detail", args=[gr.pk])
    client.get(detail)
    with CaptureQueriesContext(connection) as without:
        client.get(detail)
    client.post(url(gr), all_known())
    with CaptureQueriesContext(connection) as full:
        client.get(detail)
    wgr_queries = [q for q in full.captured_queries if "wgrclause" in q["sql"]]
    assert len(wgr_queries) == 1
    # the history of the partnership page does not read the clauses' history
    assert len(full) <= len(without) + 1
