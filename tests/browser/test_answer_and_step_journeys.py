"""In a real browser: a griffier cannot submit answers copied from last year without
confirming them, and a next step made from a gap can be cancelled and deleted."""

import re
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


# --- Filling in a theme page: saving as you go ------------------------------------------------


SAVED = re.compile(r"Opgeslagen om")  # case-sensitive: not "... wordt n.v.t. opgeslagen"


def form_draft(answers: dict[str, int | str | tuple[int | str, str]] | None = None) -> Assessment:
    partnership = make_partnership("GR Invulland", participants=["Gemeente Aalstad"])
    round_ = make_round(partnership, period="2026")
    return make_assessment(
        round_, organisation="Gemeente Aalstad", perspective=Perspective.RAAD, answers=answers
    )


def open_theme(page, context, live_server, assessment: Assessment, theme: str = "A1") -> None:
    force_login(context, live_server, make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    page.goto(f"/evaluaties/{assessment.pk}/thema/{theme}/")


def history_count(assessment: Assessment, code: str) -> int:
    return Answer.history.filter(assessment_id=assessment.pk, recommendation__code=code).count()


def stored_value(assessment: Assessment, code: str) -> object:
    answer = Answer.objects.filter(assessment=assessment, recommendation__code=code).first()
    return None if answer is None else answer.value


def settled(page) -> None:
    """No htmx request waiting or in flight."""
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def test_three_arrow_presses_in_the_scale_save_once(
    page, context, live_server, gids, problems, every_item_asked
):
    assessment = form_draft({"A1.2": "weet_niet"})
    before = history_count(assessment, "A1.2")
    open_theme(page, context, live_server, assessment)

    page.locator('input[name="A1_2-value"][value="weet_niet"]').focus()
    for _ in range(3):  # Weet niet -> 0 Niet -> 1 In aanzet -> 2 Gedeeltelijk
        page.keyboard.press("ArrowRight")
    page.locator("#status-A1_2").get_by_text(SAVED).wait_for()
    settled(page)
    assert "2 Gedeeltelijk" in page.locator("#status-A1_2").inner_text()
    assert stored_value(assessment, "A1.2") == 2
    assert history_count(assessment, "A1.2") == before + 1
    # the chosen option shows it by more than colour: a thick border and a check mark
    chosen = page.locator('.scale-option:has(input[value="2"]:checked)')
    assert chosen.evaluate("e => getComputedStyle(e).borderTopWidth") == "3px"
    label = page.locator('label[for="id_A1_2-value_2"] strong')
    assert "✓" in label.evaluate("e => getComputedStyle(e, '::after').content")
    assert not problems.page_errors and not problems.csp_violations


def test_arrowing_past_nvt_keeps_the_focus_and_saves_the_final_choice(
    page, context, live_server, gids, problems, every_item_asked
):
    assessment = form_draft({"A1.1": 4})
    before = history_count(assessment, "A1.1")
    open_theme(page, context, live_server, assessment)

    page.locator('input[name="A1_1-value"][value="4"]').focus()
    page.keyboard.press("ArrowRight")  # n.v.t.: passed, not chosen to stay
    assert page.evaluate("() => document.activeElement.value") == "nvt"
    page.keyboard.press("ArrowRight")  # Weet niet
    page.locator("#status-A1_1").get_by_text(SAVED).wait_for()
    settled(page)
    assert stored_value(assessment, "A1.1") == "weet_niet"
    assert history_count(assessment, "A1.1") == before + 1
    assert not problems.page_errors and not problems.csp_violations


def test_choosing_nvt_asks_for_the_reason_and_saves_only_with_it(
    page, context, live_server, gids, problems, every_item_asked
):
    assessment = form_draft({"A1.3": (3, "")})
    open_theme(page, context, live_server, assessment)

    page.locator('label[for="id_A1_3-value_5"]').click()  # n.v.t.
    page.wait_for_function("() => document.activeElement.id === 'id_A1_3-explanation'")
    status = page.locator("#status-A1_3")
    status.get_by_text("Vul de toelichting in; dan wordt n.v.t. opgeslagen.").wait_for()
    assert "Niet opgeslagen" not in status.inner_text()
    assert stored_value(assessment, "A1.3") == 3  # nothing invalid was saved

    page.keyboard.type("Wij hebben hier geen eigen taak in.")
    page.keyboard.press("Tab")
    status.get_by_text(SAVED).wait_for()
    settled(page)
    answer = Answer.objects.get(assessment=assessment, recommendation__code="A1.3")
    assert (answer.value, answer.explanation) == ("nvt", "Wij hebben hier geen eigen taak in.")
    assert not problems.page_errors and not problems.csp_violations


def test_after_each_save_the_theme_list_and_progress_show_the_database(
    page, context, live_server, gids, problems, every_item_asked
):
    assessment = form_draft()
    codes = list(round_applicability(assessment.round).theme("A2").items)
    open_theme(page, context, live_server, assessment, "A2")

    for n, code in enumerate(codes[:3], start=1):
        slug = code.replace(".", "_")
        page.locator(f'label[for="id_{slug}-value_3"]').click()
        page.locator(f"#status-{slug}").get_by_text(SAVED).wait_for()
        settled(page)
        in_db = Answer.objects.filter(assessment=assessment, recommendation__code__in=codes)
        assert in_db.count() == n
        count = page.locator('#themalijst nav.d-lg-block [data-theme-count="A2"]').inner_text()
        assert count == f"{n}/{len(codes)}"
        assert (
            f"Thema A2: {n} van {len(codes)} beantwoord" in page.locator("#voortgang").inner_text()
        )
    assert not problems.page_errors and not problems.csp_violations


def test_verder_invullen_opens_the_first_open_question(
    page, context, live_server, gids, problems, every_item_asked
):
    partnership = make_partnership("GR Invulland", participants=["Gemeente Aalstad"])
    round_ = make_round(partnership, period="2026")
    pairs = round_applicability(round_).item_pairs()
    first_theme = pairs[0][1]
    assessment = make_assessment(
        round_,
        organisation="Gemeente Aalstad",
        perspective=Perspective.RAAD,
        answers={c: 2 for c, t in pairs if t == first_theme},
    )
    open_code, open_theme_code = next((c, t) for c, t in pairs if t != first_theme)

    force_login(context, live_server, make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    page.goto(f"/evaluaties/{assessment.pk}/")
    page.get_by_role("link", name=re.compile("^Verder invullen")).click()
    page.wait_for_load_state()
    slug = open_code.replace(".", "_")
    assert page.url.endswith(f"/thema/{open_theme_code}/#item-{slug}")
    top = page.locator(f"#item-{slug}").evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]  # scrolled to the question
    assert not problems.page_errors and not problems.csp_violations
