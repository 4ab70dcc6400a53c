"""The assessment form on a phone and on a wide screen: the first question in the first
screen, no page-wide sideways scrolling, and axe-core finds nothing serious, also with n.v.t.
chosen and with the banner after a save that left an answer unsaved."""

import pytest

from assessments.constants import Perspective
from assessments.models import Assessment
from partnerships.constants import Role
from tests.factories import make_assessment, make_partnership, make_round, make_user

from .conftest import assert_accessible, force_login

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def draft(gids, every_item_asked) -> Assessment:
    partnership = make_partnership(
        "Gemeenschappelijke Regeling Regionale Uitvoering Rivierenland",
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
    )
    round_ = make_round(partnership, period="2026")
    return make_assessment(
        round_,
        organisation="Gemeente Aalstad",
        perspective=Perspective.RAAD,
        answers={"A1.1": 3, "A2.1": 2},
    )


@pytest.fixture
def griffier(context, live_server) -> None:
    force_login(context, live_server, make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))


def no_sideways_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def first_question_top(page) -> tuple[float, float]:
    """(top of the first question's legend, bottom of the site header) in the first screen."""
    return page.evaluate(
        """() => [
            document.querySelector('.answer-item fieldset legend').getBoundingClientRect().top,
            document.querySelector('body > header').getBoundingClientRect().bottom,
        ]"""
    )


@pytest.mark.parametrize("theme", ["A1", "A7"])
def test_on_a_phone_the_first_question_is_in_the_first_screen(
    page, live_server, draft, griffier, theme
):
    page.set_viewport_size(PHONE)
    page.goto(f"/evaluaties/{draft.pk}/thema/{theme}/")
    legend, header = first_question_top(page)
    # What this page puts between the site header and the first question stays small...
    assert legend - header < 450, f"{legend - header:.0f}px between header and question"
    # ...so that, with the compact site header, the question is in the first screen.
    assert legend < PHONE["height"], f"the first question starts at {legend:.0f}px"
    # The theme list is folded, its summary says how far along the themes are.
    summary = page.locator("#themalijst details summary")
    assert summary.is_visible() and "klaar)" in summary.inner_text()
    assert not page.locator("#themalijst nav.d-lg-block").is_visible()


@pytest.mark.parametrize("size", [PHONE, WIDE], ids=["390", "1280"])
def test_theme_and_overview_pages_do_not_scroll_sideways(page, live_server, draft, griffier, size):
    page.set_viewport_size(size)
    for url in (f"/evaluaties/{draft.pk}/thema/A1/", f"/evaluaties/{draft.pk}/"):
        page.goto(url)
        assert no_sideways_scroll(page), f"{url} scrolls sideways at {size['width']}px"


@pytest.mark.parametrize("size", [PHONE, WIDE], ids=["390", "1280"])
def test_a_theme_page_with_nvt_chosen_and_the_banner_is_accessible(
    page, live_server, axe, problems, draft, griffier, size
):
    page.set_viewport_size(size)
    page.goto(f"/evaluaties/{draft.pk}/thema/A1/")
    assert_accessible(page, axe, "theme page")

    page.locator('label[for="id_A1_2-value_5"]').click()  # n.v.t., no explanation yet
    page.locator("#status-A1_2").get_by_text("Vul de toelichting in").wait_for()
    assert_accessible(page, axe, "theme page with n.v.t. chosen")

    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan", exact=True).click()
    banner = page.locator("#niet-opgeslagen")
    assert "Aanbeveling A1.2" in banner.inner_text()
    field = page.locator("#id_A1_2-explanation")
    assert field.get_attribute("aria-invalid") == "true"
    assert no_sideways_scroll(page)
    assert_accessible(page, axe, "theme page with the banner")

    page.goto(f"/evaluaties/{draft.pk}/")
    assert no_sideways_scroll(page)
    assert_accessible(page, axe, "assessment overview")
    assert not problems.page_errors and not problems.csp_violations
