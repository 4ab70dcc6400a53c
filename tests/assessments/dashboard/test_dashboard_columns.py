"""The overview shows only the themes that apply to a partnership in view, under Deel A and
Deel B, each code with its title; the Excel export keeps every column it had."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments.dashboard.columns import ThemeCell, ThemeColumn, shown_column_groups
from assessments.dashboard.page import ViewOptions, build_dashboard
from partnerships.constants import Role
from partnerships.models import Partnership
from tests.assessments.dashboard.conftest import TODAY
from tests.factories import make_user


class _Row:
    def __init__(self, *cells: ThemeCell) -> None:
        self.cells = cells


COLUMNS = [
    ThemeColumn("A1", "Gezamenlijke uitvoering", "A", "Wgr"),
    ThemeColumn("A2", "Doel", "A", "Wgr"),
    ThemeColumn("A13", "Meerdere overheidslagen", "A", "Wgr"),
    ThemeColumn("B1", "Samenwerking", "B", "Netwerk"),
    ThemeColumn("B3", "Governance", "B", "Netwerk"),
]


def _cells(applying: set[str]) -> tuple[ThemeCell, ...]:
    return tuple(ThemeCell(c.code, c.code in applying, None) for c in COLUMNS)


def test_only_themes_that_apply_to_a_row_are_shown_grouped_by_part():
    rows = [_Row(*_cells({"A1", "A2"})), _Row(*_cells({"B3"}))]
    groups = shown_column_groups(COLUMNS, rows)
    assert [(g.label, g.part_title) for g in groups] == [("Deel A", "Wgr"), ("Deel B", "Netwerk")]
    assert [[c.code for c in g.columns] for g in groups] == [["A1", "A2"], ["B3"]]
    assert groups[0].columns[0].title == "Gezamenlijke uitvoering"
    # the columns past the middle open their title towards the left
    assert [c.opens_left for g in groups for c in g.columns] == [False, False, True]


def test_one_part_in_view_gives_one_group_and_no_rows_no_columns():
    groups = shown_column_groups(COLUMNS, [_Row(*_cells({"A1", "A13"}))])
    assert [(g.part, [c.code for c in g.columns]) for g in groups] == [("A", ["A1", "A13"])]
    assert shown_column_groups(COLUMNS, []) == []
    assert shown_column_groups(COLUMNS, [_Row(*_cells(set()))]) == []


@pytest.mark.django_db
def test_the_overview_groups_the_themes_of_the_rows_in_view(world):
    both = build_dashboard(Partnership.objects.all(), organisation=world["aalstad"], today=TODAY)
    assert [g.label for g in both.column_groups] == ["Deel A", "Deel B"]
    assert "A14" not in both.shown_codes  # no centrumregeling in view
    network_only = build_dashboard(
        Partnership.objects.all(),
        organisation=world["aalstad"],
        today=TODAY,
        options=ViewOptions(q="kustvisie"),
    )
    assert [g.label for g in network_only.column_groups] == ["Deel B"]
    assert "B1" in network_only.shown_codes and "A1" not in network_only.shown_codes
    # the export's columns do not follow the filter: every theme of the organisation's rows
    assert [c.code for c in network_only.columns] == [c.code for c in both.columns]
    assert "A1" in {c.code for c in network_only.columns}


@pytest.mark.django_db
def test_the_page_names_each_theme_and_part_for_every_reader(client, world):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=world["aalstad"]))
    html = client.get(reverse("assessments:dashboard"), {"q": "kustvisie"}).content.decode()
    table = html.split('class="list-unstyled d-md-none overview-cards"')[0]
    assert '<th scope="colgroup" colspan=' in table
    assert 'Deel B<span class="visually-hidden">: Netwerksamenwerking</span>' in table
    assert "Deel A" not in table
    # the code on screen, the title in the tip on hover and focus and in the link's name
    assert '<span class="visually-hidden">B3 Governance van netwerksamenwerking</span>' in table
    assert 'aria-hidden="true">B3: Governance van netwerksamenwerking</span>' in table
    assert ">A1<" not in table


@pytest.mark.django_db
def test_the_excel_export_keeps_every_theme_column_whatever_the_page_shows(client, world):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=world["aalstad"]))
    response = client.get(reverse("assessments:dashboard_export"), {"q": "kustvisie"})
    sheet = load_workbook(BytesIO(response.content))["Overzicht"]
    header = [cell.value for cell in sheet[1]]
    assert any(str(h).startswith("A1 ") for h in header)
    assert any(str(h).startswith("B1 ") for h in header)
    assert "Totaal (%)" in header and not any("eigen" in str(h).lower() for h in header)


@pytest.mark.django_db
def test_a_phone_gets_a_card_per_row_and_a_sort_choice(client, world):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=world["aalstad"]))
    html = client.get(reverse("assessments:dashboard"), {"sorteer": "-score"}).content.decode()
    table, cards = html.split('class="list-unstyled d-md-none overview-cards"')
    assert '<div class="d-none d-md-block">' in table  # the table only from 768 px up
    assert cards.count('<li class="card mb-2">') == 2
    assert "Netwerk Kustvisie" in cards and "Veiligheidsregio Oost" in cards
    assert cards.index("Veiligheidsregio Oost") < cards.index("Netwerk Kustvisie")  # by score
    assert '<option value="-score" selected>Totaal, hoogste eerst</option>' in html
