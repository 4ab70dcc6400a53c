"""Load and fault tests: the app under gunicorn on 127.0.0.1, against the PostgreSQL test database.

They run in `make test` on PostgreSQL only (SQLite is no server for many writers: skipped with
the reason). The server is a real gunicorn process with the test settings, pointed at the test
database that pytest-django created; the tests use transactional_db so it sees their data.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.core.management import call_command
from django.db import connection

from assessments.constants import AssessmentStatus, Perspective, RoundStatus
from assessments.models import Assessment, AssessmentRound
from assessments.scores import round_applicability
from partnerships.constants import OrganisationKind, Role
from partnerships.models import Organisation
from tests.factories import make_user

BASE_DIR = Path(__file__).resolve().parents[2]
PASSWORD = "load-test-wachtwoord-2026"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "load: runs the app under gunicorn with many users (PostgreSQL only)"
    )


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "load and fault tests need PostgreSQL (set DATABASE_URL); SQLite serialises "
            "writers and is not what production runs"
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@pytest.fixture
def gunicorn(transactional_db, tmp_path) -> Iterator[Server]:
    """gunicorn with the test settings, 2 workers x 8 threads, persistent DB connections."""
    require_postgres()
    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        # LOAD_SETTINGS_MODULE: try another settings module (e.g. with extra middleware)
        "DJANGO_SETTINGS_MODULE": os.environ.get("LOAD_SETTINGS_MODULE", "config.settings.test"),
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "60",  # persistent connections: recovery relies on CONN_HEALTH_CHECKS
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        "--workers=2",
        "--worker-class=gthread",
        "--threads=8",
        "--timeout=60",
        "--graceful-timeout=5",
        "--keep-alive=5",
        f"--chdir={BASE_DIR}",
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urlopen(f"{url}/accounts/login/", timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"gunicorn did not start:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.3)
    server = Server(url=url, process=process, log_path=log_path)
    yield server
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class LoadData:
    """Accounts and the drafts they fill in, built on seed_scale at 1%."""

    fillers: list[tuple[str, int, dict[str, list[str]]]]  # (username, assessment id, themes)
    readers: list[tuple[str, list[int], list[int]]]  # (username, partnership ids, round ids)


@pytest.fixture
def load_data(transactional_db) -> LoadData:
    require_postgres()
    call_command("load_gids", verbosity=0)
    call_command("seed_scale", "--scale", "0.01", verbosity=0)
    gemeenten = list(Organisation.objects.filter(kind=OrganisationKind.GEMEENTE).order_by("name"))
    griffiers, readers = {}, []
    for number, org in enumerate(gemeenten, start=1):
        griffiers[org.pk] = make_user(
            Role.GRIFFIER, organisation=org, username=f"load-griffier-{number}", password=PASSWORD
        ).username
        user = make_user(
            Role.GEMEENTESECRETARIS,
            organisation=org,
            username=f"load-secretaris-{number}",
            password=PASSWORD,
        )
        rounds = AssessmentRound.objects.filter(partnership__participations__organisation=org)
        readers.append(
            (
                user.username,
                sorted({r.partnership_id for r in rounds}),
                sorted(rounds.values_list("pk", flat=True)),
            )
        )
    drafts = (
        Assessment.objects.filter(
            status=AssessmentStatus.DRAFT,
            perspective=Perspective.RAAD,
            round__status=RoundStatus.OPEN,
            participation__organisation__in=gemeenten,
        )
        .select_related("round__partnership", "round__framework", "participation")
        .order_by("pk")
    )
    fillers = []
    for draft in drafts:
        applic = round_applicability(draft.round)
        themes = {t.code: list(t.items) for t in applic.applicable_themes() if t.items}
        fillers.append((griffiers[draft.participation.organisation_id], draft.pk, themes))
    return LoadData(fillers=fillers, readers=readers)
