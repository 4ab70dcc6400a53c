"""A round's tally of submitted assessments is kept by database triggers (migration
assessments 0002): whatever path changes an assessment, the round's submitted_count and
last_submitted_at follow, and Django never writes them back from a stale instance."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from assessments.constants import AssessmentStatus, Perspective, RoundStatus
from assessments.models import Assessment, AssessmentRound
from assessments.services import assessment_reopen
from partnerships.constants import Role
from tests.factories import make_assessment, make_partnership, make_round, make_user

pytestmark = pytest.mark.django_db


def tally(round_: AssessmentRound) -> tuple[int, datetime | None]:
    return AssessmentRound.objects.values_list("submitted_count", "last_submitted_at").get(
        pk=round_.pk
    )


@pytest.fixture
def region(gids):
    partnership = make_partnership("GR Tally", participants=["Gemeente A", "Gemeente B"])
    return partnership, make_round(partnership)


def test_insert_update_and_delete_keep_the_tally(region):
    partnership, round_ = region
    assert tally(round_) == (0, None)

    draft = make_assessment(round_, organisation="Gemeente A")
    assert tally(round_) == (0, None)

    first = make_assessment(round_, organisation="Gemeente B", submitted=True)
    assert tally(round_) == (1, first.submitted_at)

    later = datetime(2030, 1, 2, 12, tzinfo=UTC)
    Assessment.objects.filter(pk=draft.pk).update(
        status=AssessmentStatus.SUBMITTED, submitted_at=later
    )
    assert tally(round_) == (2, later)

    Assessment.objects.filter(pk=draft.pk).delete()
    assert tally(round_) == (1, first.submitted_at)


def test_reopening_through_the_service_lowers_the_tally(region):
    _, round_ = region
    submitted = make_assessment(round_, organisation="Gemeente A", submitted=True)
    assert tally(round_)[0] == 1
    assessment_reopen(
        assessment=submitted, user=make_user(Role.GRIFFIER), reason="Nog een vraag van de raad."
    )
    assert tally(round_) == (0, None)


def test_moving_an_assessment_to_another_round_recounts_both(region):
    partnership, round_ = region
    other = make_round(partnership, period="2027")
    moved = make_assessment(
        round_, organisation="Gemeente A", perspective=Perspective.COLLEGE, submitted=True
    )
    Assessment.objects.filter(pk=moved.pk).update(round=other)
    assert tally(round_) == (0, None)
    assert tally(other) == (1, moved.submitted_at)


def test_a_stale_round_instance_does_not_write_its_old_tally_back(region):
    _, round_ = region
    stale = AssessmentRound.objects.get(pk=round_.pk)  # loaded before the submission
    make_assessment(round_, organisation="Gemeente A", submitted=True)
    stale.status = RoundStatus.CLOSED
    stale.save()
    assert tally(round_)[0] == 1
    assert AssessmentRound.objects.get(pk=round_.pk).status == RoundStatus.CLOSED


def test_the_triggers_exist_in_this_database():
    """The same rule on SQLite and PostgreSQL (make test runs both)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'assessments_round_tally%%'"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'assessments_round_tally%'"
            )
        assert cursor.fetchall()
