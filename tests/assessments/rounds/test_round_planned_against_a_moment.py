"""A round planned against a moment of the P&C calendar: "klaar zes weken vóór de
zienswijzetermijn sluit". The due date follows from the first time that moment comes on or
after the round opens, and stays the date that counts."""

from datetime import date

import pytest
from django.urls import reverse

from assessments.models import AssessmentRound
from partnerships.constants import LegalForm, MomentKind
from partnerships.models import CalendarMoment, Participation
from tests.factories import make_partnership, make_user

pytestmark = pytest.mark.django_db


def data(partnership, **extra):
    aalstad = Participation.objects.get(
        partnership=partnership, organisation__name="Gemeente Aalstad"
    )
    fields = {
        "period": "2027",
        "opens_on": "2027-03-01",
        "due_on": "",
        "target": "3",
        f"invite_p{aalstad.pk}-raad": "on",
        "plan_moment": MomentKind.ZIENSWIJZE_BEGROTING,
        "plan_weeks_before": "6",
    }
    fields.update(extra)
    return fields


def create(client, partnership, **extra):
    return client.post(
        reverse("assessments:round_create", args=[partnership.pk]), data(partnership, **extra)
    )


def test_the_due_date_is_six_weeks_before_the_term_closes(client, partnership, directeur):
    client.force_login(directeur)
    response = create(client, partnership)
    assert response.status_code == 302
    round_ = AssessmentRound.objects.get(partnership=partnership)
    # The default term closes on 1 July 2027 (12 weeks after sending, 12 before 1 July).
    assert round_.due_on == date(2027, 5, 20)
    assert (round_.plan_moment, round_.plan_weeks_before) == (MomentKind.ZIENSWIJZE_BEGROTING, 6)
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Klaar 6 weken vóór" in html
    assert "Zienswijzetermijn ontwerpbegroting sluit (begroting 2028)" in html
    assert "1 juli 2027" in html
    messages = [str(m) for m in page.context["messages"]]
    assert any("De einddatum is 20 mei 2027" in m for m in messages)


def test_the_partnerships_own_date_counts(client, partnership, directeur):
    CalendarMoment.objects.create(
        partnership=partnership,
        kind=MomentKind.ZIENSWIJZE_BEGROTING,
        year=2027,
        date=date(2027, 6, 12),
        source="volgens de regeling, art. 28",
    )
    client.force_login(directeur)
    assert create(client, partnership, plan_weeks_before="2").status_code == 302
    assert AssessmentRound.objects.get().due_on == date(2027, 5, 29)


def test_after_this_years_moment_the_next_years_counts(client, partnership, directeur):
    client.force_login(directeur)
    assert create(client, partnership, opens_on="2027-07-02").status_code == 302
    assert AssessmentRound.objects.get().due_on == date(2028, 5, 20)


def test_a_moment_the_partnership_does_not_have_is_refused(client, partnership, directeur):
    client.force_login(directeur)
    response = create(client, partnership, plan_moment=MomentKind.ZIENSWIJZE_REGELING)
    assert response.status_code == 400
    errors = response.context["form"].errors["plan_moment"]
    assert "heeft geen moment ‘Zienswijzetermijn ontwerp-regeling sluit’" in errors[0]
    assert not AssessmentRound.objects.exists()


def test_a_due_date_before_the_round_opens_is_refused(client, partnership, directeur):
    client.force_login(directeur)
    response = create(client, partnership, opens_on="2027-06-01")
    assert response.status_code == 400
    errors = response.context["form"].errors["plan_weeks_before"]
    assert "20 mei 2027: dat is vóór de ronde opent" in errors[0]
    assert not AssessmentRound.objects.exists()


def test_without_a_moment_a_due_date_is_needed(client, partnership, directeur):
    client.force_login(directeur)
    response = create(client, partnership, plan_moment="")
    assert response.status_code == 400
    assert "of plan de ronde tegen een moment" in response.context["form"].errors["due_on"][0]
    assert create(client, partnership, plan_moment="", due_on="2027-04-01").status_code == 302
    round_ = AssessmentRound.objects.get()
    assert (round_.due_on, round_.plan_moment, round_.plan_weeks_before) == (
        date(2027, 4, 1),
        "",
        None,
    )


def test_a_centrumregeling_has_no_budget_moment_to_plan_against(client, gids):
    centrum = make_partnership(
        "Centrum Noord",
        legal_form=LegalForm.CENTRUMREGELING,
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
        centre="Gemeente Aalstad",
    )
    client.force_login(make_user("directeur", partnership=centrum))
    assert create(client, centrum).status_code == 400


def test_the_due_date_is_shown_before_saving(client, partnership, directeur):
    client.force_login(directeur)
    response = create(client, partnership, bereken="1")
    assert response.status_code == 200
    assert not AssessmentRound.objects.exists()
    html = response.content.decode()
    assert "Einddatum: <strong>20 mei 2027</strong>, 6 weken vóór" in html
    assert 'value="2027-05-20"' in html  # filled in above
    assert html.count(" checked>") == 1  # the respondent ticked stays ticked
    wrong = create(client, partnership, bereken="1", plan_moment=MomentKind.ZIENSWIJZE_REGELING)
    assert "De einddatum kan niet worden berekend" in wrong.content.decode()
    none = create(client, partnership, bereken="1", plan_moment="")
    assert "Kies eerst het moment" in none.content.decode()
