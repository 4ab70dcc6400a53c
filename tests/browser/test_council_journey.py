"""The griffier in a real browser: from a finished round to a raadsvoorstel and a zienswijze
downloaded in Word."""

import docx
import pytest

from assessments.constants import RoundStatus
from assessments.models import AssessmentRound

from .conftest import log_in

pytestmark = pytest.mark.browser


def _download(page, link_name: str, tmp_path, name: str):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    path = tmp_path / name
    info.value.save_as(path)
    return docx.Document(str(path))


def test_griffier_goes_from_a_finished_round_to_a_raadsvoorstel_and_zienswijze_in_word(
    page, demo, problems, tmp_path
):
    griffier = demo.user("griffier")
    organisation = griffier.profile.organisation
    round_ = (
        AssessmentRound.objects.filter(
            status=RoundStatus.CLOSED, partnership__participations__organisation=organisation
        )
        .order_by("-opens_on")
        .first()
    )
    assert round_ is not None
    log_in(page, griffier.username, demo.password)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/rondes/{round_.pk}/")
    page.get_by_role("link", name="Raadsstukken", exact=True).click()
    assert page.locator("h1").inner_text().startswith("Raadsstukken")

    page.get_by_role("link", name="Raadsvoorstel opstellen").click()
    page.get_by_role("button", name="Opstellen").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Raadsvoorstel")
    # One text box per section, each with its label; the page fits a phone.
    page.get_by_label("Beslispunten").fill(
        "De raad besluit:\n1. Kennis te nemen van de uitkomsten."
    )
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "Uw wijzigingen zijn opgeslagen." in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    word = _download(page, "Download als Word (.docx)", tmp_path, "raadsvoorstel.docx")
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Onderwerp", "Beslispunten"]
    assert "1. Kennis te nemen van de uitkomsten." in [p.text for p in word.paragraphs]

    page.get_by_role("link", name="Raadsstukken", exact=True).click()
    page.get_by_role("link", name="Zienswijze opstellen").click()
    page.get_by_label("Ontwerpbegroting").check()
    page.get_by_label("Ontvangen op (niet verplicht)").fill("2026-05-04")
    page.get_by_role("button", name="Opstellen").click()
    page.wait_for_load_state()
    word = _download(page, "Download als Word (.docx)", tmp_path, "zienswijze.docx")
    text = "\n".join(p.text for p in word.paragraphs)
    assert "12 weken" in text and "27 juli 2026" in text
    assert not problems.csp_violations, problems.csp_violations
    assert not problems.page_errors, problems.page_errors
