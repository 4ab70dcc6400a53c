"""Which themes and recommendations of the Gids apply to a partnership, and why not.

The pure rules are tested with hand-made facts (no database); the references from Part B to
Part A and the command are tested against the real Gids (fixtures/gids.json).
"""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from partnerships import applicability as rules
from partnerships.applicability import (
    APPLICABLE,
    EXCLUDED,
    PartnershipFacts,
    RecommendationFacts,
    ThemeFacts,
    applicability,
)
from partnerships.constants import CooperationModel, LegalForm, NetworkVariant
from partnerships.models import Body
from partnerships.selectors import applicability_for, applicability_summary
from tests.factories import make_partnership

R = RecommendationFacts


def theme(code: str, *recs: RecommendationFacts) -> ThemeFacts:
    return ThemeFacts(code, recs or (R(f"{code}.1"), R(f"{code}.2")))


# A small framework with the shape of the Gids: A1-A14, B1-B15; A5.7 is AB/DB-specific,
# B6 refers to A6 entirely, B11 has an own recommendation and one referring to A11.
THEMES = (
    [theme(f"A{n}") for n in range(1, 5)]
    + [theme("A5", R("A5.1"), R("A5.7", is_abdb_specific=True))]
    + [theme("A6", R("A6.1"), R("A6.2", is_abdb_specific=True))]
    + [theme(f"A{n}") for n in range(7, 15)]
    + [theme(f"B{n}") for n in range(1, 6)]
    + [theme("B6", R("B6.1", refers_to="A6"))]
    + [theme(f"B{n}") for n in range(7, 11)]
    + [theme("B11", R("B11.1"), R("B11.2", refers_to="A11"))]
    + [theme(f"B{n}") for n in range(12, 16)]
)


def facts(
    legal_form: str = LegalForm.OPENBAAR_LICHAAM,
    *,
    kinds: tuple[str, ...] = ("gemeente",),
    variant: str = "",
) -> PartnershipFacts:
    model = (
        CooperationModel.NETWORK
        if legal_form
        in (
            LegalForm.CONVENANT,
            LegalForm.OVEREENKOMST,
            LegalForm.AFSPRAKENSET,
        )
        else CooperationModel.WGR
    )
    return PartnershipFacts("Test", model, legal_form, variant, frozenset(kinds))


def status(result, code: str) -> str:
    return result.theme(code).status


# --- Part A or Part B -------------------------------------------------------------------------


def test_a_wgr_partnership_is_assessed_against_part_a_and_part_b_is_excluded_with_reason():
    result = applicability(facts(LegalForm.OPENBAAR_LICHAAM), THEMES)
    assert result.part == "A"
    assert all(status(result, f"A{n}") == APPLICABLE for n in range(1, 13))
    for n in range(1, 16):
        assert result.theme(f"B{n}").reason == rules.REASON_PART_B_WGR
    assert "wordt getoetst aan deel A" in rules.REASON_PART_B_WGR


def test_network_cooperation_is_assessed_against_part_b_and_part_a_is_excluded_with_reason():
    result = applicability(facts(LegalForm.CONVENANT), THEMES)
    assert result.part == "B"
    assert all(status(result, f"B{n}") == APPLICABLE for n in range(1, 13))
    for n in range(1, 15):
        assert result.theme(f"A{n}").reason == rules.REASON_PART_A_NETWORK
    assert "netwerksamenwerking" in rules.REASON_PART_A_NETWORK


def test_a_gemeenschappelijk_orgaan_is_assessed_against_part_b():
    result = applicability(facts(LegalForm.GEMEENSCHAPPELIJK_ORGAAN), THEMES)
    assert result.part == "B"
    assert status(result, "B1") == APPLICABLE
    assert result.theme("A1").reason == rules.REASON_PART_A_ORGAAN
    assert "gemeenschappelijk orgaan bij deel B" in rules.REASON_PART_A_ORGAAN


# --- A13 and A14 ------------------------------------------------------------------------------


def test_a13_is_excluded_when_only_gemeenten_take_part():
    result = applicability(facts(kinds=("gemeente",)), THEMES)
    assert status(result, "A13") == EXCLUDED
    assert result.theme("A13").reason == (
        "Aandachtspunt A13 (meerdere bestuurslagen) geldt alleen als een provincie of een "
        "waterschap deelneemt; hier nemen alleen gemeenten deel."
    )


@pytest.mark.parametrize("kind", ["provincie", "waterschap"])
def test_a13_applies_when_a_province_or_water_board_takes_part(kind):
    result = applicability(facts(kinds=("gemeente", kind)), THEMES)
    assert status(result, "A13") == APPLICABLE
    assert result.theme("A13").items == ("A13.1", "A13.2")


def test_a13_reason_without_participants():
    result = applicability(facts(kinds=()), THEMES)
    assert result.theme("A13").reason == rules.REASON_A13_EMPTY
    assert "nog geen deelnemers" in rules.REASON_A13_EMPTY


def test_a14_applies_only_to_a_centrumregeling():
    assert status(applicability(facts(LegalForm.CENTRUMREGELING), THEMES), "A14") == APPLICABLE
    result = applicability(facts(LegalForm.REGELING_ZONDER_MEER), THEMES)
    assert result.theme("A14").reason == (
        "Aandachtspunt A14 geldt alleen voor een centrumregeling; dit is een regeling zonder meer."
    )


# --- AB/DB-specific recommendations -----------------------------------------------------------


def test_abdb_recommendations_do_not_apply_to_a_bedrijfsvoeringsorganisatie():
    result = applicability(facts(LegalForm.BEDRIJFSVOERINGSORGANISATIE), THEMES)
    assert result.theme("A5").items == ("A5.1",)
    excluded = {e.id: e for e in result.excluded_items}
    assert set(excluded) == {"A5.7", "A6.2"}
    assert excluded["A5.7"].theme == "A5"
    assert excluded["A5.7"].reason == (
        "Deze aanbeveling gaat over de verhouding tussen algemeen en dagelijks bestuur; een "
        "bedrijfsvoeringsorganisatie heeft één bestuur."
    )


@pytest.mark.parametrize("legal_form", [LegalForm.OPENBAAR_LICHAAM, LegalForm.CENTRUMREGELING])
def test_abdb_recommendations_apply_to_other_wgr_forms(legal_form):
    result = applicability(facts(legal_form), THEMES)
    assert "A5.7" in result.theme("A5").items
    assert result.excluded_items == []


def test_abdb_recommendations_of_a_referenced_part_a_chapter_do_not_apply_under_part_b():
    result = applicability(facts(LegalForm.CONVENANT), THEMES)
    assert result.theme("B6").items == ("A6.1",)
    [excluded] = result.excluded_items
    assert (excluded.id, excluded.theme) == ("A6.2", "B6")
    assert "netwerksamenwerking" in excluded.reason
    assert "algemeen en dagelijks bestuur" in excluded.reason


# --- B13-B15 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "code"),
    [
        (NetworkVariant.PROVINCIE, "B13"),
        (NetworkVariant.TRIPLE_HELIX, "B14"),
        (NetworkVariant.KETEN, "B15"),
    ],
)
def test_b13_to_b15_apply_only_for_their_network_variant(variant, code):
    result = applicability(facts(LegalForm.CONVENANT, variant=variant), THEMES)
    applying = {c for c in ("B13", "B14", "B15") if status(result, c) == APPLICABLE}
    assert applying == {code}


def test_b13_to_b15_reasons_name_the_variant():
    result = applicability(facts(LegalForm.CONVENANT, variant=NetworkVariant.KETEN), THEMES)
    assert result.theme("B13").reason == (
        "Thema B13 geldt alleen voor een provincie met gemeenten en/of waterschappen; "
        "hier gaat het om ketensamenwerking."
    )
    plain = applicability(facts(LegalForm.CONVENANT), THEMES)
    assert plain.theme("B14").reason == (
        "Thema B14 geldt alleen voor triple-helixsamenwerking; voor dit samenwerkingsverband "
        "is geen bijzondere netwerkvorm opgegeven."
    )


# --- Part B refers to Part A mutatis mutandis ---------------------------------------------------


def test_a_part_b_theme_referring_to_part_a_is_scored_with_part_a_recommendations():
    result = applicability(facts(LegalForm.CONVENANT), THEMES)
    b11 = result.theme("B11")
    assert b11.items == ("B11.1", "A11.1", "A11.2")
    assert b11.context == ("B11.2",)
    assert b11.refers_to == ("A11",)
    assert ("A11.1", "B11") in result.item_pairs()


def test_as_json_follows_the_contract():
    data = applicability(facts(LegalForm.BEDRIJFSVOERINGSORGANISATIE), THEMES).as_json()
    assert set(data) == {"partnership", "themes", "excluded_items"}
    assert data["themes"][0] == {
        "code": "A1",
        "status": "applicable",
        "reason": None,
        "items": ["A1.1", "A1.2"],
    }
    assert data["excluded_items"][0] == {"id": "A5.7", "reason": rules.REASON_ABDB_BVO}
    assert all(set(t) == {"code", "status", "reason", "items"} for t in data["themes"])


# --- Against the real Gids ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_real_gids_part_b_chapters_refer_to_part_a(gids):
    partnership = make_partnership(legal_form=LegalForm.CONVENANT)
    result = applicability_for(partnership, gids)
    assert len(result.themes) == 29
    for n in (6, 7, 8, 9, 10, 12):
        b_theme = result.theme(f"B{n}")
        assert b_theme.items, f"B{n} has no items"
        assert all(item.startswith(f"A{n}.") for item in b_theme.items)
        assert b_theme.context == (f"B{n}.1",)
    b11 = result.theme("B11")
    assert b11.items[0] == "B11.1"
    assert all(item.startswith("A11.") for item in b11.items[1:]) and len(b11.items) > 1
    assert b11.context == ("B11.2",)


@pytest.mark.django_db
def test_the_real_gids_bedrijfsvoeringsorganisatie_drops_abdb_recommendations(gids):
    openbaar = applicability_for(make_partnership(legal_form=LegalForm.OPENBAAR_LICHAAM), gids)
    bvo = applicability_for(
        make_partnership(legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE), gids
    )
    abdb = {e.id for e in bvo.excluded_items}
    assert "A5.7" in abdb
    assert abdb.isdisjoint(code for code, _ in bvo.item_pairs())
    assert abdb <= {code for code, _ in openbaar.item_pairs()}


@pytest.mark.django_db
def test_applicability_for_uses_a_constant_number_of_queries(gids, django_assert_max_num_queries):
    partnership = make_partnership(
        participants=["Gemeente Aalstad", "Provincie Zuidland", "Waterschap De Dijken"]
    )
    with django_assert_max_num_queries(3):
        result = applicability_for(partnership, gids)
    assert result.theme("A13").applies


@pytest.mark.django_db
def test_summary_for_the_page_has_titles_and_excluded_recommendation_texts(gids):
    partnership = make_partnership(legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE)
    Body.objects.create(partnership=partnership, kind="bestuur")
    summary = applicability_summary(partnership, gids)
    assert summary.part == "A"
    assert [t.code for t in summary.applicable][:3] == ["A1", "A2", "A3"]
    assert all(t.title for t in summary.applicable)
    assert {t.code for t in summary.excluded} >= {"A13", "A14", "B1"}
    a57 = next(e for e in summary.excluded_items if e.code == "A5.7")
    assert a57.text and a57.reason == rules.REASON_ABDB_BVO


# --- The command --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_json_output_shape_by_name_and_by_id(gids):
    partnership = make_partnership(
        "Zorgnetwerk Test", legal_form=LegalForm.CONVENANT, network_variant=NetworkVariant.KETEN
    )
    out = io.StringIO()
    call_command("applicability", "Zorgnetwerk Test", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["partnership"] == "Zorgnetwerk Test"
    assert [t["code"] for t in data["themes"]][:2] == ["A1", "A2"]
    assert len(data["themes"]) == 29
    for t in data["themes"]:
        assert set(t) == {"code", "status", "reason", "items"}
        assert t["status"] in ("applicable", "excluded")
        assert (t["reason"] is None) == (t["status"] == "applicable")
        assert isinstance(t["items"], list)
    b15 = next(t for t in data["themes"] if t["code"] == "B15")
    assert b15["status"] == "applicable" and b15["items"]
    b6 = next(t for t in data["themes"] if t["code"] == "B6")
    assert b6["items"][0] == "A6.1"
    assert all(set(e) == {"id", "reason"} for e in data["excluded_items"])

    by_id = io.StringIO()
    call_command("applicability", str(partnership.pk), "--json", stdout=by_id)
    assert json.loads(by_id.getvalue()) == data


@pytest.mark.django_db
def test_command_prints_a_dutch_table(gids):
    make_partnership("Belasting Test", legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE)
    out = io.StringIO()
    call_command("applicability", "belasting test", stdout=out)
    text = out.getvalue()
    assert "Getoetst aan deel A" in text
    assert "A14  nee    Aandachtspunt A14 geldt alleen voor een centrumregeling" in text
    assert "A5.7 (thema A5)" in text and "één bestuur" in text


@pytest.mark.django_db
def test_command_unknown_partnership_is_an_error(gids):
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("applicability", "Bestaat niet")
