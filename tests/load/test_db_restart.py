"""PostgreSQL restarts while users work: requests fail cleanly (503, Dutch) and the app recovers.

Restarting the server stops every other connection to it too, so this test only runs where it is
alone on the server: in CI (CI=true), or locally with ALLOW_PG_RESTART=1; and only as root
against a local cluster managed by pg_ctlcluster.
"""

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

from .conftest import PASSWORD, require_postgres
from .harness import Acknowledged, Stats, answers_in_database, start_users

pytestmark = pytest.mark.load

SECONDS = float(os.environ.get("RESTART_SECONDS", "30"))
RESTART_AT = 8.0
RECOVERED_WITHIN = 10.0  # after the restart command returns


def cluster() -> tuple[str, str]:
    require_postgres()
    if os.environ.get("CI", "").lower() not in ("1", "true") and not os.environ.get(
        "ALLOW_PG_RESTART"
    ):
        pytest.skip("restarting the shared PostgreSQL needs CI=true or ALLOW_PG_RESTART=1")
    if os.geteuid() != 0:
        pytest.skip("restarting PostgreSQL needs root")
    if connection.settings_dict["HOST"] not in ("", "127.0.0.1", "localhost", "::1"):
        pytest.skip("PostgreSQL is not local")
    if shutil.which("pg_ctlcluster") is None or not Path("/etc/postgresql").is_dir():
        pytest.skip("no pg_ctlcluster: not a Debian PostgreSQL cluster")
    versions = sorted(os.listdir("/etc/postgresql"))
    if not versions:
        pytest.skip("no PostgreSQL cluster in /etc/postgresql")
    return versions[-1], "main"


def restart_postgres(version: str, name: str) -> float:
    started = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    for _ in range(60):
        ready = subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], check=False)
        if ready.returncode == 0:
            break
        time.sleep(0.5)
    return time.monotonic() - started


def test_requests_fail_cleanly_while_postgres_restarts_and_the_app_recovers(gunicorn, load_data):
    version, name = cluster()
    stats, ack = Stats(), Acknowledged()
    users = start_users(
        gunicorn.url,
        load_data,
        stats=stats,
        ack=ack,
        password=PASSWORD,
        fillers=8,
        readers=4,
        seconds=SECONDS,
    )
    time.sleep(RESTART_AT)
    restart_started = time.monotonic() - stats.started
    took = restart_postgres(version, name)
    restart_done = time.monotonic() - stats.started
    for user in users:
        user.join(timeout=SECONDS + 60)
    connection.close()  # this process's own connection died with the restart

    report = "\n".join(stats.summary())
    outage = [e for e in stats.server_errors if e[2] == 503]
    print(
        f"\nPostgreSQL restart at {restart_started:.1f}s took {took:.1f}s; "
        f"{len(outage)} requests got 503.\n{report}"
    )
    not_503 = [e for e in stats.server_errors if e[2] != 503]
    assert not not_503, "\n".join(f"{t:.1f}s {r} {s}: {b[:500]}" for t, r, s, b in not_503[:5])
    for _, request, _, body in outage:
        assert "even niet beschikbaar" in body, f"503 without the Dutch page for {request}"
        assert "Traceback" not in body
    assert not stats.exceptions, "\n".join(stats.exceptions[:10])
    # Recovered without restarting the app: after a short while every request succeeds again.
    settled = restart_done + RECOVERED_WITHIN
    late = [(t, kind, status) for t, kind, status in stats.timeline if t > settled]
    assert late, f"no requests after {settled:.0f}s: lengthen RESTART_SECONDS\n{report}"
    assert all(0 < status < 500 for _, _, status in late), [x for x in late if x[2] >= 500][:10]
    # Nothing else than success or the outage page: no 400 "Bad Request" from a lost session
    # save, no 500 (the values the users send are always valid).
    odd = [(round(t, 1), kind, status) for t, kind, status in stats.timeline]
    odd = [x for x in odd if x[2] not in (200, 302, 503)]
    assert not odd, f"unexpected statuses: {odd[:10]}"
    assert any(kind.startswith("save") and status in (200, 302) for _, kind, status in late)
    assert gunicorn.process.poll() is None, "gunicorn died"
    problems = answers_in_database(ack)
    assert not problems, "\n".join(problems[:20])
