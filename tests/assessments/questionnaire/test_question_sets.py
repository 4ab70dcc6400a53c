"""Each perspective's own questions and the items it may skip, per legal form; self-assessment;
`manage.py questionnaire`; and docs/questionnaires.md being current."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from assessments.constants import Perspective
from assessments.questionnaire.question_sets import (
    ALL_PERSPECTIVES,
    EXCEPTIONS,
    SCOPES,
    QuestionSet,
    asks,
    is_self_assessment,
    question_set,
)
from partnerships.applicability import Applicability, PartnershipFacts, applicability
from partnerships.constants import CooperationModel, LegalForm, NetworkVariant, NetworkWeight
from partnerships.selectors import applicability_for, framework_facts
from principles.gids_source import ACTOR_HEADINGS, RECOMMENDATION_ACTORS
from tests.factories import make_partnership

pytestmark = pytest.mark.django_db

NETWORK_FORMS = (LegalForm.CONVENANT, LegalForm.OVEREENKOMST, LegalForm.AFSPRAKENSET)


def facts(legal_form: str, *kinds: str, **more: object) -> PartnershipFacts:
    model = CooperationModel.NETWORK if legal_form in NETWORK_FORMS else CooperationModel.WGR
    return PartnershipFacts(
        name="Test",
        cooperation_model=model,
        legal_form=legal_form,
        participant_kinds=frozenset(kinds or ("gemeente",)),
        **more,  # type: ignore[arg-type]
    )


KINDS = {
    "openbaar lichaam": facts(LegalForm.OPENBAAR_LICHAAM),
    "openbaar lichaam met provincie": facts(LegalForm.OPENBAAR_LICHAAM, "gemeente", "provincie"),
    "bedrijfsvoeringsorganisatie": facts(LegalForm.BEDRIJFSVOERINGSORGANISATIE),
    "centrumregeling": facts(LegalForm.CENTRUMREGELING),
    "regeling zonder meer": facts(LegalForm.REGELING_ZONDER_MEER),
    "gemeenschappelijk orgaan": facts(LegalForm.GEMEENSCHAPPELIJK_ORGAAN),
    "netwerk zwaar": facts(LegalForm.CONVENANT),
    "netwerk licht zonder bevoegdheden": facts(
        LegalForm.AFSPRAKENSET, network_weight=NetworkWeight.LICHT, council_powers=False
    ),
    "netwerk triple helix en keten": facts(
        LegalForm.OVEREENKOMST,
        "gemeente",
        "provincie",
        "privaat",
        network_variants=frozenset({NetworkVariant.TRIPLE_HELIX, NetworkVariant.KETEN}),
    ),
}


@pytest.fixture
def applic(gids):
    themes = framework_facts(gids)
    return {name: applicability(kind, themes) for name, kind in KINDS.items()}


def applicable_codes(result: Applicability) -> list[str]:
    return list(dict.fromkeys(code for code, _theme in result.item_pairs()))


@pytest.mark.parametrize("name", list(KINDS))
def test_every_perspective_gets_its_own_questions_and_the_sets_partition_the_items(applic, name):
    result = applic[name]
    codes = applicable_codes(result)
    excluded = {e.id for e in result.excluded_items} - set(codes)
    for perspective in ALL_PERSPECTIVES:
        qs = question_set(result, perspective)
        assert qs.items, f"{perspective} has no questions for {name}"
        assert not set(qs.items) & set(qs.optional)
        # Both in Gids order, together exactly the applicable items.
        assert sorted(qs.items + qs.optional, key=codes.index) == codes
        assert list(qs.items) == [c for c in codes if c in qs.items]
        assert not (set(qs.items) | set(qs.optional)) & excluded
        assert all(qs.is_optional(c) for c in qs.optional)
        assert not any(qs.is_optional(c) for c in qs.items)


def test_the_raad_of_an_openbaar_lichaam_answers_15_to_30_questions_with_its_a7_items(applic):
    raad = question_set(applic["openbaar lichaam"], Perspective.RAAD)
    assert 15 <= len(raad.items) <= 30
    for code in ("A7.1", "A7.2", "A7.4", "A7.5", "A7.6", "A7.9", "A7.10"):
        assert code in raad.items, code
    # Items addressed to the DB or the voorzitter only are not the raad's questions.
    for code in ("A5.3", "A5.7", "A5.8", "A12.1"):
        assert code in raad.optional, code


def test_an_item_addressed_to_the_db_is_asked_by_ab_db_and_directeur_not_the_raad(applic):
    result = applic["openbaar lichaam"]
    assert RECOMMENDATION_ACTORS["A5.7"] == ("dagelijks-bestuur",)
    asked = {p for p in ALL_PERSPECTIVES if "A5.7" in question_set(result, p).items}
    assert asked == {Perspective.AB, Perspective.DB, Perspective.DIRECTEUR}


def test_a_centrumregeling_asks_nobody_about_the_bodies_it_does_not_have(applic):
    result = applic["centrumregeling"]
    for perspective in ALL_PERSPECTIVES:
        qs = question_set(result, perspective)
        for code in ("A5.7", "A5.8", "A12.1", "A12.2"):
            assert code not in qs.items and code not in qs.optional
    assert "A14.3" in question_set(result, Perspective.DIRECTEUR).items
    assert {"A14.1", "A14.2"} <= set(question_set(result, Perspective.RAAD).items)


def test_a_network_asks_the_imported_part_a_items_by_their_own_code(applic):
    result = applic["netwerk zwaar"]
    raad = question_set(result, Perspective.RAAD)
    assert "A7.1" in raad.items and "B7.1" not in raad.items + raad.optional
    db = question_set(result, Perspective.DB)
    assert "A12.1" in db.items and "A6.4" in db.items
    light = question_set(applic["netwerk licht zonder bevoegdheden"], Perspective.RAAD)
    assert "B1.2" in light.items and not any(c.startswith("A7.") for c in light.items)


def test_asks_follows_actors_and_exceptions():
    assert asks(Perspective.RAAD, "A7.9")  # an exception: the raad receives the begroting
    assert "politiek-orgaan" not in RECOMMENDATION_ACTORS["A7.9"]
    assert not asks(Perspective.AB, "A5.8")  # an exception against the AB's scope
    assert asks(Perspective.DB, "A5.8")
    assert asks(Perspective.CONTRAMAL, "A11.3")
    assert not asks(Perspective.RAAD, "A11.3")
    for exception in EXCEPTIONS:
        assert asks(exception.perspective, exception.code) is exception.asks
        assert exception.reason and exception.code in RECOMMENDATION_ACTORS


def test_scopes_use_known_actors_and_cover_every_perspective():
    actor_codes = {code for code, _heading in ACTOR_HEADINGS}
    assert [s.perspective for s in SCOPES] == list(ALL_PERSPECTIVES)
    for scope in SCOPES:
        assert scope.own and set(scope.actors) <= actor_codes and scope.reason


def test_self_assessment_follows_the_perspectives_own_actors():
    assert is_self_assessment(Perspective.RAAD, "A7.5")
    assert is_self_assessment(Perspective.RAAD, "A7.6")
    assert is_self_assessment(Perspective.RAAD, "A7.1")
    assert is_self_assessment(Perspective.DB, "A5.7")
    assert is_self_assessment(Perspective.AB, "A5.6")
    assert is_self_assessment(Perspective.COLLEGE, "A8.3")
    assert is_self_assessment(Perspective.CONTRAMAL, "A11.3")
    assert is_self_assessment(Perspective.DIRECTEUR, "A14.3")
    assert not is_self_assessment(Perspective.RAAD, "A7.9")  # asked, but about others
    assert not is_self_assessment(Perspective.AB, "A5.7")
    assert not is_self_assessment(Perspective.DIRECTEUR, "A5.7")
    assert not is_self_assessment("onbekend", "A5.7")


def test_an_unknown_perspective_is_refused(applic):
    with pytest.raises(ValueError, match="Onbekend perspectief"):
        question_set(applic["openbaar lichaam"], "burger")
    assert isinstance(question_set(applic["openbaar lichaam"], "raad"), QuestionSet)


# --- manage.py questionnaire -------------------------------------------------------------


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("questionnaire", *args, stdout=out)
    return out.getvalue()


def test_command_json_by_name_and_by_id(gids):
    partnership = make_partnership("GGD Test", legal_form=LegalForm.OPENBAAR_LICHAAM)
    data = json.loads(run("GGD Test", "--perspective", "raad", "--json"))
    assert set(data) == {"partnership", "perspective", "items", "optional"}
    assert data["partnership"] == "GGD Test" and data["perspective"] == "raad"
    for row in data["items"] + data["optional"]:
        assert set(row) == {"id", "question"} and row["question"].endswith("?")
    expected = question_set(applicability_for(partnership, gids), "raad")
    assert [r["id"] for r in data["items"]] == list(expected.items)
    assert [r["id"] for r in data["optional"]] == list(expected.optional)
    a24 = next(r for r in data["items"] if r["id"] == "A2.4")
    assert a24["question"].startswith("Weet de raad wat het samenwerkingsverband")
    assert json.loads(run(str(partnership.pk), "--perspective", "raad", "--json")) == data


def test_command_per_perspective_covers_the_same_items(gids):
    make_partnership("Belasting Test", legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE)
    seen = []
    for perspective in ALL_PERSPECTIVES:
        data = json.loads(run("Belasting Test", "--perspective", perspective, "--json"))
        assert data["items"], perspective
        seen.append(sorted(r["id"] for r in data["items"] + data["optional"]))
    assert all(codes == seen[0] for codes in seen)


def test_command_prints_a_dutch_list(gids):
    make_partnership("Netwerk Test", legal_form=LegalForm.CONVENANT)
    text = run("netwerk test", "--perspective", "db")
    assert "Netwerk Test — vragen voor: Dagelijks bestuur" in text
    assert "Uw vragen (" in text and "u kunt ze ook overslaan" in text


def test_command_errors_are_dutch(gids):
    make_partnership("GGD Test", legal_form=LegalForm.OPENBAAR_LICHAAM)
    with pytest.raises(CommandError, match="niet gevonden"):
        run("Bestaat niet", "--perspective", "raad")
    with pytest.raises(CommandError, match="Onbekend perspectief 'burger'"):
        run("GGD Test", "--perspective", "burger")


def test_the_questionnaire_document_is_current():
    # Raises CommandError when docs/questionnaires.md differs from what the data makes now.
    call_command("questionnaire_docs", "--check", stdout=io.StringIO())
