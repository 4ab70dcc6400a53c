"""What people do, in a real browser: griffier, gemeentesecretaris, directeur, keyboard only."""

import io
import re
from pathlib import Path

import pytest
from django.db.models import Count, Q
from openpyxl import load_workbook

from assessments.constants import AssessmentStatus, Perspective, RoundStatus
from assessments.models import Answer, Assessment, AssessmentRound
from assessments.scores import round_applicability
from principles.models import Recommendation

from .conftest import log_in

pytestmark = pytest.mark.browser


def draft_of(user, perspective: str = Perspective.RAAD) -> Assessment:
    """The user's organisation's open draft with the most themes."""
    drafts = Assessment.objects.filter(
        participation__organisation=user.profile.organisation,
        perspective=perspective,
        status=AssessmentStatus.DRAFT,
        round__status=RoundStatus.OPEN,
    ).select_related("round__partnership", "round__framework")
    assert drafts, f"the demo has no open {perspective} draft for {user}"
    return drafts.first()


def prepare(assessment: Assessment, open_themes: int) -> list[tuple[str, list[str]]]:
    """Answer every applicable item except those of the first `open_themes` themes (emptied).

    Returns those themes as (code, item codes) in the order the form shows them.
    """
    themes = [
        (t.code, list(t.items))
        for t in round_applicability(assessment.round).applicable_themes()
        if t.items
    ]
    left_open = themes[:open_themes]
    open_codes = {code for _, items in left_open for code in items}
    recs = dict(
        Recommendation.objects.filter(
            theme__part__framework=assessment.round.framework
        ).values_list("code", "pk")
    )
    Answer.objects.filter(assessment=assessment, recommendation__code__in=open_codes).delete()
    for _, items in themes[open_themes:]:
        for code in items:
            if code in open_codes:
                continue
            Answer.objects.update_or_create(
                assessment=assessment,
                recommendation_id=recs[code],
                defaults={"score": 2, "special": "", "explanation": "Voorbereid door de test."},
            )
    return left_open


def slug(code: str) -> str:
    return code.replace(".", "_")


def value_of(assessment: Assessment, code: str) -> object:
    answer = Answer.objects.filter(assessment=assessment, recommendation__code=code).first()
    return None if answer is None else answer.value


def test_griffier_fills_in_two_themes_submits_and_downloads_the_pdf(
    page, demo, problems, every_item_asked
):
    user = demo.user("griffier")
    assessment = draft_of(user)
    (first, first_items), (second, second_items) = prepare(assessment, open_themes=2)

    log_in(page, user.username, demo.password)
    page.get_by_role("link", name="Zelfevaluaties").first.click()
    page.locator(f'a[href="/evaluaties/{assessment.pk}/"]').first.click()
    page.locator(f'a[href="/evaluaties/{assessment.pk}/thema/{first}/"]').first.click()
    assert page.locator("h1").inner_text().startswith(f"Thema {first}.")

    # Theme one: every choice is saved as it is made (htmx), and the progress follows.
    for n, code in enumerate(first_items, start=1):
        page.locator(f'input[name="{slug(code)}-value"][value="3"]').check()
        status = page.locator(f"#status-{slug(code)}")
        status.get_by_text("Opgeslagen").wait_for()
        assert value_of(assessment, code) == 3, f"{code} was not saved as you go"
        progress = page.locator("#voortgang")
        assert f"{n} van {len(first_items)} beantwoord" in progress.inner_text()
    settle(page)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(rf"Opslaan en volgende: {second}")).click()

    # Theme two: one "weet niet", the rest scores.
    assert page.locator("h1").inner_text().startswith(f"Thema {second}.")
    chosen = {}
    for i, code in enumerate(second_items):
        value = "weet_niet" if i == 0 else ("4" if i % 2 else "1")
        page.locator(f'input[name="{slug(code)}-value"][value="{value}"]').check()
        page.locator(f"#status-{slug(code)}").get_by_text("Opgeslagen").wait_for()
        chosen[code] = int(value) if value.isdigit() else value
    settle(page)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Opslaan en (volgende|naar overzicht)")).click()
    for code, value in chosen.items():
        assert value_of(assessment, code) == value

    # Everything is answered now: submit from the overview.
    page.goto(f"/evaluaties/{assessment.pk}/")
    assert "100%" in page.locator("#voortgang").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Zelfevaluatie indienen").click()
    assert "ingediend" in page.locator(".messages").inner_text()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED

    # The report, as a PDF download.
    link = page.get_by_role("link", name=re.compile(r"rapport \(PDF\)", re.IGNORECASE))
    if link.count() == 0:
        page.goto(f"/evaluaties/{assessment.pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"rapport \(PDF\)", re.IGNORECASE)).first.click()
    pdf = download_info.value
    assert pdf.suggested_filename.endswith(".pdf")
    content = Path(pdf.path()).read_bytes()
    assert content.startswith(b"%PDF") and len(content) > 2000

    assert not problems.csp_violations, problems.csp_violations
    assert not problems.page_errors, problems.page_errors


def test_gemeentesecretaris_opens_the_dashboard_and_exports_excel(page, demo, problems):
    user = demo.user("gemeentesecretaris")
    log_in(page, user.username, demo.password)
    page.get_by_role("link", name="Dashboard", exact=True).click()
    assert page.locator("h1").inner_text().startswith("Dashboard")
    table = page.get_by_role("table").first
    names = [
        name
        for name in user.profile.organisation.participations.values_list(
            "partnership__name", flat=True
        )
    ]
    assert names, "the demo organisation takes part in no partnership"
    for name in names:
        assert name in table.inner_text(), f"{name} missing from the dashboard"

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Excel")).first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True)
    cells = {
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    }
    for name in names:
        assert name in cells, f"{name} missing from the Excel export"
    assert not problems.csp_violations, problems.csp_violations
    assert not problems.page_errors, problems.page_errors


def test_directeur_opens_a_round_and_sees_everyone_side_by_side(page, demo, problems):
    # The demo directeur whose partnership has the round with the most submitted answers.
    directeurs = [a["username"] for a in demo.accounts if a["role"] == "directeur"]
    round_ = (
        AssessmentRound.objects.filter(partnership__accounts__user__username__in=directeurs)
        .annotate(n=Count("assessments", filter=Q(assessments__status=AssessmentStatus.SUBMITTED)))
        .order_by("-n")
        .first()
    )
    submitted = list(round_.assessments.filter(status=AssessmentStatus.SUBMITTED))
    assert len(submitted) >= 2, "the demo needs a round with two submitted assessments"
    user = round_.partnership.accounts.get(user__username__in=directeurs).user

    log_in(page, user.username, demo.password)
    page.goto(f"/samenwerkingsverbanden/{round_.partnership_id}/")
    page.locator(f'a[href="/rondes/{round_.pk}/"]').first.click()
    assert page.locator("h1").inner_text().startswith(f"Ronde {round_.period}")
    page.locator(f'a[href="/rondes/{round_.pk}/naast-elkaar/"]').first.click()
    assert page.locator("h1").inner_text().startswith("Naast elkaar")
    text = page.locator("main").inner_text()
    for assessment in submitted:
        who = assessment.participation.organisation.name if assessment.participation_id else ""
        assert who in text and assessment.get_perspective_display() in text, assessment
    assert page.locator("table").count() >= 1
    assert not problems.csp_violations, problems.csp_violations
    assert not problems.page_errors, problems.page_errors


def settle(page) -> None:
    """Wait until htmx has no request in flight (a person would not click faster than that)."""
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def tab_to(page, selector: str, *, limit: int = 400, backwards: bool = False) -> None:
    """Press Tab (only the keyboard) until the focused element matches `selector`."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"could not reach {selector} with the Tab key")


def test_the_assessment_form_can_be_completed_with_the_keyboard_alone(
    page, demo, problems, every_item_asked
):
    user = demo.user("griffier")
    assessment = draft_of(user)
    [(theme, items)] = prepare(assessment, open_themes=1)

    log_in(page, user.username, demo.password)
    page.goto(f"/evaluaties/{assessment.pk}/")
    tab_to(page, f'a[href="/evaluaties/{assessment.pk}/thema/{theme}/"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/thema/{theme}/")

    for code in items:
        # Tab into the item's radio group (one tab stop), then the arrow keys choose: 0 -> 3.
        tab_to(page, f'input[name="{slug(code)}-value"]')
        page.keyboard.press("Space")
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        checked = page.locator(f'input[name="{slug(code)}-value"]:checked')
        assert checked.get_attribute("value") == "3"
        page.keyboard.press("Tab")  # to the "vastgelegd" tick: Space ticks it
        page.keyboard.press("Space")
        page.keyboard.press("Tab")  # to the explanation
        page.keyboard.type("Met het toetsenbord ingevuld.")
    tab_to(page, 'button[name="volgende"]')
    settle(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for code in items:
        assert value_of(assessment, code) == 3
    last = Answer.objects.get(assessment=assessment, recommendation__code=items[-1])
    assert last.explanation.startswith("Met het toetsenbord") and last.documented is True

    page.goto(f"/evaluaties/{assessment.pk}/")
    tab_to(page, "#indienen button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert not problems.csp_violations, problems.csp_violations
    assert not problems.page_errors, problems.page_errors
