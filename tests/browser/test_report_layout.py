"""The report in the browser: the PDF button says it is busy and cannot start a second
download, and the report preview has no page-wide sideways scroll on a phone or a laptop,
with axe clean."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from assessments.constants import AssessmentStatus
from assessments.models import Assessment, AssessmentRound

from .conftest import assert_accessible, force_login

pytestmark = pytest.mark.browser

BUSY = "Het rapport wordt gemaakt…"
WIDTHS = (390, 1280)


def _ggd_round() -> AssessmentRound:
    """The demo's open GGD round: seven respondents, the longest report."""
    return AssessmentRound.objects.filter(partnership__name="GGD Zuidland", status="open").get()


def _ggd_director() -> User:
    return User.objects.get(username="directeur.ggd-zuidland")


@pytest.mark.parametrize("where", ["round", "round_report_preview"])
def test_the_pdf_button_says_it_is_busy_and_cannot_be_pressed_twice(
    page, context, live_server, demo, problems, where
):
    """On the round page and on the report preview: the same script, the same behaviour."""
    round_ = _ggd_round()
    force_login(context, live_server, _ggd_director())
    pdf_url = reverse("assessments:round_report_pdf", args=[round_.pk])
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if r.url.endswith(pdf_url) else None)
    page.goto(reverse(f"assessments:{where}", args=[round_.pk]))
    button = page.locator("a[data-report-pdf]").first
    label = button.inner_text()
    status = page.locator(".report-status").first
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"

    with page.expect_download() as download_info:
        button.click()
        assert button.inner_text() == BUSY
        assert button.get_attribute("aria-disabled") == "true"
        assert status.inner_text() == BUSY
        button.dispatch_event("click")  # a second press while the report is being made
    download = download_info.value
    assert download.suggested_filename.endswith("raadsrapport.pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    page.wait_for_function("el => !el.hasAttribute('aria-disabled')", arg=button.element_handle())
    assert button.inner_text() == label
    assert status.inner_text() == "Het rapport is gedownload."
    assert len(requests) == 1
    assert not problems.csp_violations and not problems.page_errors


def test_without_javascript_the_pdf_button_is_a_plain_download_link(browser, live_server, demo):
    round_ = _ggd_round()
    ctx = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, accept_downloads=True
    )
    try:
        force_login(ctx, live_server, _ggd_director())
        page = ctx.new_page()
        page.goto(reverse("assessments:round", args=[round_.pk]))
        button = page.locator("a[data-report-pdf]").first
        assert button.get_attribute("download") is not None
        with page.expect_download() as download_info:
            button.click()
        assert download_info.value.suggested_filename.endswith(".pdf")
    finally:
        ctx.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_report_previews_and_the_trend_fit_the_screen_and_are_accessible(
    page, context, live_server, demo, axe, problems, width
):
    round_ = _ggd_round()
    assessment = (
        Assessment.objects.filter(round=round_, status=AssessmentStatus.SUBMITTED)
        .order_by("pk")
        .first()
    )
    force_login(context, live_server, _ggd_director())
    page.set_viewport_size({"width": width, "height": 900})
    for url in (
        reverse("assessments:round_report_preview", args=[round_.pk]),
        reverse("assessments:report_preview", args=[assessment.pk]),
        reverse("assessments:round_trend", args=[round_.pk]),  # with its chart
    ):
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        overflow = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert overflow[0] <= overflow[1], f"{url} at {width}px: {overflow}"
        assert_accessible(page, axe, f"{url} at {width}px")
    assert not problems.csp_violations and not problems.page_errors
