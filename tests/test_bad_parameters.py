"""A crafted parameter never gives a server error: 400, 403, 404, or the page with it ignored.

Superscript and full-width digits pass `str.isdigit()` but not `int()`; PostgreSQL refuses
NUL in text; forty digits do not fit a database integer. Every query parameter a view reads
and every argument in a URL path is tried with such values, signed in and anonymous.
"""

import re
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from assessments.constants import Perspective
from partnerships.constants import Role
from tests.factories import (
    make_assessment,
    make_next_step,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db

HOSTILE = ["²", "\x00", "a\x00b", "-1", "1e3", "９", "9" * 40, "' OR 1=1", "\x1b[1m", "A1\n"]


@pytest.fixture
def world(gids):
    aalstad = make_organisation("Gemeente Aalstad")
    partnership = make_partnership("Regio Rivierenland", participants=[aalstad, "Gemeente Beek"])
    round_ = make_round(partnership, period="2026")
    assessment = make_assessment(
        round_, organisation=aalstad, perspective=Perspective.RAAD, answers={"A1.1": 3}
    )
    step = make_next_step(round_, recommendation="A1.1")
    return {
        "assessment": assessment,
        "round": round_,
        "partnership": partnership,
        "step": step,
        "beheerder": make_user(Role.BEHEERDER),
        "griffier": make_user(Role.GRIFFIER, organisation=aalstad),
    }


def no_server_error(client, method: str, url: str, data: dict | None = None) -> str | None:
    client.raise_request_exception = False
    response = getattr(client, method)(url, data or {})
    if response.status_code >= 500:
        return f"{method.upper()} {url} {data or ''}: {response.status_code}"
    return None


# --- Query parameters -----------------------------------------------------------------------

# Every parameter a view reads from request.GET or request.POST (outside Django's forms).
QUERY_PARAMETERS = [
    ("get", "/dashboard/", "organisatie"),
    ("get", "/dashboard/", "q"),
    ("get", "/dashboard/", "status"),
    ("get", "/dashboard/", "vorm"),
    ("get", "/dashboard/", "sorteer"),
    ("get", "/dashboard/", "te_laat"),
    ("get", "/dashboard/", "pagina"),
    ("get", "/dashboard/export.xlsx", "organisatie"),
    ("get", "/dashboard/export.xlsx", "q"),
    ("get", "/dashboard/export.xlsx", "sorteer"),
    ("get", "/rondes/{round}/vervolgstappen/nieuw/", "aanbeveling"),
    ("post", "/rondes/{round}/vervolgstappen/nieuw/", "from_gap"),
    ("post", "/rondes/{round}/vervolgstappen/nieuw/", "recommendation"),
    ("get", "/rondes/{round}/naast-elkaar/", "thema"),
    ("post", "/evaluaties/{assessment}/antwoord/A1.1/", "theme"),
    ("get", "/gids/zoeken/", "q"),
    ("get", "/samenwerkingsverbanden/", "q"),
    ("get", "/samenwerkingsverbanden/", "vorm"),
    ("get", "/samenwerkingsverbanden/", "beleidsterrein"),
    ("get", "/samenwerkingsverbanden/", "deelnemer"),
]


def test_hostile_query_parameters_give_no_server_error(client, world):
    client.force_login(world["beheerder"])
    griffier = type(client)()
    griffier.force_login(world["griffier"])
    errors = []
    for method, url, name in QUERY_PARAMETERS:
        url = url.format(round=world["round"].pk, assessment=world["assessment"].pk)
        # The griffier may edit the assessment; the beheerder sees every overview.
        who = griffier if "/antwoord/" in url else client
        for value in HOSTILE:
            data = {name: value}
            if name in ("q", "theme"):  # long enough to be searched for
                data = {name: f"informatie {value} raad"}
            errors.append(no_server_error(who, method, url, data))
    assert not [e for e in errors if e], "\n".join(e for e in errors if e)


def test_a_bad_organisation_is_refused_and_a_bad_filter_is_ignored(client, world):
    client.force_login(world["beheerder"])
    for value in ("²", "９", "-1", "1e3", "9" * 40, "\x00", "' OR 1=1"):
        assert client.get("/dashboard/", {"organisatie": value}).status_code == 403, value
    page = client.get("/dashboard/", {"status": "\x00", "sorteer": "²", "pagina": "9" * 40})
    assert page.status_code == 200
    assert "Regio Rivierenland" in page.content.decode()


def test_a_bad_recommendation_in_a_link_leaves_the_form_empty(client, world):
    client.force_login(world["beheerder"])
    url = f"/rondes/{world['round'].pk}/vervolgstappen/nieuw/"
    good = client.get(url, {"aanbeveling": "A1.1"})
    assert good.context["form"].initial["recommendation"].code == "A1.1"
    bad = client.get(url, {"aanbeveling": "A1.1\x00"})
    assert bad.status_code == 200
    assert bad.context["form"].initial["recommendation"] is None
    assert client.post(url, {"from_gap": "A1.1\x00"}).status_code == 400


# --- Arguments in the URL path ---------------------------------------------------------------

ARG = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def routes() -> list[str]:
    found: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace != "admin":  # Django's own admin
                    walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                found.append(prefix + str(p.pattern))

    walk(get_resolver().url_patterns, "")
    return [r for r in found if ARG.search(r)]


def _valid(route: str, match: re.Match, world: dict) -> str:
    before = route[: match.start()].rstrip("/").split("/")[-1]
    name = match["name"]
    if name == "code":
        return "A1"
    if name == "item":
        return "A1.1"
    if name in ("uidb64", "token"):
        return "MQ" if name == "uidb64" else "abc-123"
    if name == "kind":
        return "raadsvoorstel"
    if name == "organisation_pk":
        return str(world["assessment"].participation.organisation_id)
    if name == "year":
        return "2026"
    if name == "doc_pk":
        return "1"  # a document of the register; found or not, never a server error
    if before in ("deelnemers", "organisaties"):
        return str(world["griffier"].profile.organisation_id)
    target = {
        "evaluaties": world["assessment"],
        "rondes": world["round"],
        "samenwerkingsverbanden": world["partnership"],
        "vervolgstappen": world["step"],
    }[before]
    return str(target.pk)


def hostile_urls(world: dict) -> list[str]:
    """Each route with one argument at a time replaced by each hostile value."""
    urls = []
    for route in routes():
        matches = list(ARG.finditer(route))
        for index in range(len(matches)):
            for value in HOSTILE:
                parts, last = [], 0
                for n, match in enumerate(matches):
                    parts.append(route[last : match.start()])
                    given = quote(value, safe="") if n == index else _valid(route, match, world)
                    parts.append(given)
                    last = match.end()
                parts.append(route[last:])
                urls.append("/" + "".join(parts))
    return urls


def test_hostile_path_arguments_give_no_server_error(client, world):
    urls = hostile_urls(world)
    assert any(u.startswith("/gids/%00") for u in urls)
    anonymous = type(client)()
    client.force_login(world["griffier"])
    errors = []
    for url in urls:
        errors.append(no_server_error(anonymous, "get", url))
        errors.append(no_server_error(client, "get", url))
        errors.append(no_server_error(client, "post", url))
    assert not [e for e in errors if e], "\n".join(e for e in errors if e)


@pytest.mark.parametrize("code", ["%00", "a%00b", "A1%00", "%C2%B2", "%EF%BC%99", "A1%0A"])
def test_a_gids_page_with_a_strange_code_is_not_found(client, gids, code):
    assert client.get(f"/gids/{code}/").status_code == 404
    assert client.get("/gids/a1/").status_code == 302  # lower case still leads to the theme
