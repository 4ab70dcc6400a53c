"""Dates in tables read as Dutch writes them: "3 dec. 2026", never "3 Dec 2026"."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template

from assessments.models import NextStep
from partnerships.constants import Role
from partnerships.dates import short_date
from tests.factories import make_next_step, make_partnership, make_round, make_user


def test_short_dates_use_the_dutch_abbreviations():
    assert short_date(date(2026, 12, 3)) == "3 dec. 2026"
    assert short_date(date(2026, 3, 1)) == "1 mrt. 2026"
    assert short_date(date(2026, 5, 20)) == "20 mei 2026"  # short already: no stop


def test_the_filter_gives_local_time_when_asked():
    template = Template("{% load glossary %}{{ at|short_date }} / {{ at|short_date:True }}")
    # 23:30 UTC on 2 December is 00:30 on 3 December in Amsterdam
    html = template.render(Context({"at": datetime(2026, 12, 2, 23, 30, tzinfo=UTC)}))
    assert html == "3 dec. 2026 / 3 dec. 2026, 00:30"


@pytest.mark.django_db
def test_the_action_plan_shows_a_completed_step_in_dutch(client, gids):
    partnership = make_partnership("Regio Datum")
    round_ = make_round(partnership, period="2026")
    step = make_next_step(round_, description="Stap die af is")
    NextStep.objects.filter(pk=step.pk).update(status="afgerond", completed_on=date(2026, 12, 3))
    client.force_login(make_user(Role.BEHEERDER))
    html = client.get(f"/rondes/{round_.pk}/vervolgstappen/").content.decode()
    assert "Afgerond 3 dec. 2026" in html
    assert "Dec 2026" not in html
