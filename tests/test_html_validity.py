"""Every main page is valid HTML, for a visitor and for each role: the Nu Html Checker (vnu.jar)
finds no errors (warnings are advice, not errors).

The pages are rendered with the test client on the demo region and found by walking the
same-site links from a few starting points, one page per URL pattern and role, so that new
pages are checked without being listed here; `MUST_SEE` makes sure the walk cannot silently
get shorter. The checker runs once over all pages: starting Java costs seconds.

vnu.jar comes from npm (`make vnu`) and runs on Java. Without either the test skips; with
CI=true or REQUIRE_BROWSER=1 it fails instead, like the browser tests.
"""

import html
import json
import os
import re
import shutil
import subprocess
from collections import deque
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from tests.page_walk import SKIP, VISITOR_START
from tests.page_walk import START as WALK_START

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[1]
DEFAULT_VNU = (
    BASE_DIR / ".cache" / "npm" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
BUDGET = 45  # pages per role
START = [*WALK_START, "/raad/overzicht/", "/raadspanel/"]
# The pages the walks together must have checked.
MUST_SEE = [
    "/",
    "/accounts/login/",
    "/gids/",
    "/gids/CODE/",
    "/gids/zoeken/",
    "/begrippen/",
    "/dashboard/",
    "/samenwerkingsverbanden/",
    "/samenwerkingsverbanden/N/",
    "/samenwerkingsverbanden/N/kalender/N/",
    "/samenwerkingsverbanden/N/wgr/",
    "/samenwerkingsverbanden/N/documenten/",
    "/evaluaties/",
    "/evaluaties/N/",
    "/evaluaties/N/thema/CODE/",
    "/evaluaties/N/resultaten/",
    "/evaluaties/N/indienen/",
    "/evaluaties/N/rapport/",
    "/rondes/N/",
    "/rondes/N/naast-elkaar/",
    "/rondes/N/trend/",
    "/rondes/N/rapport/",
    "/rondes/N/vervolgstappen/",
    "/raad/overzicht/",
    "/raadspanel/N/",
]
HREF = re.compile(r"""href="(/[^"]*)\"""")


def required() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes") or os.environ.get(
        "REQUIRE_BROWSER", ""
    ) not in ("", "0")


def checker() -> list[str]:
    """The command that starts vnu.jar, or a skip (a failure where it is required)."""
    java = shutil.which("java")
    jar = Path(os.environ.get("VNU_JAR_PATH") or DEFAULT_VNU)
    reason = None
    if java is None:
        reason = "Java not found (apt-get install default-jre-headless)"
    elif not jar.is_file():
        reason = "vnu.jar not found (run `make vnu`, or set VNU_JAR_PATH)"
    if reason:
        if required():
            pytest.fail(f"{reason}: HTML check required by CI or REQUIRE_BROWSER", pytrace=False)
        pytest.skip(f"{reason}; HTML validity not checked")
    return [str(java), "-Xss2m", "-jar", str(jar), "--errors-only", "--format", "json"]


def pattern(url: str) -> str:
    path = re.sub(r"/\d+", "/N", url.split("?")[0].split("#")[0])
    return re.sub(r"/[AB]\d{1,2}(\.\d+)?/", "/CODE/", path)


def walk(client: Client, start: list[str]) -> dict[str, tuple[str, str]]:
    """{pattern: (url, html)} of the pages reached from `start` along same-site links."""
    pages: dict[str, tuple[str, str]] = {}
    seen: set[str] = set()
    queue = deque(start)
    while queue and len(seen) < BUDGET:
        url = html.unescape(queue.popleft())
        key = pattern(url)
        if key in seen or SKIP.search(url.split("?")[0]):
            continue
        seen.add(key)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        text = response.content.decode()
        pages[key] = (url, text)
        queue.extend(h for h in HREF.findall(text) if pattern(html.unescape(h)) not in seen)
    return pages


def accounts() -> tuple[str, list[dict[str, str]]]:
    out = StringIO()
    call_command("seed_demo", "--json", stdout=out)
    data = json.loads(out.getvalue())
    return data["password"], data["accounts"]


def test_main_pages_are_valid_html_for_visitors_and_every_role(gids, tmp_path):
    command = checker()
    _password, demo_accounts = accounts()
    walks: dict[str, dict[str, tuple[str, str]]] = {"bezoeker": walk(Client(), VISITOR_START)}
    roles = {a["role"]: a["username"] for a in demo_accounts}
    for role, username in sorted(roles.items()):
        client = Client()
        client.force_login(User.objects.get(username=username))
        walks[role] = walk(client, START)

    files: dict[str, str] = {}
    for who, pages in walks.items():
        for n, (url, text) in enumerate(pages.values()):
            path = tmp_path / f"{who}-{n:02d}.html"
            path.write_text(text, encoding="utf-8")
            files[path.resolve().as_uri()] = f"{who} {url}"

    reached = {key for pages in walks.values() for key in pages}
    missing = [p for p in MUST_SEE if p not in reached]
    assert not missing, f"the walks did not reach {missing}; reached {sorted(reached)}"

    result = subprocess.run(
        [*command, *(str(tmp_path / Path(uri).name) for uri in files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    by_name = {Path(uri).name: page for uri, page in files.items()}
    lines = [
        f"- {by_name.get(Path(m.get('url', '')).name, m.get('url'))}, "
        f"line {m.get('lastLine', '?')}: {m.get('message')} [{m.get('extract', '').strip()}]"
        for m in errors
    ]
    assert not errors, f"{len(errors)} HTML errors in {len(files)} pages:\n" + "\n".join(lines)
