"""The paragraaf verbonden partijen of the demo municipality: the four BBV groups in order, a
block per party with its facts and governance score, the party left out with its note; as
Word, as Excel, as a page, and through the command."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from assessments.reports.verbonden_partijen.content import build_paragraaf
from partnerships.constants import Role
from partnerships.models import Organisation
from tests.factories import make_user

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
GROUPS = [
    "Gemeenschappelijke regelingen",
    "Vennootschappen en coöperaties",
    "Stichtingen en verenigingen",
    "Overige verbonden partijen",
]
GR_PARTIES = ["Belastingsamenwerking Zuidland", "GGD Zuidland", "Omgevingsdienst Zuidland"]
LEFT_OUT = "Woondeal Zuidland"


@pytest.fixture
def demo(gids) -> Organisation:
    call_command("seed_demo", verbosity=0)
    return Organisation.objects.get(name="Gemeente Aalstad")


def test_the_demo_paragraaf(client, demo, tmp_path):
    paragraaf = build_paragraaf(demo, YEAR)
    assert [g.title for g in paragraaf.groups] == GROUPS
    assert [p.name for p in paragraaf.groups[0].parties] == GR_PARTIES
    assert paragraaf.groups[1].parties == []
    assert [p.name for p in paragraaf.groups[2].parties] == ["Economic Board Zuidland"]
    names = [p.name for _, p in paragraaf.parties]
    assert LEFT_OUT not in names
    left_out = {item.name: item.reason for item in paragraaf.left_out}
    assert "geen bestuurlijk belang" in left_out[LEFT_OUT]
    assert "geen financieel belang" in left_out[LEFT_OUT]
    ggd = next(p for _, p in paragraaf.parties if p.name == "GGD Zuidland")
    assert ggd.score_pct is not None and ggd.score_round
    assert 1 <= len(ggd.gaps) <= 3 and all(g.code.startswith("A") for g in ggd.gaps)

    # Word: the group headings in BBV order, a block per party with its facts and score.
    call_command("export_verbonden_partijen", "Gemeente Aalstad", str(YEAR), tmp_path / "p.docx")
    document = Document(str(tmp_path / "p.docx"))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert [text for style, text in headings if style == "Heading 1"] == [*GROUPS, "Niet opgenomen"]
    level2 = [text for style, text in headings if style == "Heading 2"]
    assert level2 == names and len(document.tables) == len(names)
    facts = {row.cells[0].text: row.cells[1].text for row in document.tables[1].rows}  # GGD
    assert facts["Bestuurlijk belang"].startswith("Wethouder zorg")
    assert facts["Financieel belang"].startswith("bijdrage € 1.250.000")
    assert facts["Eigen vermogen begin jaar"] == "€ 2.400.000"
    assert facts["Resultaat"] == "€ -250.000"
    assert facts["Governance-score (Gids)"].endswith(f"(ronde {ggd.score_round})")
    assert ggd.gaps[0].code in facts["Grootste verbeterpunten"]
    body = "\n".join(p.text for p in document.paragraphs)
    assert f"{LEFT_OUT}: Geen verbonden partij" in body and "artikel 1 BBV" in body

    # Excel: one row per party, numbers as numbers; the party left out on its own sheet.
    call_command("export_verbonden_partijen", str(demo.pk), str(YEAR), tmp_path / "p.xlsx")
    book = load_workbook(tmp_path / "p.xlsx")
    sheet = book["Verbonden partijen"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [r["Verbonden partij"] for r in rows] == names
    ggd_row = rows[1]
    assert ggd_row["Bijdrage (€)"] == 1250000 and ggd_row["Resultaat (€)"] == -250000
    assert isinstance(ggd_row["Governance-score (%)"], float)
    assert [r[0] for r in book["Niet opgenomen"].iter_rows(min_row=2, values_only=True)][:2] == [
        "Sociaal Domein Aalstad e.o.",
        LEFT_OUT,
    ]

    # The page and the downloads for the organisation's griffier.
    client.force_login(make_user(Role.GRIFFIER, organisation=demo))
    dashboard = client.get("/dashboard/").content.decode()
    assert f"/organisaties/{demo.pk}/verbonden-partijen/" in dashboard
    page = client.get(f"/organisaties/{demo.pk}/verbonden-partijen/{YEAR}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert all(title in text for title in GROUPS) and LEFT_OUT in text
    docx = client.get(f"/organisaties/{demo.pk}/verbonden-partijen/{YEAR}/paragraaf.docx")
    assert docx.status_code == 200 and "attachment" in docx["Content-Disposition"]
    assert Document(io.BytesIO(docx.content)).paragraphs[0].text.startswith("Paragraaf")
    start = client.get(f"/organisaties/{demo.pk}/verbonden-partijen/?jaar={YEAR - 1}")
    assert start.status_code == 302 and start["Location"].endswith(f"/{YEAR - 1}/")
    wrong = client.get(f"/organisaties/{demo.pk}/verbonden-partijen/?jaar=1850")
    assert "Kies een jaar van 2000 tot en met 2100" in wrong.content.decode()


def test_seeding_twice_changes_nothing(demo):
    before = build_paragraaf(demo, YEAR)
    call_command("seed_demo", verbosity=0)
    assert build_paragraaf(demo, YEAR) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Gemeente Nergens", str(YEAR), "p.docx"], "bestaat niet"),
        (["Gemeente Aalstad", "1999", "p.docx"], "Kies een jaar van 2000 tot en met 2100"),
        (["Gemeente Aalstad", "twee", "p.xlsx"], "Onbekend jaar"),
        (["Gemeente Aalstad", str(YEAR), "p.pdf"], "kies .docx of .xlsx"),
        (["Gemeente Aalstad", str(YEAR), "geen-map/p.docx"], "bestaat niet"),
    ],
)
def test_the_command_refuses_in_dutch_and_writes_nothing(gids, tmp_path, args, message):
    Organisation.objects.create(name="Gemeente Aalstad", kind="gemeente")
    *rest, out = args
    with pytest.raises(CommandError, match=message):
        call_command("export_verbonden_partijen", *rest, str(tmp_path / out))
    assert list(Path(tmp_path).iterdir()) == []


def test_an_organisation_without_facts_gets_an_empty_paragraaf(gids, tmp_path):
    organisation = Organisation.objects.create(name="Gemeente Leeg", kind="gemeente")
    out = io.StringIO()
    call_command(
        "export_verbonden_partijen", "gemeente leeg", str(YEAR), tmp_path / "p.xlsx", stdout=out
    )
    assert "0 verbonden partijen" in out.getvalue()
    book = load_workbook(tmp_path / "p.xlsx")
    assert book["Verbonden partijen"].max_row == 1
    assert build_paragraaf(organisation, YEAR).left_out == []
