"""Demo data for the Wgr check: one regeling complete with its articles (GGD Zuidland, an
openbaar lichaam with an adviescommissie), one that falls short (Belastingsamenwerking, a
bedrijfsvoeringsorganisatie without rules on uittreding and on how inhabitants take part),
and one partly unknown (Omgevingsdienst). Of the others only the clause on evaluation is
filled in (the regeling zonder meer has none).

Idempotent: a clause is created once and never overwritten, so a second seed changes
nothing and adds no history. Invented articles."""

from django.db import transaction

from .constants import CheckStatus, WgrClauseCode
from .demo import Region
from .models_year import WgrClause

C = WgrClauseCode
JA, NEE, ONBEKEND = CheckStatus.JA, CheckStatus.NEE, CheckStatus.ONBEKEND

# partnership key -> code -> (status, article, note)
DEMO_WGR: dict[str, dict[str, tuple[str, str, str]]] = {
    "ob": {
        C.ZIENSWIJZE_BESLUITEN: (JA, "art. 35 lid 2", "Begroting, kadernota en wijziging."),
        C.BURGERPARTICIPATIE: (JA, "art. 41", "Inwonerspanel en inspraakverordening."),
        C.EVALUATIE: (JA, "art. 44", "Elke vier jaar, in het jaar na de raadsverkiezingen."),
        C.UITTREDING: (JA, "art. 46 en 47", "Uittreedsom volgens een vaste rekenregel."),
        C.INFORMATIE: (JA, "art. 18", "Informatieprotocol, vastgesteld door het AB."),
        C.ADVIESCOMMISSIE: (JA, "art. 14a", "Twee raadsleden per gemeente."),
    },
    "bvo": {
        C.ZIENSWIJZE_BESLUITEN: (JA, "art. 22", ""),
        C.BURGERPARTICIPATIE: (NEE, "", "De regeling zegt niets over inwoners."),
        C.EVALUATIE: (JA, "art. 30", ""),
        C.UITTREDING: (NEE, "", "Alleen opheffing is geregeld, niet het uittreden."),
        C.INFORMATIE: (JA, "art. 12", ""),
    },
    "ob_lagen": {
        C.ZIENSWIJZE_BESLUITEN: (JA, "art. 27", ""),
        C.BURGERPARTICIPATIE: (ONBEKEND, "", "Nagaan bij de wijziging van 2024."),
        C.EVALUATIE: (JA, "art. 30", ""),
        C.UITTREDING: (JA, "art. 39", ""),
        C.ADVIESCOMMISSIE: (NEE, "", "Er is alleen een adviescommissie financiën van het AB."),
    },
    # Of the others only the article on evaluation is known (the partnership's calendar names
    # it); the regeling zonder meer has none, so its pages show the Wgr warning.
    "centrum": {C.EVALUATIE: (JA, "art. 14", "")},
    "orgaan": {C.EVALUATIE: (JA, "art. 25 lid 1", "")},
    "zonder_meer": {C.EVALUATIE: (NEE, "", "De regeling noemt geen evaluatie.")},
}


@transaction.atomic
def seed_wgr(region: Region) -> None:
    """Adds the demo region's Wgr checks (see the module)."""
    for key, clauses in DEMO_WGR.items():
        partnership = region.partnerships.get(key)
        if partnership is None:
            continue
        for code, (status, article, note) in clauses.items():
            WgrClause.objects.get_or_create(
                partnership=partnership,
                code=code,
                defaults={"status": status, "article": article, "note": note},
            )
