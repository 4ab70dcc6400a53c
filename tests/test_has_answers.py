"""Whether an assessment has answers is kept by database triggers (migration assessments
0005): saving a theme, bulk inserts and deletes all keep Assessment.has_answers right, a
stale instance never writes it back, and the overview reads it to tell "Concept" from "Niet
begonnen"."""

import pytest
from django.utils import timezone

from assessments.constants import AssessmentStatus
from assessments.dashboard import RoundState, build_dashboard
from assessments.models import Answer, Assessment
from assessments.services import AnswerInput, answers_save_theme
from partnerships.models import Partnership
from principles.models import Recommendation
from tests.factories import make_assessment, make_partnership, make_round

pytestmark = pytest.mark.django_db


def has_answers(assessment: Assessment) -> bool:
    return Assessment.objects.values_list("has_answers", flat=True).get(pk=assessment.pk)


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


def test_saving_a_theme_marks_the_draft_started_and_a_stale_save_keeps_it(draft):
    stale = Assessment.objects.get(pk=draft.pk)  # loaded before any answer
    assert not has_answers(draft)
    assert _state() == RoundState.NOT_STARTED

    answers_save_theme(assessment=draft, theme="A1", data={"A1.1": AnswerInput(value=3)}, user=None)
    assert has_answers(draft)
    assert _state() == RoundState.DRAFT

    stale.respondent_email = "griffie@aalstad.example"
    stale.save()
    assert has_answers(draft)
    assert Assessment.objects.get(pk=draft.pk).respondent_email == "griffie@aalstad.example"


def test_bulk_insert_and_delete_keep_it_right(draft):
    other = make_assessment(
        make_round(draft.round.partnership, period="2027"), organisation="Gemeente Aalstad"
    )
    codes = ["A1.1", "A1.2"]
    recommendations = {
        r.code: r
        for r in Recommendation.objects.filter(
            theme__part__framework=draft.round.framework, code__in=codes
        )
    }
    Answer.objects.bulk_create(
        [Answer(assessment=draft, recommendation=recommendations[c], score=2) for c in codes]
        + [Answer(assessment=other, recommendation=recommendations["A1.1"], score=1)]
    )
    assert has_answers(draft) and has_answers(other)

    Answer.objects.filter(assessment=draft, recommendation__code="A1.1").delete()
    assert has_answers(draft)  # one answer left
    Answer.objects.filter(assessment=draft).delete()
    assert not has_answers(draft)
    assert has_answers(other)  # untouched


def test_a_submitted_assessment_keeps_its_mark(draft):
    answers_save_theme(assessment=draft, theme="A1", data={"A1.1": AnswerInput(value=4)}, user=None)
    draft.status = AssessmentStatus.SUBMITTED
    draft.submitted_at = timezone.now()
    draft.save()  # the instance still says has_answers=False
    assert has_answers(draft)
