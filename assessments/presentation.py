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

from assessments import scoring
from assessments.bodies import body_of, perspective_in_text, perspective_name
from assessments.constants import (
    PARTICIPANT_PERSPECTIVES,
    PARTNERSHIP_PERSPECTIVES,
    SCALE_MAX,
    Perspective,
    Score,
    Special,
)

# The shared words live in assessments/glossary.py; re-exported for the callers of `presentation`.
from assessments.glossary import GLOSSARY as GLOSSARY
from assessments.glossary import GLOSSARY_SECTIONS as GLOSSARY_SECTIONS
from assessments.glossary import Term as Term
from assessments.glossary import term as term
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
SHORT_PERSPECTIVES: dict[str, str] = {p: perspective_name(p, short=True) for p in Perspective}


# The order of the perspectives in counts: as the choices list them.
PERSPECTIVE_INDEX: dict[str, int] = {p: n for n, p in enumerate(Perspective.values)}


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
    participation = assessment.participation
    if participation is not None:
        organisation = participation.organisation
        return body_of(assessment.perspective, organisation.name, organisation.kind, short=True)
    return perspective_name(assessment.perspective, short=True)


def perspective_counts(assessments: Iterable[Assessment]) -> str:
    """ "Raad 18 · College 17 · Contramal 17 · Directeur 1", in the order of the perspectives;
    a province's raad counts apart as "Provinciale Staten 1"."""
    counts = Counter(
        a.body_name(short=True)
        for a in sorted(assessments, key=lambda a: PERSPECTIVE_INDEX.get(a.perspective, 99))
    )
    return " · ".join(f"{name} {n}" for name, n in counts.items())


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
    return respondent_name(organisation, assessment.body_name())


def heat_row_label(assessment: Assessment) -> str:
    """ "Aalstad (raad)", "Zuidland (Provinciale Staten)", "Dagelijks bestuur": the row heading
    of a heat table."""
    participation = assessment.participation
    if participation is None:
        return perspective_name(assessment.perspective)
    organisation = participation.organisation
    name = organisation.name
    for prefix in _ORGANISATION_PREFIXES:
        name = name.removeprefix(prefix)
    return f"{name} ({perspective_in_text(assessment.perspective, organisation.kind)})"


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
