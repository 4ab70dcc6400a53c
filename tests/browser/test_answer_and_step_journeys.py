"""In a real browser: a griffier cannot submit answers copied from last year without
confirming them, and a next step made from a gap can be cancelled and deleted."""

from datetime import date, timedelta

import pytest

from assessments.constants import AssessmentStatus, Perspective
from assessments.models import Answer, Assessment, NextStep
from assessments.rounds.services import round_start_next
from assessments.scores import round_applicability
from partnerships.constants import Role
from tests.factories import make_assessment, make_partnership, make_round, make_user

from .conftest import force_login

pytestmark = pytest.mark.browser


def copied_draft(first_theme_only: bool) -> tuple[Assessment, str]:
    """The raad's draft in a next round, every item copied from its answered previous
    round; only the first theme's copies are left unconfirmed when `first_theme_only`."""
    partnership = make_partnership("GR Browserland", participants=["Gemeente Aalstad"])
    old = make_round(partnership, period="2025", opens_on=date(2025, 3, 1))
    pairs = round_applicability(old).item_pairs()
    make_assessment(
        old, organisation="Gemeente Aalstad", submitted=True, answers={c: 3 for c, _ in pairs}
    )
    today = date.today()
    new = round_start_next(
        old, period="2026", opens_on=today - timedelta(days=1), due_on=today + timedelta(days=30)
    )
    draft = new.assessments.get(perspective=Perspective.RAAD)
    first = pairs[0][1]
    if first_theme_only:
        later = [c for c, theme in pairs if theme != first]
        Answer.objects.filter(assessment=draft, recommendation__code__in=later).update(
            is_taken_over=False
        )
    return draft, first


def test_griffier_must_confirm_copied_answers_before_submitting(
    page, context, live_server, gids, problems, every_item_asked
):
    draft, first = copied_draft(first_theme_only=True)
    in_first = sum(1 for _, t in round_applicability(draft.round).item_pairs() if t == first)
    force_login(context, live_server, make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))

    page.goto(f"/evaluaties/{draft.pk}/")
    card = page.locator("#indienen")
    assert f"{in_first} antwoord" in card.inner_text()
    assert card.get_by_role("button", name="Zelfevaluatie indienen").count() == 0
    assert "nog niet bevestigd" in page.locator("#voortgang").inner_text()

    # the submit page says which theme still waits, with a link to it
    card.get_by_role("link", name="Bekijk wat nog open staat").click()
    assert page.get_by_role("button", name="Zelfevaluatie indienen").count() == 0
    page.locator("#onbevestigd").get_by_role("link", name=f"Thema {first}.").click()
    page.wait_for_load_state()
    assert f"/thema/{first}/" in page.url

    page.get_by_role("button", name="Alles in dit thema ongewijzigd bevestigen").click()
    page.wait_for_load_state()
    assert "bevestigd" in page.locator(".messages").inner_text()

    page.goto(f"/evaluaties/{draft.pk}/")
    page.locator("#indienen").get_by_role("button", name="Zelfevaluatie indienen").click()
    page.wait_for_load_state()
    assert f"/evaluaties/{draft.pk}/resultaten/" in page.url
    draft.refresh_from_db()
    assert draft.status == AssessmentStatus.SUBMITTED
    assert not problems.page_errors and not problems.csp_violations


def test_a_step_from_a_gap_can_be_cancelled_and_deleted(page, context, live_server, gids, problems):
    partnership = make_partnership("GR Stappenland", participants=["Gemeente Aalstad"])
    round_ = make_round(partnership, period="2026")
    assessment = make_assessment(
        round_, organisation="Gemeente Aalstad", perspective=Perspective.RAAD, answers={"A2.1": 0}
    )
    force_login(context, live_server, make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    gap_button = "Maak hier een vervolgstap van (aanbeveling A2.1)"

    # open the form from the gap, then cancel: nothing is left behind
    page.goto(f"/evaluaties/{assessment.pk}/resultaten/")
    page.get_by_role("link", name=gap_button).click()
    page.wait_for_load_state()
    assert "Bij aanbeveling A2.1:" in page.locator("main").inner_text()
    page.get_by_role("link", name="Annuleren").click()
    page.wait_for_load_state()
    assert "Er zijn nog geen vervolgstappen" in page.locator("main").inner_text()
    assert not NextStep.objects.exists()

    # open it again and save it with an owner
    page.goto(f"/evaluaties/{assessment.pk}/resultaten/")
    page.get_by_role("link", name=gap_button).click()
    page.get_by_label("Eigenaar (naam of rol)").fill("Griffie Aalstad")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    step = NextStep.objects.get()
    assert step.recommendation.code == "A2.1" and step.owner == "Griffie Aalstad"

    # delete it: a confirmation first, then the history keeps it
    page.locator(f"#stap-{step.pk}").get_by_role("link", name="Verwijderen").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Vervolgstap verwijderen?").is_visible()
    assert NextStep.objects.filter(pk=step.pk).exists()
    page.get_by_role("button", name="Ja, verwijder deze vervolgstap").click()
    page.wait_for_load_state()
    assert "De vervolgstap is verwijderd." in page.locator("main").inner_text()
    assert not NextStep.objects.exists()
    page.locator("#stappen-historie-kop").click()  # unfold the list of changes
    assert "verwijderd" in page.locator(".history").inner_text()
    assert not problems.page_errors and not problems.csp_violations
