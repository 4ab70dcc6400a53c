"""The dashboards mark a regeling that falls short of the Wgr (apart from the Gids' scores),
count the unknowns, link to the check, and stay at a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.constants import Role, WgrClauseCode
from partnerships.models import WgrClause
from tests.factories import make_partnership, make_user

pytestmark = pytest.mark.django_db


def _short(partnership, *codes):
    for code in codes:
        WgrClause.objects.create(partnership=partnership, code=code, status="nee")


def test_the_overview_marks_a_regeling_that_falls_short_with_a_link(client, world):
    _short(world["wgr"], WgrClauseCode.UITTREDING, WgrClauseCode.EVALUATIE)
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=world["aalstad"]))
    html = client.get(reverse("assessments:dashboard")).content.decode()
    assert "Regeling voldoet niet aan de Wgr: 2 onderdelen ontbreken" in html
    assert reverse("partnerships:wgr", args=[world["wgr"].pk]) in html
    assert "<strong>1</strong> regeling voldoet niet aan de Wgr" in html
    # the network is not under the Wgr: never marked
    assert "Wgr-toets: " not in html.split("Netwerk Kustvisie")[1].split("</th>")[0]


def test_the_overview_counts_the_unknown_clauses_of_a_regeling_nobody_checked(client, world):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=world["aalstad"]))
    html = client.get(reverse("assessments:dashboard")).content.decode()
    assert "Wgr-toets: 5 onderdelen onbekend" in html
    assert "<strong>0</strong> regelingen voldoen niet aan de Wgr" in html
    assert "<strong>1</strong> regeling met onbekende Wgr-onderdelen" in html


def test_the_partnership_dashboard_shows_the_check_apart_from_the_score(client, world):
    _short(world["wgr"], WgrClauseCode.UITTREDING)
    client.force_login(make_user(Role.DIRECTEUR, partnership=world["wgr"]))
    url = reverse("assessments:partnership_dashboard", args=[world["wgr"].pk])
    html = client.get(url).content.decode()
    assert "Wettelijk verplicht (Wgr)" in html
    assert "Regeling voldoet niet aan de Wgr: 1 onderdeel ontbreekt." in html
    assert "telt niet mee in de score van de Gids" in html


def test_the_checks_add_a_fixed_number_of_queries_to_the_overview(client, world):
    aalstad = world["aalstad"]
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=aalstad))
    url = reverse("assessments:dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(6):
        p = make_partnership(f"Regio Wgr {i}", participants=[aalstad])
        _short(p, WgrClauseCode.UITTREDING, WgrClauseCode.INFORMATIE)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert len(many) <= len(few)
    # once in the table and once on the card that replaces its row on a phone
    table, cards = html.split('class="list-unstyled d-md-none overview-cards"')
    for shown in (table, cards):
        assert shown.count("Regeling voldoet niet aan de Wgr: 2 onderdelen ontbreken") == 6


def test_the_excel_export_counts_missing_and_unknown_clauses(client, world):
    import io

    from openpyxl import load_workbook

    _short(world["wgr"], WgrClauseCode.UITTREDING)
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=world["aalstad"]))
    book = load_workbook(io.BytesIO(client.get(reverse("assessments:dashboard_export")).content))
    sheet = book["Overzicht"]
    header = [c.value for c in sheet[1]]
    rows = {str(r[0]).lstrip("'"): r for r in sheet.iter_rows(min_row=2, values_only=True)}
    missing = header.index("Wgr: onderdelen die ontbreken")
    unknown = header.index("Wgr: onderdelen onbekend")
    assert rows["Veiligheidsregio Oost"][missing] == 1
    assert rows["Veiligheidsregio Oost"][unknown] == 4
    assert rows["Netwerk Kustvisie"][missing] == "n.v.t."
