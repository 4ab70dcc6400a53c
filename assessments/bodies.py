"""The name of the body a respondent answers for, in the words of its own kind of organisation.

A perspective is one code for every participant ("raad", "college"), but a province's raad is
its Provinciale Staten and a water board's is its algemeen bestuur. `perspective_name` gives
that name: the long form for headings and sentences, the short form for tables and lists.
A water board's boards carry the word "waterschap", so that they are never read as the
partnership's own algemeen and dagelijks bestuur.
"""

from assessments.constants import Perspective
from partnerships.constants import OrganisationKind
from partnerships.text import lower_first

# (long, short) per organisation kind; a kind or perspective not listed takes the general
# names below.
_GENERAL: dict[str, tuple[str, str]] = {
    Perspective.RAAD: ("Raad (politiek orgaan)", "Raad"),
    Perspective.COLLEGE: ("College", "College"),
    Perspective.CONTRAMAL: ("Contramal", "Contramal"),
    Perspective.AB: ("Algemeen bestuur", "Algemeen bestuur"),
    Perspective.DB: ("Dagelijks bestuur", "Dagelijks bestuur"),
    Perspective.DIRECTEUR: ("Directeur", "Directeur"),
}

_BY_KIND: dict[str, dict[str, tuple[str, str]]] = {
    OrganisationKind.PROVINCIE: {
        Perspective.RAAD: ("Provinciale Staten", "Provinciale Staten"),
        Perspective.COLLEGE: ("Gedeputeerde Staten", "Gedeputeerde Staten"),
    },
    OrganisationKind.WATERSCHAP: {
        Perspective.RAAD: ("Algemeen bestuur van het waterschap", "AB waterschap"),
        Perspective.COLLEGE: ("Dagelijks bestuur van het waterschap", "DB waterschap"),
    },
}

# Names of bodies that keep their capital inside a sentence or after a name.
_PROPER_NAMES = frozenset({"Provinciale Staten", "Gedeputeerde Staten"})

# "AB waterschap" before "Waterschap Rijnstroom" says "waterschap" twice: the name of the
# organisation takes over that word.
_KIND_WORDS: dict[str, tuple[str, ...]] = {
    OrganisationKind.WATERSCHAP: (" van het waterschap", " waterschap"),
}


def perspective_name(
    perspective: str, organisation_kind: str | None = None, *, short: bool = False
) -> str:
    """ "Provinciale Staten", "Algemeen bestuur van het waterschap" ("AB waterschap" short),
    "Raad (politiek orgaan)" ("Raad" short) for a gemeente or an unknown kind."""
    names = _BY_KIND.get(organisation_kind or "", {}).get(perspective) or _GENERAL.get(perspective)
    if names is None:
        return perspective
    return names[1] if short else names[0]


def perspective_in_text(perspective: str, organisation_kind: str | None = None) -> str:
    """The short name inside a sentence or between brackets: "raad", "Provinciale Staten",
    "AB waterschap"."""
    name = perspective_name(perspective, organisation_kind, short=True)
    if name in _PROPER_NAMES or name[:2].isupper():
        return name
    return lower_first(name)


def body_of(
    perspective: str, organisation_name: str, organisation_kind: str | None, *, short: bool = False
) -> str:
    """The body followed by its organisation: "Provinciale Staten Provincie Zuidland",
    "AB Waterschap Rijnstroom", "Raad Gemeente Aalstad"."""
    name = perspective_name(perspective, organisation_kind, short=short)
    kind_label = OrganisationKind(organisation_kind).label if organisation_kind else ""
    if kind_label and organisation_name.startswith(f"{kind_label} "):
        for word in _KIND_WORDS.get(organisation_kind or "", ()):
            if name.endswith(word):
                joiner = " van " if word.startswith(" van ") else " "
                return f"{name.removesuffix(word)}{joiner}{organisation_name}"
    return f"{name} {organisation_name}"
