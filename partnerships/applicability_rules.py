"""The applicability rules as data: what does not apply, when, why, and the Gids' own words.

One table per kind of target, each row a condition on the partnership's facts, the Dutch
reason a user sees, and the quote (from the Gids or the Wgr) that justifies it. The pure
function in `applicability.py` reads these tables and nothing else decides what applies;
`docs/applicability.md` is generated from them (`manage.py applicability_docs`).

A rule's `when` names a condition under which its target does NOT apply (or, for an
import, under which the Part A chapter is not imported).
"""

from dataclasses import dataclass

from .applicability_conditions import (
    ALWAYS,
    BVO,
    CENTRUMREGELING,
    LIGHT,
    NETWORK,
    NO_COUNCIL_POWERS,
    NO_OWN_BODIES,
    NO_PROVINCE_OR_WATER_BOARD,
    NOT_CENTRUMREGELING,
    NOT_CHAIN,
    NOT_SEVERAL_LAYERS,
    NOT_TRIPLE_HELIX,
    ORGAAN,
    PART_A,
    PART_B,
    STATUTORY,
    ZONDER_MEER,
    Condition,
    PartnershipFacts,
)

__all__ = ["PART_B", "Condition", "PartnershipFacts"]


@dataclass(frozen=True)
class Rule:
    """`target` does not apply when `when` holds. The target is a part ("A", "B"), a theme
    ("A13"), a recommendation ("A5.4") or a practical item ("A4.1-3"); `under` limits a
    recommendation rule to the theme it is scored under (a Part A item under a Part B
    theme)."""

    target: str
    when: Condition
    reason: str
    quote: str
    source: str
    under: str = ""


@dataclass(frozen=True)
class Reading:
    """How to read a scored recommendation for this kind of partnership, shown next to its
    verbatim text."""

    target: str
    when: Condition
    text: str
    quote: str
    source: str
    under: str = ""


GIDS_TWO_PARTS = "Gids, inleiding 'Waarom twee delen?'"
QUOTE_PART_A = (
    "Deel A van de Gids is geschreven voor samenwerkingsverbanden die gebaseerd zijn op de "
    "Wet Gemeenschappelijke Regelingen (wgr)."
)
QUOTE_ORGAAN = (
    "In die zin lijkt het gemeenschappelijk orgaan beter te passen bij het gedachtengoed van "
    "de netwerksamenwerking."
)
QUOTE_BVO = (
    "Daar waar in de aanbevelingen en in de praktische uitwerkingen het AB(-lid) en/of het "
    "DB(-lid) worden genoemd kan worden gelezen: het Bestuur(-slid). Aanbevelingen en "
    "praktische uitwerkingen die specifiek betrekking hebben op de rolverdeling en interactie "
    "tussen het AB en het DB zijn niet van toepassing op de bedrijfsvoeringsorganisatie."
)
QUOTE_CENTRUM = (
    "Voor de Centrumregeling is een specifieke uitwerking gemaakt, omdat deze "
    "samenwerkingsvorm weliswaar ook stoelt op de Wet Gemeenschappelijke Regelingen, maar van "
    "een ander karakter is en er ook andere bestuurskundige en juridische aspecten spelen. "
    "Zie hiervoor thema 14."
)
SOURCE_OWN_BODIES = (
    "Gids, inleiding 'Waarom twee delen?' en thema A14; Wgr art. 8 lid 4 (centrumregeling: de "
    "centrumgemeente voert uit); regeling zonder meer: geen eigen orgaan, geen mandaat of "
    "delegatie (gemeente.nu, 2024; de Gids noemt deze vorm niet)"
)
QUOTE_SAMENWERKINGSORGANISATIE = (
    "met dien verstande dat er geen dienstverlening van de samenwerkingsorganisatie aan de orde is"
)

REASON_PART_A_NETWORK = (
    "Deel A geldt voor gemeenschappelijke regelingen (Wgr); dit samenwerkingsverband is "
    "netwerksamenwerking en wordt getoetst aan deel B."
)
REASON_PART_A_ORGAAN = (
    "De Gids behandelt het gemeenschappelijk orgaan bij deel B (netwerksamenwerking); "
    "deel A geldt daarom niet."
)
REASON_PART_B_WGR = (
    "Deel B geldt voor netwerksamenwerking; dit samenwerkingsverband is een "
    "gemeenschappelijke regeling en wordt getoetst aan deel A."
)
REASON_NO_OWN_BODIES = (
    "Een {form} heeft geen eigen algemeen of dagelijks bestuur, voorzitter of directeur; deze "
    "aanbeveling is aan hen gericht en wordt daarom niet beoordeeld."
)
REASON_NO_OWN_BODIES_ITEM = (
    "Een centrumregeling en een regeling zonder meer hebben geen eigen algemeen of dagelijks "
    "bestuur, voorzitter of directeur; deze uitwerking is aan hen gericht."
)
REASON_NO_ORGANISATION = (
    "Een regeling zonder meer heeft geen eigen organisatie en onder zo'n regeling is geen "
    "mandaat of delegatie mogelijk; deze aanbeveling over de samenwerkingsorganisatie geldt "
    "daarom niet."
)
REASON_NO_ORGANISATION_ITEM = (
    "Een regeling zonder meer heeft geen eigen organisatie; deze uitwerking gaat over de "
    "samenwerkingsorganisatie."
)
QUOTE_ZONDER_MEER = (
    "(De Gids noemt de regeling zonder meer niet.) Een regeling zonder meer kent geen eigen "
    "orgaan of organisatie; onder zo'n regeling vindt geen mandaat of delegatie plaats."
)
REASON_BVO_SPLIT = (
    "Deze uitwerking gaat over de rolverdeling tussen algemeen en dagelijks bestuur; een "
    "bedrijfsvoeringsorganisatie heeft één bestuur."
)
REASON_NO_SERVICES = (
    "Bij netwerksamenwerking gaat de gezamenlijke contramal niet over dienstverlening van een "
    "samenwerkingsorganisatie; de Gids sluit dit deel van hoofdstuk A11 uit."
)
REASON_NO_POWERS = (
    "Dit geldt alleen als de politieke organen (raad, Staten, AB van het waterschap) "
    "bevoegdheden hebben in de samenwerking; dat is hier niet zo."
)
REASON_LIGHT = (
    "Dit geldt alleen voor de zwaardere vormen van netwerksamenwerking; dit is een lichte vorm."
)
REASON_STATUTORY = (
    "De samenwerking is wettelijk verplicht: de deelnemers kiezen de vorm en de intensiteit "
    "niet zelf."
)

PART_RULES: tuple[Rule, ...] = (
    Rule("A", NETWORK, REASON_PART_A_NETWORK, QUOTE_PART_A, GIDS_TWO_PARTS),
    Rule("A", ORGAAN, REASON_PART_A_ORGAAN, QUOTE_ORGAAN, GIDS_TWO_PARTS),
    Rule(
        "B",
        PART_A,
        REASON_PART_B_WGR,
        "Deel B van de Gids gaat over netwerksamenwerking.",
        GIDS_TWO_PARTS,
    ),
)

THEME_RULES: tuple[Rule, ...] = (
    Rule(
        "A13",
        NO_PROVINCE_OR_WATER_BOARD,
        "Aandachtspunt A13 (meerdere bestuurslagen) geldt alleen als een provincie of een "
        "waterschap deelneemt; dat is hier niet zo.",
        "Er spelen bijzondere aspecten bij GR-samenwerkingsverbanden waarin een provincie "
        "en/of waterschap deelneemt met bovengeschikte bevoegdheden of andere belangen.",
        "Gids, thema A13",
    ),
    Rule(
        "A14",
        NOT_CENTRUMREGELING,
        "Aandachtspunt A14 geldt alleen voor een centrumregeling.",
        QUOTE_CENTRUM,
        GIDS_TWO_PARTS,
    ),
    Rule(
        "B13",
        NOT_SEVERAL_LAYERS,
        "Thema B13 geldt alleen als een provincie of een waterschap samen met andere "
        "overheidslagen (gemeenten, een provincie of een waterschap) deelneemt; dat is hier "
        "niet zo.",
        "Bij netwerksamenwerking tussen verschillende overheidslagen kan een primaat van een "
        "provincie en/of een waterschap aan de orde zijn.",
        "Gids, thema B13",
    ),
    Rule(
        "B14",
        NOT_TRIPLE_HELIX,
        "Thema B14 geldt alleen voor triple-helixsamenwerking; dat is voor dit "
        "samenwerkingsverband niet opgegeven.",
        "Triple helix samenwerkingsverbanden hebben bijzondere aspecten om rekening mee te houden.",
        "Gids, thema B14",
    ),
    Rule(
        "B15",
        NOT_CHAIN,
        "Thema B15 geldt alleen voor ketensamenwerking; dat is voor dit samenwerkingsverband "
        "niet opgegeven.",
        "Ketensamenwerking, voorbeeld sociale veiligheid, heeft bijzondere aspecten om rekening "
        "mee te houden.",
        "Gids, thema B15",
    ),
)


def _own_bodies(code: str, named: str) -> Rule:
    return Rule(
        code,
        NO_OWN_BODIES,
        REASON_NO_OWN_BODIES,
        named,
        SOURCE_OWN_BODIES,
    )


def _no_organisation(code: str, named: str) -> Rule:
    return Rule(code, ZONDER_MEER, REASON_NO_ORGANISATION, named, SOURCE_OWN_BODIES)


RECOMMENDATION_RULES: tuple[Rule, ...] = (
    Rule(
        "A1.3",
        STATUTORY,
        REASON_STATUTORY,
        "… indien zij de samenwerkingsvorm en intensiteit zelf kunnen kiezen.",
        "Gids, aanbeveling A1.3",
    ),
    _own_bodies("A5.3", "De voorzitter ziet toe op een goede werking van de governance"),
    _own_bodies("A5.4", "De voorzitter zorgt voor het ordelijk functioneren van het AB en DB."),
    _own_bodies("A5.5", "AB en DB richten zich bij hun handelen en besluitvorming …"),
    _own_bodies("A5.6", "Besluitvorming binnen het AB …"),
    _own_bodies("A5.7", "Het dagelijks bestuur draagt er zorg voor …"),
    _own_bodies("A5.8", "Het dagelijks bestuur treedt op als werkgever van de directeur."),
    _own_bodies("A12.1", "Het Dagelijks Bestuur van het samenwerkingsverband zorgt …"),
    _own_bodies("A12.2", "Elk lid van het Algemeen Bestuur draagt zorg …"),
    _no_organisation(
        "A2.4",
        "… het verplichte deel van de dienstverlening van de samenwerkingsorganisatie; de "
        "operationele aansturing wordt ambtelijk gemandateerd.",
    ),
    _no_organisation("A10.3", "… afgestemd op de dienstverlening van de samenwerkingsorganisatie."),
    _no_organisation(
        "A11.3",
        "… ambtelijk opdrachtgever voor de dienstverlening van de samenwerkingsorganisatie.",
    ),
    _no_organisation(
        "A11.5", "De gezamenlijke contramal is gesprekspartner van de samenwerkingsorganisatie …"
    ),
    *(
        Rule(
            code,
            ALWAYS,
            REASON_NO_SERVICES,
            QUOTE_SAMENWERKINGSORGANISATIE,
            "Gids, aanbeveling B11.2",
            under="B11",
        )
        for code in ("A11.3", "A11.5")
    ),
    Rule(
        "B3.2",
        NO_COUNCIL_POWERS,
        REASON_NO_POWERS,
        "Indien politieke organen bevoegdheden hebben in de netwerksamenwerking …",
        "Gids, aanbeveling B3.2",
    ),
    Rule(
        "B7.1",
        NO_COUNCIL_POWERS,
        REASON_NO_POWERS,
        "Voor de netwerksamenwerking waarbij het politieke orgaan bevoegdheden heeft …",
        "Gids, aanbeveling B7.1",
    ),
    Rule(
        "B11.2",
        LIGHT,
        REASON_LIGHT,
        "Bij de zwaardere vormen van netwerksamenwerking wordt … een gezamenlijke contramal "
        "ingericht.",
        "Gids, aanbeveling B11.2",
    ),
)

# A Part B recommendation that refers to a Part A chapter imports it, except when `when`
# holds: then its own text is scored. (B7.1 and B11.2 are not imported when they do not
# apply at all: see RECOMMENDATION_RULES.)
IMPORT_RULES: tuple[Rule, ...] = (
    Rule(
        "B9.1",
        LIGHT,
        "Bij een lichte vorm volstaat een eenvoudige financiële afspraak: de aanbevelingen van "
        "hoofdstuk A9 worden niet gevraagd, de tekst van B9 wel.",
        "De meeste netwerksamenwerkingen vinden plaats met gesloten beurzen of er kan voor wat "
        "betreft de financiële aspecten volstaan met een eenvoudige afspraak in de Regeling. "
        "Bij zwaardere vormen van netwerksamenwerking (denk aan sociaal domein Jeugd of WMO) "
        "zijn de te maken afspraken … mutatis mutandis vergelijkbaar …",
        "Gids, aanbeveling B9.1",
    ),
    Rule(
        "B10.1",
        LIGHT,
        "Bij een lichte vorm is een contramal niet noodzakelijk: de aanbevelingen van hoofdstuk "
        "A10 worden niet gevraagd, de tekst van B10 wel.",
        "Soms bestaat samenwerking uitsluitend uit de inzet van capaciteit voor de co-creatie "
        "en de advisering aan de bestuurder; in zo’n geval is het niet noodzakelijk daarnaast "
        "nog een contramal te hebben.",
        "Gids, aanbeveling B10.1",
    ),
)

# Practical items that name the AB, DB, voorzitter, directeur or bestuur of the partnership
# itself, under recommendations that are scored for a centrumregeling or a regeling zonder
# meer; and the items about the AB-DB role split that drop out for a bedrijfsvoeringsorganisatie
# (the Gids' own example is A4.1-3: "het DB … informeert het AB over de gemaakte keuzes").
OWN_BODY_ITEMS = (
    "A1.1-2.4", "A1.4-3", "A2.5-1.6", "A2.5-1.7", "A2.5-1.8", "A2.5-2", "A3.1-2", "A3.3-3",
    "A4.1-3", "A4.1-5", "A4.1-6", "A4.2-2.3", "A4.3-2", "A4.3-3", "A4.3-4", "A4.4-4",
    "A4.6-3", "A4.6-5", "A5.1-2", "A5.1-3", "A5.1-6", "A5.9-1", "A5.9-4", "A5.10-1",
    "A5.10-5", "A6.2-3", "A6.2-6", "A6.4-1", "A7.3-1", "A7.8-1", "A10.2-3.1", "A10.2-3.2",
    "A11.2-4.1", "A11.2-4.2", "A11.2-4.3", "A11.2-5.3", "A11.2-5.4", "A11.5-1", "A13.2-5",
)  # fmt: skip
BVO_SPLIT_ITEMS = (
    "A2.5-1.7", "A4.1-3", "A4.1-6", "A4.2-2.3", "A4.3-3", "A4.3-4", "A5.1-6", "A5.3-1.3",
    "A5.7-4", "A5.7-5", "A5.9-1", "A5.9-4", "A5.10-5", "A10.2-3.1", "A10.2-3.2",
)  # fmt: skip
# Practical items about the samenwerkingsorganisatie (its services, its director, its
# administration) under recommendations a regeling zonder meer scores: it has no organisation.
ZONDER_MEER_ORGANISATION_ITEMS = (
    "A1.1-2.7", "A2.5-2", "A2.5-3", "A4.1-2.3", "A4.1-2.5", "A4.1-3", "A4.2-1", "A4.2-5",
    "A4.4-4", "A4.4-6", "A4.6-2", "A5.10-3", "A5.10-4", "A5.10-5", "A5.11-3", "A6.1-3",
    "A6.1-3.2", "A6.1-3.3", "A6.1-3.4", "A6.2-4", "A6.2-5", "A6.4-2.1", "A7.2-2.1", "A7.3-5",
    "A7.7-3", "A7.7-5", "A7.8-2", "A7.8-5", "A7.10-3", "A8.1-1.4", "A8.3-3", "A8.5-3",
    "A8.6-3", "A8.6-5", "A10.1-3", "A10.1-4", "A10.2-1.2", "A11.1-3", "A11.2-4.2",
    "A11.2-5.3", "A11.4-1",
)  # fmt: skip
# Scored recommendations whose text or practical items name the samenwerkingsorganisatie: for
# a centrumregeling, read the centrumorganisatie.
CENTRUM_ORGANISATION_RECOMMENDATIONS = (
    "A1.1", "A2.4", "A2.5", "A4.1", "A4.2", "A4.4", "A4.6", "A5.10", "A5.11", "A6.1", "A6.2",
    "A6.4", "A7.2", "A7.3", "A7.7", "A7.8", "A7.10", "A8.1", "A8.3", "A8.5", "A8.6", "A10.1",
    "A10.2", "A10.3", "A11.1", "A11.2", "A11.3", "A11.4", "A11.5",
)  # fmt: skip
# Part A recommendations scored under a Part B theme whose practical items name the AB, DB,
# directeur or the samenwerkingsorganisatie, with the Part B theme they are scored under.
NETWORK_BODY_RECOMMENDATIONS = (
    ("A6.1", "B6"), ("A6.2", "B6"), ("A6.4", "B6"), ("A7.2", "B7"), ("A7.7", "B7"),
    ("A7.8", "B7"), ("A7.10", "B7"), ("A8.1", "B8"), ("A8.3", "B8"), ("A8.5", "B8"),
    ("A8.6", "B8"), ("A10.1", "B10"), ("A10.2", "B10"), ("A10.3", "B10"), ("A11.1", "B11"),
    ("A11.2", "B11"), ("A11.4", "B11"),
)  # fmt: skip
PRACTICAL_RULES: tuple[Rule, ...] = (
    *(
        Rule(code, NO_OWN_BODIES, REASON_NO_OWN_BODIES_ITEM, QUOTE_CENTRUM, SOURCE_OWN_BODIES)
        for code in OWN_BODY_ITEMS
    ),
    *(Rule(code, BVO, REASON_BVO_SPLIT, QUOTE_BVO, GIDS_TWO_PARTS) for code in BVO_SPLIT_ITEMS),
    *(
        Rule(code, ZONDER_MEER, REASON_NO_ORGANISATION_ITEM, QUOTE_ZONDER_MEER, SOURCE_OWN_BODIES)
        for code in ZONDER_MEER_ORGANISATION_ITEMS
    ),
)

READING_BVO = "Lees voor een bedrijfsvoeringsorganisatie: het Bestuur, waar AB of DB staat."
READING_CENTRUM_ORGANISATION = (
    "Lees voor een centrumregeling: de centrumorganisatie (de organisatie van de "
    "centrumgemeente), waar de samenwerkingsorganisatie staat."
)
READING_NETWORK_DB = (
    "Lees voor netwerksamenwerking: het bestuurlijk overleg van het samenwerkingsverband, "
    "waar het Dagelijks Bestuur staat."
)
READING_NETWORK_AB = (
    "Lees voor netwerksamenwerking: elke bestuurder die een deelnemer in het bestuurlijk "
    "overleg vertegenwoordigt, waar een lid van het Algemeen Bestuur staat."
)
READING_NETWORK_BODIES = (
    "Lees voor netwerksamenwerking, in de praktische uitwerking: het bestuurlijk overleg waar "
    "AB of DB staat, en wie het netwerk leidt (programmamanager, secretaris) waar de "
    "directeur of de samenwerkingsorganisatie staat."
)
QUOTE_MUTATIS_GENERAL = (
    "… mutatis mutandis vergelijkbaar met die in een samenwerkingsverband op basis van de Wet "
    "gemeenschappelijke regeling(en)."
)
QUOTE_MUTATIS = (
    "De zorg voor bestuurlijke continuïteit bij netwerksamenwerking is mutatis mutandis "
    "vergelijkbaar met die bij een samenwerkingsverband op basis van de Wet gemeenschappelijke "
    "regelingen."
)

READINGS: tuple[Reading, ...] = (
    *(
        Reading(code, BVO, READING_BVO, QUOTE_BVO, GIDS_TWO_PARTS)
        for code in ("A5.4", "A5.5", "A5.6", "A5.7", "A5.8", "A7.3", "A12.1", "A12.2")
    ),
    *(
        Reading(code, CENTRUMREGELING, READING_CENTRUM_ORGANISATION, QUOTE_CENTRUM, GIDS_TWO_PARTS)
        for code in CENTRUM_ORGANISATION_RECOMMENDATIONS
    ),
    Reading("A12.1", PART_B, READING_NETWORK_DB, QUOTE_MUTATIS, "Gids, aanbeveling B12.1", "B12"),
    Reading("A12.2", PART_B, READING_NETWORK_AB, QUOTE_MUTATIS, "Gids, aanbeveling B12.1", "B12"),
    *(
        Reading(
            code,
            PART_B,
            READING_NETWORK_BODIES,
            QUOTE_MUTATIS_GENERAL,
            f"Gids, aanbeveling {under}.1",
            under,
        )
        for code, under in NETWORK_BODY_RECOMMENDATIONS
    ),
    Reading(
        "A7.3",
        PART_B,
        "Lees voor netwerksamenwerking: het bestuurlijk overleg, waar het DB staat.",
        "… de positionering van de raad, de Staten of het AB mutatis mutandis vergelijkbaar …",
        "Gids, aanbeveling B7.1",
        "B7",
    ),
)
