"""docs/questionnaires.md, written from the question-set tables (`manage.py questionnaire_docs`),
so the document and the data can never disagree: a test checks that the committed file is what
this module writes."""

import json
from pathlib import Path

from partnerships.applicability import (
    PartnershipFacts,
    RecommendationFacts,
    ThemeFacts,
    applicability,
)
from partnerships.constants import CooperationModel, LegalForm, NetworkVariant, NetworkWeight
from principles.gids_source import RECOMMENDATION_ACTORS

from .question_sets import ALL_PERSPECTIVES, EXCEPTIONS, SCOPES, asks, exception, question_set

_G, _P = "gemeente", "provincie"
# Example partnerships, one per legal form (and network variant), for the table of set sizes.
EXAMPLES: tuple[tuple[str, PartnershipFacts], ...] = tuple(
    (label, PartnershipFacts(label, model, form, frozenset(kinds), frozenset(variants), weight,
                             powers))
    for label, model, form, kinds, variants, weight, powers in (
        ("openbaar lichaam", CooperationModel.WGR, LegalForm.OPENBAAR_LICHAAM, (_G,), (),
         NetworkWeight.ZWAAR, True),
        ("openbaar lichaam met een provincie", CooperationModel.WGR, LegalForm.OPENBAAR_LICHAAM,
         (_G, _P), (), NetworkWeight.ZWAAR, True),
        ("bedrijfsvoeringsorganisatie", CooperationModel.WGR,
         LegalForm.BEDRIJFSVOERINGSORGANISATIE, (_G,), (), NetworkWeight.ZWAAR, True),
        ("centrumregeling", CooperationModel.WGR, LegalForm.CENTRUMREGELING, (_G,), (),
         NetworkWeight.ZWAAR, True),
        ("regeling zonder meer", CooperationModel.WGR, LegalForm.REGELING_ZONDER_MEER, (_G,), (),
         NetworkWeight.ZWAAR, True),
        ("gemeenschappelijk orgaan", CooperationModel.WGR, LegalForm.GEMEENSCHAPPELIJK_ORGAAN,
         (_G,), (), NetworkWeight.ZWAAR, True),
        ("netwerk, zwaar, raad met bevoegdheden", CooperationModel.NETWORK, LegalForm.CONVENANT,
         (_G,), (), NetworkWeight.ZWAAR, True),
        ("netwerk, licht, raad zonder bevoegdheden", CooperationModel.NETWORK,
         LegalForm.AFSPRAKENSET, (_G,), (), NetworkWeight.LICHT, False),
        ("netwerk, triple helix en keten, met provincie", CooperationModel.NETWORK,
         LegalForm.OVEREENKOMST, (_G, _P, "privaat"),
         (NetworkVariant.TRIPLE_HELIX, NetworkVariant.KETEN), NetworkWeight.ZWAAR, True),
    )
)  # fmt: skip

INTRO = """\
# Questionnaires: which questions each perspective answers, and why

*Generated from `assessments/questionnaire/question_sets.py`,
`principles/gids_actors.py` and `fixtures/gids-vragen.json` by `python manage.py
questionnaire_docs`; do not edit by hand. `make test` checks that this file is current.*

Every applicable recommendation can be answered from every perspective (raad, college,
contramal, AB, DB, directeur). Each perspective gets the items it can judge from where it
stands as **its questions**; the other applicable items are **optional** for it ("u kunt dit
overslaan"): answered, they count; left open, they are not missing.

The rule, by item code (a Part A item scored under a Part B theme, such as A6.1 under B6, is
asked by the same perspectives):

1. Each recommendation addresses one or more actors of the Gids' "Wie doet wat bij
   samenwerking?" (`principles/gids_actors.py`): the grammatical subject where the text names
   one, otherwise who "Wie doet wat" makes responsible for that work.
2. A perspective asks a recommendation when it is addressed to an actor in the perspective's
   scope (the table *Perspectives*) ...
3. ... unless an exception (the table *Exceptions*) says otherwise, with its reason.
4. A perspective that scores an item addressed to one of its *own* actors assesses itself (the
   griffier on A7.5 and A7.6, the DB on A5.7): results and report say so.

Which items apply at all follows from the partnership (docs/applicability.md). Every
recommendation has one plain-Dutch question, written by us and shown above the verbatim text
of the Gids, which stays visible and unchanged.
"""


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _questions(path: Path) -> list[tuple[str, str]]:
    """(code, question) in the fixture's (Gids) order."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [(row["fields"]["recommendation"][1], row["fields"]["text"]) for row in rows]


def _perspectives() -> list[str]:
    lines = [
        "| perspective | own actors (self-assessment) | also judges the work of | why |",
        "|---|---|---|---|",
    ]
    for scope in SCOPES:
        own = ", ".join(f"`{a}`" for a in scope.own)
        sees = ", ".join(f"`{a}`" for a in scope.sees) or "—"
        lines.append(f"| {scope.perspective} | {own} | {sees} | {_cell(scope.reason)} |")
    return lines


def _exceptions() -> list[str]:
    lines = ["| item | perspective | asks | reason |", "|---|---|---|---|"]
    for e in EXCEPTIONS:
        lines.append(
            f"| {e.code} | {e.perspective} | {'yes' if e.asks else 'no'} | {_cell(e.reason)} |"
        )
    return lines


def _why(code: str) -> str:
    """Per perspective that asks the item, or is kept from it: the actor or the exception."""
    parts = []
    actors = RECOMMENDATION_ACTORS.get(code, ())
    for scope in SCOPES:
        found = exception(scope.perspective, code)
        if found is not None:
            verb = "asks" if found.asks else "does not ask"
            parts.append(f"{scope.perspective} {verb}: {found.reason.rstrip('.')}")
            continue
        own = [a for a in actors if a in scope.own]
        sees = [a for a in actors if a in scope.sees]
        if own:
            parts.append(f"{scope.perspective}: own role ({', '.join(own)})")
        elif sees:
            parts.append(f"{scope.perspective}: sees {', '.join(sees)} at work")
    return "; ".join(parts)


def _items(questions: list[tuple[str, str]]) -> list[str]:
    lines = [
        "| item | question | addressed to | asked by | why |",
        "|---|---|---|---|---|",
    ]
    for code, question in questions:
        actors = ", ".join(f"`{a}`" for a in RECOMMENDATION_ACTORS.get(code, ()))
        asked = ", ".join(p for p in ALL_PERSPECTIVES if asks(p, code)) or "—"
        lines.append(f"| {code} | {_cell(question)} | {actors} | {asked} | {_cell(_why(code))} |")
    return lines


def _theme_facts(gids_fixture: Path) -> list[ThemeFacts]:
    """The Gids' themes and recommendations as applicability reads them, from the fixture."""
    rows = json.loads(gids_fixture.read_text(encoding="utf-8"))
    recs: dict[str, list[RecommendationFacts]] = {
        row["fields"]["code"]: [] for row in rows if row["model"] == "principles.theme"
    }
    for row in rows:
        if row["model"] == "principles.recommendation":
            fields = row["fields"]
            refers = fields["refers_to"][1] if fields["refers_to"] else None
            recs[fields["theme"][1]].append(RecommendationFacts(fields["code"], refers))
    return [ThemeFacts(code, tuple(items)) for code, items in recs.items()]


def _sizes(gids_fixture: Path) -> list[str]:
    themes = _theme_facts(gids_fixture)
    lines = [
        "| example partnership | applicable | " + " | ".join(ALL_PERSPECTIVES) + " |",
        "|---|---|" + "---|" * len(ALL_PERSPECTIVES),
    ]
    for label, facts in EXAMPLES:
        result = applicability(facts, themes)
        total = len(dict.fromkeys(code for code, _theme in result.item_pairs()))
        counts = [str(len(question_set(result, p).items)) for p in ALL_PERSPECTIVES]
        lines.append(f"| {label} | {total} | " + " | ".join(counts) + " |")
    return lines


def questionnaire_document(questions_fixture: Path, gids_fixture: Path) -> str:
    questions = _questions(questions_fixture)
    sections = [
        INTRO,
        "## Perspectives",
        "",
        *_perspectives(),
        "",
        "## Exceptions",
        "",
        "Recommendations a perspective asks although no actor in its scope is addressed "
        "(*yes*), or does not ask although one is (*no*).",
        "",
        *_exceptions(),
        "",
        "## How many questions each perspective gets",
        "",
        "The number of own questions per perspective, out of the applicable items, for example "
        "partnerships of each form (only gemeenten unless named otherwise).",
        "",
        *_sizes(gids_fixture),
        "",
        "## Recommendations",
        "",
        "Per recommendation, in the order of the Gids: our question, the actors it addresses, "
        "the perspectives that ask it and why.",
        "",
        *_items(questions),
        "",
    ]
    return "\n".join(sections)
