"""Changing what decides applicability of a partnership that has rounds: only its directeur
or a beheerder, after a page that shows what changes; everybody else sees a notice."""

import pytest
from django.urls import reverse

from assessments.models import AssessmentRound
from assessments.scores import round_applicability
from partnerships.constants import LegalForm, OrganisationKind, Role
from partnerships.models import Partnership
from tests.factories import make_organisation, make_partnership, make_round, make_user
from tests.partnerships.test_partnership_views import page_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(gids):
    """A heavy network of two gemeenten with a round."""
    aalstad = make_organisation("Gemeente Aalstad")
    partnership = make_partnership(
        "Netwerk Jeugd", legal_form=LegalForm.CONVENANT, participants=[aalstad, "Gemeente Beekdorp"]
    )
    make_round(partnership, period="2025")
    return partnership


def to_light_with_a_province(client, partnership, **extra):
    data = page_data(partnership)
    data["network_weight"] = "licht"
    province = make_organisation("Provincie Zuidland", kind=OrganisationKind.PROVINCIE)
    total = int(data["deelnemers-TOTAL_FORMS"])
    data[f"deelnemers-{total}-organisation"] = province.pk
    data["deelnemers-TOTAL_FORMS"] = total + 1
    data.update(extra)
    return client.post(reverse("partnerships:edit", args=[partnership.pk]), data)


@pytest.mark.parametrize("role", [Role.DIRECTEUR, Role.BEHEERDER])
def test_the_directeur_or_a_beheerder_sees_what_changes_and_then_confirms(client, network, role):
    user = make_user(role, partnership=network) if role == Role.DIRECTEUR else make_user(role)
    client.force_login(user)
    page = to_light_with_a_province(client, network)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Wijziging bevestigen" in html and "Er is nog niets opgeslagen." in html
    assert "U wijzigt de soorten deelnemers en de zwaarte van Netwerk Jeugd." in html
    assert "B13 Bijzonderheden bij deelname van meerdere overheidslagen" in html  # gained
    assert "A11.1" in html  # lost: B11.2 no longer imports A11
    assert "Krijgen toegang, als nieuwe deelnemer: Provincie Zuidland." in html
    network.refresh_from_db()
    assert network.network_weight == "zwaar" and network.participations.count() == 2

    saved = to_light_with_a_province(client, network, bevestigd="ja")
    assert saved.status_code == 302
    network.refresh_from_db()
    assert network.network_weight == "licht" and network.participations.count() == 3
    # The round that was open keeps what applied; the partnership page says it changed.
    round_ = AssessmentRound.objects.get(partnership=network)
    assert "B13" not in {t.code for t in round_applicability(round_).applicable_themes()}
    detail = client.get(network.get_absolute_url()).content.decode()
    assert "Gewijzigd sinds de laatste ronde is geopend:" in detail
    assert "de soorten deelnemers, de zwaarte" in detail


def test_a_contramal_may_not_change_the_facts_of_a_partnership_with_rounds(client, network):
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    page = to_light_with_a_province(client, network, bevestigd="ja")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Alleen de directeur van het samenwerkingsverband of een beheerder" in html
    assert "Er is niets opgeslagen" in html
    network.refresh_from_db()
    assert network.network_weight == "zwaar" and network.participations.count() == 2


def test_a_contramal_still_edits_what_does_not_decide_applicability(client, network):
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    data = page_data(network)
    data["policy_domain"] = "jeugdzorg"
    response = client.post(reverse("partnerships:edit", args=[network.pk]), data)
    assert response.status_code == 302
    assert Partnership.objects.get(pk=network.pk).policy_domain == "jeugdzorg"


def test_without_rounds_a_change_needs_no_confirmation(client, gids):
    partnership = make_partnership(
        "Nieuw Netwerk", legal_form=LegalForm.CONVENANT, participants=["Gemeente Aalstad"]
    )
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    data = page_data(partnership)
    data["network_weight"] = "licht"
    response = client.post(reverse("partnerships:edit", args=[partnership.pk]), data)
    assert response.status_code == 302
    assert Partnership.objects.get(pk=partnership.pk).network_weight == "licht"


def test_the_confirmation_page_carries_the_whole_form_and_is_csrf_protected(network):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(Role.BEHEERDER))
    data = page_data(network)
    data["network_weight"] = "licht"
    response = client.post(reverse("partnerships:edit", args=[network.pk]), data)
    assert response.status_code == 403  # no CSRF token: refused before anything else
