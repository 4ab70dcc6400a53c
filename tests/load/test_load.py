"""Tens of users at once for a minute: no server error, and every acknowledged answer is stored."""

import os

import pytest

from .conftest import PASSWORD
from .harness import Acknowledged, Stats, answers_in_database, start_users

pytestmark = pytest.mark.load

SECONDS = float(os.environ.get("LOAD_SECONDS", "45"))
FILLERS = int(os.environ.get("LOAD_FILLERS", "16"))
READERS = int(os.environ.get("LOAD_READERS", "8"))


def test_many_users_fill_in_and_read_without_errors(gunicorn, load_data):
    assert len(load_data.fillers) >= FILLERS, "not enough drafts in the 1% data set"
    stats, ack = Stats(), Acknowledged()
    users = start_users(
        gunicorn.url,
        load_data,
        stats=stats,
        ack=ack,
        password=PASSWORD,
        fillers=FILLERS,
        readers=READERS,
        seconds=SECONDS,
    )
    for user in users:
        user.join(timeout=SECONDS + 60)
    report = "\n".join(stats.summary())
    print(f"\nLoad test, {FILLERS} + {READERS} users:\n{report}")
    print(f"acknowledged: {ack.saves} answer saves, {ack.theme_saves} theme saves")

    assert not any(user.is_alive() for user in users), "a virtual user did not stop"
    assert not stats.server_errors, (
        f"server errors:\n{report}\n"
        + "\n".join(
            f"{t:.1f}s {req} {status}: {body[:300]}"
            for t, req, status, body in stats.server_errors[:5]
        )
        + f"\n--- gunicorn log ---\n{gunicorn.log()[-3000:]}"
    )
    assert not stats.exceptions, "\n".join(stats.exceptions[:10])
    assert ack.saves >= 20 and ack.theme_saves >= 3, f"too little work done:\n{report}"
    for kind in ("dashboard", "round_compare", "partnership_dash"):
        assert stats.statuses[(kind, 200)] > 0, f"no successful {kind}:\n{report}"
    assert not ack.uncertain
    problems = answers_in_database(ack)
    assert not problems, "\n".join(problems[:20])
