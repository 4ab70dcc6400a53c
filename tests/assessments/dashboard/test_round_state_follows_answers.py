"""How far a round is, as the overview tells it: a draft with at least one answer is
"Bezig", one without is "Niet begonnen", however the answers came or went; and each
round's tally (how many submitted, and when the latest) moves with every submission and
reopening, so the cached scores it keys are never stale."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.constants import Perspective
from assessments.dashboard.page import build_dashboard
from assessments.dashboard.selectors import fetch_page_rounds
from assessments.dashboard.state import RoundState
from assessments.models import Answer, Assessment
from assessments.questionnaire.services import AnswerInput, answers_save_theme, assessment_reopen
from partnerships.constants import Role
from partnerships.models import Partnership
from principles.models import Recommendation
from tests.factories import make_assessment, make_partnership, make_round, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(gids):
    partnership = make_partnership("GR Antwoorden", participants=["Gemeente Aalstad"])
    return make_assessment(make_round(partnership), organisation="Gemeente Aalstad")


def _state() -> RoundState:
    organisation = Partnership.objects.get(name="GR Antwoorden").participations.get().organisation
    dashboard = build_dashboard(
        Partnership.objects.all(), organisation=organisation, today=timezone.localdate()
    )
    (row,) = dashboard.rows
    return row.state


def test_saving_a_theme_makes_the_draft_started(draft):
    assert _state() == RoundState.NOT_STARTED
    answers_save_theme(assessment=draft, theme="A1", data={"A1.1": AnswerInput(value=3)}, user=None)
    assert _state() == RoundState.DRAFT


def test_answers_added_and_removed_in_bulk_are_followed(draft):
    recommendation = Recommendation.objects.get(
        theme__part__framework=draft.round.framework, code="A1.1"
    )
    Answer.objects.bulk_create([Answer(assessment=draft, recommendation=recommendation, score=2)])
    assert _state() == RoundState.DRAFT
    Answer.objects.filter(assessment=draft).delete()
    assert _state() == RoundState.NOT_STARTED


def _tally(round_) -> str:
    scored, _ = fetch_page_rounds([round_.partnership_id])
    latest = scored.get(round_.partnership_id, (None, None))[0]
    return latest.tally_key if latest else ""


def test_the_tally_moves_with_every_submission_and_reopening(gids):
    partnership = make_partnership("GR Tally", participants=["Gemeente A", "Gemeente B"])
    round_ = make_round(partnership)
    make_assessment(round_, organisation="Gemeente A")
    assert _tally(round_) == ""  # no submission: no scores to cache

    make_assessment(round_, organisation="Gemeente B", submitted=True)
    one = _tally(round_)
    assert f":{round_.pk}:1:" in one

    second = make_assessment(
        round_, organisation="Gemeente A", perspective=Perspective.COLLEGE, submitted=True
    )
    two = _tally(round_)
    assert f":{round_.pk}:2:" in two

    assessment_reopen(
        assessment=second, user=make_user(Role.GRIFFIER), reason="Nog een vraag van de raad."
    )
    assert _tally(round_) == one
    # Submitted again later: the same count, a later time, so a new key.
    Assessment.objects.filter(pk=second.pk).update(
        status="submitted", submitted_at=timezone.now() + timedelta(minutes=5)
    )
    assert _tally(round_) not in (one, two)
