"""The overview's light query keeps its correlated subqueries as SQL compiled once per
process (assessments/dashboard/compiled.py). What would go wrong if that cache were wrong: a
row showing another organisation's progress, a subquery losing its link to the row, or the
cost coming back on every request."""

from datetime import timedelta

import pytest
from django.db.models import Subquery
from django.utils import timezone

from assessments.dashboard import selectors
from assessments.dashboard.facts import RoundProgress
from assessments.dashboard.selectors import fetch_partnership_info
from partnerships.access import partnerships_for_user
from partnerships.constants import LegalForm, OrganisationKind, Role
from partnerships.models import Partnership
from tests.factories import (
    make_assessment,
    make_next_step,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def region(gids):
    aalstad = make_organisation("Gemeente Aalstad")
    bestad = make_organisation("Gemeente Bestad")
    water = make_organisation("Waterschap Rivierland", kind=OrganisationKind.WATERSCHAP)
    zuid = make_partnership("Regio Zuid", participants=[aalstad, bestad, water])
    r = make_round(zuid, opens_on=TODAY - timedelta(days=5))
    make_assessment(r, organisation=aalstad, submitted=True, answers={"A1.1": 3})
    make_assessment(r, organisation=bestad, answers={"A1.1": 1})
    make_next_step(r, due_on=TODAY + timedelta(days=3))
    make_next_step(r, due_on=TODAY - timedelta(days=2))
    noord = make_partnership(
        "Netwerk Noord", legal_form=LegalForm.CONVENANT, participants=[aalstad, bestad]
    )
    make_round(noord)
    make_partnership("Regio West", participants=[bestad])  # no round, not Aalstad's
    return aalstad, bestad


def _uncompiled(partnerships, organisation_id):
    """The same facts, annotated with the ORM's subqueries on every call (the code before
    the cache), as {name: (kinds, current, steps, progress)}."""
    rows = partnerships.annotate(
        k=selectors._participant_kinds(),
        c=selectors._current_round(),
        s=selectors._open_step_facts(),
        p=selectors._current_round_progress(organisation_id),
    ).values_list("name", "k", "c", "s", "p")
    return {
        name: (
            sorted(selectors._json(k) or []),
            selectors._round_facts(0, c),
            selectors._step_facts(s),
            selectors._progress(p),
        )
        for name, k, c, s, p in rows
    }


def _facts(infos):
    return {
        info.name: (
            sorted(info.kind.participant_kinds),
            info.current_round._replace(partnership_id=0) if info.current_round else None,
            (info.open_steps, info.first_open_due),
            info.progress,
        )
        for info in infos
    }


def test_compiled_subqueries_give_what_the_orm_gives_for_any_scope(region):
    aalstad, bestad = region
    scopes = [
        Partnership.objects.all(),
        Partnership.objects.filter(name__startswith="Regio"),
        partnerships_for_user(make_user(Role.GEMEENTESECRETARIS, organisation=aalstad)),
    ]
    for scope in scopes:
        for organisation_id in (aalstad.pk, bestad.pk, None):
            infos = fetch_partnership_info(
                scope, with_progress=True, organisation_id=organisation_id
            )
            assert _facts(infos) == _uncompiled(scope, organisation_id)
            assert [i.name for i in infos] == sorted(i.name for i in infos)


def test_each_organisation_sees_its_own_progress_in_one_process(region):
    aalstad, bestad = region
    scope = Partnership.objects.filter(name="Regio Zuid")
    first = fetch_partnership_info(scope, with_progress=True, organisation_id=aalstad.pk)
    second = fetch_partnership_info(scope, with_progress=True, organisation_id=bestad.pk)
    assert first[0].progress == RoundProgress(assessments=1, submitted=1, started=1)
    assert second[0].progress == RoundProgress(assessments=1, submitted=0, started=1)
    assert first[0].kind.participant_kinds == {
        OrganisationKind.GEMEENTE,
        OrganisationKind.WATERSCHAP,
    }


def test_the_subqueries_are_built_once_per_process(region, monkeypatch):
    aalstad, _ = region
    scope = Partnership.objects.all()
    fetch_partnership_info(scope, with_progress=True, organisation_id=aalstad.pk)
    built: list[str] = []
    for name in ("_participant_kinds", "_current_round", "_open_step_facts"):
        original = getattr(selectors, name)

        def counted(original=original, name=name) -> Subquery:
            built.append(name)
            return original()

        monkeypatch.setattr(selectors, name, counted)

    again = fetch_partnership_info(scope, with_progress=True, organisation_id=aalstad.pk)

    assert built == []
    assert [i.name for i in again] == ["Netwerk Noord", "Regio West", "Regio Zuid"]
