"""The report's chapter "Wettelijk verplicht (Wgr)": the check of the regeling against the
Wgr's own duties (partnerships/wgr.py), apart from the Gids' scores and never mixed into them.

It shows the check as it stands when the report is made (the check belongs to the regeling,
not to a round), with the date it last changed.
"""

from dataclasses import dataclass

from django.utils import timezone

from assessments.presentation import fmt_date
from partnerships.models import Partnership
from partnerships.wgr_services import wgr_check_for


@dataclass(frozen=True)
class WgrRow:
    label: str
    status_label: str  # "Ja", "Nee — ontbreekt", "Nee", "Onbekend"
    article: str  # "—" when none
    note: str
    is_shortfall: bool
    is_unknown: bool
    optional: bool


@dataclass(frozen=True)
class WgrSection:
    summary: str
    rows: list[WgrRow]
    not_applicable: list[str]  # "Label: reason"
    updated_label: str  # "Laatst gewijzigd op 3 december 2026." or "Nog niet ingevuld."
    falls_short: bool


def _status_label(status: str, required: bool) -> str:
    if status == "nee":
        return "Nee — ontbreekt" if required else "Nee"
    return {"ja": "Ja", "onbekend": "Onbekend"}.get(status, status)


def wgr_section(partnership: Partnership) -> WgrSection | None:
    """The chapter for a regeling under the Wgr; None for network cooperation (one query)."""
    check = wgr_check_for(partnership)
    if not check.applies:
        return None
    updated = (
        f"Laatst gewijzigd op {fmt_date(timezone.localtime(check.updated_at).date())}."
        if check.updated_at
        else "Nog niet ingevuld: alle onderdelen staan op ‘onbekend’."
    )
    return WgrSection(
        summary=check.summary,
        rows=[
            WgrRow(
                label=c.label,
                status_label=_status_label(c.status, c.required),
                article=c.article or "—",
                note=c.note,
                is_shortfall=c.is_shortfall,
                is_unknown=c.status == "onbekend",
                optional=not c.required,
            )
            for c in check.clauses
        ],
        not_applicable=[f"{r.label}: {r.reason}" for r in check.not_applicable],
        updated_label=updated,
        falls_short=check.falls_short,
    )
