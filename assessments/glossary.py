"""The words pages, reports and exports share, with what each means: one word for one thing
("Gescoord" is not "Beantwoord"). The glossary page (/begrippen/) and the report's method
chapter print the meanings; `presentation` re-exports these names for its callers."""

from dataclasses import dataclass

from django.utils.text import slugify


@dataclass(frozen=True)
class Term:
    """A word pages, reports and exports share, with what it means (the report's method
    chapter prints the meanings)."""

    label: str
    meaning: str

    @property
    def anchor(self) -> str:
        """The id of the word on the glossary page: "Gezamenlijke contramal" ->
        "gezamenlijke-contramal"."""
        return slugify(self.label)


# Pages, PDFs and exports take their words from here, so that the council reads in the report
# what the griffier saw on the page: "Gescoord" is not "Beantwoord", and a respondent who has
# not started is "Niet begonnen" everywhere.
GLOSSARY: dict[str, Term] = {
    "total": Term("Totaalscore", "Het gemiddelde van de scores van de thema’s."),
    "score": Term(
        "Score",
        "Het gemiddelde van de scores 0–4 van een thema, als percentage van de hoogste score (4).",
    ),
    "target": Term(
        "Streefwaarde",
        "De score die elke aanbeveling minstens moet halen; per ronde ingesteld.",
    ),
    "answered": Term(
        "Beantwoord",
        "Eigen vragen met een antwoord: een score, ‘niet van toepassing’ of ‘weet niet’. "
        "Vragen die u kunt overslaan, tellen hier niet mee.",
    ),
    "scored": Term(
        "Gescoord",
        "Aanbevelingen met een score van 0 tot en met 4; ‘niet van toepassing’ en ‘weet niet’ "
        "tellen niet mee in de score.",
    ),
    "gap": Term(
        "Verbeterpunt", "Een aanbeveling onder de streefwaarde, of met het antwoord ‘weet niet’."
    ),
    "divergence": Term(
        "Verschil van inzicht",
        "Twee punten of meer tussen de laagste en de hoogste score op een aanbeveling.",
    ),
    "submitted": Term("Ingediend", "De respondent heeft de zelfevaluatie ingediend."),
    "in_progress": Term("Bezig", "Er is al iets beantwoord, maar nog niet ingediend."),
    "not_started": Term("Niet begonnen", "Uitgenodigd, maar nog niets beantwoord."),
    "overdue": Term("Te laat", "Niet ingediend, en de datum om in te vullen is voorbij."),
    "provisional": Term(
        "Voorlopig", "De ronde is nog open: de cijfers veranderen als er meer wordt ingediend."
    ),
    "percentage_point": Term(
        "Procentpunt",
        "Het verschil tussen twee percentages. Van 60% naar 66% is 6 procentpunt meer.",
    ),
    # Words of the partnership and the Gids.
    "recommendation": Term(
        "Aanbeveling",
        "Een advies uit de Gids, genummerd per thema: A7.5 is de vijfde aanbeveling van thema A7.",
    ),
    "gemeenschappelijke_regeling": Term(
        "Gemeenschappelijke regeling",
        "Een samenwerking van gemeenten, provincies of waterschappen volgens de Wet "
        "gemeenschappelijke regelingen (Wgr). ‘De regeling’ is ook het stuk waarin de afspraken "
        "staan.",
    ),
    "openbaar_lichaam": Term(
        "Openbaar lichaam",
        "Een gemeenschappelijke regeling die zelf een rechtspersoon is, met een algemeen bestuur "
        "(AB) en een dagelijks bestuur (DB).",
    ),
    "ab": Term(
        "Algemeen bestuur (AB)",
        "Het hoogste bestuur van een openbaar lichaam. Elke deelnemer heeft er leden in.",
    ),
    "db": Term(
        "Dagelijks bestuur (DB)",
        "Het bestuur dat de dagelijkse leiding heeft over een openbaar lichaam. Het legt "
        "verantwoording af aan het algemeen bestuur.",
    ),
    "contramal": Term(
        "Contramal",
        "De ambtenaren van een deelnemer die de eigen bestuurders in het "
        "samenwerkingsverband ondersteunen en adviseren.",
    ),
    "joint_contramal": Term(
        "Gezamenlijke contramal",
        "De ambtenaren van de deelnemers samen, die namens alle deelnemers het "
        "samenwerkingsverband aansturen en volgen.",
    ),
    "zienswijze": Term(
        "Zienswijze",
        "Het formele standpunt van een raad over een ontwerpbesluit van het "
        "samenwerkingsverband, zoals de begroting of een wijziging van de regeling.",
    ),
    "mutatis_mutandis": Term(
        "Mutatis mutandis",
        "Latijn voor ‘met de nodige aanpassingen’. Deel B van de Gids zegt zo dat een hoofdstuk "
        "uit deel A ook voor netwerksamenwerking geldt: lees het zo dat het past.",
    ),
    # Words of filling in.
    "perspective": Term(
        "Perspectief",
        "De rol van waaruit iemand de zelfevaluatie invult: raad, college, algemeen bestuur, "
        "dagelijks bestuur, directeur of contramal. Elk perspectief krijgt de vragen die het "
        "kan beoordelen. Bij een provincie heten raad en college Provinciale Staten en "
        "Gedeputeerde Staten; bij een waterschap het algemeen en het dagelijks bestuur van het "
        "waterschap (niet dat van het samenwerkingsverband).",
    ),
    "optional": Term(
        "U kunt dit overslaan",
        "Een vraag die niet bij uw rol hoort. U mag hem beantwoorden: dan telt uw antwoord mee "
        "in de score. Laat u hem open, dan ontbreekt er niets.",
    ),
    "documented": Term(
        "Vastgelegd",
        "Het staat op papier: in de regeling, een reglement of een protocol. Of het in de "
        "praktijk ook zo gaat, is een andere vraag. Daarom telt ‘vastgelegd’ niet mee in de "
        "score.",
    ),
    "self_assessment": Term(
        "Zelfbeoordeling",
        "De respondent beoordeelt een aanbeveling over de eigen rol, zoals de griffier over "
        "de ondersteuning van de raad of het dagelijks bestuur over zichzelf. Lees die score "
        "met dat in gedachten.",
    ),
    "raadspanel": Term(
        "Raadspanel",
        "Raadsleden die de griffier uitnodigt om de vragen voor de raad mee te beantwoorden, "
        "bijvoorbeeld een raadswerkgroep, de auditcommissie of rapporteurs.",
    ),
}

# The glossary page (/begrippen/) in three parts; every GLOSSARY word is in one of them.
GLOSSARY_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "De samenwerking en de Gids",
        (
            "recommendation",
            "gemeenschappelijke_regeling",
            "openbaar_lichaam",
            "ab",
            "db",
            "contramal",
            "joint_contramal",
            "zienswijze",
            "mutatis_mutandis",
        ),
    ),
    ("Invullen", ("perspective", "optional", "documented", "self_assessment", "raadspanel")),
    (
        "De uitkomsten",
        (
            "score",
            "total",
            "target",
            "answered",
            "scored",
            "gap",
            "divergence",
            "percentage_point",
            "submitted",
            "in_progress",
            "not_started",
            "overdue",
            "provisional",
        ),
    ),
)


def term(key: str) -> str:
    """The label of a glossary term: term("scored") -> "Gescoord"."""
    return GLOSSARY[key].label
