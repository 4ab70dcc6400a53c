"""Amounts in euros as Dutch people type and read them: "1.234.567,89", "-12.500", "€ 250.000".

`parse_euro` reads what a form receives; `format_euro` writes what a page, a report or a
Word document shows ("€ 1.234.568": whole euros, a point between thousands). Both follow the
Dutch convention strictly: a point groups thousands, a comma starts the cents. "1234.56" is
refused rather than guessed, because "1.234" means one thousand two hundred and thirty-four.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Largest amount the models store (max_digits=15, decimal_places=2).
MAX_AMOUNT = Decimal("9999999999999.99")

_AMOUNT = re.compile(
    r"""^(?P<sign>[-−]?)\s*(?:€\s*)?(?P<sign2>[-−]?)
    (?P<whole>\d{1,3}(?:\.\d{3})+|\d+)
    (?:,(?P<cents>\d{1,2}))?$""",
    re.VERBOSE,
)

MSG_AMOUNT = (
    "Vul een bedrag in euro's in, bijvoorbeeld 1.234.567,89 of -12.500. Gebruik een punt "
    "tussen duizendtallen en een komma voor centen."
)
MSG_TOO_LARGE = "Dit bedrag is te groot. Kijk of er geen cijfers te veel in staan."


class AmountError(ValueError):
    """The text is not an amount in euros; the message is Dutch and meant for the user."""


def parse_euro(text: str) -> Decimal | None:
    """ "1.234.567,89" -> Decimal("1234567.89"); "" -> None; raises AmountError otherwise."""
    cleaned = text.strip().replace("\u00a0", " ").replace(" ", "")
    if not cleaned:
        return None
    match = _AMOUNT.match(cleaned)
    if match is None or (match["sign"] and match["sign2"]):
        raise AmountError(MSG_AMOUNT)
    digits = match["whole"].replace(".", "") + "." + (match["cents"] or "0")
    try:
        amount = Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits digits only
        raise AmountError(MSG_AMOUNT) from exc
    if match["sign"] or match["sign2"]:
        amount = -amount
    if abs(amount) > MAX_AMOUNT:
        raise AmountError(MSG_TOO_LARGE)
    return amount.quantize(Decimal("0.01"))


def _grouped(whole: int) -> str:
    return f"{whole:,}".replace(",", ".")


def format_euro(amount: Decimal | None, empty: str = "—") -> str:
    """Decimal("1234567.89") -> "€ 1.234.568"; a loss as "€ -12.500"; None -> `empty`."""
    if amount is None:
        return empty
    whole = int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "-" if whole < 0 else ""
    return f"€ {sign}{_grouped(abs(whole))}"


def input_euro(amount: Decimal | None) -> str:
    """The amount as a form shows it for editing: "1.234.567,89", "-12.500"; None -> ""."""
    if amount is None:
        return ""
    quantized = amount.quantize(Decimal("0.01"))
    sign = "-" if quantized < 0 else ""
    whole, _, cents = f"{abs(quantized):f}".partition(".")
    text = f"{sign}{_grouped(int(whole))}"
    return text if cents in ("", "00") else f"{text},{cents}"
