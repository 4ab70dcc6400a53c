"""Trends: a round or an assessment compared with the previous one."""

from datetime import date

import pytest

from assessments.constants import NextStepStatus, Perspective
from assessments.rounds import trends
from partnerships.constants import Role
from tests.factories import (
    make_assessment,
    make_next_step,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db

AALSTAD, BEEKDORP = "Gemeente Aalstad", "Gemeente Beekdorp"


def _two_rounds(*, linked: bool = True):
    """2025: raad and college Aalstad, DB. 2026: raad Aalstad, DB and (new) raad Beekdorp;
    the college of Aalstad no longer answers. College Beekdorp stays a draft in both."""
    partnership = make_partnership("Regio Rivierenland", participants=[AALSTAD, BEEKDORP])
    old = make_round(partnership, period="2025", opens_on=date(2025, 3, 1))
    make_assessment(
        old, organisation=AALSTAD, submitted=True, answers={"A1.1": 2, "A1.2": 2, "A2.1": 3}
    )
    make_assessment(
        old,
        organisation=AALSTAD,
        perspective=Perspective.COLLEGE,
        submitted=True,
        answers={"A1.1": 2, "A1.2": 2, "A2.1": 3},
    )
    make_assessment(old, perspective=Perspective.DB, submitted=True, answers={"A1.1": 2, "A2.1": 3})
    make_assessment(
        old, organisation=BEEKDORP, perspective=Perspective.COLLEGE, answers={"A1.1": 0}
    )
    make_next_step(
        old,
        description="Informatieprotocol opstellen",
        status=NextStepStatus.AFGEROND,
        completed_on=date(2025, 9, 1),
    )
    make_next_step(old, description="Zienswijzeprocedure evalueren")

    new = make_round(
        partnership, period="2026", opens_on=date(2026, 3, 1), previous=old if linked else None
    )
    raad = make_assessment(
        new, organisation=AALSTAD, submitted=True, answers={"A1.1": 4, "A1.2": 2, "A2.1": 2}
    )
    make_assessment(new, perspective=Perspective.DB, submitted=True, answers={"A1.1": 4, "A2.1": 2})
    beekdorp = make_assessment(
        new, organisation=BEEKDORP, submitted=True, answers={"A1.1": 4, "A1.2": 4, "A2.1": 2}
    )
    college_draft = make_assessment(
        new, organisation=BEEKDORP, perspective=Perspective.COLLEGE, answers={"A1.1": 1}
    )
    return old, new, raad, beekdorp, college_draft


@pytest.mark.parametrize("linked", [True, False])
def test_round_trend_per_theme_items_and_steps(gids, linked):
    old, new, *_ = _two_rounds(linked=linked)
    trend = trends.round_trend(new)
    assert trend.has_comparison and trend.previous_round == old
    themes = {t.code: (t.before, t.after, t.delta, t.direction) for t in trend.themes}
    # 2025: A1.1 2.0, A1.2 2.0 -> A1 50%; A2.1 3.0 -> A2 75%.
    # 2026: A1.1 4.0, A1.2 3.0 -> A1 87.5%; A2.1 2.0 -> A2 50%.
    assert themes["A1"] == (50.0, 87.5, 37.5, "beter")
    assert themes["A2"] == (75.0, 50.0, -25.0, "slechter")
    assert themes["A3"][3] == "geen score"
    assert (trend.overall_before, trend.overall_after, trend.overall_delta) == (62.5, 68.8, 6.3)
    assert [(c.code, c.before, c.after, c.delta) for c in trend.improved] == [
        ("A1.1", 2.0, 4.0, 2.0),
        ("A1.2", 2.0, 3.0, 1.0),
    ]
    assert [(c.code, c.delta) for c in trend.declined] == [("A2.1", -1.0)]
    assert [s.description for s in trend.completed_steps] == ["Informatieprotocol opstellen"]
    assert trend.open_steps == 1


def test_round_trend_with_added_and_removed_respondents(gids):
    _, new, *_ = _two_rounds()
    trend = trends.round_trend(new)
    assert trend.added == ["Gemeente Beekdorp — Raad (politiek orgaan)"]
    assert trend.removed == ["Gemeente Aalstad — College"]
    both = {r.label: (r.before, r.after, r.delta) for r in trend.respondents}
    assert both == {
        "Dagelijks bestuur": (62.5, 75.0, 12.5),
        "Gemeente Aalstad — Raad (politiek orgaan)": (62.5, 62.5, 0.0),
    }


def test_round_trend_page(client, gids):
    _, new, *_ = _two_rounds()
    client.force_login(make_user(Role.GRIFFIER, organisation=BEEKDORP))
    html = client.get(f"/rondes/{new.pk}/trend/").content.decode()
    assert "Vergeleken met" in html and "ronde 2025" in html
    assert "88%" in html and "+38" in html and "slechter" in html
    assert "Alleen in ronde 2026:</strong> Gemeente Beekdorp — Raad (politiek orgaan)" in html
    assert "Alleen in ronde 2025:</strong> Gemeente Aalstad — College" in html
    assert "Informatieprotocol opstellen" in html
    assert "Nog niet afgerond: 1 vervolgstap" in html


def test_first_round_has_a_clear_message(client, gids):
    old, *_ = _two_rounds()
    assert trends.round_trend(old).message == trends.MSG_NO_PREVIOUS_ROUND
    client.force_login(make_user(Role.BEHEERDER))
    response = client.get(f"/rondes/{old.pk}/trend/")
    assert response.status_code == 200
    assert "Er is geen eerdere ronde van dit samenwerkingsverband" in response.content.decode()


def test_assessment_trend_compares_the_same_respondent(client, gids):
    _, _, raad, _, _ = _two_rounds()
    trend = trends.assessment_trend(raad)
    themes = {t.code: (t.before, t.after) for t in trend.themes}
    assert themes["A1"] == (50.0, 75.0) and themes["A2"] == (75.0, 50.0)
    assert [(c.code, c.before, c.after) for c in trend.improved] == [("A1.1", 2, 4)]
    assert [(c.code, c.before, c.after) for c in trend.declined] == [("A2.1", 3, 2)]
    client.force_login(make_user(Role.GRIFFIER, organisation=AALSTAD))
    html = client.get(f"/evaluaties/{raad.pk}/trend/").content.decode()
    assert "de zelfevaluatie van dezelfde respondent" in html and "75%" in html


def test_assessment_trend_without_a_previous_answer(client, gids):
    _, _, _, beekdorp, college_draft = _two_rounds()
    client.force_login(make_user(Role.GRIFFIER, organisation=BEEKDORP))
    html = client.get(f"/evaluaties/{beekdorp.pk}/trend/").content.decode()
    assert "heeft deze respondent geen zelfevaluatie ingevuld" in html
    client.force_login(make_user(Role.CONTRAMAL, organisation=BEEKDORP))
    html = client.get(f"/evaluaties/{college_draft.pk}/trend/").content.decode()
    assert "in de vorige ronde (2025) is niet ingediend" in html


def test_small_shifts_in_a_round_mean_are_not_reported_as_change():
    before = {("A1.1", "A1"): 2.0, ("A1.2", "A1"): 2.0, ("A1.3", "A1"): 3.0}
    after = {("A1.1", "A1"): 2.4, ("A1.2", "A1"): 2.5, ("A1.3", "A1"): 2.5}
    improved, declined = trends._item_changes(before, after, {}, min_delta=trends.MIN_MEAN_CHANGE)
    assert [c.code for c in improved] == ["A1.2"]
    assert [c.code for c in declined] == ["A1.3"]
