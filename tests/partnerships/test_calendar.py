"""The P&C calendar of a partnership: the Wgr's defaults, the partnership's own dates with
their source, the pages that show and change them, and the evaluation that is the
regeling's, never the law's."""

from datetime import date

import pytest
from django.urls import reverse

from partnerships.constants import LegalForm, MomentKind, Role
from partnerships.models import CalendarMoment, Partnership, WgrClause
from partnerships.pc_calendar import (
    MSG_EVALUATION_UNKNOWN,
    MSG_NO_EVALUATION_ARRANGEMENT,
    evaluation_text,
    evaluation_warning,
    first_on_or_after,
    moments,
)
from tests.factories import make_organisation, make_partnership, make_user

pytestmark = pytest.mark.django_db


def by_kind(partnership, year):
    return {m.kind: m for m in moments(partnership, year)}


@pytest.fixture
def ggd():
    aalstad = make_organisation("Gemeente Aalstad")
    return make_partnership("GGD Zuidland", participants=[aalstad, "Gemeente Beekdorp"])


# --- The rules --------------------------------------------------------------------------------


def test_an_openbaar_lichaam_gets_the_wgr_budget_moments_by_default(ggd):
    found = by_kind(ggd, 2027)
    assert found[MomentKind.KADERS].date == date(2027, 4, 30)
    assert found[MomentKind.KADERS].about == "begroting 2028"
    assert found[MomentKind.JAARREKENING].date == date(2027, 4, 30)
    assert found[MomentKind.JAARREKENING].about == "jaarrekening 2026"
    assert found[MomentKind.BESTUUR_BEGROTING].date == date(2027, 7, 1)
    # Sent 12 weeks before the bestuur decides; the raden have 12 weeks.
    assert found[MomentKind.ONTWERPBEGROTING].date == date(2027, 4, 8)
    assert found[MomentKind.ZIENSWIJZE_BEGROTING].date == date(2027, 7, 1)
    assert found[MomentKind.BEGROTING_GS].date == date(2027, 9, 15)
    assert not any(m.is_own for m in found.values())
    assert MomentKind.ZIENSWIJZE_REGELING not in found


def test_an_own_date_overrides_the_default_and_the_term_follows_it(ggd):
    CalendarMoment.objects.create(
        partnership=ggd,
        kind=MomentKind.ONTWERPBEGROTING,
        year=2027,
        date=date(2027, 4, 1),
        source="volgens de regeling, art. 28",
    )
    found = by_kind(ggd, 2027)
    sent = found[MomentKind.ONTWERPBEGROTING]
    assert (sent.date, sent.is_own, sent.source) == (
        date(2027, 4, 1),
        True,
        "volgens de regeling, art. 28",
    )
    assert found[MomentKind.ZIENSWIJZE_BEGROTING].date == date(2027, 6, 24)
    assert not found[MomentKind.ZIENSWIJZE_BEGROTING].is_own
    # Another year keeps the default.
    assert by_kind(ggd, 2028)[MomentKind.ONTWERPBEGROTING].date == date(2028, 4, 8)


def test_forms_without_a_budget_have_no_budget_moments():
    centrum = make_partnership(
        "Centrum Noord",
        legal_form=LegalForm.CENTRUMREGELING,
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
        centre="Gemeente Aalstad",
    )
    assert moments(centrum, 2027) == []


def test_the_evaluation_is_the_regelings_and_says_so(ggd):
    ggd.last_evaluated_on = date(2023, 3, 1)
    ggd.evaluation_interval_years = 4
    ggd.save()
    evaluation = by_kind(ggd, 2027)[MomentKind.EVALUATIE]
    assert evaluation.date == date(2027, 3, 1)
    assert "volgens de regeling" in evaluation.source
    # Nobody checked the regeling yet: the interval is still the regeling's, with a warning.
    assert evaluation_text(ggd) == "elke 4 jaar, volgens de regeling; artikel niet vastgelegd"
    assert evaluation_warning(ggd) == MSG_EVALUATION_UNKNOWN
    clause = WgrClause.objects.create(partnership=ggd, code="evaluatie", status="nee")
    ggd = Partnership.objects.get(pk=ggd.pk)
    assert evaluation_text(ggd) == "elke 4 jaar; de regeling zelf regelt geen evaluatie"
    assert evaluation_warning(ggd) == MSG_NO_EVALUATION_ARRANGEMENT
    clause.status, clause.article = "ja", "32"
    clause.save()
    ggd = Partnership.objects.get(pk=ggd.pk)
    assert evaluation_text(ggd) == "elke 4 jaar, volgens de regeling, art. 32"
    assert evaluation_warning(ggd) == ""
    assert by_kind(ggd, 2027)[MomentKind.EVALUATIE].source == evaluation_text(ggd)


def test_a_network_gets_no_wgr_warning():
    network = make_partnership("Netwerk Kust", legal_form=LegalForm.CONVENANT)
    assert evaluation_warning(network) == ""


def test_the_first_moment_on_or_after_a_day_may_be_next_year(ggd):
    assert first_on_or_after(ggd, MomentKind.KADERS, date(2027, 5, 1)).date == date(2028, 4, 30)
    assert first_on_or_after(ggd, MomentKind.ZIENSWIJZE_REGELING, date(2027, 5, 1)) is None


# --- The pages --------------------------------------------------------------------------------


def test_the_year_page_shows_dates_in_dutch_with_their_source(client, ggd):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    page = client.get(reverse("partnerships:calendar", args=[ggd.pk, 2027]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "30 april 2027" in html
    assert "Zienswijzetermijn ontwerpbegroting sluit (begroting 2028)" in html
    assert "Wgr: uiterlijk 15 september" in html
    assert "De Wgr vraagt sinds 2022 afspraken over evaluatie" in html
    assert "Datums wijzigen" not in html  # a griffier reads, the contramal changes


def test_the_partnership_page_links_to_the_calendar(client, ggd):
    client.force_login(make_user(Role.BEHEERDER))
    html = client.get(reverse("partnerships:detail", args=[ggd.pk])).content.decode()
    assert reverse("partnerships:calendar", args=[ggd.pk, date.today().year]) in html
    assert "volgens de regeling; artikel niet vastgelegd" in html


def test_others_do_not_see_the_calendar_and_readers_may_not_change_it(client, ggd):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Elders"))
    assert client.get(reverse("partnerships:calendar", args=[ggd.pk, 2027])).status_code == 404
    assert client.get(reverse("partnerships:calendar_edit", args=[ggd.pk, 2027])).status_code == 404
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    edit = reverse("partnerships:calendar_edit", args=[ggd.pk, 2027])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {}).status_code == 403
    client.logout()
    assert client.get(edit).status_code == 302  # to the login page


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_year_out_of_range_is_not_found(client, ggd, year):
    client.force_login(make_user(Role.BEHEERDER))
    assert client.get(reverse("partnerships:calendar", args=[ggd.pk, year])).status_code == 404


def edit(client, partnership, year, **fields):
    return client.post(reverse("partnerships:calendar_edit", args=[partnership.pk, year]), fields)


def test_the_contramal_sets_and_resets_a_date_with_its_source(client, ggd):
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    assert client.get(reverse("partnerships:calendar_edit", args=[ggd.pk, 2027])).status_code == 200
    response = edit(
        client,
        ggd,
        2027,
        ontwerpbegroting_date="2027-04-01",
        ontwerpbegroting_source="volgens de regeling, art. 28",
        ontwerpbegroting_note="AB vergadert 24 juni",
    )
    assert response.status_code == 302
    row = CalendarMoment.objects.get(partnership=ggd, year=2027)
    assert (row.kind, row.date, row.source, row.note) == (
        MomentKind.ONTWERPBEGROTING,
        date(2027, 4, 1),
        "volgens de regeling, art. 28",
        "AB vergadert 24 juni",
    )
    page = client.get(reverse("partnerships:calendar", args=[ggd.pk, 2027])).content.decode()
    assert "1 april 2027" in page and "eigen datum" in page
    assert row.history.count() == 1
    # Saving the same again writes nothing; an empty date goes back to the default.
    edit(
        client,
        ggd,
        2027,
        ontwerpbegroting_date="2027-04-01",
        ontwerpbegroting_source="volgens de regeling, art. 28",
        ontwerpbegroting_note="AB vergadert 24 juni",
    )
    assert row.history.count() == 1
    assert edit(client, ggd, 2027).status_code == 302
    assert not CalendarMoment.objects.filter(partnership=ggd).exists()


def test_a_draft_regeling_term_closes_eight_weeks_after_sending(client, ggd):
    client.force_login(make_user(Role.BEHEERDER))
    edit(
        client,
        ggd,
        2027,
        zienswijze_regeling_verzonden="2027-03-01",
        zienswijze_regeling_source="brief AB van 1 maart",
    )
    row = CalendarMoment.objects.get(partnership=ggd, kind=MomentKind.ZIENSWIJZE_REGELING)
    assert row.date == date(2027, 4, 26)
    term = by_kind(ggd, 2027)[MomentKind.ZIENSWIJZE_REGELING]
    assert term.title == "Zienswijzetermijn ontwerp-regeling sluit"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kaders_date": "2028-04-30", "kaders_source": "x"}, "kaders_date", "valt niet in 2027"),
        ({"kaders_date": "2027-04-15"}, "kaders_source", "waar deze datum vandaan komt"),
        ({"kaders_date": "1899-12-31", "kaders_source": "x"}, "kaders_date", "te ver in het"),
        (
            {"zienswijze_regeling_verzonden": "2027-11-20", "zienswijze_regeling_source": "x"},
            "zienswijze_regeling_verzonden",
            "valt niet in 2027",
        ),
        (
            {
                "zienswijze_regeling_verzonden": "2027-03-01",
                "zienswijze_regeling_date": "2027-02-01",
                "zienswijze_regeling_source": "x",
            },
            "zienswijze_regeling_date",
            "vóór het ontwerp is verzonden",
        ),
    ],
)
def test_wrong_dates_are_refused_in_dutch_and_nothing_is_saved(client, ggd, fields, field, message):
    client.force_login(make_user(Role.BEHEERDER))
    response = edit(client, ggd, 2027, **fields)
    assert response.status_code == 400
    assert any(message in e for e in response.context["form"].errors[field])
    assert not CalendarMoment.objects.exists()


def test_the_evaluation_article_is_the_wgr_checks_and_ends_the_warning(client, ggd):
    """One place for the regeling's evaluation arrangements: the Wgr check's clause. The
    partnership page then names the article and drops the warning."""
    client.force_login(make_user(Role.BEHEERDER))
    detail = reverse("partnerships:detail", args=[ggd.pk])
    assert "De Wgr vraagt sinds 2022" in client.get(detail).content.decode()
    data = {}
    for code in ("zienswijze_besluiten", "burgerparticipatie", "uittreding", "informatie"):
        data |= {f"{code}-status": "onbekend", f"{code}-article": "", f"{code}-note": ""}
    data |= {"evaluatie-status": "ja", "evaluatie-article": "art. 32 lid 1", "evaluatie-note": ""}
    data |= {"adviescommissie-status": "onbekend", "adviescommissie-article": ""}
    data |= {"adviescommissie-note": ""}
    response = client.post(reverse("partnerships:wgr", args=[ggd.pk]), data)
    assert response.status_code == 302
    html = client.get(detail).content.decode()
    assert "elke 4 jaar, volgens de regeling, art. 32 lid 1" in html
    assert "De Wgr vraagt sinds 2022" not in html
