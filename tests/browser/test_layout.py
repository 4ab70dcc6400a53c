"""The main pages on a phone (390 x 844) and on a laptop (1280 x 900): no page scrolls
sideways as a whole, the menu collapses behind a button on the phone and opens from the
keyboard (and stays reachable without JavaScript), the overview's theme titles show on
keyboard focus, and axe stays clean at both sizes."""

import re

import pytest
from django.urls import reverse

from .conftest import TIMEOUT_MS, assert_accessible, force_login

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}

FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"
HEADER_HEIGHT = "() => document.querySelector('header').getBoundingClientRect().height"


def _round_of(user):
    """The latest round of a partnership the user's organisation (or partnership) is in."""
    from assessments.models import AssessmentRound

    profile = user.profile
    rounds = AssessmentRound.objects.order_by("-opens_on", "-pk")
    if profile.partnership_id:
        rounds = rounds.filter(partnership_id=profile.partnership_id)
    else:
        rounds = rounds.filter(partnership__participations__organisation=profile.organisation)
    found = rounds.first()
    assert found is not None, f"the demo has no round for {user.username}"
    return found


def _check_pages(page, axe, problems, urls: list[str]) -> None:
    for size in (PHONE, LAPTOP):
        page.set_viewport_size(size)
        for url in urls:
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
            assert page.evaluate(FITS), f"{url} scrolls sideways at {size['width']} px: {width}"
            assert page.evaluate(HEADER_HEIGHT) < 100, f"{url}: header too high at {size}"
            assert_accessible(page, axe, f"{url} at {size['width']} px")
    assert not problems.csp_violations and not problems.page_errors


def test_the_secretaris_pages_fit_a_phone_and_a_laptop(
    page, context, live_server, axe, problems, demo
):
    secretaris = demo.user("gemeentesecretaris")
    force_login(context, live_server, secretaris)
    round_ = _round_of(secretaris)
    _check_pages(
        page,
        axe,
        problems,
        [
            "/dashboard/",
            f"/samenwerkingsverbanden/{round_.partnership_id}/dashboard/",
            f"/rondes/{round_.pk}/",
        ],
    )


def test_the_directeur_and_griffier_pages_fit_a_phone_and_a_laptop(
    page, context, live_server, axe, problems, demo
):
    directeur = demo.user("directeur")
    force_login(context, live_server, directeur)
    round_ = _round_of(directeur)
    # the directeur's round page has the widest table: e-mail, invitation, reminder
    _check_pages(
        page,
        axe,
        problems,
        [f"/samenwerkingsverbanden/{round_.partnership_id}/dashboard/", f"/rondes/{round_.pk}/"],
    )
    context.clear_cookies()
    force_login(context, live_server, demo.user("griffier"))
    _check_pages(page, axe, problems, ["/"])  # the griffier's start page


def test_the_menu_collapses_on_a_phone_and_opens_from_the_keyboard(
    page, context, live_server, demo
):
    force_login(context, live_server, demo.user("gemeentesecretaris"))
    page.set_viewport_size(PHONE)
    page.goto("/dashboard/")
    dashboard_link = page.locator("header").get_by_role("link", name="Dashboard", exact=True)
    assert not dashboard_link.is_visible()
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "hoofdmenu"
    # Tab from the top of the page reaches the menu button (after the skip link and the brand)
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.navbar-toggler')"):
            break
    assert page.evaluate("() => document.activeElement.matches('.navbar-toggler')")
    page.keyboard.press("Enter")
    dashboard_link.wait_for(state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")  # into the open menu
    assert page.evaluate("() => document.activeElement.closest('#hoofdmenu') !== null")

    page.set_viewport_size(LAPTOP)
    page.goto("/dashboard/")
    assert not toggle.is_visible() and dashboard_link.is_visible()
    badge = page.locator(".user-badge .navbar-text")
    name, role = (
        badge.locator(".user-name").bounding_box(),
        badge.locator(".user-role").bounding_box(),
    )
    assert name and role and abs(name["y"] - role["y"]) < 2  # name and role on one line
    assert role["x"] > name["x"]
    # the whole name stays in the text (and so for screen readers), even when cut off
    full_name = demo.user("gemeentesecretaris").get_full_name()
    assert badge.locator(".user-name").text_content() == full_name
    # ... and the block is the way to change the password: its name says so
    assert badge.get_attribute("href") == reverse("password_change")
    assert "wachtwoord wijzigen" in badge.text_content()


def test_the_menu_is_reachable_on_a_phone_without_javascript(browser, live_server, demo):
    no_js = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False, locale="nl-NL"
    )
    try:
        no_js.set_default_timeout(TIMEOUT_MS)
        force_login(no_js, live_server, demo.user("gemeentesecretaris"))
        page = no_js.new_page()
        page.goto("/dashboard/")
        header = page.locator("header")
        assert header.get_by_role("link", name="Dashboard", exact=True).is_visible()
        assert header.get_by_role("button", name="Uitloggen").is_visible()
        assert not header.get_by_role("button", name="Menu").is_visible()
        assert page.evaluate(FITS)
    finally:
        no_js.close()


def test_a_theme_code_shows_its_title_on_keyboard_focus(page, context, live_server, demo):
    force_login(context, live_server, demo.user("gemeentesecretaris"))
    page.set_viewport_size(LAPTOP)
    page.goto("/dashboard/")
    table = page.get_by_role("region", name="Samenwerkingsverbanden met scores per thema")
    # the link's name holds the title, so a screen reader announces it
    code = table.get_by_role("link", name=re.compile(r"^A2 Doel en publieke waarden"))
    tip = code.locator(".theme-tip")
    assert not tip.is_visible()
    code.focus()
    assert tip.is_visible()
    assert tip.text_content() == "A2: Doel en publieke waarden van de samenwerking"
    page.keyboard.press("Escape")  # dismissible without moving the focus (WCAG 1.4.13)
    assert not tip.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.querySelector('.theme-tip') !== null")
    assert page.locator(":focus .theme-tip").is_visible()
    # the parts of the Gids head their columns
    assert table.get_by_role("columnheader", name=re.compile("^Deel A")).count() == 1
    assert table.get_by_role("columnheader", name=re.compile("^Deel B")).count() == 1
    # on a phone the cards replace the table, each partnership once
    page.set_viewport_size(PHONE)
    assert not table.is_visible()
    cards = page.get_by_role("list", name="Samenwerkingsverbanden").get_by_role("listitem")
    assert cards.count() >= 1 and cards.first.is_visible()
