"""The agenda subscription: a secret, revocable address per user whose feed is valid
iCalendar with the moments and due dates of the user's own partnerships, and the `calendar`
command that prints the same for one partnership."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from assessments.calendar_feed import issue_token
from partnerships.constants import MomentKind, Role
from partnerships.models import CalendarFeedToken, CalendarMoment
from tests.factories import make_organisation, make_partnership, make_round, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(gids):
    aalstad = make_organisation("Gemeente Aalstad")
    ggd = make_partnership("GGD Zuidland", participants=[aalstad, "Gemeente Beekdorp"])
    other = make_partnership("Veiligheidsregio Elders", participants=["Gemeente Elders"])
    year = timezone.localdate().year
    CalendarMoment.objects.create(
        partnership=ggd,
        kind=MomentKind.ONTWERPBEGROTING,
        year=year,
        date=date(year, 4, 1),
        source="volgens de regeling, art. 28",
    )
    round_ = make_round(ggd, period=str(year), due_on=timezone.localdate())
    return {
        "ggd": ggd,
        "other": other,
        "round": round_,
        "year": year,
        "griffier": make_user(Role.GRIFFIER, organisation=aalstad),
    }


def events(response) -> list:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["X-WR-CALNAME"]
    return list(calendar.walk("VEVENT"))


def test_the_feed_is_icalendar_with_only_the_users_own_partnerships(client, world):
    token = issue_token(world["griffier"]).token
    response = client.get(reverse("assessments:agenda_feed", args=[token]))  # no login
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    found = events(response)
    summaries = [str(e["SUMMARY"]) for e in found]
    year = world["year"]
    assert f"GGD Zuidland: Zienswijzetermijn ontwerpbegroting sluit (begroting {year + 1})" in (
        summaries
    )
    assert f"GGD Zuidland: Ronde {year}: zelfevaluaties in te vullen" in summaries
    assert not any("Elders" in s for s in summaries)
    uid = f"moment-{world['ggd'].pk}-ontwerpbegroting-{year}@regiespiegel"
    own = next(e for e in found if str(e["UID"]) == uid)
    assert own["DTSTART"].dt == date(year, 4, 1)
    assert "volgens de regeling, art. 28" in str(own["DESCRIPTION"])
    assert all("DTSTAMP" in e for e in found)
    # Stable identities: the same feed twice has the same UIDs.
    again = events(client.get(reverse("assessments:agenda_feed", args=[token])))
    assert sorted(str(e["UID"]) for e in again) == sorted(str(e["UID"]) for e in found)
    # From last year to two years ahead.
    years = {e["DTSTART"].dt.year for e in found}
    assert years == {year - 1, year, year + 1, year + 2}


def test_a_raadslid_gets_an_empty_but_valid_calendar(client, world):
    raadslid = make_user(Role.RAADSLID, organisation="Gemeente Aalstad")
    token = issue_token(raadslid).token
    assert events(client.get(reverse("assessments:agenda_feed", args=[token]))) == []


def test_renewed_and_revoked_tokens_are_refused(client, world):
    griffier = world["griffier"]
    client.force_login(griffier)
    assert client.post(reverse("assessments:agenda_link"), {"actie": "maken"}).status_code == 302
    first = CalendarFeedToken.objects.get(user=griffier).token
    page = client.get(reverse("assessments:agenda")).content.decode()
    assert f"http://testserver/agenda/{first}.ics" in page
    client.post(reverse("assessments:agenda_link"), {"actie": "vernieuwen"})
    second = CalendarFeedToken.objects.get(user=griffier).token
    assert second != first
    anonymous = type(client)()
    assert anonymous.get(reverse("assessments:agenda_feed", args=[first])).status_code == 404
    assert anonymous.get(reverse("assessments:agenda_feed", args=[second])).status_code == 200
    client.post(reverse("assessments:agenda_link"), {"actie": "intrekken"})
    assert not CalendarFeedToken.objects.filter(user=griffier).exists()
    assert anonymous.get(reverse("assessments:agenda_feed", args=[second])).status_code == 404
    assert anonymous.get("/agenda/niet-bestaand-maar-lang-genoeg-1234.ics").status_code == 404


def test_an_inactive_users_feed_is_refused(client, world):
    token = issue_token(world["griffier"]).token
    world["griffier"].is_active = False
    world["griffier"].save()
    assert client.get(reverse("assessments:agenda_feed", args=[token])).status_code == 404


def test_the_agenda_page_needs_a_login_and_links_need_a_post(client, world):
    assert client.get(reverse("assessments:agenda")).status_code == 302
    client.force_login(world["griffier"])
    page = client.get(reverse("assessments:agenda"))
    assert "Agenda-link maken" in page.content.decode()
    assert client.get(reverse("assessments:agenda_link")).status_code == 405


def test_the_command_prints_one_partnerships_calendar(world):
    out = StringIO()
    call_command("calendar", "GGD Zuidland", "--ics", stdout=out)
    calendar = Calendar.from_ical(out.getvalue())
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert any(s.startswith("GGD Zuidland: Financiële en beleidsmatige kaders") for s in summaries)
    out = StringIO()
    call_command("calendar", str(world["ggd"].pk), "--year", str(world["year"]), stdout=out)
    text = out.getvalue()
    assert f"1 april {world['year']}" in text and "volgens de regeling, art. 28" in text
    assert "De Wgr vraagt sinds 2022" in text
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("calendar", "Bestaat niet", stdout=StringIO())
    with pytest.raises(CommandError, match="Onbekend jaar"):
        call_command("calendar", "GGD Zuidland", "--year", "²", stdout=StringIO())
