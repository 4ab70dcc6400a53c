"""Members of a body are named by name: a seat row never reuses or rewrites a person of an
organisation outside the partnership, nor the e-mail address of somebody who also sits where
the editor may not edit."""

import pytest
from django.urls import reverse

from partnerships.constants import BodyKind, Role, SeatRole
from partnerships.models import Body, Organisation, Person, Seat
from tests.factories import make_organisation, make_partnership, make_user
from tests.partnerships.test_partnership_views import page_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def aalstad():
    return make_organisation("Gemeente Aalstad")


@pytest.fixture
def ggd(aalstad):
    partnership = make_partnership("GGD Test", participants=[aalstad, "Gemeente Beekdorp"])
    Body.objects.create(partnership=partnership, kind=BodyKind.AB, name="AB GGD Test")
    return partnership


@pytest.fixture
def elsewhere():
    """A partnership Aalstad takes no part in."""
    partnership = make_partnership("Elders Verband", participants=["Gemeente Cederveen"])
    Body.objects.create(partnership=partnership, kind=BodyKind.AB, name="AB Elders")
    return partnership


def _add_seat(client, partnership, name, email):
    data = page_data(partnership)
    index = int(data["leden-TOTAL_FORMS"]) - 1  # the empty extra row
    data.update(
        {
            f"leden-{index}-body": partnership.bodies.get(kind=BodyKind.AB).pk,
            f"leden-{index}-person_name": name,
            f"leden-{index}-person_email": email,
            f"leden-{index}-role": SeatRole.LID,
        }
    )
    response = client.post(reverse("partnerships:edit", args=[partnership.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_name_from_another_organisation_is_not_reused(client, ggd, elsewhere, aalstad):
    cederveen = Organisation.objects.get(name="Gemeente Cederveen")
    carla = Person.objects.create(
        name="Carla de Vries", email="carla@cederveen.example", organisation=cederveen
    )
    Seat.objects.create(body=elsewhere.bodies.get(), person=carla, role=SeatRole.VOORZITTER)

    client.force_login(make_user(Role.CONTRAMAL, organisation=aalstad))
    _add_seat(client, ggd, "Carla de Vries", "carla@aalstad.example")

    carla.refresh_from_db()
    assert carla.email == "carla@cederveen.example"
    new_seat = Seat.objects.get(body__partnership=ggd)
    assert new_seat.person != carla
    assert new_seat.person.email == "carla@aalstad.example"


def test_an_email_is_not_changed_where_the_editor_may_not_edit(client, ggd, elsewhere, aalstad):
    """Somebody of Aalstad who also sits in a partnership Aalstad's contramal may not edit."""
    piet = Person.objects.create(name="Piet Jansen", email="piet@oud.example", organisation=aalstad)
    Seat.objects.create(body=elsewhere.bodies.get(), person=piet, role=SeatRole.LID)

    client.force_login(make_user(Role.CONTRAMAL, organisation=aalstad))
    _add_seat(client, ggd, "Piet Jansen", "piet@nieuw.example")

    piet.refresh_from_db()
    assert piet.email == "piet@oud.example"
    assert Seat.objects.get(body__partnership=elsewhere).person == piet
    assert Seat.objects.get(body__partnership=ggd).person.email == "piet@nieuw.example"


def test_a_person_the_editor_may_edit_everywhere_is_reused(client, ggd, aalstad):
    other = make_partnership("Afval Test", participants=[aalstad])
    Body.objects.create(partnership=other, kind=BodyKind.AB, name="AB Afval")
    piet = Person.objects.create(name="Piet Jansen", email="piet@oud.example", organisation=aalstad)
    Seat.objects.create(body=other.bodies.get(), person=piet, role=SeatRole.LID)

    client.force_login(make_user(Role.CONTRAMAL, organisation=aalstad))
    _add_seat(client, ggd, "Piet Jansen", "piet@nieuw.example")

    piet.refresh_from_db()
    assert piet.email == "piet@nieuw.example"
    assert Seat.objects.get(body__partnership=ggd).person == piet
    assert Person.objects.filter(name="Piet Jansen").count() == 1
