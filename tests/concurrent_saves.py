"""Several people save answers at the same moment, through the autosave view, against a SQLite
file: run by tests/test_sqlite_concurrent_saves.py in a process of its own, because the test
suite's own SQLite database lives in memory and locks differently from the file `make run`
uses.

    DATABASE_URL=sqlite:////tmp/x.sqlite3 python -m tests.concurrent_saves PEOPLE ROUNDS

The database must be migrated (with the Gids loaded or not). Prints one JSON object:
{"saves": n, "refused": ["A1.1: 503 ...", ...], "lost": ["A1.1: 3 != 2", ...]}.
"""

import json
import os
import sys
import threading


def main(people: int, rounds: int) -> dict[str, object]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.db import connections
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host and the in-memory mail box

    from assessments.models import Answer
    from assessments.questionnaire.selectors import item_slug
    from assessments.scores import round_applicability
    from partnerships.constants import Role
    from tests.factories import make_assessment, make_partnership, make_round, make_user

    partnership = make_partnership()
    organisation = partnership.participations.first().organisation  # type: ignore[union-attr]
    user = make_user(Role.GRIFFIER, organisation=organisation)
    assessment = make_assessment(make_round(partnership), organisation=organisation)
    codes = [code for code, _ in round_applicability(assessment.round).item_pairs()][:people]
    clients = []
    for _ in codes:
        client = Client()
        client.force_login(user)  # each its own session, as six open tabs or quick clicks
        clients.append(client)
    connections.close_all()

    refused: list[str] = []
    barrier = threading.Barrier(len(codes))

    def save(client: Client, code: str) -> None:
        slug = item_slug(code)
        try:
            for version in range(rounds):
                barrier.wait()
                response = client.post(
                    f"/evaluaties/{assessment.pk}/antwoord/{code}/",
                    {
                        f"{slug}-value": str(version % 5),
                        f"{slug}-explanation": f"Toelichting {version} bij {code}.",
                        f"{slug}-version": str(version),
                        f"{slug}-loaded": "",
                    },
                    HTTP_HX_REQUEST="true",
                )
                if response.status_code != 200:
                    refused.append(f"{code}: {response.status_code}")
        except Exception as exc:  # noqa: BLE001 - every failure is a refused save here
            refused.append(f"{code}: {exc!r}")
            barrier.abort()
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(client, code))
        for client, code in zip(clients, codes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    last = (rounds - 1) % 5
    stored = dict(
        Answer.objects.filter(assessment=assessment).values_list("recommendation__code", "score")
    )
    lost = [f"{code}: {stored.get(code)} != {last}" for code in codes if stored.get(code) != last]
    return {"saves": len(codes) * rounds, "refused": refused, "lost": lost}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]))))
