"""The main pages load clean in a real browser: no console error (a content security policy
violation is one), no script error, no request that fails and no same-site file answered with
an error, for a visitor and for signed-in roles. The favicon the pages name is served, and so
is /favicon.ico, which browsers ask for where no page names an icon (a PDF).
"""

import re
from collections import deque
from dataclasses import dataclass, field

import pytest
from django.test import Client

from tests.page_walk import SKIP, START, VISITOR_START

from .conftest import force_login

pytestmark = pytest.mark.browser

BUDGET = 25


@dataclass
class Trouble:
    """Everything the browser reported that a visitor should never cause."""

    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    where: str = ""

    def report(self) -> list[str]:
        return [*self.console, *self.page_errors, *self.failed]


def watch(page, base_url: str) -> Trouble:
    trouble = Trouble()

    def on_console(msg) -> None:
        if msg.type == "error":
            trouble.console.append(f"{trouble.where}: console: {msg.text}")

    def on_response(response) -> None:
        if response.url.startswith(base_url) and response.status >= 400:
            trouble.failed.append(f"{trouble.where}: {response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: trouble.page_errors.append(f"{trouble.where}: {exc}"))

    def on_request_failed(request) -> None:
        # net::ERR_ABORTED is the browser dropping a request because the walk moved on to the
        # next page (the favicon loads after the page's load event); a blocked or missing
        # resource fails differently (ERR_BLOCKED_BY_CSP, or a 4xx response above).
        if request.failure != "net::ERR_ABORTED":
            trouble.failed.append(f"{trouble.where}: failed {request.url} ({request.failure})")

    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    return trouble


def pattern(url: str) -> str:
    path = re.sub(r"/\d+", "/N", url.split("?")[0].split("#")[0])
    return re.sub(r"/[AB]\d{1,2}(\.\d+)?/", "/CODE/", path)


def visit(page, trouble: Trouble, start: list[str]) -> set[str]:
    """Load the pages reachable from `start` (one per URL pattern); the patterns loaded."""
    seen: set[str] = set()
    queue = deque(start)
    while queue and len(seen) < BUDGET:
        url = queue.popleft()
        key = pattern(url)
        if key in seen or SKIP.search(url.split("?")[0]):
            continue
        seen.add(key)
        trouble.where = url
        response = page.goto(url)
        page.wait_for_load_state("load")
        if response is None or "html" not in response.headers.get("content-type", ""):
            continue
        for href in page.eval_on_selector_all(
            "a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
        ):
            if pattern(href) not in seen:
                queue.append(href)
    return seen


def test_pages_for_visitors_load_without_errors(page, live_server, gids):
    trouble = watch(page, live_server.url)
    seen = visit(page, trouble, VISITOR_START)
    assert {"/", "/accounts/login/", "/gids/CODE/"} <= seen
    assert not trouble.report(), "\n".join(trouble.report())


@pytest.mark.parametrize("role", ["griffier", "directeur"])
def test_main_pages_load_without_errors_when_signed_in(page, context, live_server, demo, role):
    force_login(context, live_server, demo.user(role))
    trouble = watch(page, live_server.url)
    seen = visit(page, trouble, START)
    assert {"/dashboard/", "/evaluaties/N/", "/rondes/N/"} <= seen, sorted(seen)
    assert not trouble.report(), f"{role}:\n" + "\n".join(trouble.report())


def test_a_theme_form_saves_without_errors(page, context, live_server, demo):
    """The form's script at work (a saved answer through htmx) breaks no policy either."""
    from assessments.models import Assessment

    griffier = demo.user("griffier")
    assessment = (
        Assessment.objects.filter(
            participation__organisation=griffier.profile.organisation,
            perspective="raad",
            status="draft",
        )
        .order_by("pk")
        .first()
    )
    assert assessment is not None, "the demo has an open raad assessment for the griffier"
    force_login(context, live_server, griffier)
    trouble = watch(page, live_server.url)
    trouble.where = "thema A1"
    page.goto(f"/evaluaties/{assessment.pk}/thema/A1/")
    page.locator("textarea[name$='-explanation']").first.fill("Afspraken staan in de regeling.")
    page.locator("textarea[name$='-explanation']").first.blur()
    page.wait_for_load_state("networkidle")
    assert not trouble.report(), "\n".join(trouble.report())


def test_the_favicon_is_named_and_served(page, live_server, gids):
    page.goto("/accounts/login/")
    href = page.locator("link[rel=icon]").get_attribute("href")
    assert href is not None and href.endswith("favicon.svg")
    icon = page.request.get(href)
    assert icon.status == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.body().lstrip().startswith(b"<svg") or b"<svg" in icon.body()[:300]


def test_favicon_ico_leads_to_the_svg(page, live_server, db):
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
    icon = page.request.get("/favicon.ico")  # follows the redirect, as a browser does
    assert icon.status == 200
    assert icon.url.endswith("/static/favicon.svg")
    assert icon.headers["content-type"].startswith("image/svg+xml")
