"""The check of a regeling against the Wgr's own duties, per legal form, and the
`wgr_check` command's contract (DESIGN.md)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from partnerships.constants import CheckStatus, LegalForm, WgrClauseCode
from partnerships.models import Partnership, WgrClause
from partnerships.wgr import build_check, clause_rules
from partnerships.wgr_services import wgr_check_for, wgr_checks_for
from tests.factories import make_partnership

ALWAYS = {WgrClauseCode.BURGERPARTICIPATIE, WgrClauseCode.EVALUATIE, WgrClauseCode.UITTREDING}
BESTUUR = {WgrClauseCode.ZIENSWIJZE_BESLUITEN, WgrClauseCode.INFORMATIE}


def applicable(form: str) -> set[str]:
    return {rule.code for rule in clause_rules(form) if rule.applies}


def test_an_openbaar_lichaam_has_every_clause_and_the_adviescommissie_is_optional():
    assert applicable(LegalForm.OPENBAAR_LICHAAM) == set(WgrClauseCode.values)
    optional = [r for r in clause_rules(LegalForm.OPENBAAR_LICHAAM) if not r.required]
    assert [r.code for r in optional] == [WgrClauseCode.ADVIESCOMMISSIE]
    assert "geen tekort" in optional[0].reason


@pytest.mark.parametrize(
    "form", [LegalForm.BEDRIJFSVOERINGSORGANISATIE, LegalForm.GEMEENSCHAPPELIJK_ORGAAN]
)
def test_other_forms_with_a_bestuur_have_every_clause_but_the_adviescommissie(form):
    assert applicable(form) == ALWAYS | BESTUUR


@pytest.mark.parametrize("form", [LegalForm.CENTRUMREGELING, LegalForm.REGELING_ZONDER_MEER])
def test_forms_without_a_bestuur_have_only_the_clauses_of_every_regeling(form):
    assert applicable(form) == ALWAYS
    reasons = {r.code: r.reason for r in clause_rules(form) if not r.applies}
    assert "geen eigen bestuur" in reasons[WgrClauseCode.INFORMATIE]


@pytest.mark.parametrize(
    "form", [LegalForm.CONVENANT, LegalForm.OVEREENKOMST, LegalForm.AFSPRAKENSET]
)
def test_network_cooperation_is_not_under_the_wgr(form):
    check = build_check(1, "Netwerk", form, [])
    assert not check.applies
    assert check.clauses == []
    assert not check.falls_short
    assert "niet onder de Wgr" in check.summary


def test_uittreding_names_article_9_of_the_wgr():
    rules = {r.code: r for r in clause_rules(LegalForm.CENTRUMREGELING)}
    assert "art. 9 lid 1 Wgr" in rules[WgrClauseCode.UITTREDING].reason


def _row(code: str, status: str, article: str = "") -> WgrClause:
    return WgrClause(code=code, status=status, article=article)


def test_a_required_clause_missing_makes_the_regeling_fall_short():
    check = build_check(
        1,
        "GR",
        LegalForm.OPENBAAR_LICHAAM,
        [
            _row(WgrClauseCode.UITTREDING, CheckStatus.NEE),
            _row(WgrClauseCode.EVALUATIE, CheckStatus.NEE),
            _row(WgrClauseCode.INFORMATIE, CheckStatus.JA, "art. 18"),
        ],
    )
    assert check.falls_short
    assert [c.code for c in check.shortfalls] == [WgrClauseCode.EVALUATIE, WgrClauseCode.UITTREDING]
    # zienswijze_besluiten and burgerparticipatie have no row: unknown
    assert check.unknown_count == 2
    assert check.summary.startswith("Regeling voldoet niet aan de Wgr: 2 onderdelen ontbreken.")


def test_no_adviescommissie_is_no_shortfall_and_not_counted_as_unknown():
    rows = [_row(code, CheckStatus.JA, "art. 1") for code in ALWAYS | BESTUUR]
    rows.append(_row(WgrClauseCode.ADVIESCOMMISSIE, CheckStatus.NEE))
    check = build_check(1, "GR", LegalForm.OPENBAAR_LICHAAM, rows)
    assert not check.falls_short
    assert check.unknown_count == 0
    assert check.is_complete
    assert check.summary == "De regeling heeft alles wat de Wgr vraagt."


def test_a_stored_clause_that_no_longer_applies_is_left_out():
    check = build_check(
        1, "GR", LegalForm.CENTRUMREGELING, [_row(WgrClauseCode.INFORMATIE, CheckStatus.NEE)]
    )
    assert WgrClauseCode.INFORMATIE not in [c.code for c in check.clauses]
    assert not check.falls_short


@pytest.mark.django_db
def test_wgr_check_json_follows_the_contract():
    partnership = make_partnership("GR Afval", legal_form=LegalForm.OPENBAAR_LICHAAM)
    WgrClause.objects.create(
        partnership=partnership, code=WgrClauseCode.UITTREDING, status="ja", article="art. 9 lid 2"
    )
    out = StringIO()
    call_command("wgr_check", "GR Afval", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["partnership"] == "GR Afval"
    assert [c["code"] for c in data["clauses"]] == WgrClauseCode.values
    by_code = {c["code"]: c for c in data["clauses"]}
    assert by_code["uittreding"] == {
        "code": "uittreding",
        "label": str(WgrClauseCode.UITTREDING.label),
        "status": "ja",
        "article": "art. 9 lid 2",
    }
    assert by_code["evaluatie"]["status"] == "onbekend"
    assert by_code["evaluatie"]["article"] is None
    for clause in data["clauses"]:
        assert set(clause) == {"code", "label", "status", "article"}


@pytest.mark.django_db
def test_wgr_check_finds_the_partnership_by_id_and_lists_only_applicable_clauses():
    partnership = make_partnership(legal_form=LegalForm.CENTRUMREGELING, centre="Gemeente Aalstad")
    out = StringIO()
    call_command("wgr_check", str(partnership.pk), "--json", stdout=out)
    codes = [c["code"] for c in json.loads(out.getvalue())["clauses"]]
    assert codes == ["burgerparticipatie", "evaluatie", "uittreding"]


@pytest.mark.django_db
def test_wgr_check_of_a_network_prints_an_empty_list_or_says_the_check_does_not_apply():
    partnership = make_partnership("Netwerk Zorg", legal_form=LegalForm.CONVENANT)
    out = StringIO()
    call_command("wgr_check", "netwerk zorg", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"partnership": "Netwerk Zorg", "clauses": []}
    out = StringIO()
    call_command("wgr_check", str(partnership.pk), stdout=out)
    assert "valt niet onder de Wgr" in out.getvalue()


@pytest.mark.django_db
def test_wgr_check_prints_a_readable_dutch_table():
    partnership = make_partnership("GR Jeugd", legal_form=LegalForm.OPENBAAR_LICHAAM)
    WgrClause.objects.create(
        partnership=partnership, code=WgrClauseCode.UITTREDING, status="nee", article=""
    )
    out = StringIO()
    call_command("wgr_check", "GR Jeugd", stdout=out)
    text = out.getvalue()
    assert "telt niet mee in de score van de Gids" in text
    assert "Regeling voldoet niet aan de Wgr: 1 onderdeel ontbreekt." in text
    assert "mag, hoeft niet" in text


@pytest.mark.django_db
def test_wgr_check_of_an_unknown_partnership_is_an_error():
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("wgr_check", "Bestaat niet", "--json")


@pytest.mark.django_db
def test_the_checks_of_many_partnerships_take_one_query(django_assert_num_queries):
    partnerships = [make_partnership() for _ in range(3)]
    partnerships.append(make_partnership(legal_form=LegalForm.CONVENANT))
    for p in partnerships[:3]:
        WgrClause.objects.create(partnership=p, code=WgrClauseCode.EVALUATIE, status="nee")
    with django_assert_num_queries(1):
        checks = wgr_checks_for(partnerships)
    assert all(checks[p.pk].falls_short for p in partnerships[:3])
    assert not checks[partnerships[3].pk].applies
    assert wgr_check_for(partnerships[0]).falls_short


@pytest.mark.django_db
def test_the_demo_region_has_wgr_checks_one_short_one_partly_unknown_one_complete(gids):
    call_command("seed_demo", stdout=StringIO())
    before = WgrClause.history.count()
    call_command("seed_demo", stdout=StringIO())  # idempotent: nothing changes
    assert WgrClause.history.count() == before
    checks = {
        name: wgr_check_for(Partnership.objects.get(name=name))
        for name in ("GGD Zuidland", "Belastingsamenwerking Zuidland", "Omgevingsdienst Zuidland")
    }
    assert checks["GGD Zuidland"].is_complete
    assert all(c.article for c in checks["GGD Zuidland"].clauses)
    assert checks["Belastingsamenwerking Zuidland"].falls_short
    omgevingsdienst = checks["Omgevingsdienst Zuidland"]
    assert not omgevingsdienst.falls_short  # "nee" on the optional adviescommissie
    assert omgevingsdienst.unknown_count == 2  # burgerparticipatie, informatie
