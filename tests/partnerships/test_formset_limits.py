"""The rows of the partnership page are capped: a forged row count (TOTAL_FORMS=100000) gets a
Dutch error at once, instead of tens of thousands of forms built and shown."""

import pytest
from django.urls import reverse

from partnerships.constants import Role
from partnerships.forms import MAX_BODIES, MAX_PARTICIPANTS, MAX_SEATS
from partnerships.models import Body, Partnership, Person
from tests.factories import make_organisation, make_partnership, make_user
from tests.partnerships.test_partnership_views import new_data, page_data

pytestmark = pytest.mark.django_db

CASES = [
    ("deelnemers", "participations", MAX_PARTICIPANTS, "deelnemers"),
    ("organen", "bodies", MAX_BODIES, "organen"),
    ("leden", "seats", MAX_SEATS, "leden"),
]


def _message(cap: int, what: str) -> str:
    return f"Te veel regels: u kunt hier hoogstens {cap} {what} invullen. Er is niets opgeslagen."


@pytest.fixture
def aalstad():
    return make_organisation("Gemeente Aalstad")


@pytest.fixture
def partnership(aalstad):
    return make_partnership("Regio Grens", participants=[aalstad, "Gemeente Beekdorp"])


@pytest.fixture
def contramal(client, aalstad):
    user = make_user(Role.CONTRAMAL, organisation=aalstad)
    client.force_login(user)
    return user


@pytest.mark.parametrize(("prefix", "context_name", "cap", "what"), CASES)
def test_a_forged_row_count_is_refused_and_nothing_is_saved(
    client, contramal, partnership, prefix, context_name, cap, what
):
    data = page_data(partnership)
    data["name"] = "Regio Grens Gewijzigd"
    data[f"{prefix}-TOTAL_FORMS"] = "100000"
    response = client.post(reverse("partnerships:edit", args=[partnership.pk]), data)
    assert response.status_code == 200
    assert _message(cap, what) in response.content.decode()
    # Only the stored rows are built and shown again, not a hundred thousand empty ones.
    assert len(response.context[context_name].forms) == int(data[f"{prefix}-INITIAL_FORMS"])
    partnership.refresh_from_db()
    assert partnership.name == "Regio Grens"
    assert partnership.participations.count() == 2
    assert not Body.objects.filter(partnership=partnership).exists()
    assert not Person.objects.exists()


def test_a_forged_row_count_on_the_create_page_creates_nothing(client, aalstad):
    client.force_login(make_user(Role.BEHEERDER))
    data = new_data("Regio Nieuw", "openbaar_lichaam", [aalstad])
    data["deelnemers-TOTAL_FORMS"] = "100000"
    data["deelnemers-INITIAL_FORMS"] = "100000"
    response = client.post(reverse("partnerships:create"), data)
    assert response.status_code == 200
    assert _message(MAX_PARTICIPANTS, "deelnemers") in response.content.decode()
    assert not Partnership.objects.filter(name="Regio Nieuw").exists()


def test_one_participant_more_than_the_cap_is_refused_but_the_cap_itself_is_saved(client):
    client.force_login(make_user(Role.BEHEERDER))
    organisations = [
        make_organisation(f"Gemeente Rij {i:03d}") for i in range(MAX_PARTICIPANTS + 1)
    ]
    data = new_data("Regio Groot", "openbaar_lichaam", organisations)
    data["deelnemers-TOTAL_FORMS"] = str(MAX_PARTICIPANTS + 1)
    url = reverse("partnerships:create")
    response = client.post(url, data)
    assert response.status_code == 200
    assert _message(MAX_PARTICIPANTS, "deelnemers") in response.content.decode()
    assert not Partnership.objects.filter(name="Regio Groot").exists()

    data["deelnemers-TOTAL_FORMS"] = str(MAX_PARTICIPANTS)
    del data[f"deelnemers-{MAX_PARTICIPANTS}-organisation"]
    response = client.post(url, data)
    assert response.status_code == 302
    partnership = Partnership.objects.get(name="Regio Groot")
    assert partnership.participations.count() == MAX_PARTICIPANTS


def test_the_admin_inlines_have_the_same_caps(client, partnership):
    """The admin's partnership page: a forged row count is refused, nothing is saved."""
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("staf", password="x"))
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    page = client.get(url)
    assert page.status_code == 200
    formsets = page.context["inline_admin_formsets"]
    data = {"name": "Nieuwe naam", "cooperation_model": partnership.cooperation_model}
    data["legal_form"] = partnership.legal_form
    data["evaluation_interval_years"] = partnership.evaluation_interval_years
    for inline in formsets:
        formset = inline.formset
        assert formset.absolute_max == formset.max_num
        data[f"{formset.prefix}-TOTAL_FORMS"] = "0"
        data[f"{formset.prefix}-INITIAL_FORMS"] = "0"
    first = formsets[0].formset.prefix
    data[f"{first}-TOTAL_FORMS"] = "100000"
    response = client.post(url, data)
    assert response.status_code == 200
    partnership.refresh_from_db()
    assert partnership.name == "Regio Grens"
