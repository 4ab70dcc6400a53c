"""The rules that span a partnership and its participations are checked under a lock on the
partnership's row: on PostgreSQL a centre made at the same time as a change of legal form
waits for it, and then sees the new form (SQLite has one writer at a time)."""

import threading

import psycopg
import pytest
from django.db import connection

from partnerships.constants import LegalForm
from partnerships.models import Participation, StructureError
from tests.factories import make_partnership


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


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_a_centre_waits_for_a_change_of_legal_form_and_is_refused():
    """The legal form changes in an open transaction; making a participant centre at the
    same time waits for it (the lock on the partnership's row) and then sees the new form."""
    partnership = make_partnership(
        "GR Centrum samen", legal_form=LegalForm.CENTRUMREGELING, participants=["Gemeente A"]
    )
    participation = partnership.participations.get()
    first, watcher = _connect(), _connect()
    watcher.autocommit = True
    found: dict[str, object] = {}

    def make_centre() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                found["pid"] = cursor.fetchone()[0]
            participation.is_centre = True
            participation.save()
        except BaseException as exc:  # looked at below, in the test's thread
            found["error"] = exc
        finally:
            connection.close()

    try:
        first.execute(
            "UPDATE partnerships_partnership SET legal_form = 'openbaar_lichaam' WHERE id = %s",
            [partnership.pk],
        )
        thread = threading.Thread(target=make_centre)
        thread.start()
        for _ in range(200):
            if "pid" in found:
                break
            threading.Event().wait(0.02)
        _wait_until_blocked(watcher, int(found["pid"]))
        first.commit()
        thread.join(timeout=30)
        assert not thread.is_alive()
    finally:
        first.close()
        watcher.close()
    assert isinstance(found.get("error"), StructureError)
    assert not Participation.objects.filter(partnership=partnership, is_centre=True).exists()
