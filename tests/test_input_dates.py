"""Dates: every form keeps them in a sensible range, and a stored extreme date (written before
the rule existed) never takes down a page. partnerships/dates.py holds the rules."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from assessments.models import AssessmentRound, NextStep
from partnerships.constants import Role
from partnerships.dates import (
    DATE_VALIDATORS,
    MSG_IN_FUTURE,
    MSG_TOO_EARLY,
    MSG_TOO_LATE,
    PLANNING_YEARS,
    add_days,
    add_years,
    validate_past_date,
)
from partnerships.models import Participation, Partnership, Seat
from tests.assessments.rounds.test_rounds import _create_data
from tests.factories import (
    make_assessment,
    make_next_step,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)
from tests.partnerships.test_partnership_views import page_data, row

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TOO_FAR = add_years(TODAY, PLANNING_YEARS) + timedelta(days=1)


# --- Arithmetic that saturates --------------------------------------------------------------


def test_add_years_stops_at_the_ends_of_the_calendar():
    assert add_years(date(9999, 12, 31), 4) == date.max
    assert add_years(date(9998, 6, 1), 4) == date.max
    assert add_years(date(1, 1, 1), -1) == date.min
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 5, 1), 4) == date(2028, 5, 1)


def test_add_days_stops_at_the_ends_of_the_calendar():
    assert add_days(date(9999, 12, 30), 365) == date.max
    assert add_days(date(1, 1, 2), -365) == date.min
    assert add_days(date(2026, 1, 31), 1) == date(2026, 2, 1)


# --- The rules in the forms ---------------------------------------------------------------


@pytest.fixture
def contramal_and_partnership(client, gids):
    aalstad = make_organisation("Gemeente Aalstad")
    partnership = make_partnership("Regio Datumstad", participants=[aalstad, "Gemeente Beekdorp"])
    client.force_login(make_user(Role.CONTRAMAL, organisation=aalstad))
    return partnership


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9999-12-31", MSG_IN_FUTURE),
        ((TODAY + timedelta(days=1)).isoformat(), MSG_IN_FUTURE),
        ("1899-12-31", MSG_TOO_EARLY),
    ],
)
def test_last_evaluated_on_must_lie_between_1900_and_today(
    client, contramal_and_partnership, value, message
):
    partnership = contramal_and_partnership
    data = page_data(partnership)
    data["last_evaluated_on"] = value
    data["name"] = "Nieuwe naam"
    response = client.post(reverse("partnerships:edit", args=[partnership.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    partnership.refresh_from_db()
    assert (partnership.name, partnership.last_evaluated_on) == ("Regio Datumstad", None)


def test_last_evaluated_on_today_is_accepted(client, contramal_and_partnership):
    partnership = contramal_and_partnership
    data = page_data(partnership)
    data["last_evaluated_on"] = TODAY.isoformat()
    response = client.post(reverse("partnerships:edit", args=[partnership.pk]), data)
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.last_evaluated_on == TODAY


def test_participation_dates_stay_within_the_planning_range(client, contramal_and_partnership):
    partnership = contramal_and_partnership
    data = page_data(partnership)
    aalstad = partnership.participations.get(organisation__name="Gemeente Aalstad")
    index = row(data, "deelnemers", aalstad.organisation)
    data[f"deelnemers-{index}-since"] = "2020-01-01"
    data[f"deelnemers-{index}-until"] = TOO_FAR.isoformat()
    response = client.post(reverse("partnerships:edit", args=[partnership.pk]), data)
    assert response.status_code == 200
    assert MSG_TOO_LATE in response.content.decode()
    aalstad.refresh_from_db()
    assert (aalstad.since, aalstad.until) == (None, None)

    data[f"deelnemers-{index}-until"] = add_years(TODAY, PLANNING_YEARS).isoformat()
    response = client.post(reverse("partnerships:edit", args=[partnership.pk]), data)
    assert response.status_code == 302
    aalstad.refresh_from_db()
    assert aalstad.until == add_years(TODAY, PLANNING_YEARS)


def test_a_next_step_due_in_the_far_future_is_refused(client, gids):
    partnership = make_partnership("Regio Stappen", participants=["Gemeente Aalstad"])
    round_ = make_round(partnership)
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation="Gemeente Aalstad"))
    response = client.post(
        reverse("assessments:next_step_create", args=[round_.pk]),
        {"description": "Evaluatie plannen", "owner": "Griffie", "due_on": "9999-12-31"},
    )
    assert MSG_TOO_LATE in response.content.decode()
    assert not NextStep.objects.exists()


def test_a_round_cannot_be_due_in_the_far_future(client, gids):
    partnership = make_partnership(
        "Regio Rivierenland", participants=["Gemeente Aalstad", "Gemeente Beekdorp"]
    )
    client.force_login(make_user(Role.DIRECTEUR, partnership=partnership))
    url = reverse("assessments:round_create", args=[partnership.pk])
    response = client.post(url, _create_data(partnership, due_on="9999-12-31"))
    assert MSG_TOO_LATE in response.content.decode()
    response = client.post(url, _create_data(partnership, opens_on="0001-01-01"))
    assert MSG_TOO_EARLY in response.content.decode()
    assert not AssessmentRound.objects.exists()


def test_every_date_field_of_every_model_has_a_range_rule():
    """The admin and the services' full_clean use the model fields: none may be left out."""
    missing = [
        f"{model._meta.label}.{field.name}"
        for app in ("partnerships", "assessments")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.DateField)
        and not isinstance(field, models.DateTimeField)
        and field.editable
        and not model._meta.label.split(".")[1].startswith("Historical")
        and model._meta.model_name != "partnershipsummary"  # derived, never typed in
        and model._meta.model_name != "reminderlog"  # written by send_reminders, never typed in
        and not any(v in field.validators for v in DATE_VALIDATORS)
    ]
    assert missing == []


def test_the_model_refuses_what_the_form_refuses():
    partnership = make_partnership("Regio Model")
    partnership.last_evaluated_on = date(9999, 12, 31)
    with pytest.raises(ValidationError) as error:
        partnership.full_clean()
    assert error.value.message_dict["last_evaluated_on"] == [MSG_IN_FUTURE]
    with pytest.raises(ValidationError):
        validate_past_date(TODAY + timedelta(days=1))
    validate_past_date(TODAY)


# --- A stored extreme date does not take down a page -----------------------------------------


@pytest.fixture
def stored_extremes(gids):
    """A partnership whose dates were written straight into the database, before the rules."""

    def build(extreme: date) -> Partnership:
        aalstad = make_organisation("Gemeente Aalstad")
        partnership = make_partnership(
            "Regio Verre Toekomst", participants=[aalstad, "Gemeente Beekdorp"]
        )
        other = make_partnership("Regio Gewoon", participants=[aalstad])
        make_round(other, period="2026")
        round_ = make_round(partnership, period="2026")
        make_assessment(round_, organisation=aalstad, submitted=True, answers={"A1.1": 2})
        make_next_step(round_, description="Stap met een verre datum")
        Partnership.objects.filter(pk=partnership.pk).update(last_evaluated_on=extreme)
        AssessmentRound.objects.filter(pk=round_.pk).update(opens_on=extreme, due_on=extreme)
        NextStep.objects.filter(round=round_).update(due_on=extreme, completed_on=extreme)
        Participation.objects.filter(partnership=partnership).update(since=extreme, until=extreme)
        Seat.objects.update(since=extreme, until=extreme)
        return partnership

    return build


@pytest.mark.parametrize("extreme", [date.max, date.min], ids=["9999-12-31", "0001-01-01"])
def test_the_dashboards_still_answer_with_an_extreme_stored_date(client, stored_extremes, extreme):
    partnership = stored_extremes(extreme)
    aalstad = make_organisation("Gemeente Aalstad")
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=aalstad))

    response = client.get(reverse("assessments:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Regio Verre Toekomst" in html and "Regio Gewoon" in html

    response = client.get(reverse("assessments:dashboard_export"))
    assert response.status_code == 200
    names = [
        r[0]
        for r in load_workbook(BytesIO(response.content))["Overzicht"].iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert names == ["Regio Gewoon", "Regio Verre Toekomst"]

    response = client.get(reverse("assessments:partnership_dashboard", args=[partnership.pk]))
    assert response.status_code == 200
    assert "Regio Verre Toekomst" in response.content.decode()


@pytest.mark.parametrize("extreme", [date.max, date.min], ids=["9999-12-31", "0001-01-01"])
def test_the_round_page_still_answers_with_an_extreme_stored_date(client, stored_extremes, extreme):
    """The directeur's round page proposes next year's dates for the next round."""
    partnership = stored_extremes(extreme)
    client.force_login(make_user(Role.DIRECTEUR, partnership=partnership))
    round_ = partnership.rounds.get()
    response = client.get(reverse("assessments:round", args=[round_.pk]))
    assert response.status_code == 200
    assert "Ronde 2026" in response.content.decode()
    response = client.get(reverse("assessments:partnership_dashboard", args=[partnership.pk]))
    assert response.status_code == 200


def test_the_next_evaluation_of_a_far_future_evaluation_is_shown_as_the_last_day(
    client, stored_extremes
):
    partnership = stored_extremes(date.max)
    client.force_login(make_user(Role.DIRECTEUR, partnership=partnership))
    html = client.get(
        reverse("assessments:partnership_dashboard", args=[partnership.pk])
    ).content.decode()
    assert "31 december 9999" in html
