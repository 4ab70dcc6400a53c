"""Dutch labels and number and date formats, for pages, PDF reports, e-mails and exports alike.

One place, so that one name has one meaning: an answer is "3 Grotendeels" on a page
(`value_label`), "3 (grotendeels)" in a report's sentence (`value_in_sentence`) and "3" in a
heat-table cell (`value_cell`); a respondent is "Gemeente Aalstad — Raad (politiek orgaan)"
(`respondent_label`), "Raad Gemeente Aalstad" in a report's table (`respondent_short_label`)
and "Aalstad (raad)" as a heat-table row (`heat_row_label`).
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, translation
from django.utils.text import slugify

from assessments import scoring
from assessments.constants import (
    PARTICIPANT_PERSPECTIVES,
    PARTNERSHIP_PERSPECTIVES,
    SCALE_MAX,
    Perspective,
    Score,
    Special,
)
from assessments.models import Assessment
from partnerships.amounts import format_euro

# --- Answers ------------------------------------------------------------------------------

VALUE_LABELS: dict[scoring.Value, str] = {
    0: "Niet",
    1: "In aanzet",
    2: "Gedeeltelijk",
    3: "Grotendeels",
    4: "Volledig",
    scoring.NVT: "Niet van toepassing",
    scoring.WEET_NIET: "Weet niet",
    None: "Nog niet beantwoord",
}


def documented_label(documented: bool | None) -> str:
    """The "vastgelegd" tick as pages, reports and exports show it."""
    if documented is None:
        return "Niet ingevuld"
    return "Ja" if documented else "Nee"


def value_label(value: scoring.Value) -> str:
    """Dutch label for a value: "3 Grotendeels", "Niet van toepassing", "Nog niet beantwoord"."""
    label = VALUE_LABELS.get(value, str(value))
    return f"{value} {label}" if scoring.is_numeric(value) else label


# --- Reports ------------------------------------------------------------------------------

# Perspectives as a report repeats them in tables and lists: the names of the
# bodies without the explanations the forms add ("Raad", not "Raad (politiek orgaan)").
SHORT_PERSPECTIVES: dict[str, str] = {
    Perspective.RAAD: "Raad",
    Perspective.COLLEGE: "College",
    Perspective.CONTRAMAL: "Contramal",
    Perspective.AB: "Algemeen bestuur",
    Perspective.DB: "Dagelijks bestuur",
    Perspective.DIRECTEUR: "Directeur",
}


def fmt_number(value: float, decimals: int = 1) -> str:
    """62.5 -> "62,5"; 50.0 -> "50" (no trailing ",0")."""
    rounded = round(value, decimals)
    if rounded == int(rounded):
        decimals = 0
    with translation.override("nl"):
        return formats.number_format(rounded, decimal_pos=decimals, use_l10n=True)


def whole(value: float) -> int:
    """A percentage as a whole number, half up like the templates' `floatformat:0`: 62.5 ->
    63. A handful of answers on a five-point scale does not carry a decimal's precision."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fmt_pct(value: float | None, empty: str = "geen score") -> str:
    """62.5 -> "63%" (whole percentages on pages and in reports); None -> `empty`."""
    return empty if value is None else f"{whole(value)}%"


def fmt_points(delta: float) -> str:
    """A change in whole percentage points: "+6", "−2", "0"."""
    rounded = whole(delta) if delta >= 0 else -whole(-delta)
    if rounded > 0:
        return f"+{rounded}"
    if rounded < 0:
        return f"−{-rounded}"
    return "0"


def pct_change(before: float, after: float) -> int:
    """The change between two percentages as the reader sees them: the difference of the
    whole numbers shown, so that "van 61% naar 64%" reads "+3", never "+2"."""
    return whole(after) - whole(before)


def fmt_euro(amount: Decimal | None, empty: str = "—") -> str:
    """Decimal("1234567.89") -> "€ 1.234.568": whole euros, as the partnership pages show."""
    return format_euro(amount, empty)


def fmt_date(value: date | None, empty: str = "") -> str:
    """date(2026, 2, 1) -> "1 februari 2026"; None -> `empty`."""
    if value is None:
        return empty
    with translation.override("nl"):
        return formats.date_format(value, "j F Y")


def value_in_sentence(value: scoring.Value) -> str:
    """An answer in a sentence: "3 (grotendeels)", "n.v.t.", "weet niet", "geen antwoord"."""
    if isinstance(value, int) and scoring.is_numeric(value):
        return f"{value} ({Score(value).label.lower()})"
    if value == Special.NVT:
        return "n.v.t."
    if value == Special.WEET_NIET:
        return "weet niet"
    return "geen antwoord"


def value_after_name(value: scoring.Value) -> str:
    """An answer after a respondent's name: "3", or "n.v.t." and "weet niet" in words."""
    if scoring.is_numeric(value):
        return str(value)
    return value_in_sentence(value)


def respondent_short_label(assessment: Assessment) -> str:
    """ "Raad Gemeente Aalstad", "Dagelijks bestuur": short enough to repeat in tables."""
    label = SHORT_PERSPECTIVES.get(assessment.perspective, assessment.get_perspective_display())
    participation = assessment.participation
    if participation is not None:
        return f"{label} {participation.organisation.name}"
    return label


def perspective_counts(assessments: Iterable[Assessment]) -> str:
    """ "Raad 18 · College 17 · Contramal 17 · Directeur 1", in the order of the perspectives."""
    counts = Counter(a.perspective for a in assessments)
    return " · ".join(
        f"{SHORT_PERSPECTIVES.get(p, p)} {counts[p]}" for p in Perspective.values if counts[p]
    )


def target_pct(target: int) -> float:
    """The target score (0-4) as a percentage of the highest score."""
    return target / SCALE_MAX * 100


def target_label(target: int) -> str:
    """ "3 – grotendeels (75%)"."""
    return f"{target} – {Score(target).label.lower()} ({fmt_pct(target_pct(target))})"


def distance_label(distance: float | None) -> str:
    """A gap's distance to the target in words: "1,5 punten", "open punt (weet niet)"."""
    if distance is None:
        return "open punt (weet niet)"
    return f"{fmt_number(distance)} {'punt' if round(distance, 1) == 1 else 'punten'}"


def distance_short(distance: float | None) -> str:
    """The same, after a code in a list: "1,5" or "weet niet"."""
    return "weet niet" if distance is None else fmt_number(distance)


def plural(n: int, one: str, many: str) -> str:
    """ "1 thema", "3 thema’s"."""
    return f"{n} {one if n == 1 else many}"


def is_are(n: int) -> str:
    """The Dutch verb for a count: "er is 1 ...", "er zijn 3 ..."."""
    return "is" if n == 1 else "zijn"


# --- Rounds: pages, e-mails, heat tables --------------------------------------------------

# Partnership perspectives first, then per participant: raad, college, contramal.
PERSPECTIVE_ORDER: dict[str, int] = {
    p: n for n, p in enumerate([*PARTNERSHIP_PERSPECTIVES, *PARTICIPANT_PERSPECTIVES])
}
# The group heading of the respondents that are not a participant (AB, DB, directeur).
PARTNERSHIP_GROUP = "Samenwerkingsverband"

VALUE_SHORT: dict[str | None, str] = {scoring.NVT: "n.v.t.", scoring.WEET_NIET: "?", None: "—"}

# The organisation kinds a heat-table row leaves out, so that the row heading stays narrow.
_ORGANISATION_PREFIXES = ("Gemeente ", "Provincie ", "Waterschap ")


def value_cell(value: scoring.Value) -> str:
    """A value as it fits in a heat-table cell: "3", "n.v.t.", "?" or "—"."""
    if isinstance(value, int):
        return str(value)
    return VALUE_SHORT.get(value, str(value))


def value_heat_class(value: float | scoring.Value) -> str:
    """CSS class for a scale value or an item mean (0-4), rounded half up: heat-0 .. heat-4,
    heat-none otherwise. `pct_heat_class` does the same for a percentage."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "heat-none"
    return f"heat-{max(0, min(SCALE_MAX, int(value + 0.5)))}"


def numeric_date(value: datetime.date) -> str:
    """A date as the e-mails and error messages write it: 01-03-2026."""
    return value.strftime("%d-%m-%Y")


def respondent_name(organisation: str | None, perspective_label: str) -> str:
    """ "Gemeente Aalstad — Raad (politiek orgaan)", or the perspective alone without a
    participant."""
    return perspective_label if organisation is None else f"{organisation} — {perspective_label}"


def respondent_label(assessment: Assessment) -> str:
    """The respondent of an assessment, organisation first (see `respondent_name`)."""
    participation = assessment.participation
    organisation = participation.organisation.name if participation is not None else None
    return respondent_name(organisation, assessment.get_perspective_display())


def heat_row_label(assessment: Assessment) -> str:
    """ "Aalstad (raad)", "Dagelijks bestuur": the row heading of a heat table."""
    participation = assessment.participation
    if participation is None:
        return assessment.get_perspective_display()
    name = participation.organisation.name
    for prefix in _ORGANISATION_PREFIXES:
        name = name.removeprefix(prefix)
    return f"{name} ({assessment.perspective})"


def _respondent_sort_key(assessment: Assessment) -> tuple[int, str, int]:
    participation = assessment.participation
    organisation = participation.organisation.name if participation is not None else ""
    return (
        1 if participation is not None else 0,
        organisation,
        PERSPECTIVE_ORDER.get(assessment.perspective, 99),
    )


def sorted_respondents(assessments: Iterable[Assessment]) -> list[Assessment]:
    """Partnership perspectives (AB, DB, directeur) first, then participants by name."""
    return sorted(assessments, key=_respondent_sort_key)


# --- The overview ----------------------------------------------------------------------------


def pct_heat_class(score_pct: float | None) -> str:
    """CSS class of an overview cell from a percentage (static/css/app.css): heat-0 (below 20%)
    ... heat-4 (80% and more), heat-none without a score. `value_heat_class` does the same for
    a value or mean on the 0-4 scale."""
    if score_pct is None:
        return "heat-none"
    return f"heat-{min(4, int(score_pct // 20))}"


# --- One word for one thing ------------------------------------------------------------------


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
        "kan beoordelen.",
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


def target_short(target: int) -> str:
    """The target as a page or a report names it: "Streefwaarde 3 – grotendeels (75%)"."""
    return f"{term('target')} {target_label(target)}"


# --- Perspective groups ------------------------------------------------------------------------


@dataclass(frozen=True)
class PerspectiveGroup:
    """Respondents who look from the same side: the round's mean weighs every respondent
    equally, so three raden outweigh one dagelijks bestuur; the groups side by side show
    whether the sides agree."""

    key: str
    label: str
    perspectives: tuple[str, ...]


PERSPECTIVE_GROUPS: tuple[PerspectiveGroup, ...] = (
    PerspectiveGroup("raad", "Raad", (Perspective.RAAD,)),
    PerspectiveGroup(
        "bestuur",
        "Bestuur (AB, DB, college)",
        (Perspective.AB, Perspective.DB, Perspective.COLLEGE),
    ),
    PerspectiveGroup(
        "organisatie",
        "Organisatie (directeur, contramal)",
        (Perspective.DIRECTEUR, Perspective.CONTRAMAL),
    ),
)


def respondent_state(*, submitted: bool, overdue: bool, answered: bool) -> str:
    """A respondent's state in glossary words: Ingediend, Te laat, Bezig, Niet begonnen."""
    if submitted:
        return term("submitted")
    if overdue:
        return term("overdue")
    return term("in_progress") if answered else term("not_started")


# The Gids gives recommendations no titles: documents name one by its code and the start of
# its text.
SHORT_TITLE_LENGTH = 60


def short_title(text: str, limit: int = SHORT_TITLE_LENGTH) -> str:
    """The first sentence of a recommendation, cut at a word (with "…") when it is long."""
    first = " ".join(text.split()).split(". ")[0].rstrip(".")
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"
