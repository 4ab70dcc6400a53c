"""Browser tests: Playwright for Python driving Debian's chromium against pytest-django's live_server.

- Without a Chromium (or without axe-core for the accessibility checks) the tests skip with the
  reason; with CI=true or REQUIRE_BROWSER=1 they fail instead, so CI cannot pass by skipping.
- The browser is never downloaded: CHROMIUM_PATH, /usr/bin/chromium or `chromium` on PATH.
- axe-core comes from npm (`make axe` installs it into .cache/npm); AXE_CORE_PATH overrides.
  It is served from the live server's own origin through page.route, so the app's content
  security policy stays on during the tests and any violation of it is caught.
- live_server flushes the database after each test: each test seeds what it needs (`demo`).
"""

import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

# Playwright's sync API runs an event loop in this thread; Django's ORM guard would refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class SingleThreadedServer(WSGIServer):
    """One request at a time: the live server shares the test's in-memory SQLite connection
    with its threads, and concurrent requests (htmx saves) then fail with "table is locked"."""

    def __init__(self, *args: object, connections_override: object = None, **kwargs: object):
        super().__init__(*args, **kwargs)


if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    LiveServerThread.server_class = SingleThreadedServer

BASE_DIR = Path(__file__).resolve().parents[2]
DEFAULT_AXE = BASE_DIR / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
AXE_ROUTE = "/__test_assets__/axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = int(os.environ.get("BROWSER_TIMEOUT_MS", "15000"))
BLOCKING_IMPACTS = ("serious", "critical")


def browser_required() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes") or os.environ.get(
        "REQUIRE_BROWSER", ""
    ) not in ("", "0")


def unavailable(reason: str) -> None:
    """Skip locally, fail where the browser tests are required (CI)."""
    if browser_required():
        pytest.fail(f"{reason} (required because CI or REQUIRE_BROWSER is set)", pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def find_axe() -> Path | None:
    path = Path(os.environ.get("AXE_CORE_PATH") or DEFAULT_AXE)
    return path if path.is_file() else None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        unavailable(
            "No Chromium found (install Debian's package: apt-get install chromium, "
            "or set CHROMIUM_PATH); browser tests skipped"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("Playwright for Python is not installed (pip install -e '.[dev]')")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = find_axe()
    if path is None:
        unavailable(
            "axe-core not found (run `make axe`, i.e. npm install --prefix .cache/npm axe-core@4, "
            "or set AXE_CORE_PATH); accessibility checks skipped"
        )
    return path.read_text(encoding="utf-8")


@dataclass
class PageProblems:
    """What the browser reported while a test ran: CSP violations, script errors, failed loads."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @property
    def csp_violations(self) -> list[str]:
        return [m for m in self.console_errors if "Content Security Policy" in m]


@pytest.fixture
def context(browser, live_server) -> Iterator[object]:
    ctx = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        accept_downloads=True,
        viewport={"width": 1280, "height": 900},
    )
    ctx.set_default_timeout(TIMEOUT_MS)
    # Never leave the machine: anything but the live server is refused.
    ctx.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(live_server.url)
            else route.abort("blockedbyclient")
        ),
    )
    yield ctx
    ctx.close()


@pytest.fixture
def problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def page(context, problems: PageProblems) -> Iterator[object]:
    new_page = context.new_page()
    new_page.on(
        "console",
        lambda msg: problems.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    new_page.on("pageerror", lambda exc: problems.page_errors.append(str(exc)))
    yield new_page
    new_page.close()


# --- accounts and data -------------------------------------------------------------------------


@dataclass(frozen=True)
class Demo:
    password: str
    accounts: list[dict[str, str]]

    def username(self, role: str) -> str:
        for account in self.accounts:
            if account["role"] == role:
                return account["username"]
        pytest.fail(f"seed_demo --json has no account with role {role!r}: {self.accounts}")

    def user(self, role: str) -> User:
        return User.objects.get(username=self.username(role))


def seed_demo() -> Demo:
    out = StringIO()
    call_command("seed_demo", "--json", stdout=out)
    data = json.loads(out.getvalue())
    return Demo(password=data["password"], accounts=data["accounts"])


@pytest.fixture
def demo(gids) -> Demo:
    """The Gids and the demo region with its accounts, freshly seeded for this test."""
    return seed_demo()


def log_in(page, username: str, password: str) -> None:
    """Log in through the login form, as a person would."""
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"login as {username} failed: {page.url}"


@pytest.fixture
def login(page, demo: Demo) -> Callable[[str], object]:
    """login(role) logs the demo account with that role in through the form; returns the page."""

    def _login(role: str):
        log_in(page, demo.username(role), demo.password)
        return page

    return _login


def force_login(context, live_server, user: User) -> None:
    """Give the browser context a logged-in session cookie without the form (faster)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
    )


# --- accessibility -----------------------------------------------------------------------------


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}x: {targets})")
    return "\n".join(lines)


@pytest.fixture
def axe(page, axe_source: str, live_server) -> Callable[[], list[dict]]:
    """axe() runs axe-core on the current page; returns its serious and critical violations.

    The script is served from the live server's origin (a routed URL), so it passes the app's
    content security policy without bypassing it.
    """
    page.route(
        f"{live_server.url}{AXE_ROUTE}",
        lambda route: route.fulfill(
            status=200, content_type="application/javascript", body=axe_source
        ),
    )

    def run() -> list[dict]:
        page.add_script_tag(url=AXE_ROUTE)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]

    return run


def assert_accessible(page, axe: Callable[[], list[dict]], where: str = "") -> None:
    violations = axe()
    assert not violations, (
        f"axe-core: serious/critical violations on {where or page.url}:\n"
        f"{format_violations(violations)}"
    )
