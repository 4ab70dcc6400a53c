"""axe-core on every main page, logged in as each role: no serious or critical violations.

The pages are found by walking the app as that role (same-site links, one page per URL
pattern, a fixed budget), so new pages are checked without being listed here. The same walk
checks that no page breaks the content security policy or throws a script error.
"""

import re
from collections import deque

import pytest

from .conftest import assert_accessible, force_login, format_violations

pytestmark = pytest.mark.browser

BUDGET = 30
SKIP = re.compile(
    r"^/(static|beheer|accounts/logout)|\.(pdf|xlsx|csv|docx|ics)$|/export|/bestand/$"
)
# Pages each role must have reached, so the walk cannot silently get shorter.
MUST_SEE = {
    "griffier": ["/dashboard/", "/evaluaties/", "/evaluaties/N/", "/evaluaties/N/thema/CODE/"],
    "contramal": ["/samenwerkingsverbanden/", "/samenwerkingsverbanden/N/"],
    "gemeentesecretaris": ["/dashboard/", "/rondes/N/", "/rondes/N/naast-elkaar/"],
    "directeur": ["/rondes/N/", "/rondes/N/naast-elkaar/", "/rondes/N/vervolgstappen/"],
    "beheerder": ["/dashboard/", "/samenwerkingsverbanden/importeren/"],
}
START = ["/", "/dashboard/", "/evaluaties/", "/samenwerkingsverbanden/", "/gids/", "/gids/A1/"]


def pattern(url: str) -> str:
    path = re.sub(r"/\d+", "/N", url.split("?")[0].split("#")[0])
    return re.sub(r"/[AB]\d{1,2}(\.\d+)?/", "/CODE/", path)


def walk_and_check(page, axe, problems, start: list[str]) -> tuple[set[str], list[str]]:
    seen: set[str] = set()
    failures: list[str] = []
    queue = deque(start)
    while queue and len(seen) < BUDGET:
        url = queue.popleft()
        key = pattern(url)
        if key in seen:
            continue
        seen.add(key)
        response = page.goto(url)
        if (
            response is None
            or response.status >= 400
            or "html" not in (response.headers.get("content-type", ""))
        ):
            continue
        violations = axe()
        if violations:
            failures.append(f"{url}:\n{format_violations(violations)}")
        for href in page.eval_on_selector_all(
            "a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
        ):
            if not SKIP.search(href.split("?")[0]) and pattern(href) not in seen:
                queue.append(href)
    if problems.csp_violations:
        failures.append(f"content security policy: {problems.csp_violations[:5]}")
    if problems.page_errors:
        failures.append(f"script errors: {problems.page_errors[:5]}")
    return seen, failures


def test_pages_for_visitors_are_accessible(page, axe, problems, gids):
    seen, failures = walk_and_check(
        page, axe, problems, ["/accounts/login/", "/accounts/wachtwoord/vergeten/", "/gids/"]
    )
    assert "/accounts/login/" in seen
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", list(MUST_SEE))
def test_main_pages_are_accessible_for_each_role(
    page, context, live_server, axe, problems, demo, role
):
    force_login(context, live_server, demo.user(role))
    seen, failures = walk_and_check(page, axe, problems, START)
    missing = [p for p in MUST_SEE[role] if p not in seen]
    assert not missing, f"{role} did not reach {missing}; saw {sorted(seen)}"
    assert not failures, f"{role}:\n" + "\n".join(failures)


def test_a_paged_overview_is_accessible_and_pages_with_the_keyboard(
    page, context, live_server, axe, problems, demo
):
    """A municipality in more partnerships than fit a page: the page navigation passes axe and
    works from the keyboard (Tab to "Volgende", Enter)."""
    from partnerships.models import Participation, Partnership
    from tests.factories import make_partnership

    secretaris = demo.user("gemeentesecretaris")
    organisation = secretaris.profile.organisation
    for i in range(30 - Participation.objects.filter(organisation=organisation).count()):
        make_partnership(f"Zz Extra verband {i:02d}", participants=[organisation])
    total = Partnership.objects.filter(participations__organisation=organisation).count()
    force_login(context, live_server, secretaris)
    page.goto("/dashboard/")
    assert page.locator('nav[aria-label="Pagina\'s van het overzicht"]').count() == 1
    assert_accessible(page, axe, "/dashboard/ (pagina 1)")
    link = page.get_by_role("link", name="Volgende pagina")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**pagina=2**")
    assert page.get_by_text(f"Samenwerkingsverband 26–{total} van {total}").count() == 1
    assert_accessible(page, axe, "/dashboard/?pagina=2")
    assert not problems.csp_violations and not problems.page_errors
