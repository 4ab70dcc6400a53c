"""Arbitrary data posted to every form: never a server error, never an invalid value saved.

The forms are found, not listed: for each role the test walks the app from the start page (links
on the same site, a fixed budget of pages) and collects every <form>. Hypothesis then fills each
form with a mix of valid choices and junk (missing fields, NUL bytes, huge text, odd numbers and
dates, files of random bytes) and posts it. After each post every changed row must still pass
its model's field validation (what SQLite, unlike PostgreSQL, does not check). Each example runs
in a savepoint that is rolled back, so every post starts from the same demo data.
"""

import os
import re
from collections import deque
from dataclasses import dataclass, replace
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.htmlforms import Form, parse_forms

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
PAGE_BUDGET = int(os.environ.get("FUZZ_PAGES", "45"))
ROLES = ["griffier", "contramal", "gemeentesecretaris", "directeur", "beheerder"]
SKIP_LINK = re.compile(
    r"^/(static|beheer|accounts/logout)|\.(pdf|xlsx|csv|ics)$|^/rondes/\d+/rapport|^/gids/[AB]"
)
EXPECTED_FORMS = {  # found by the crawl, so the fuzzing cannot silently lose them
    "griffier": ["post /evaluaties/N/thema/CODE/", "post htmx /evaluaties/N/antwoord/CODE/"],
    "directeur": ["post /samenwerkingsverbanden/N/rondes/nieuw/", "post /vervolgstappen/N/"],
    "beheerder": [
        "post /samenwerkingsverbanden/importeren/",
        "post /samenwerkingsverbanden/nieuw/",
    ],
    "anoniem": ["post /accounts/login/"],
}
PER_PATTERN = 2  # pages visited per URL pattern (/evaluaties/N/thema/CODE/ ...)
SKIP_ACTION = re.compile(r"^/accounts/logout/")
# Apps whose rows the forms may change: new and changed rows are checked after each post.
CHECKED_APPS = ("partnerships", "assessments")

pytestmark = pytest.mark.django_db

JUNK = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "4",
            "5",
            "9" * 40,
            "1e309",
            "NaN",
            "nvt",
            "weet_niet",
            "A1.1",
            "A99",
            "2026-02-30",
            "31-12-2026",
            "0000-00-00",
            "\x00",
            "a\x00b",
            "<script>alert(1)</script>",
            "javascript:alert(1)",
            "https://example.org/" + "x" * 600,
            "../../etc/passwd",
            "'; DROP TABLE x; --",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓",
        ]
    ),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["ab " * 2000, "x" * 70_000]),  # longer than any field allows
)


@dataclass(frozen=True)
class FoundForm:
    role: str
    page: str
    form: Form
    htmx: bool = False  # an hx-post endpoint: posted with the enclosing form's fields

    @property
    def target(self) -> str:
        return self.form.action or self.page

    @property
    def key(self) -> str:
        """The form's kind: its action with numbers and codes generalised, plus its method."""
        return f"{self.form.method}{' htmx' if self.htmx else ''} {pattern(self.target)}"


def pattern(url: str) -> str:
    path = re.sub(r"/\d+", "/N", url.split("?")[0])
    return re.sub(r"/[AB]\d{1,2}(\.\d+)?/", "/CODE/", path)


def field_strategy(form: Form, name: str) -> st.SearchStrategy:
    kind = form.kinds.get(name, "")
    original = form.data().get(name)
    options = [st.just(None), JUNK]  # None: leave the field out
    if original is not None:
        options.append(st.just(original))
    if form.choices.get(name):
        options.append(st.sampled_from(form.choices[name]))
    if kind == "file":
        return st.binary(max_size=3000).map(lambda b: SimpleUploadedFile("fuzz.csv", b))
    if name == "csrfmiddlewaretoken":
        return st.just(original)
    return st.one_of(*options)


@st.composite
def form_data(draw, form: Form) -> dict:
    """A submission: the form as the page filled it, or with every choice made at random, and
    then a few fields replaced by junk or left out, maybe an unexpected field, maybe a button."""
    data = form.data()
    if draw(st.booleans()):
        for name, choices in form.choices.items():
            if choices:
                data[name] = draw(st.sampled_from(choices))
    names = form.names()
    if names:
        chosen = draw(st.lists(st.sampled_from(names), max_size=min(6, len(names)), unique=True))
        for name in chosen:
            value = draw(field_strategy(form, name))
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
    extra = draw(
        st.dictionaries(
            st.sampled_from(["extra", "version", "theme", "from_gap", "status"]), JUNK, max_size=2
        )
    )
    for key, value in extra.items():
        data.setdefault(key, value)
    if form.buttons:
        pressed = draw(st.sampled_from([None, *form.buttons]))
        if pressed:
            data[pressed[0]] = pressed[1]
    return data


START = ["/", "/dashboard/", "/evaluaties/", "/samenwerkingsverbanden/", "/gids/"]
START_ANONYMOUS = ["/accounts/login/", "/accounts/wachtwoord/vergeten/", "/gids/"]


def crawl(client, role: str, start: list[str] = START) -> list[FoundForm]:
    seen: set[str] = set()
    per_pattern: dict[str, int] = {}
    queue = deque(start)
    found: dict[str, FoundForm] = {}
    while queue and len(seen) < PAGE_BUDGET:
        url = queue.popleft()
        if url in seen or per_pattern.get(pattern(url), 0) >= PER_PATTERN:
            continue
        seen.add(url)
        per_pattern[pattern(url)] = per_pattern.get(pattern(url), 0) + 1
        response = client.get(url)
        assert response.status_code < 500, f"{role}: GET {url} gave {response.status_code}"
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        forms = parse_forms(html)
        for form in forms:
            candidate = FoundForm(role, url, form)
            if SKIP_ACTION.match(candidate.target):
                continue
            found.setdefault(candidate.key, candidate)
        biggest = max(
            (f for f in forms if f.method == "post" and not SKIP_ACTION.match(f.action)),
            key=lambda f: len(f.names()),
            default=None,
        )
        for endpoint in re.findall(r'hx-post="([^"]+)"', html):
            base = biggest or Form(method="post", action="", attrs={})
            form = replace(base, method="post", action=endpoint.replace("&amp;", "&"))
            candidate = FoundForm(role, url, form, htmx=True)
            found.setdefault(candidate.key, candidate)
        for href in re.findall(r'href="(/[^"#]*)', html):
            href = href.replace("&amp;", "&")
            if not SKIP_LINK.search(href.split("?")[0]) and href not in seen:
                queue.append(href)
    return list(found.values())


def checked_models() -> list:
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in CHECKED_APPS and not m.__name__.startswith("Historical")
    ]


def snapshot() -> dict[str, dict[object, tuple]]:
    """Every row of the checked tables as plain values (the demo data set is small)."""
    return {
        m._meta.label: {row[0]: row for row in m.objects.values_list("pk", *fields_of(m))}
        for m in checked_models()
    }


def fields_of(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if not f.primary_key]


def changed_rows_are_valid(before: dict[str, dict[object, tuple]]) -> list[str]:
    """Field validation of every row that is new or changed since the snapshot."""
    problems = []
    after = snapshot()
    for model in checked_models():
        old, new = before[model._meta.label], after[model._meta.label]
        changed = [pk for pk, row in new.items() if old.get(pk) != row]
        for row in model.objects.filter(pk__in=changed):
            try:
                row.clean_fields()
            except ValidationError as exc:
                problems.append(f"{model.__name__} {row.pk}: {exc.message_dict}")
    return problems


@pytest.fixture
def demo_accounts(gids) -> dict[str, User]:
    out = StringIO()
    call_command("seed_demo", "--json", stdout=out)
    import json

    accounts = json.loads(out.getvalue())["accounts"]
    users = {}
    for role in ROLES:
        username = next(a["username"] for a in accounts if a["role"] == role)
        users[role] = User.objects.get(username=username)
    return users


def fuzz(client, found: FoundForm) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the failing input is printed
        suppress_health_check=list(HealthCheck),
    )
    @given(data=form_data(found.form))
    def post_anything(data: dict) -> None:
        before = snapshot()
        with transaction.atomic():
            if found.form.method == "post":
                headers = {"HX-Request": "true"} if found.htmx else {}
                response = client.post(found.target, data, headers=headers)
            else:
                response = client.get(found.target, {k: v for k, v in data.items() if v})
            assert response.status_code < 500, (
                f"{found.role}: {found.key} from {found.page} gave {response.status_code} "
                f"for {data!r}"
            )
            problems = changed_rows_are_valid(before)
            assert not problems, f"{found.role}: {found.key} saved invalid values: {problems}"
            transaction.set_rollback(True)

    post_anything()


@pytest.mark.parametrize("role", ROLES)
def test_every_form_survives_arbitrary_input(client, demo_accounts, role):
    client.raise_request_exception = False
    client.force_login(demo_accounts[role])
    forms = crawl(client, role)
    keys = {f.key for f in forms}
    assert set(EXPECTED_FORMS.get(role, [])) <= keys, f"{role}: forms not found; found {keys}"
    for found in forms:
        fuzz(client, found)
        client.force_login(demo_accounts[role])  # a form may have logged the user out


def test_the_forms_for_visitors_survive_arbitrary_input(client, gids):
    client.raise_request_exception = False
    forms = crawl(client, "anoniem", START_ANONYMOUS)
    keys = {f.key for f in forms}
    assert set(EXPECTED_FORMS["anoniem"]) <= keys, keys
    for found in forms:
        fuzz(client, found)
