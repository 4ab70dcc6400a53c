"""Reading and checking a partnerships CSV (DESIGN.md "CSV import") without touching the
database: every problem named by its line (1 = the header) and its column, in Dutch.

    rows = parse(data)   # bytes of the file; raises ImportFailed with every problem
"""

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .constants import LegalForm, NetworkVariant, NetworkWeight, Philosophy
from .rules import is_part_b_form, is_wgr_form
from .text import first_forbidden_character

NETWORK = "netwerk"
FORMS = {
    "openbaar lichaam": LegalForm.OPENBAAR_LICHAAM,
    "bedrijfsvoeringsorganisatie": LegalForm.BEDRIJFSVOERINGSORGANISATIE,
    "centrumregeling": LegalForm.CENTRUMREGELING,
    "gemeenschappelijk orgaan": LegalForm.GEMEENSCHAPPELIJK_ORGAAN,
    "regeling zonder meer": LegalForm.REGELING_ZONDER_MEER,
    NETWORK: NETWORK,
}
VARIANTS = {
    "triple helix": NetworkVariant.TRIPLE_HELIX,
    "keten": NetworkVariant.KETEN,
}
# Files from before B13 followed from the participants name this variant; it is still
# accepted, and sets nothing.
IGNORED_VARIANTS = ("provincie",)
WEIGHTS = {"licht": NetworkWeight.LICHT, "zwaar": NetworkWeight.ZWAAR}
PHILOSOPHIES = {
    "opdragen": Philosophy.OPDRAGEN,
    "overdragen": Philosophy.OVERDRAGEN,
    "co-creatie": Philosophy.CO_CREATIE,
}
YES_NO = {"ja": True, "nee": False, "": False}
# The network facts of a Wgr form are fixed (heavy, with powers), so these columns name
# the forms where they can be filled in.
PART_B_COLUMN_FORMS = "'netwerk' en 'gemeenschappelijk orgaan'"

REQUIRED_COLUMNS = ("naam", "vorm", "deelnemers")
OPTIONAL_COLUMNS = (
    "netwerkvariant",
    "centrum",
    "filosofie",
    "beleidsterrein",
    "wettelijk_verplicht",
    "zwaarte",
    "raad_bevoegdheden",
)
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
MAX_NAME = 200
# One upload is one request in one transaction: more rows than this would outlast the time a
# proxy waits (a minute), and the user would see an error while the import still commits.
# The command (manage.py import_partnerships) has no proxy in front and takes any size.
MAX_IMPORT_ROWS = 1000


def _choices(options: Mapping[str, object]) -> str:
    return ", ".join(f"'{key}'" for key in options if key)


@dataclass(frozen=True)
class ImportProblem:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Regel {self.line}, kolom {self.column}: {self.message}"


class ImportFailed(Exception):
    """The file was refused; nothing was saved."""

    def __init__(self, errors: list[ImportProblem]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class Row:
    line: int
    name: str
    form: str  # a LegalForm value, or NETWORK
    variants: tuple[str, ...]  # NetworkVariant values
    participants: list[str]
    centre: str
    philosophy: str
    domain: str
    statutory: bool
    weight: str  # a NetworkWeight value
    council_powers: bool


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        text_before = data[line_start : exc.start].decode("utf-8", errors="replace")
        header = data.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
        raise ImportFailed(
            [
                ImportProblem(
                    line,
                    _column_at(header, line, text_before),
                    f"het bestand is geen UTF-8-tekst (teken {exc.start + 1} is ongeldig). "
                    "Sla het bestand op als 'CSV UTF-8' en probeer het opnieuw.",
                )
            ]
        ) from None


def _check_characters(text: str) -> None:
    """A NUL or other control character cannot be stored (PostgreSQL refuses NUL)."""
    lines = text.split("\n")
    for line_number, line in enumerate(lines, start=1):
        bad = first_forbidden_character(line)
        if bad is not None:
            raise ImportFailed(
                [
                    ImportProblem(
                        line_number,
                        _column_at(lines[0], line_number, line[: line.index(bad)]),
                        f"de regel bevat een ongeldig teken (code {ord(bad)}). Sla het bestand "
                        "opnieuw op als CSV en probeer het nog eens.",
                    )
                ]
            )


def _column_at(header: str, line: int, text_before: str) -> str:
    """The column a problem at the end of `text_before` (its line up to there) falls in: the
    header's name for it, or its number on the header line itself or beyond the header."""
    delimiter = _delimiter(header)
    names = [h.strip().lower() for h in header.split(delimiter)]
    index = text_before.count(delimiter)
    return names[index] if line > 1 and index < len(names) else str(index + 1)


def _delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def _read(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data rows with their line numbers (blank lines skipped)."""
    if not text.strip():
        raise ImportFailed(
            [
                ImportProblem(
                    1,
                    REQUIRED_COLUMNS[0],
                    "het bestand is leeg. De eerste regel moet de kolomnamen bevatten: "
                    + ", ".join(ALL_COLUMNS)
                    + ".",
                )
            ]
        )
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        for values in reader:
            if header is None:
                header = [v.strip().lower() for v in values]
                continue
            if not any(v.strip() for v in values):
                continue
            rows.append((reader.line_num, values))
    except csv.Error as exc:
        raise ImportFailed(
            [ImportProblem(reader.line_num, "—", f"de regel is geen geldige CSV ({exc}).")]
        ) from None
    return header or [], rows


def _check_header(header: list[str]) -> list[ImportProblem]:
    errors = []
    for index, name in enumerate(header, start=1):
        if name not in ALL_COLUMNS:
            errors.append(
                ImportProblem(
                    1,
                    name or str(index),
                    f"onbekende kolom '{name}'. Toegestaan zijn: " + ", ".join(ALL_COLUMNS) + ".",
                )
            )
        elif header.index(name) != index - 1:
            errors.append(ImportProblem(1, name, "deze kolom staat twee keer in de kopregel."))
    for name in REQUIRED_COLUMNS:
        if name not in header:
            errors.append(
                ImportProblem(1, name, f"de verplichte kolom '{name}' ontbreekt in de kopregel.")
            )
    return errors


def _parse_row(line: int, values: dict[str, str], errors: list[ImportProblem]) -> Row | None:
    def error(column: str, message: str) -> None:
        errors.append(ImportProblem(line, column, message))

    count = len(errors)
    name = values.get("naam", "")
    if not name:
        error("naam", "vul de naam van het samenwerkingsverband in.")
    elif len(name) > MAX_NAME:
        error("naam", f"de naam is langer dan {MAX_NAME} tekens.")

    raw_form = " ".join(values.get("vorm", "").lower().replace("_", " ").split())
    form = FORMS.get(raw_form, "")
    if not raw_form:
        error("vorm", f"vul de vorm in: {_choices(FORMS)}.")
    elif not form:
        error("vorm", f"onbekende vorm '{values['vorm']}'. Kies uit {_choices(FORMS)}.")

    # The rules know legal forms; any network form stands for 'netwerk' (they share them).
    rules_form = LegalForm.CONVENANT if form == NETWORK else form

    before_variants = len(errors)
    variants = _parse_variants(values.get("netwerkvariant", ""), error)
    if (
        len(errors) == before_variants
        and values.get("netwerkvariant", "").strip(" |")
        and form
        and is_wgr_form(rules_form)
    ):
        error(
            "netwerkvariant",
            "een netwerkvariant hoort alleen bij de vorm 'netwerk', niet bij een "
            "gemeenschappelijke regeling. Laat de kolom leeg of kies de vorm 'netwerk'.",
        )

    raw_weight = values.get("zwaarte", "").lower()
    if raw_weight and raw_weight not in WEIGHTS:
        error(
            "zwaarte",
            f"onbekende zwaarte '{values['zwaarte']}'. Kies uit {_choices(WEIGHTS)} of laat leeg.",
        )
    elif raw_weight and form and not is_part_b_form(rules_form):
        error(
            "zwaarte",
            f"de zwaarte hoort alleen bij de vormen {PART_B_COLUMN_FORMS}; een andere "
            "gemeenschappelijke regeling is altijd een zware vorm. Laat de kolom leeg.",
        )

    raw_powers = values.get("raad_bevoegdheden", "").lower()
    if raw_powers not in YES_NO:
        error("raad_bevoegdheden", "vul 'ja' of 'nee' in, of laat leeg.")
    elif raw_powers and form and not is_part_b_form(rules_form):
        error(
            "raad_bevoegdheden",
            f"deze kolom hoort alleen bij de vormen {PART_B_COLUMN_FORMS}; bij een andere "
            "gemeenschappelijke regeling hebben de politieke organen altijd bevoegdheden. "
            "Laat de kolom leeg.",
        )

    participants: list[str] = []
    for part in values.get("deelnemers", "").split("|"):
        participant = " ".join(part.split())
        if not participant:
            continue
        if participant.lower() in (p.lower() for p in participants):
            error("deelnemers", f"'{participant}' staat twee keer in de lijst met deelnemers.")
        elif len(participant) > MAX_NAME:
            error("deelnemers", f"de naam '{participant[:40]}…' is langer dan {MAX_NAME} tekens.")
        else:
            participants.append(participant)
    if not participants and not values.get("deelnemers", "").strip():
        error(
            "deelnemers",
            "vul de deelnemers in, gescheiden door een verticale streep, bijvoorbeeld "
            "'Gemeente Aalstad|Gemeente Beekdorp'.",
        )

    centre = " ".join(values.get("centrum", "").split())
    if form == LegalForm.CENTRUMREGELING:
        if not centre:
            error("centrum", "een centrumregeling heeft een centrum: vul een van de deelnemers in.")
        elif centre.lower() not in (p.lower() for p in participants):
            error(
                "centrum",
                f"het centrum '{centre}' staat niet in de kolom deelnemers. "
                "Het centrum moet een van de deelnemers zijn.",
            )
        else:
            centre = next(p for p in participants if p.lower() == centre.lower())
    elif centre and form:
        error(
            "centrum",
            "alleen een centrumregeling heeft een centrum. Laat de kolom leeg of kies de "
            "vorm 'centrumregeling'.",
        )

    raw_philosophy = values.get("filosofie", "").lower().replace("_", "-")
    philosophy = PHILOSOPHIES.get(raw_philosophy, "")
    if raw_philosophy and not philosophy:
        error(
            "filosofie",
            f"onbekende filosofie '{values['filosofie']}'. "
            f"Kies uit {_choices(PHILOSOPHIES)} of laat leeg.",
        )

    domain = values.get("beleidsterrein", "")
    if len(domain) > MAX_NAME:
        error("beleidsterrein", f"het beleidsterrein is langer dan {MAX_NAME} tekens.")

    raw_statutory = values.get("wettelijk_verplicht", "").lower()
    if raw_statutory not in YES_NO:
        error("wettelijk_verplicht", "vul 'ja' of 'nee' in, of laat leeg.")

    if len(errors) > count:
        return None
    return Row(
        line=line,
        name=name,
        form=form,
        variants=variants,
        participants=participants,
        centre=centre,
        philosophy=philosophy,
        domain=domain,
        statutory=YES_NO[raw_statutory],
        weight=WEIGHTS.get(raw_weight, NetworkWeight.ZWAAR),
        council_powers=raw_powers != "nee",  # empty means the political bodies have powers
    )


def _parse_variants(raw: str, error: Callable[[str, str], None]) -> tuple[str, ...]:
    """'triple helix|keten' -> the NetworkVariant values, in a fixed order; unknown ones are
    reported, 'provincie' is skipped."""
    found: set[str] = set()
    for part in raw.split("|"):
        value = " ".join(part.lower().replace("_", " ").split())
        if not value or value in IGNORED_VARIANTS:
            continue
        if value not in VARIANTS:
            error(
                "netwerkvariant",
                f"onbekende netwerkvariant '{part.strip()}'. Kies uit {_choices(VARIANTS)} "
                "(meerdere gescheiden door een verticale streep) of laat leeg.",
            )
            continue
        found.add(VARIANTS[value])
    return tuple(v for v in VARIANTS.values() if v in found)


def thousands(number: int) -> str:
    """2000 -> "2.000", as Dutch writes numbers."""
    return f"{number:_}".replace("_", ".")


def parse(data: bytes, max_rows: int | None = None) -> list[Row]:
    """Read and check the file without touching the database; raises ImportFailed."""
    text = _decode(data)
    _check_characters(text)
    header, raw_rows = _read(text)
    errors = _check_header(header)
    if errors:
        raise ImportFailed(errors)
    if max_rows is not None and len(raw_rows) > max_rows:
        raise ImportFailed(
            [
                ImportProblem(
                    raw_rows[max_rows][0],
                    REQUIRED_COLUMNS[0],
                    f"het bestand bevat {thousands(len(raw_rows))} samenwerkingsverbanden; in "
                    f"één keer kunnen er hoogstens {thousands(max_rows)} worden geïmporteerd. "
                    "Verdeel het bestand in delen (elk met de kopregel) en importeer die na "
                    "elkaar. Er is niets opgeslagen.",
                )
            ]
        )
    if not raw_rows:
        raise ImportFailed(
            [
                ImportProblem(
                    2, REQUIRED_COLUMNS[0], "het bestand bevat geen samenwerkingsverbanden."
                )
            ]
        )
    rows: list[Row] = []
    first_line_of: dict[str, int] = {}
    for line, values in raw_rows:
        if len(values) != len(header):
            errors.append(
                ImportProblem(
                    line,
                    header[min(len(values), len(header)) - 1] if values else header[0],
                    f"deze regel heeft {len(values)} kolommen, de kopregel {len(header)}. "
                    "Staat er een scheidingsteken te veel of te weinig?",
                )
            )
            continue
        row = _parse_row(line, {h: v.strip() for h, v in zip(header, values, strict=True)}, errors)
        if row is None:
            continue
        key = row.name.lower()
        if key in first_line_of:
            errors.append(
                ImportProblem(
                    line,
                    "naam",
                    f"'{row.name}' staat ook op regel {first_line_of[key]}. Elke naam komt "
                    "één keer voor.",
                )
            )
            continue
        first_line_of[key] = line
        rows.append(row)
    if errors:
        raise ImportFailed(errors)
    return rows
