"""Text: the one rule for free text that users type or upload (which characters are
refused), and `lower_first` for a label or message that continues a sentence.

Forms (partnerships/form_rules.py), model fields and the CSV importer all use this set, so
a text refused in one place is refused everywhere. Control characters break exports (Excel
files may not hold them, PostgreSQL refuses NUL) and the bidi overrides can make a text
read differently from what it says; tab, newline and carriage return are ordinary text.
"""

from django.core.exceptions import ValidationError

ALLOWED_CONTROL_CHARACTERS = frozenset("\t\n\r")
FORBIDDEN_CHARACTERS = frozenset(
    {chr(code) for code in range(0x20) if chr(code) not in ALLOWED_CONTROL_CHARACTERS}
    | {"\x7f"}
    | {chr(code) for code in range(0x202A, 0x202F)}  # LRE, RLE, PDF, LRO, RLO
    | {chr(code) for code in range(0x2066, 0x206A)}  # LRI, RLI, FSI, PDI
)

MSG_FORBIDDEN_CHARACTER = (
    "De tekst bevat een onzichtbaar teken dat niet is toegestaan (code {code}). Dit gebeurt "
    "vaak bij kopiëren uit een ander programma. Typ de tekst opnieuw of haal het teken weg."
)


def first_forbidden_character(text: str) -> str | None:
    """The first refused character in `text`, or None when the text is fine."""
    if FORBIDDEN_CHARACTERS.isdisjoint(text):
        return None
    return next(c for c in text if c in FORBIDDEN_CHARACTERS)


def character_code(character: str) -> str:
    """How a message names a character: U+000B."""
    return f"U+{ord(character):04X}"


def validate_plain_text(value: object) -> None:
    """Django validator for form and model fields: refuses FORBIDDEN_CHARACTERS."""
    if not isinstance(value, str):
        return
    bad = first_forbidden_character(value)
    if bad is not None:
        raise ValidationError(
            MSG_FORBIDDEN_CHARACTER.format(code=character_code(bad)),
            code="forbidden_character",
        )


def lower_first(text: str) -> str:
    """ "Gemeenschappelijke regeling" as it reads inside a sentence: only the first letter is
    lowered, so "Wgr" and names further on keep their capitals."""
    return text[:1].lower() + text[1:]
