"""Strict readers for the codes and numbers that arrive in URLs and query strings.

Codes of the Gids ("A5", "B12", "A5.7") and the pk of an object are all a URL or a query
string carries. Anything else (NUL and other control characters, superscript or full-width
digits that `str.isdigit()` accepts but `int()` refuses, numbers beyond a database integer)
must end as "not found" or "ignored", never reach the database and never become a 500.
"""

import re
import unicodedata

from django.urls import register_converter

# Theme codes are at most 4 characters, recommendation codes at most 8, practical items 20;
# lower case is allowed because the Gids pages redirect "a5" to "A5".
CODE_PATTERN = r"[A-Za-z][A-Za-z0-9.\-]{0,19}"
_CODE = re.compile(CODE_PATTERN)
# ASCII digits only: "²" and "９" are digits to str.isdigit() but not to int() or a database.
# At most 18 of them, so the number always fits the 64-bit key of a BigAutoField.
_ID = re.compile(r"[0-9]{1,18}")


def parse_code(raw: object) -> str | None:
    """A Gids code as given (case kept), or None when it cannot be one."""
    if isinstance(raw, str) and _CODE.fullmatch(raw):
        return raw
    return None


def parse_id(raw: object) -> int | None:
    """A positive object id from a query string, or None when it is not a plain number."""
    if not isinstance(raw, str) or not _ID.fullmatch(raw):
        return None
    value = int(raw)
    return value or None


def clean_query(raw: object, max_length: int) -> str:
    """Free search text: control characters dropped (PostgreSQL refuses NUL in text),
    runs of white space made one space, cut to `max_length`."""
    if not isinstance(raw, str):
        return ""
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in raw)
    return " ".join(text.split())[:max_length]


class CodeConverter:
    """`<code:name>` in a URL: a Gids code, so anything else is a 404 from the resolver."""

    regex = CODE_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


# Registered once, when the first URL module imports this one.
register_converter(CodeConverter, "code")
