"""Who may see what: the access rules by hand, and a walk over EVERY URL of the project.

The walk iterates the URL resolver, so a URL added later is checked without anyone touching
this file; it fails when a URL has an argument it does not know how to fill (then add the
argument to ARG_KINDS below). Each URL is requested as anonymous, as every role and as an
account without a role, with objects of the own organisation, of another organisation in
the same partnership and of another partnership. It asserts:

- anonymous: a non-public page redirects to the login page;
- an object the user may not see: 403 or 404, never its data;
- the drafts of others and the names and answers of other partnerships never appear in any
  page a user may open (a draft's answers are marked with a unique text per draft);
- a change the user may not make (POST): 403, 404 or 405, and nothing changes in the database;
- a page the user may see: 200 (for the read pages in READ_PAGES);
- every answer to a signed-in user: Cache-Control with no-store;
- never a server error.

Views that are still placeholders (raise Http404 "Nog niet beschikbaar.") are reported as a
warning and get the refusal checks only.
"""

import inspect
import re
import traceback
import warnings
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver

from tests.permissions.world import (
    ASSESSMENTS,
    BBV_YEAR,
    BINARY_SUFFIXES,
    OPEN_PAGES,
    ORGANISATION_PAGES,
    PUBLIC,
    PUBLIC_NAMESPACES,
    READ_PAGES,
    ROLES,
    SLOW_SUFFIXES,
    WRITE_PAGES,
    World,
    may_change,
    route_visible,
    secrets_hidden_from,
    snapshot,
)

pytestmark = pytest.mark.django_db

# --- The walk over every URL -------------------------------------------------------------

ARG = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# (the path segment before the argument, the argument's name) -> the kind of object.
ARG_KINDS = {
    ("evaluaties", "pk"): "assessment",
    ("raadspanel", "pk"): "assessment",
    ("rondes", "pk"): "round",
    ("samenwerkingsverbanden", "pk"): "partnership",
    ("samenwerkingsverbanden", "partnership_pk"): "partnership",
    ("deelnemers", "organisation_pk"): "organisation",
    ("organisaties", "pk"): "organisation",
    (None, "year"): "year",
    ("vervolgstappen", "pk"): "next_step",
    ("thema", "code"): "theme",
    ("gids", "code"): "theme",
    ("antwoord", "item"): "recommendation",
    ("herstellen", "uidb64"): "dummy",
    (None, "token"): "dummy",
    ("raadsstukken", "organisation_pk"): "organisation",
    ("documenten", "doc_pk"): "document",
    (None, "kind"): "council_kind",
}


@dataclass(frozen=True)
class Route:
    route: str
    name: str
    callback: object

    @property
    def args(self) -> list[tuple[str | None, str]]:
        """(segment before, argument name) for every argument."""
        result = []
        for match in ARG.finditer(self.route):
            before = self.route[: match.start()].rstrip("/").split("/")
            result.append((before[-1] if before and before[-1] else None, match["name"]))
        return result

    def kind(self, before: str | None, name: str) -> str | None:
        return ARG_KINDS.get((before, name)) or ARG_KINDS.get((None, name))

    @property
    def object_kind(self) -> str | None:
        kinds = [self.kind(b, n) for b, n in self.args]
        objects = [
            k
            for k in kinds
            if k in ("assessment", "round", "partnership", "next_step", "organisation")
        ]
        return objects[0] if objects else None

    @property
    def is_public(self) -> bool:
        return self.name in PUBLIC or self.name.split(":")[0] in PUBLIC_NAMESPACES


def all_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue  # Django's admin: staff only, checked in test_admin_is_for_staff
                ns = ":".join(filter(None, [namespace, p.namespace]))
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                name = ":".join(filter(None, [namespace, p.name or ""]))
                routes.append(Route(prefix + str(p.pattern), name or prefix, p.callback))

    walk(get_resolver().url_patterns, "", "")
    return routes


def is_placeholder(callback) -> bool:
    func = inspect.unwrap(callback)
    try:
        source = inspect.getsource(func)
    except (OSError, TypeError):
        return False
    body = [line.strip() for line in source.splitlines() if line.strip()]
    return len(body) <= 3 and body[-1] == 'raise Http404("Nog niet beschikbaar.")'


def test_every_url_can_be_filled():
    """A new URL with an argument this walk does not know fails here: add it to ARG_KINDS."""
    unknown = []
    for route in all_routes():
        if "(?P" in route.route or "^" in route.route:
            unknown.append(f"{route.name}: regular-expression route {route.route!r}")
        for before, name in route.args:
            if route.kind(before, name) is None:
                unknown.append(f"{route.name}: <{name}> after {before!r} in {route.route!r}")
        if not route.name or route.name == route.route:
            unknown.append(f"unnamed URL {route.route!r}")
    assert not unknown, "URLs the permission walk cannot fill:\n" + "\n".join(unknown)
    assert len(all_routes()) >= 40


def _fill(route: Route, world: World, key: str) -> str:
    """The URL for `route` with its object argument set to world object `key`."""
    target = None
    if route.object_kind == "assessment":
        target = world.assessments[key]
    elif route.object_kind == "round":
        target = world.rounds[key]
    elif route.object_kind == "partnership":
        target = world.partnerships[key]
    elif route.object_kind == "next_step":
        target = world.steps[key]
    organisation = world.orgs["aalstad" if key == "own" else "zeestad"]

    def value(match: re.Match) -> str:
        before = route.route[: match.start()].rstrip("/").split("/")[-1] or None
        kind = route.kind(before, match["name"])
        if kind in ("assessment", "round", "partnership", "next_step"):
            return str(target.pk)
        if kind == "organisation":  # the own partnership's Aalstad, the other's Zeestad
            return str(organisation.pk)
        if kind == "year":
            return str(BBV_YEAR)
        if kind == "theme":
            return "A1"
        if kind == "recommendation":
            return "A1.1"
        if kind == "organisation":
            return str(world.orgs["aalstad" if key == "own" else "zeestad"].pk)
        if kind == "council_kind":
            return "raadsvoorstel"
        if kind == "document":  # the own partnership's regeling, or the other's
            return str(world.documents[key].pk)
        return "MQ" if match["name"] == "uidb64" else "abc-123"

    return "/" + ARG.sub(value, route.route)


def _keys(kind: str | None) -> list[str]:
    if kind is None:
        return [""]
    if kind == "assessment":
        return list(ASSESSMENTS)
    return ["own", "other"]


class Findings:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def check(self, ok: bool, message: str) -> None:
        if not ok:
            self.problems.append(message)


def _is_login_redirect(response) -> bool:
    login = resolve_url(settings.LOGIN_URL)
    return response.status_code == 302 and response["Location"].startswith(login)


def _text(response) -> str:
    if any(response.get("Content-Disposition", "").endswith(f'{s}"') for s in BINARY_SUFFIXES):
        return ""
    if response.get("Content-Type", "").startswith(("application/pdf", "application/vnd")):
        return ""
    content = getattr(response, "content", b"")
    return content.decode("utf-8", errors="replace")


def _request(client, method: str, url: str, findings: Findings, label: str):
    client.raise_request_exception = False
    response = getattr(client, method)(url, {})
    if response.status_code >= 500:
        detail = ""
        exc_info = getattr(response, "exc_info", None)
        if exc_info:
            detail = "\n" + "".join(traceback.format_exception(*exc_info)[-3:])
        findings.check(False, f"{label}: server error {response.status_code}{detail}")
    return response


@pytest.mark.parametrize("role", ROLES)
def test_walk_every_url_as_every_role(client, world, role):
    findings = Findings()
    placeholders = []
    if role != "anonymous":
        client.force_login(world.users[role])
    hidden = secrets_hidden_from(role)

    for route in all_routes():
        placeholder = is_placeholder(route.callback)
        if placeholder:
            placeholders.append(route.name)
        kind = route.object_kind
        permission = WRITE_PAGES.get(route.name)
        slow_done = False
        for key in _keys(kind):
            visible = route_visible(route.name, role, kind, key) or (
                kind is None and role == "anonymous"
            )
            if route.route.endswith(SLOW_SUFFIXES) and visible and role != "anonymous":
                # A PDF takes seconds to render and its text cannot be searched for secrets:
                # its preview page is. Render one per route (as beheerder), refuse all others.
                if slow_done or role != "beheerder":
                    continue
                slow_done = True
            url = _fill(route, world, key)
            label = f"{role} GET {url} ({route.name}{', ' + key if key else ''})"
            response = _request(client, "get", url, findings, label)
            status = response.status_code
            text = _text(response)
            for secret in hidden:
                findings.check(secret not in text, f"{label}: shows {secret!r}")
            if role != "anonymous":
                # A shared computer or a proxy must not keep an organisation's pages.
                findings.check(
                    "no-store" in response.get("Cache-Control", ""),
                    f"{label}: Cache-Control {response.get('Cache-Control')!r} without no-store",
                )

            if route.is_public:
                findings.check(status in (200, 301, 302, 404, 405), f"{label}: {status}")
                continue
            if role == "anonymous":
                findings.check(
                    _is_login_redirect(response) or (placeholder and status == 404),
                    f"{label}: {status} instead of a redirect to the login page",
                )
                continue
            if not visible:
                findings.check(
                    status in (403, 404, 405), f"{label}: {status} for an object not theirs"
                )
                continue
            if placeholder:
                continue
            if role == "norole":
                # 405: a GET on a form that only posts (it shows and changes nothing)
                findings.check(
                    status in (200, 302, 403, 404, 405), f"{label}: {status} without a role"
                )
                continue
            if role == "raadslid" and route.name in OPEN_PAGES:
                # Nothing of the organisation: a refusal, or an empty list.
                findings.check(status in (200, 302, 403, 404), f"{label}: {status}")
                continue
            if route.name in ORGANISATION_PAGES:
                expected = (200,) if role in ORGANISATION_PAGES[route.name] else (403, 404)
                if role == "beheerder":
                    expected = (200, 302)
                findings.check(status in expected, f"{label}: {status}")
                continue
            if route.name in READ_PAGES or (route.name in OPEN_PAGES and kind is None):
                findings.check(status == 200, f"{label}: {status} for a page they may see")

        # Changes: POST wherever the user may not change, nothing may change.
        for key in _keys(kind):
            visible = route_visible(route.name, role, kind, key)
            allowed = visible and may_change(role, permission, kind or "", key)
            if route.is_public or allowed or (visible and permission is None):
                continue
            url = _fill(route, world, key)
            label = f"{role} POST {url} ({route.name}{', ' + key if key else ''})"
            before = snapshot()
            response = _request(client, "post", url, findings, label)
            status = response.status_code
            if role == "anonymous":
                findings.check(
                    _is_login_redirect(response) or (placeholder and status == 404),
                    f"{label}: {status} instead of a redirect to the login page",
                )
            else:
                findings.check(status in (403, 404, 405), f"{label}: {status} for a refused change")
            findings.check(snapshot() == before, f"{label}: changed the database")
            text = _text(response)
            for secret in hidden:
                findings.check(secret not in text, f"{label}: shows {secret!r}")

    if placeholders and role == "beheerder":
        warnings.warn(
            "Placeholder views (refusal checks only): " + ", ".join(sorted(placeholders)),
            stacklevel=1,
        )
    assert not findings.problems, f"{len(findings.problems)} problems:\n" + "\n".join(
        findings.problems[:60]
    )
