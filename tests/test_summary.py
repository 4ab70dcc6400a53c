"""The per-partnership summary the overview reads (assessments.PartnershipSummary, kept by
database triggers: migration assessments 0004). Whatever path changes participants, an
organisation's kind, rounds or next steps, the summary follows; the overview shows what the
summary says, and two transactions changing one partnership at the same time both count."""

import threading
from datetime import timedelta

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone

from assessments.constants import NextStepStatus
from assessments.dashboard import OPEN_STEP_STATUSES, build_dashboard
from assessments.models import AssessmentRound, NextStep, PartnershipSummary
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
    row = PartnershipSummary.objects.filter(partnership=partnership).first()
    if row is None:
        return frozenset(), None, 0, None
    return row.kinds, row.current_round_id, row.open_steps, row.first_open_due


def recomputed(partnership: Partnership) -> tuple[frozenset[str], int | None, int, object]:
    """The summary worked out again from the tables, the way the overview used to."""
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


def test_the_migration_knows_the_open_step_statuses():
    from importlib import import_module

    migration = import_module("assessments.migrations.0004_partnership_summary")
    expected = "({})".format(", ".join(f"'{s}'" for s in OPEN_STEP_STATUSES))
    assert expected == migration.OPEN_STEP
    assert set(OPEN_STEP_STATUSES) == {NextStepStatus.OPEN, NextStepStatus.BEZIG}


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
def test_deleting_a_partnership_removes_its_summary(gids):
    partnership = make_partnership("GR Weg")
    make_next_step(make_round(partnership), due_on=TODAY)
    assert PartnershipSummary.objects.filter(partnership=partnership).exists()
    pk = partnership.pk
    partnership.delete()  # Django deletes steps, rounds and participations first
    assert not PartnershipSummary.objects.filter(partnership_id=pk).exists()


@pytest.mark.django_db
def test_the_demo_data_summary_equals_a_recount(gids):
    call_command("seed_demo", verbosity=0)
    partnerships = list(Partnership.objects.all())
    assert len(partnerships) >= 8
    for partnership in partnerships:
        assert summary(partnership) == recomputed(partnership), partnership.name


@pytest.mark.django_db
def test_the_overview_shows_what_the_summary_says(client, gids):
    aalstad = make_organisation("Gemeente Aalstad")
    late = make_partnership("GR Te laat", participants=[aalstad])
    in_time = make_partnership("GR Op tijd", participants=[aalstad])
    for partnership, due in ((late, TODAY - timedelta(days=2)), (in_time, TODAY + timedelta(9))):
        round_ = make_round(partnership, due_on=TODAY + timedelta(days=60))
        make_next_step(round_, due_on=due)
        make_next_step(round_, due_on=due + timedelta(days=1))
    dashboard = build_dashboard(
        Partnership.objects.all(), organisation=aalstad, today=TODAY, complete=False
    )
    rows = {row.name: row for row in dashboard.rows}
    assert rows["GR Te laat"].open_step_count == 2
    assert rows["GR Te laat"].has_overdue_steps
    assert not rows["GR Op tijd"].has_overdue_steps

    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=aalstad))
    page = client.get(reverse("assessments:dashboard"), {"te_laat": "1"}).content.decode()
    assert "GR Te laat" in page
    assert "GR Op tijd" not in page
    # The page counts the overdue ones of the row (the filled rows), not just whether any.
    assert "2 te laat" in page


# --- Two transactions at once (PostgreSQL: SQLite has one writer at a time) ----------------


def _connect() -> psycopg.Connection:
    s = connection.settings_dict
    return psycopg.connect(
        dbname=s["NAME"],
        user=s["USER"],
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        password=s["PASSWORD"] or None,
    )


def _wait_until_blocked(watcher: psycopg.Connection, pid: int) -> None:
    for _ in range(200):
        row = watcher.execute(
            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid]
        ).fetchone()
        if row and row[0] == "Lock":
            return
        threading.Event().wait(0.02)
    raise AssertionError("the second transaction never waited for the first")


def _second_writer_waits_for_the_first(sql: str, first: list, second: list) -> None:
    """Run sql with the first parameters in one transaction, then with the second in another
    while the first is still open; commit the first only once the second is seen waiting for
    it (so the second's count cannot have seen the first's change), then the second."""
    first_conn, second_conn, watcher = _connect(), _connect(), _connect()
    watcher.autocommit = True
    try:
        first_conn.execute(sql, first)
        error: list[BaseException] = []

        def run_second() -> None:
            try:
                second_conn.execute(sql, second)
                second_conn.commit()
            except BaseException as exc:  # reported below, in the test's thread
                error.append(exc)

        thread = threading.Thread(target=run_second)
        thread.start()
        _wait_until_blocked(watcher, second_conn.info.backend_pid)
        first_conn.commit()
        thread.join(timeout=30)
        assert not thread.is_alive() and not error, error
    finally:
        for conn in (first_conn, second_conn, watcher):
            conn.close()


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_two_steps_added_at_once_are_both_counted(gids):
    round_ = make_round(make_partnership("GR Tegelijk"))
    insert = (
        "INSERT INTO assessments_nextstep (round_id, description, owner, status, created_at)"
        " VALUES (%s, 'Stap', '', 'open', now())"
    )
    _second_writer_waits_for_the_first(insert, [round_.pk], [round_.pk])
    assert summary(round_.partnership)[2] == 2


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_are_both_in_the_tally(gids):
    partnership = make_partnership("GR Tally samen", participants=["Gemeente A", "Gemeente B"])
    round_ = make_round(partnership)
    a = make_assessment(round_, organisation="Gemeente A")
    b = make_assessment(round_, organisation="Gemeente B")
    submit = (
        "UPDATE assessments_assessment SET status = 'submitted', submitted_at = now() WHERE id = %s"
    )
    _second_writer_waits_for_the_first(submit, [a.pk], [b.pk])
    assert AssessmentRound.objects.get(pk=round_.pk).submitted_count == 2
