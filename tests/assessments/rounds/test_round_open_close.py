"""One open round per partnership: the database refuses a second, the forms say why in Dutch,
the next round starts only after a confirmation page that closes the current round and names
who has not submitted, and the demo region's earlier rounds are closed."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from assessments.constants import Perspective, RoundStatus
from assessments.models import Answer, Assessment, AssessmentRound
from partnerships.constants import Role
from partnerships.models import Participation, Partnership
from tests.factories import make_assessment, make_partnership, make_round, make_user

ONE_OPEN = "Er loopt al een open ronde voor dit samenwerkingsverband: ronde {period}."


@pytest.fixture
def round_2025(partnership):
    round_ = make_round(partnership, period="2025", opens_on=date(2025, 3, 1))
    make_assessment(round_, organisation="Gemeente Aalstad", submitted=True, answers={"A1.1": 3})
    make_assessment(
        round_,
        organisation="Gemeente Beekdorp",
        perspective=Perspective.COLLEGE,
        answers={"A1.1": 2},
    )
    return round_


def _counts():
    return (AssessmentRound.objects.count(), Assessment.objects.count(), Answer.objects.count())


def _create_data(partnership, period="2026"):
    aalstad = Participation.objects.get(
        partnership=partnership, organisation__name="Gemeente Aalstad"
    )
    today = timezone.localdate()
    return {
        "period": period,
        "opens_on": today.isoformat(),
        "due_on": (today + timedelta(weeks=6)).isoformat(),
        "target": "3",
        f"invite_p{aalstad.pk}-raad": "on",
        "invite_directeur": "on",
    }


def _next_data(**extra):
    data = {"period": "2026", "opens_on": "2026-03-01", "due_on": "2026-05-01", "target": "3"}
    data.update(extra)
    return data


@pytest.mark.django_db
def test_the_database_refuses_a_second_open_round(round_2025):
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentRound.objects.create(
            partnership=round_2025.partnership,
            period="2026",
            framework=round_2025.framework,
            opens_on=date(2026, 3, 1),
            due_on=date(2026, 5, 1),
            status=RoundStatus.OPEN,
        )
    # a closed round beside the open one is fine
    make_round(round_2025.partnership, period="2024", opens_on=date(2024, 3, 1), status="closed")
    assert AssessmentRound.objects.filter(status=RoundStatus.OPEN).count() == 1


@pytest.mark.django_db
def test_the_new_round_form_sent_twice_opens_one_round(client, partnership, directeur):
    client.force_login(directeur)
    url = f"/samenwerkingsverbanden/{partnership.pk}/rondes/nieuw/"
    assert client.post(url, _create_data(partnership)).status_code == 302
    before = _counts()
    # the same form again, even with another period, is refused with the reason
    response = client.post(url, _create_data(partnership, period="2026-najaar"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "De ronde is niet geopend." in html and ONE_OPEN.format(period="2026") in html
    assert _counts() == before
    # the form says so before anything is filled in
    html = client.get(url).content.decode()
    assert "Ronde" in html and "van dit\n  samenwerkingsverband is nog open" in html


@pytest.mark.django_db
def test_the_next_round_starts_only_after_a_confirmation_that_closes_this_one(
    client, round_2025, directeur
):
    client.force_login(directeur)
    url = f"/rondes/{round_2025.pk}/volgende/"
    before = _counts()
    response = client.post(url, _next_data())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ronde 2025 afsluiten en ronde 2026 starten?" in html
    assert "1 van 2 respondenten heeft niet ingediend" in html
    assert "Gemeente Beekdorp — College" in html  # named: it has not submitted
    assert "Gemeente Aalstad — Raad" not in html.split("niet-ingediend")[1].split("</ul>")[0]
    assert _counts() == before
    round_2025.refresh_from_db()
    assert round_2025.status == RoundStatus.OPEN

    # the confirmation page posts the same data back, confirmed
    response = client.post(url, _next_data(confirmed="True"))
    new = AssessmentRound.objects.get(partnership=round_2025.partnership, period="2026")
    assert response.status_code == 302 and response["Location"] == f"/rondes/{new.pk}/"
    round_2025.refresh_from_db()
    assert (round_2025.status, new.status) == (RoundStatus.CLOSED, RoundStatus.OPEN)
    page = client.get(response["Location"]).content.decode()
    assert "Ronde 2025 is afgesloten en ronde 2026 is gestart" in page


@pytest.mark.django_db
def test_a_next_round_beside_another_open_round_is_refused(client, round_2025, directeur):
    # round 2024 was closed when 2025 opened; starting a next round from 2024 would give two
    older = make_round(
        round_2025.partnership, period="2024", opens_on=date(2024, 3, 1), status="closed"
    )
    client.force_login(directeur)
    before = _counts()
    for confirmed in ("", "True"):
        response = client.post(
            f"/rondes/{older.pk}/volgende/", _next_data(period="2024-b", confirmed=confirmed)
        )
        assert response.status_code == 400
        assert ONE_OPEN.format(period="2025") in response.content.decode()
    assert _counts() == before
    # the round page says why instead of offering the form
    html = client.get(f"/rondes/{older.pk}/").content.decode()
    assert "is nog open." in html and "Volgende ronde starten" not in html


@pytest.mark.django_db
def test_closing_a_round_asks_first_and_names_who_has_not_submitted(client, round_2025, directeur):
    client.force_login(directeur)
    page = client.get(f"/rondes/{round_2025.pk}/")
    assert f'href="/rondes/{round_2025.pk}/afsluiten/"' in page.content.decode()
    html = client.get(f"/rondes/{round_2025.pk}/afsluiten/").content.decode()
    assert "Ronde 2025 afsluiten?" in html and "Gemeente Beekdorp — College" in html
    round_2025.refresh_from_db()
    assert round_2025.status == RoundStatus.OPEN
    response = client.post(f"/rondes/{round_2025.pk}/afsluiten/")
    assert response.status_code == 302
    round_2025.refresh_from_db()
    assert round_2025.status == RoundStatus.CLOSED
    assert "Ronde 2025 is afgesloten." in client.get(response["Location"]).content.decode()
    # only a manager closes a round
    other = make_round(round_2025.partnership, period="2026", opens_on=date(2026, 3, 1))
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    assert client.post(f"/rondes/{other.pk}/afsluiten/").status_code in (403, 404)
    other.refresh_from_db()
    assert other.status == RoundStatus.OPEN


@pytest.mark.django_db
def test_the_demo_region_has_one_open_round_per_partnership(gids):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # idempotent, also for the round status
    ggd = Partnership.objects.get(name="GGD Zuidland")
    year = timezone.localdate().year
    statuses = dict(ggd.rounds.values_list("period", "status"))
    assert statuses == {str(year - 1): RoundStatus.CLOSED, str(year): RoundStatus.OPEN}
    open_per_partnership = {}
    for partnership_id in AssessmentRound.objects.filter(status=RoundStatus.OPEN).values_list(
        "partnership_id", flat=True
    ):
        open_per_partnership[partnership_id] = open_per_partnership.get(partnership_id, 0) + 1
    assert set(open_per_partnership.values()) == {1}


@pytest.mark.django_db(transaction=True)
def test_the_migration_closes_all_but_the_latest_open_round(gids):
    both = make_partnership("Twee open rondes", participants=["Gemeente Aalstad"]).pk
    single = make_partnership("Eén open ronde", participants=["Gemeente Aalstad"]).pk
    executor = MigrationExecutor(connection)
    executor.migrate([("assessments", "0008_frozen_applicability")])
    apps = executor.loader.project_state([("assessments", "0008_frozen_applicability")]).apps
    Round = apps.get_model("assessments", "AssessmentRound")

    def round_(partnership, period, opens_on, status="open"):
        return Round.objects.create(
            partnership_id=partnership,
            period=period,
            framework_id=gids.pk,
            opens_on=opens_on,
            due_on=opens_on + timedelta(days=30),
            status=status,
        )

    old = round_(both, "2025", date(2025, 3, 1))
    latest = round_(both, "2026", date(2026, 3, 1))
    closed = round_(both, "2024", date(2024, 3, 1), status="closed")
    only = round_(single, "2025", date(2025, 3, 1))
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    finally:
        # leave the schema as the other tests expect it, whatever happened above
        call_command("migrate", verbosity=0)
    statuses = dict(
        AssessmentRound.objects.filter(pk__in=[old.pk, latest.pk, closed.pk, only.pk]).values_list(
            "pk", "status"
        )
    )
    assert statuses == {
        old.pk: "closed",
        latest.pk: "open",
        closed.pk: "closed",
        only.pk: "open",
    }
