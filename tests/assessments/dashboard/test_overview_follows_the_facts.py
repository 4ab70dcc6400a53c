"""What the overview reads of each partnership: the kinds of its participants, its current
round and its open steps, worked out by ORM annotations in one query. Whatever path changes
participants, an organisation's kind, rounds or next steps, the overview follows."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone

from assessments.constants import NextStepStatus
from assessments.dashboard.facts import OPEN_STEP_STATUSES
from assessments.dashboard.page import build_dashboard
from assessments.dashboard.selectors import fetch_partnership_info
from assessments.models import AssessmentRound, NextStep
from partnerships.constants import OrganisationKind, Role
from partnerships.models import Organisation, Participation, Partnership
from tests.factories import (
    make_assessment,
    make_next_step,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

TODAY = timezone.localdate()


def summary(partnership: Partnership) -> tuple[frozenset[str], int | None, int, object]:
    (info,) = fetch_partnership_info(Partnership.objects.filter(pk=partnership.pk))
    current = info.current_round.pk if info.current_round else None
    return info.kind.participant_kinds, current, info.open_steps, info.first_open_due


def recomputed(partnership: Partnership) -> tuple[frozenset[str], int | None, int, object]:
    """The same facts counted again, plainly, from the tables."""
    kinds = frozenset(
        Participation.objects.filter(partnership=partnership).values_list(
            "organisation__kind", flat=True
        )
    )
    current = (
        AssessmentRound.objects.filter(partnership=partnership)
        .order_by("-opens_on", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    steps = NextStep.objects.filter(
        round__partnership=partnership, status__in=OPEN_STEP_STATUSES
    ).aggregate(n=Count("pk"), first=Min("due_on"))
    return kinds, current, steps["n"], steps["first"]


@pytest.mark.django_db
def test_participants_and_their_kinds_follow(gids):
    partnership = make_partnership("GR Kinds", participants=["Gemeente Aalstad"])
    assert summary(partnership)[0] == {OrganisationKind.GEMEENTE}

    waterschap = make_organisation("Waterschap Rijnmond", kind=OrganisationKind.WATERSCHAP)
    joined = Participation.objects.create(partnership=partnership, organisation=waterschap)
    assert summary(partnership)[0] == {OrganisationKind.GEMEENTE, OrganisationKind.WATERSCHAP}

    # An organisation's kind changes: every partnership it takes part in follows.
    other = make_partnership("GR Andere", participants=[waterschap])
    Organisation.objects.filter(pk=waterschap.pk).update(kind=OrganisationKind.PROVINCIE)
    assert summary(partnership)[0] == {OrganisationKind.GEMEENTE, OrganisationKind.PROVINCIE}
    assert summary(other)[0] == {OrganisationKind.PROVINCIE}

    # Moving a participation to another partnership updates both.
    third = make_partnership("GR Derde", participants=["Waterschap Delfland"])
    assert summary(third)[0] == {OrganisationKind.WATERSCHAP}
    Participation.objects.filter(pk=joined.pk).update(partnership=third)
    assert summary(partnership)[0] == {OrganisationKind.GEMEENTE}
    assert summary(third)[0] == {OrganisationKind.WATERSCHAP, OrganisationKind.PROVINCIE}

    Participation.objects.filter(partnership=partnership).delete()
    assert summary(partnership)[0] == frozenset()


@pytest.mark.django_db
def test_the_current_round_is_the_latest_to_open(gids):
    partnership = make_partnership("GR Rondes")
    assert summary(partnership)[1] is None
    older = make_round(partnership, period="2025", opens_on=TODAY - timedelta(days=400))
    assert summary(partnership)[1] == older.pk
    newer = make_round(partnership, period="2026", opens_on=TODAY - timedelta(days=10))
    assert summary(partnership)[1] == newer.pk

    # Moving the older round's opening past the newer one makes it current (the overview
    # orders by opens_on, then by id).
    AssessmentRound.objects.filter(pk=older.pk).update(
        opens_on=TODAY - timedelta(days=1), due_on=TODAY + timedelta(days=60)
    )
    assert summary(partnership)[1] == older.pk
    AssessmentRound.objects.filter(pk=older.pk).delete()
    assert summary(partnership)[1] == newer.pk
    # Submitting changes the round's tally, not which round is current.
    make_assessment(newer, organisation="Gemeente Aalstad", submitted=True)
    assert summary(partnership) == recomputed(partnership)


@pytest.mark.django_db
def test_open_steps_are_counted_with_the_first_due_date(gids):
    partnership = make_partnership("GR Stappen")
    round_ = make_round(partnership)
    late = make_next_step(round_, due_on=TODAY - timedelta(days=3))
    later = make_next_step(round_, due_on=TODAY + timedelta(days=30))
    make_next_step(round_, due_on=None, status=NextStepStatus.BEZIG)
    make_next_step(round_, due_on=TODAY - timedelta(days=90), status=NextStepStatus.AFGEROND)
    assert summary(partnership)[2:] == (3, late.due_on)

    late.status = NextStepStatus.AFGEROND
    late.save()
    assert summary(partnership)[2:] == (2, later.due_on)
    NextStep.objects.filter(pk=later.pk).update(due_on=TODAY + timedelta(days=5))
    assert summary(partnership)[2:] == (2, TODAY + timedelta(days=5))
    NextStep.objects.filter(pk=later.pk).delete()
    assert summary(partnership)[2:] == (1, None)
    assert summary(partnership) == recomputed(partnership)


@pytest.mark.django_db
def test_the_demo_data_facts_equal_a_recount(gids):
    call_command("seed_demo", verbosity=0)
    partnerships = list(Partnership.objects.all())
    assert len(partnerships) >= 8
    for partnership in partnerships:
        assert summary(partnership) == recomputed(partnership), partnership.name


@pytest.mark.django_db
def test_the_overview_shows_these_facts(client, gids):
    aalstad = make_organisation("Gemeente Aalstad")
    late = make_partnership("GR Te laat", participants=[aalstad])
    in_time = make_partnership("GR Op tijd", participants=[aalstad])
    for partnership, due in ((late, TODAY - timedelta(days=2)), (in_time, TODAY + timedelta(9))):
        round_ = make_round(partnership, due_on=TODAY + timedelta(days=60))
        make_next_step(round_, due_on=due)
        make_next_step(round_, due_on=due + timedelta(days=1))
    dashboard = build_dashboard(
        Partnership.objects.all(), organisation=aalstad, today=TODAY, page=1
    )
    rows = {row.name: row for row in dashboard.rows}
    assert rows["GR Te laat"].open_step_count == 2
    assert rows["GR Te laat"].has_overdue_steps
    assert not rows["GR Op tijd"].has_overdue_steps

    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=aalstad))
    page = client.get(reverse("assessments:dashboard"), {"te_laat": "1"}).content.decode()
    assert "GR Te laat" in page
    assert "GR Op tijd" not in page
    # The page counts the overdue ones of the row, not just whether there are any.
    assert "2 te laat" in page
