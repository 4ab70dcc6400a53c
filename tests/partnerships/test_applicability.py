"""Which themes and recommendations of the Gids apply to a partnership, and why not.

Table tests of the pure rules against the real Gids (fixtures/gids.json): for every legal
form, light and heavy networks with and without powers of the political bodies, with and
without a province or water board. Then the rules table itself, the snapshot a round
stores, the summary for the page and the command.
"""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from partnerships import applicability_rules as table
from partnerships.applicability import (
    APPLICABLE,
    EXCLUDED,
    Applicability,
    PartnershipFacts,
    applicability,
)
from partnerships.constants import (
    CooperationModel,
    LegalForm,
    NetworkVariant,
    NetworkWeight,
    OrganisationKind,
)
from partnerships.selectors import applicability_for, applicability_summary, framework_facts
from principles.models import PracticalItem, Recommendation
from tests.factories import make_partnership

pytestmark = pytest.mark.django_db

G, P, W = OrganisationKind.GEMEENTE, OrganisationKind.PROVINCIE, OrganisationKind.WATERSCHAP
NETWORK_FORMS = (LegalForm.CONVENANT, LegalForm.OVEREENKOMST, LegalForm.AFSPRAKENSET)


def facts(
    legal_form: str = LegalForm.OPENBAAR_LICHAAM,
    *kinds: str,
    variants: tuple[str, ...] = (),
    weight: str = NetworkWeight.ZWAAR,
    powers: bool = True,
    statutory: bool = False,
) -> PartnershipFacts:
    model = CooperationModel.NETWORK if legal_form in NETWORK_FORMS else CooperationModel.WGR
    return PartnershipFacts(
        name="Test",
        cooperation_model=model,
        legal_form=legal_form,
        participant_kinds=frozenset(kinds or (G,)),
        network_variants=frozenset(variants),
        network_weight=weight,
        council_powers=powers,
        is_statutory=statutory,
    )


@pytest.fixture
def rules_of(gids):
    themes = framework_facts(gids)

    def run(f: PartnershipFacts) -> Applicability:
        return applicability(f, themes)

    return run


@pytest.fixture
def codes(gids):
    """{theme code: its own recommendation codes in the Gids}."""
    found: dict[str, list[str]] = {}
    for code, theme in Recommendation.objects.order_by("theme__number", "number").values_list(
        "code", "theme__code"
    ):
        found.setdefault(theme, []).append(code)
    return found


def scored(result: Applicability) -> dict[str, tuple[str, ...]]:
    return {t.code: t.items for t in result.themes if t.applies}


def part_a(codes, *themes: int) -> dict[str, tuple[str, ...]]:
    return {f"A{n}": tuple(codes[f"A{n}"]) for n in themes}


NO_OWN_BODIES = {"A5.3", "A5.4", "A5.5", "A5.6", "A5.7", "A5.8", "A12.1", "A12.2"}
NO_ORGANISATION = {"A2.4", "A10.3", "A11.3", "A11.5"}


# --- Part A: the Wgr forms ---------------------------------------------------------------------


def test_openbaar_lichaam_of_gemeenten_scores_a1_to_a12(rules_of, codes):
    result = rules_of(facts())
    assert result.part == "A"
    assert scored(result) == part_a(codes, *range(1, 13))
    assert result.excluded_items == []
    for n in range(1, 16):
        assert result.theme(f"B{n}").reason == table.REASON_PART_B_WGR
    assert "alleen als een provincie of een waterschap" in result.theme("A13").reason
    assert result.theme("A14").reason == "Aandachtspunt A14 geldt alleen voor een centrumregeling."


@pytest.mark.parametrize("kind", [P, W])
def test_a13_applies_when_a_province_or_water_board_takes_part(rules_of, codes, kind):
    result = rules_of(facts(LegalForm.OPENBAAR_LICHAAM, G, kind))
    assert scored(result) == part_a(codes, *range(1, 14))


def test_bedrijfsvoeringsorganisatie_reads_het_bestuur_and_drops_only_the_role_split(
    rules_of, codes
):
    result = rules_of(facts(LegalForm.BEDRIJFSVOERINGSORGANISATIE))
    assert scored(result) == part_a(codes, *range(1, 13))
    assert result.hidden_practical() == set(table.BVO_SPLIT_ITEMS)
    # The Gids' own example of the role split.
    assert "A4.1-3" in result.hidden_practical()
    assert "het Bestuur" in result.reading("A5.4", "A5")
    assert "het Bestuur" in result.reading("A12.1", "A12")


@pytest.mark.parametrize("form", [LegalForm.CENTRUMREGELING, LegalForm.REGELING_ZONDER_MEER])
def test_no_ab_db_voorzitter_or_directeur_is_asked_without_bodies_of_their_own(
    rules_of, codes, form
):
    result = rules_of(facts(form))
    items = {code for code, _ in result.item_pairs()}
    assert items.isdisjoint(NO_OWN_BODIES)
    excluded = {e.id: e.reason for e in result.excluded_items}
    assert set(excluded) >= NO_OWN_BODIES
    assert LegalForm(form).label.lower() in excluded["A5.4"]
    # A12 has nothing else: the theme drops out, for the same reason.
    assert result.theme("A12").status == EXCLUDED
    assert result.theme("A12").reason == excluded["A12.1"]
    # The practical items naming them under scored recommendations are not shown (A13 does
    # not apply here: only gemeenten take part).
    under_scored = {p for p in table.OWN_BODY_ITEMS if p.split("-")[0] in items}
    assert under_scored and under_scored <= result.hidden_practical()


def test_centrumregeling_scores_a14_and_reads_the_centrumorganisatie(rules_of, codes):
    result = rules_of(facts(LegalForm.CENTRUMREGELING))
    expected = part_a(codes, *range(1, 12), 14)
    expected["A5"] = tuple(c for c in expected["A5"] if c not in NO_OWN_BODIES)
    assert scored(result) == expected
    assert "centrumorganisatie" in result.reading("A11.3", "A11")
    assert "centrumorganisatie" in result.reading("A6.1", "A6")
    assert "A6.1-3.2" not in result.hidden_practical()


def test_regeling_zonder_meer_drops_the_samenwerkingsorganisatie_too(rules_of, codes):
    result = rules_of(facts(LegalForm.REGELING_ZONDER_MEER))
    dropped = NO_OWN_BODIES | NO_ORGANISATION
    expected = {
        t: tuple(c for c in items if c not in dropped)
        for t, items in part_a(codes, *range(1, 12)).items()
    }
    assert scored(result) == expected
    reasons = {e.id: e.reason for e in result.excluded_items}
    assert "geen eigen organisatie" in reasons["A11.3"]
    # Practical items about the samenwerkingsorganisatie are not shown either.
    assert set(table.ZONDER_MEER_ORGANISATION_ITEMS) <= result.hidden_practical()
    assert "A6.1-3.2" in result.hidden_practical()


def test_a_statutory_partnership_does_not_score_a1_3(rules_of):
    result = rules_of(facts(statutory=True))
    assert "A1.3" not in result.theme("A1").items
    assert [e.id for e in result.excluded_items] == ["A1.3"]
    assert "wettelijk verplicht" in result.excluded_items[0].reason
    assert "A1.3" in rules_of(facts()).theme("A1").items


# --- Part B: networks and the gemeenschappelijk orgaan -----------------------------------------


def heavy_part_b(codes) -> dict[str, tuple[str, ...]]:
    own = {f"B{n}": tuple(codes[f"B{n}"]) for n in range(1, 6)}
    return {
        **own,
        "B6": tuple(codes["A6"]),
        "B7": tuple(codes["A7"]),
        "B8": tuple(codes["A8"]),
        "B9": tuple(codes["A9"]),
        "B10": tuple(codes["A10"]),
        "B11": ("B11.1", *(c for c in codes["A11"] if c not in {"A11.3", "A11.5"})),
        "B12": tuple(codes["A12"]),
    }


@pytest.mark.parametrize("form", [*NETWORK_FORMS, LegalForm.GEMEENSCHAPPELIJK_ORGAAN])
def test_a_heavy_part_b_partnership_with_powers_imports_every_referenced_chapter(
    rules_of, codes, form
):
    result = rules_of(facts(form))
    assert result.part == "B"
    assert scored(result) == heavy_part_b(codes)
    assert result.theme("B6").context == ("B6.1",)
    excluded = {(e.id, e.theme): e.reason for e in result.excluded_items}
    assert set(excluded) == {("A11.3", "B11"), ("A11.5", "B11")}
    assert "dienstverlening" in excluded["A11.3", "B11"]
    assert "bestuurlijk overleg" in result.reading("A12.1", "B12")
    assert "vertegenwoordigt" in result.reading("A12.2", "B12")
    reason = result.theme("A1").reason
    if form == LegalForm.GEMEENSCHAPPELIJK_ORGAAN:
        assert reason == table.REASON_PART_A_ORGAAN
    else:
        assert reason == table.REASON_PART_A_NETWORK


def test_a_light_network_scores_the_part_b_text_of_b9_b10_and_drops_b11_2(rules_of, codes):
    result = rules_of(facts(LegalForm.CONVENANT, weight=NetworkWeight.LICHT))
    expected = heavy_part_b(codes)
    expected.update({"B9": ("B9.1",), "B10": ("B10.1",), "B11": ("B11.1",)})
    assert scored(result) == expected
    assert {e.id for e in result.excluded_items} == {"B11.2"}
    assert "zwaardere vormen" in result.excluded_items[0].reason
    assert "niet gevraagd" in result.reading("B9.1", "B9")
    assert sum(len(items) for items in scored(result).values()) < sum(
        len(items) for items in heavy_part_b(codes).values()
    )


@pytest.mark.parametrize("weight", [NetworkWeight.LICHT, NetworkWeight.ZWAAR])
def test_without_powers_of_the_political_bodies_b7_and_b3_2_drop_out(rules_of, codes, weight):
    result = rules_of(facts(LegalForm.CONVENANT, weight=weight, powers=False))
    assert result.theme("B7").status == EXCLUDED
    assert result.theme("B7").reason == table.REASON_NO_POWERS
    assert result.theme("B3").items == ("B3.1",)
    assert {"B3.2", "B7.1"} <= {e.id for e in result.excluded_items}


@pytest.mark.parametrize(
    ("kinds", "applies"),
    [
        ((G,), False),
        ((P,), False),
        ((G, P), True),
        ((G, W), True),
        ((P, W), True),
        ((G, OrganisationKind.PRIVAAT), False),
    ],
)
@pytest.mark.parametrize("form", [LegalForm.CONVENANT, LegalForm.GEMEENSCHAPPELIJK_ORGAAN])
def test_b13_follows_from_the_participants(rules_of, codes, form, kinds, applies):
    result = rules_of(facts(form, *kinds))
    assert result.theme("B13").applies is applies
    if applies:
        assert result.theme("B13").items == tuple(codes["B13"])
    assert not result.theme("A13").applies


def test_a_network_may_be_triple_helix_and_a_chain_at_once(rules_of, codes):
    both = rules_of(
        facts(LegalForm.CONVENANT, variants=(NetworkVariant.TRIPLE_HELIX, NetworkVariant.KETEN))
    )
    assert both.theme("B14").items == tuple(codes["B14"])
    assert both.theme("B15").items == tuple(codes["B15"])
    plain = rules_of(facts(LegalForm.CONVENANT))
    assert plain.theme("B14").status == plain.theme("B15").status == EXCLUDED


# --- The table itself, the snapshot, the page and the command ----------------------------------


def test_every_rule_names_a_theme_recommendation_or_practical_item_of_the_gids(gids):
    recommendations = set(Recommendation.objects.values_list("code", flat=True))
    practical = set(PracticalItem.objects.values_list("code", flat=True))
    themes = {f"A{n}" for n in range(1, 15)} | {f"B{n}" for n in range(1, 16)}
    for rule in table.THEME_RULES:
        assert rule.target in themes
    for rule in (*table.RECOMMENDATION_RULES, *table.IMPORT_RULES, *table.READINGS):
        assert rule.target in recommendations, rule.target
    for rule in table.PRACTICAL_RULES:
        assert rule.target in practical, rule.target
    for rule in (*table.PART_RULES, *table.THEME_RULES, *table.RECOMMENDATION_RULES):
        assert rule.quote and rule.source and rule.reason


def test_a_snapshot_gives_back_the_same_applicability(rules_of):
    for f in (
        facts(LegalForm.CENTRUMREGELING, G, P, statutory=True),
        facts(LegalForm.CONVENANT, weight=NetworkWeight.LICHT, variants=(NetworkVariant.KETEN,)),
    ):
        result = rules_of(f)
        again = Applicability.from_snapshot(json.loads(json.dumps(result.as_snapshot())))
        assert again == result
        assert again.key == result.key


def test_applicability_for_uses_a_constant_number_of_queries(gids, django_assert_max_num_queries):
    partnership = make_partnership(
        participants=["Gemeente Aalstad", "Provincie Zuidland", "Waterschap De Dijken"]
    )
    with django_assert_max_num_queries(3):
        result = applicability_for(partnership, gids)
    assert result.theme("A13").applies


def test_summary_for_the_page_has_titles_and_excluded_recommendation_texts(gids):
    partnership = make_partnership(legal_form=LegalForm.CENTRUMREGELING, centre="Gemeente Aalstad")
    summary = applicability_summary(partnership, gids)
    assert summary.part == "A"
    assert [t.code for t in summary.applicable][:3] == ["A1", "A2", "A3"]
    assert all(t.title for t in summary.applicable)
    assert {t.code for t in summary.excluded} >= {"A12", "A13", "B1"}
    a54 = next(e for e in summary.excluded_items if e.code == "A5.4")
    assert a54.text.startswith("De voorzitter") and "centrumregeling" in a54.reason


def test_command_json_output_shape_by_name_and_by_id(gids):
    partnership = make_partnership(
        "Zorgnetwerk Test", legal_form=LegalForm.CONVENANT, is_chain=True
    )
    out = io.StringIO()
    call_command("applicability", "Zorgnetwerk Test", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["partnership"] == "Zorgnetwerk Test"
    assert [t["code"] for t in data["themes"]][:2] == ["A1", "A2"]
    assert len(data["themes"]) == 29
    for t in data["themes"]:
        assert set(t) == {"code", "status", "reason", "items"}
        assert t["status"] in (APPLICABLE, EXCLUDED)
        assert (t["reason"] is None) == (t["status"] == APPLICABLE)
        assert isinstance(t["items"], list)
    b15 = next(t for t in data["themes"] if t["code"] == "B15")
    assert b15["status"] == "applicable" and b15["items"]
    b6 = next(t for t in data["themes"] if t["code"] == "B6")
    assert b6["items"][0] == "A6.1"
    assert all(set(e) == {"id", "reason"} for e in data["excluded_items"])

    by_id = io.StringIO()
    call_command("applicability", str(partnership.pk), "--json", stdout=by_id)
    assert json.loads(by_id.getvalue()) == data


def test_command_json_for_a_centrumregeling_excludes_the_bodies_it_does_not_have(gids):
    make_partnership(
        "Centrum Test", legal_form=LegalForm.CENTRUMREGELING, centre="Gemeente Aalstad"
    )
    out = io.StringIO()
    call_command("applicability", "Centrum Test", "--json", stdout=out)
    data = json.loads(out.getvalue())
    scored_items = {item for t in data["themes"] for item in t["items"]}
    excluded = {e["id"] for e in data["excluded_items"]}
    for code in ("A5.4", "A5.5", "A5.6", "A5.7", "A5.8", "A12.1", "A12.2"):
        assert code not in scored_items and code in excluded


def test_command_prints_a_dutch_table(gids):
    make_partnership("Belasting Test", legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE)
    out = io.StringIO()
    call_command("applicability", "belasting test", stdout=out)
    text = out.getvalue()
    assert "Getoetst aan deel A" in text
    assert "A14  nee    Aandachtspunt A14 geldt alleen voor een centrumregeling" in text


def test_command_unknown_partnership_is_an_error(gids):
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("applicability", "Bestaat niet")


def test_the_applicability_document_is_written_from_the_rules_table():
    """docs/applicability.md quotes the Gids for every rule because it is written from the
    table; this fails when the table changed and the document was not regenerated."""
    call_command("applicability_docs", "--check", stdout=io.StringIO())
    document = (Path(settings.BASE_DIR) / "docs" / "applicability.md").read_text("utf-8")
    for rule in (*table.RECOMMENDATION_RULES, *table.THEME_RULES, *table.IMPORT_RULES):
        assert f"| {rule.target}" in document
        assert " ".join(rule.quote.split()) in document
