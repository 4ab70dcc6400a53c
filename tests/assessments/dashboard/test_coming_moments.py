"""The coming moments on the start pages: the P&C moments and open rounds' due dates of the
user's own partnerships, per partnership, with a bounded number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.calendar_items import coming_for
from partnerships.constants import MomentKind, Role
from partnerships.dates import add_years
from partnerships.models import CalendarMoment, Partnership
from tests.factories import make_organisation, make_partnership, make_round, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def soon(gids):
    """Two partnerships of Aalstad with a moment next week, one of another municipality."""
    aalstad = make_organisation("Gemeente Aalstad")
    today = timezone.localdate()
    day = today + timedelta(days=7)
    made = []
    for name, participant in (
        ("GGD Zuidland", aalstad),
        ("Belastingsamenwerking Zuid", aalstad),
        ("Veiligheidsregio Elders", "Gemeente Elders"),
    ):
        partnership = make_partnership(name, participants=[participant, "Gemeente Beekdorp"])
        CalendarMoment.objects.create(
            partnership=partnership,
            kind=MomentKind.ZIENSWIJZE_REGELING,
            year=day.year,
            date=day,
            source="brief van het bestuur",
        )
        made.append(partnership)
    make_round(made[0], period="2026", due_on=today + timedelta(days=10))
    return {"aalstad": aalstad, "day": day}


def test_the_start_page_shows_the_coming_moments_of_the_own_partnerships(client, soon):
    client.force_login(make_user(Role.GRIFFIER, organisation=soon["aalstad"]))
    html = client.get(reverse("home")).content.decode()
    assert "Komende momenten" in html
    assert "Zienswijzetermijn ontwerp-regeling sluit" in html
    assert "Ronde 2026: zelfevaluaties in te vullen" in html
    assert ">GGD Zuidland</a>" in html and ">Belastingsamenwerking Zuid</a>" in html
    assert "Veiligheidsregio Elders" not in html


def test_the_partnership_dashboard_shows_its_moments(client, soon):
    ggd = Partnership.objects.get(name="GGD Zuidland")
    client.force_login(make_user(Role.DIRECTEUR, partnership=ggd))
    html = client.get(reverse("assessments:partnership_dashboard", args=[ggd.pk])).content.decode()
    assert "Komende momenten" in html
    assert "Zienswijzetermijn ontwerp-regeling sluit" in html
    assert "volgens de regeling; artikel niet vastgelegd" in html


def test_the_coming_moments_take_four_queries_however_many_partnerships(
    soon, django_assert_max_num_queries
):
    # Each evaluated four years ago less a month: the regeling's next evaluation is coming.
    evaluated = add_years(timezone.localdate(), -4) + timedelta(days=30)
    for n in range(20):
        make_partnership(
            f"Regio {n:02d}", participants=[soon["aalstad"]], last_evaluated_on=evaluated
        )
    # the fourth reads the Wgr check's article on evaluation, for all twenty at once
    with django_assert_max_num_queries(4):
        coming = coming_for(Partnership.objects.all(), timezone.localdate())
    assert coming.more > 0 and len(coming.groups) == 8
    first = coming.groups[0].items[0]
    assert first.date <= soon["day"] and isinstance(first.date, date)
