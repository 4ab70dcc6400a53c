"""Saving as you go on the SQLite database that `make run` uses: several saves at the same
moment all succeed and all are kept (no "database is locked", no 503)."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

PEOPLE = 6
ROUNDS = 4


@pytest.fixture(scope="module")
def database_file(django_db_setup, django_db_blocker, tmp_path_factory):
    """A copy of the migrated test database (with the Gids) as a file, as `make run` has one.
    Module-scoped, so it is made before a test's transaction holds the write lock."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL waits for row locks by itself; this is about SQLite's file lock")
    path = tmp_path_factory.mktemp("sqlite") / "db.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
    return path


@pytest.mark.django_db
def test_six_saves_at_the_same_moment_are_all_kept_on_a_sqlite_file(database_file):
    path = database_file

    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{path}",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",  # what `make run` uses
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.concurrent_saves", str(PEOPLE), str(ROUNDS)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["saves"] == PEOPLE * ROUNDS
    assert report["refused"] == []
    assert report["lost"] == []
