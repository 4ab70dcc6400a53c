"""The demo region has a calendar: evaluation articles from the Wgr check (one regeling
without, so the warning shows), GGD Zuidland's own budget dates with their source, a draft regeling out for
zienswijze; seeding twice changes nothing."""

import pytest

from partnerships.constants import CooperationModel, MomentKind
from partnerships.demo import seed_region
from partnerships.demo_calendar import seed_calendar
from partnerships.demo_wgr import seed_wgr
from partnerships.models import CalendarMoment
from partnerships.pc_calendar import evaluation_warning

pytestmark = pytest.mark.django_db


def state():
    return (
        sorted(CalendarMoment.objects.values_list("partnership_id", "kind", "year", "date")),
        CalendarMoment.history.count(),
    )


def test_the_demo_calendar_is_idempotent_and_shows_each_case():
    region = seed_region()
    seed_calendar(region)
    seed_wgr(region)
    before = state()
    seed_calendar(seed_region())
    assert state() == before

    warned = [
        p.name
        for p in region.partnerships.values()
        if p.cooperation_model == CooperationModel.WGR and evaluation_warning(p)
    ]
    assert warned == ["Leerplicht Beekdorp-Cederveen"]
    ggd = CalendarMoment.objects.filter(partnership=region.partnerships["ob"])
    assert {row.source for row in ggd} == {"volgens de regeling, art. 28"}
    assert CalendarMoment.objects.filter(kind=MomentKind.ZIENSWIJZE_REGELING).count() == 1
