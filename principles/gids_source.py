"""Parse the text of De Gids voor Regionale Samenwerking (2021) into plain data.

Pure functions, no database: ``parse_gids(text)`` turns the PDF extraction in
``fixtures/source/gids-2021.txt`` into dataclasses; ``principles.gids_fixture.fixture_objects()`` turns those into a Django
fixture with natural keys (no pks), written by ``manage.py build_gids_fixture``.

Noise removal (the same rules, documented here, are used by the tests):

1. The stray glyph U+FFFD is removed; a no-break space (U+00A0) becomes a space.
2. A line whose stripped text has 1-5 characters and does not end in ":" or "."
   is layout noise and is dropped: the running title broken into pieces ("De",
   "G", "id", "s", ...), page numbers, section tabs ("A5", "dAh4", "p1>12").
3. Lines are joined with one space, except where a word was split over two
   lines: the first line ends in a letter, "-" or "/" with no trailing space and
   the next text line starts with a lowercase letter ("samen" + "werkingsverband",
   "GR-" + "bepalingen", "hij/" + "zij"); these are joined without a space.
   (In two-line theme titles a split word is only rejoined when the joined word
   occurs elsewhere in the text: "ketensamen" + "werking", not "uitvoering" + "in".)
4. Whitespace is collapsed to single spaces.
5. Words that the PDF extraction glued together are split again, for the known
   cases listed in ``GLUED_WORDS`` only ("enrolvastheid", "opzijn" in the practical
   items of A13.1). The source text file stays as extracted; the repair is made here.

Nothing else is changed: the source's own slips (typos, repeated texts) are kept
and the known ones are described in ``THEME_NOTES``, ``RECOMMENDATION_NOTES`` and
``PART_NOTES``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Who each recommendation addresses: every recommendation has at least one actor. The grammatical
# subject where the text names one; otherwise who the Gids' "Wie doet wat" makes responsible.
# The table lives in gids_actors.py (it is long) and is re-exported here.
from .gids_actors import RECOMMENDATION_ACTORS as RECOMMENDATION_ACTORS

FRAMEWORK = {
    "slug": "gids-2021",
    "title": "De Gids voor Regionale Samenwerking",
    "version": "1.0",
    "year": 2021,
    "publisher": "KokxDeVoogd en Dirkzwager legal & tax",
    "is_current": True,
}

PART_A_THEMES = 14
PART_B_THEMES = 15

# Where the normative text of each section begins and ends (stripped line starts).
PART_A_INTRO_START = "Deel A van de Gids is geschreven"
PART_A_INTRO_END = "Deel B van de Gids gaat over netwerksamenwerking"
PART_B_INTRO_START = "Introductie"
PART_B_INTRO_END = "Principes"
ACTORS_START = "Wie doet wat bij samenwerking?"
ACTORS_END = "Samenwerkingsvorm en -filosofie van invloed"
GLOSSARY_START = "De wijze waarop de individuele"  # first line of the Begrippenlijst

# The actors of "Wie doet wat bij samenwerking?": code and the start of their heading.
ACTOR_HEADINGS: tuple[tuple[str, str], ...] = (
    ("politiek-orgaan", "Het politieke orgaan (Gemeenteraad"),
    ("college", "Het College (Burgemeester en Wethouders"),
    ("bestuurder", "De bestuurder (lid van Burgemeester"),
    ("management", "Het management van de gemeente"),
    ("ambtenaar", "De ambtenaar van de deelnemer"),
    ("griffier", "De griffier/ directeur-secretaris"),
    ("algemeen-bestuur", "Het Algemeen Bestuur van het samenwerkingsverband"),
    ("dagelijks-bestuur", "Het Dagelijks Bestuur van het samenwerkingsverband"),
    ("commissie", "De (bestuurs- of advies-) commissie"),
    ("voorzitter", "De voorzitter van het samenwerkingsverband"),
    ("portefeuillehouder", "De portefeuillehouder van het samenwerkingsverband"),
    ("directeur", "De directeur van de samenwerkingsorganisatie"),
)

# Which recommendations and practical items apply to which kind of partnership (the AB/DB
# split of a bedrijfsvoeringsorganisatie among them) is decided by the rules table in
# partnerships/applicability_rules.py, not by the framework content.

THEME_NOTES: dict[str, str] = {
    "B9": (
        "De titel herhaalt in de Gids die van B8 (Regie bij meerdere "
        "samenwerkingsverbanden); het principe en de aanbeveling gaan over financiële "
        "afspraken, zoals A9 (Financiële spelregels voor samenwerking)."
    ),
    "B11": (
        "De principetekst herhaalt in de Gids letterlijk die van B10 (de contramal van de "
        "individuele deelnemer); de titel en de aanbevelingen gaan over de ambtelijke "
        "ondersteuning van de gezamenlijke deelnemers, zoals A11."
    ),
}

RECOMMENDATION_NOTES: dict[str, str] = {
    "A4.5": (
        "Aanbeveling 6 heeft in de Gids dezelfde tekst als deze aanbeveling; de praktische "
        "uitwerking van aanbeveling 6 gaat over integriteit."
    ),
    "A4.6": (
        "De tekst herhaalt in de Gids die van aanbeveling 5 (conflicten); de praktische "
        "uitwerking gaat over integriteit en (de schijn van) belangenverstrengeling."
    ),
    "A7.7": (
        "Vrijwel gelijk aan A8.6: dezelfde aanbevelingstekst, de praktische uitwerking "
        "verschilt alleen in details."
    ),
    "A8.6": (
        "Vrijwel gelijk aan A7.7: dezelfde aanbevelingstekst, de praktische uitwerking "
        "verschilt alleen in details."
    ),
}

PART_NOTES: dict[str, str] = {
    "A": (
        "De inleiding noemt de principes 3 en 4 voor de rollen van AB en DB; dat gaat in de "
        "Gids over thema 4 (Rolneming) en 5 (Professioneel bestuur)."
    ),
    "B": (
        "De inleiding noemt 'De eerste negen thema's (15 t/m 26)'; het zijn er twaalf "
        "(B1-B12, thema 15 t/m 26)."
    ),
}

# Rule 5: (glued, mended) pairs in the joined text. The PDF extraction dropped the space
# between these words; fixtures/source/gids-2021.txt keeps them as extracted.
GLUED_WORDS: tuple[tuple[str, str], ...] = (
    ("rolduidelijkheid enrolvastheid", "rolduidelijkheid en rolvastheid"),
    ("opzijn eigen merites", "op zijn eigen merites"),
)

_MARKER_RE = re.compile(r"^(Principe|Aandachtspunt)\s*$")
_REC_RE = re.compile(r"^Aanbeveling\s*///\s*(\d*)\s*$")
_REFERS_RE = re.compile(r"Zie deel A, hoofdstuk (\d+)")
_PRACTICAL = "Praktische uitwerking"
_BULLET_RE = re.compile(r"^\s*•\s*")
_CHILD_RE = re.compile(r"^\s+-\s+")
_INTRO_RE = re.compile(r"^(Dit principe|Dit thema)\b")


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class ItemSource:
    code: str
    text: str
    children: tuple[ItemSource, ...] = ()


@dataclass(frozen=True)
class RecommendationSource:
    code: str
    number: int
    text: str
    lead_in: str = ""
    items: tuple[ItemSource, ...] = ()
    refers_to: str | None = None
    actors: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class ThemeSource:
    part: str
    code: str
    number: int
    kind: str
    title: str
    statement: str
    introduction: str = ""
    note: str = ""
    recommendations: tuple[RecommendationSource, ...] = ()


@dataclass(frozen=True)
class PartSource:
    code: str
    title: str
    introduction: str
    note: str = ""


@dataclass(frozen=True)
class ActorSource:
    code: str
    name: str
    order: int
    responsibilities: tuple[str, ...]


@dataclass(frozen=True)
class GidsSource:
    parts: tuple[PartSource, ...]
    themes: tuple[ThemeSource, ...]
    actors: tuple[ActorSource, ...]
    framework: dict[str, object] = field(default_factory=lambda: dict(FRAMEWORK))


class GidsParseError(ValueError):
    """The text does not have the structure the parser expects."""


# ------------------------------------------------------------------- text cleaning


def normalise_glyphs(line: str) -> str:
    """Rule 1: drop U+FFFD, turn no-break spaces into spaces."""
    return line.replace("\ufffd", "").replace("\xa0", " ")


def is_noise_line(line: str) -> bool:
    """Rule 2: a short fragment of the running title, a page number or a tab."""
    stripped = line.strip()
    return 0 < len(stripped) <= 5 and not stripped.endswith((":", "."))


def clean_lines(text: str) -> list[str]:
    """The source split into lines with rules 1 and 2 applied (blank lines kept)."""
    lines = [normalise_glyphs(line) for line in text.splitlines()]
    return ["" if is_noise_line(line) else line for line in lines]


def _ends_in_split_word(line: str) -> bool:
    return bool(line) and not line[-1].isspace() and bool(re.search(r"[^\W\d_]$|[-/]$", line))


def join_lines(lines: Iterable[str]) -> str:
    """Rules 3, 4 and 5: join lines into one whitespace-normalised string."""
    out = ""
    previous = ""
    for line in lines:
        if not line.strip():
            continue
        stripped = line.strip()
        if not out:
            out = stripped
        elif _ends_in_split_word(previous) and stripped[0].islower():
            out += stripped
        else:
            out += " " + stripped
        previous = line.rstrip("\r\n")
    return mend_glued_words(re.sub(r"\s+", " ", out).strip())


def mend_glued_words(text: str) -> str:
    """Rule 5: split the known words that the PDF extraction glued together."""
    for glued, mended in GLUED_WORDS:
        text = text.replace(glued, mended)
    return text


def normalise_text(text: str) -> str:
    """The whole text with every noise rule applied, as one line (for checks)."""
    return join_lines(clean_lines(text))


def _paragraphs(lines: Sequence[str]) -> list[str]:
    """Blank-line separated paragraphs, each joined."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [join_lines(p) for p in paragraphs if p]


# ------------------------------------------------------------------------ parsing


def _find(lines: Sequence[str], start: str, begin: int = 0, exact: bool = False) -> int:
    for index in range(begin, len(lines)):
        stripped = lines[index].strip()
        if (stripped == start) if exact else stripped.startswith(start):
            return index
    raise GidsParseError(f"Regel niet gevonden: {start!r}")


def _title_block(lines: Sequence[str], marker: int) -> tuple[int, list[str]]:
    """The theme title: the text lines just above the Principe/Aandachtspunt marker."""
    index = marker - 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    block: list[int] = []
    while index >= 0 and lines[index].strip():
        block.append(index)
        if lines[index].startswith(" "):  # a title opens a new page
            break
        index -= 1
    block.reverse()
    if not block:
        raise GidsParseError(f"Geen titel boven regel {marker + 1}")
    return block[0], [lines[i] for i in block]


def _join_title(title_lines: Sequence[str], vocabulary: str) -> str:
    """Join title lines; a split word is rejoined only if the whole word occurs elsewhere."""
    out = ""
    previous = ""
    for line in title_lines:
        stripped = line.strip()
        if not out:
            out = stripped
        else:
            joined = out.split(" ")[-1] + re.split(r"[\s,]", stripped, maxsplit=1)[0]
            split_word = _ends_in_split_word(previous) and stripped[0].islower()
            if split_word and re.search(rf"\b{re.escape(joined)}\b", vocabulary):
                out += stripped
            else:
                out += " " + stripped
        previous = line.rstrip("\r\n")
    return re.sub(r"\s+", " ", out).strip()


def _parse_practical(code: str, lines: Sequence[str]) -> tuple[str, tuple[ItemSource, ...]]:
    """Lead-in text and the bullets ("•", with "-" sub-bullets) of one recommendation."""
    lead: list[str] = []
    tops: list[tuple[list[str], list[list[str]]]] = []
    for line in lines:
        if not line.strip():
            continue
        if _BULLET_RE.match(line):
            tops.append(([_BULLET_RE.sub("", line)], []))
        elif tops and _CHILD_RE.match(line):
            tops[-1][1].append([_CHILD_RE.sub("", line)])
        elif tops:
            children = tops[-1][1]
            (children[-1] if children else tops[-1][0]).append(line)
        else:
            lead.append(line)
    items = []
    for number, (text_lines, children) in enumerate(tops, start=1):
        item_code = f"{code}-{number}"
        kids = tuple(
            ItemSource(f"{item_code}.{n}", join_lines(child)) for n, child in enumerate(children, 1)
        )
        items.append(ItemSource(item_code, join_lines(text_lines), kids))
    return join_lines(lead), tuple(items)


def _parse_theme_body(
    theme_code: str, lines: Sequence[str]
) -> tuple[str, str, tuple[RecommendationSource, ...]]:
    """Statement, introduction and recommendations of one theme (lines after the marker)."""
    rec_starts = [i for i, line in enumerate(lines) if _REC_RE.match(line.strip())]
    if not rec_starts:
        raise GidsParseError(f"{theme_code}: geen aanbevelingen gevonden")
    head = list(lines[: rec_starts[0]])
    if not head or not head[0].lstrip().startswith("///"):
        raise GidsParseError(f"{theme_code}: principetekst begint niet met ///")
    head[0] = head[0].replace("///", "", 1)
    split = next((i for i, line in enumerate(head) if _INTRO_RE.match(line.strip())), len(head))
    statement = join_lines(head[:split])
    introduction = join_lines(head[split:])

    recommendations = []
    for position, start in enumerate(rec_starts):
        end = rec_starts[position + 1] if position + 1 < len(rec_starts) else len(lines)
        # rec_starts holds only lines that match.
        number_text = _REC_RE.match(lines[start].strip()).group(1)  # type: ignore[union-attr]
        number = int(number_text) if number_text else position + 1
        code = f"{theme_code}.{number}"
        body = lines[start + 1 : end]
        practical = next((i for i, line in enumerate(body) if line.strip() == _PRACTICAL), None)
        text_lines = body if practical is None else body[:practical]
        text = join_lines(text_lines)
        lead_in, items = (
            ("", ()) if practical is None else _parse_practical(code, body[practical + 1 :])
        )
        refers = _REFERS_RE.search(text)
        recommendations.append(
            RecommendationSource(
                code=code,
                number=number,
                text=text,
                lead_in=lead_in,
                items=items,
                refers_to=f"A{refers.group(1)}" if refers and theme_code.startswith("B") else None,
                actors=RECOMMENDATION_ACTORS.get(code, ()),
                note=RECOMMENDATION_NOTES.get(code, ""),
            )
        )
    return statement, introduction, tuple(recommendations)


def _parse_actors(lines: Sequence[str]) -> tuple[ActorSource, ...]:
    start = _find(lines, ACTORS_START)
    end = _find(lines, ACTORS_END, start)
    section = lines[start:end]
    heads = []
    for code, heading in ACTOR_HEADINGS:
        heads.append((code, _find(section, heading)))
    actors = []
    for order, (code, head) in enumerate(heads, start=1):
        stop = heads[order][1] if order < len(heads) else len(section)
        block = section[head:stop]
        first_bullet = next(i for i, line in enumerate(block) if _BULLET_RE.match(line))
        name = join_lines(block[:first_bullet])
        bullets: list[list[str]] = []
        for line in block[first_bullet:]:
            if _BULLET_RE.match(line):
                bullets.append([_BULLET_RE.sub("", line)])
            elif line.strip():
                bullets[-1].append(line)
        actors.append(ActorSource(code, name, order, tuple(join_lines(b) for b in bullets)))
    return tuple(actors)


def parse_gids(text: str) -> GidsSource:
    """The whole Gids: parts, 29 themes with recommendations and items, actors."""
    lines = clean_lines(text)
    vocabulary = normalise_glyphs(text)
    part_b_start = _find(lines, "Deel B", exact=True)
    glossary = _find(lines, GLOSSARY_START, part_b_start)
    markers = [
        i
        for i in range(len(lines) - 1)
        if _MARKER_RE.match(lines[i].strip()) and lines[i + 1].lstrip().startswith("///")
    ]
    markers_a = [m for m in markers if m < part_b_start]
    markers_b = [m for m in markers if part_b_start < m < glossary]
    if len(markers_a) != PART_A_THEMES or len(markers_b) != PART_B_THEMES:
        raise GidsParseError(
            f"{len(markers_a)} thema's in deel A en {len(markers_b)} in deel B gevonden"
        )

    titles = [_title_block(lines, m) for m in markers]
    themes: list[ThemeSource] = []
    for index, marker in enumerate(markers):
        in_a = index < PART_A_THEMES
        part = "A" if in_a else "B"
        local = index + 1 if in_a else index + 1 - PART_A_THEMES
        code = f"{part}{local}"
        if index + 1 < len(markers) and index + 1 != PART_A_THEMES:
            end = titles[index + 1][0]
        else:
            end = part_b_start if in_a else glossary
        statement, introduction, recommendations = _parse_theme_body(code, lines[marker + 1 : end])
        themes.append(
            ThemeSource(
                part=part,
                code=code,
                number=index + 1,
                kind="principe" if lines[marker].strip() == "Principe" else "aandachtspunt",
                title=_join_title(titles[index][1], vocabulary),
                statement=statement,
                introduction=introduction,
                note=THEME_NOTES.get(code, ""),
                recommendations=recommendations,
            )
        )

    a_title_start = _find(lines, "Deel A", exact=True)
    a_title_end = next(i for i in range(a_title_start + 1, len(lines)) if not lines[i].strip())
    a_intro_start = _find(lines, PART_A_INTRO_START)
    a_intro_end = _find(lines, PART_A_INTRO_END, a_intro_start)
    b_intro_start = _find(lines, PART_B_INTRO_START, part_b_start, exact=True)
    b_intro_end = _find(lines, PART_B_INTRO_END, b_intro_start, exact=True)
    parts = (
        PartSource(
            "A",
            join_lines(lines[a_title_start + 1 : a_title_end]),
            "\n\n".join(_paragraphs(lines[a_intro_start:a_intro_end])),
            PART_NOTES.get("A", ""),
        ),
        PartSource(
            "B",
            lines[part_b_start + 1].strip(),
            "\n\n".join(_paragraphs(lines[b_intro_start + 1 : b_intro_end])),
            PART_NOTES.get("B", ""),
        ),
    )
    return GidsSource(parts=parts, themes=tuple(themes), actors=_parse_actors(lines))
