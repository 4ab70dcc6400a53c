"""The check of a regeling against the Wgr's own duties (since 1 July 2022), apart from the
Gids: which clauses a legal form must have, with the reason, and what the regeling says.

What the law asks (DOMAIN.md, "Wgr since 1 July 2022"):

* every regeling: arrangements on evaluation, on how inhabitants and stakeholders take
  part, and the conditions for leaving and their consequences (art. 9 lid 1 Wgr);
* a regeling with a bestuur of its own (openbaar lichaam, bedrijfsvoeringsorganisatie,
  gemeenschappelijk orgaan): the decisions of that bestuur on which the raden give a
  zienswijze, and how the bestuur informs the raden. A centrumregeling and a regeling
  zonder meer have no bestuur of their own, so neither applies there;
* an openbaar lichaam may have a gemeenschappelijke adviescommissie of council members. The
  law allows it, it does not require it: "nee" there is no shortfall.

Network cooperation (convenant, overeenkomst, afsprakenset) is not under the Wgr: the check
does not apply. The result is never mixed into the Gids' score.

Pure rules here; the rows are ``WgrClause`` (no row: ``onbekend``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .constants import WGR_FORMS, CheckStatus, LegalForm, WgrClauseCode

if TYPE_CHECKING:
    from .models_year import WgrClause

# The forms with a bestuur of their own (the GR-bestuur takes decisions and informs the raden).
FORMS_WITH_OWN_BESTUUR = (
    LegalForm.OPENBAAR_LICHAAM,
    LegalForm.BEDRIJFSVOERINGSORGANISATIE,
    LegalForm.GEMEENSCHAPPELIJK_ORGAAN,
)

REASON_EVERY_REGELING = "De Wgr vraagt dit sinds 1 juli 2022 van elke gemeenschappelijke regeling."
REASON_UITTREDING = (
    "Elke regeling noemt sinds 1 juli 2022 de voorwaarden voor uittreding en de gevolgen "
    "ervan (art. 9 lid 1 Wgr)."
)
REASON_OWN_BESTUUR = "Deze regeling heeft een eigen bestuur; de Wgr vraagt dit dan."
REASON_NO_OWN_BESTUUR = (
    "Geldt niet: een {form} heeft geen eigen bestuur dat besluiten neemt of de raden informeert."
)
REASON_ADVIESCOMMISSIE = (
    "Mag, maar hoeft niet: alleen een openbaar lichaam kan een gemeenschappelijke "
    "adviescommissie van raadsleden hebben. ‘Nee’ is hier geen tekort."
)
REASON_NO_ADVIESCOMMISSIE = (
    "Geldt niet: alleen een openbaar lichaam kan een adviescommissie hebben."
)
NOT_UNDER_WGR = (
    "Netwerksamenwerking valt niet onder de Wgr. De wettelijke toets van de regeling geldt "
    "hier niet."
)


@dataclass(frozen=True)
class ClauseRule:
    """Whether a clause applies to a legal form, whether the law requires it, and why."""

    code: str  # a WgrClauseCode value
    applies: bool
    required: bool
    reason: str

    @property
    def label(self) -> str:
        return str(WgrClauseCode(self.code).label)


@dataclass(frozen=True)
class ClauseResult:
    """One applicable clause with what the regeling says about it."""

    code: str
    label: str
    required: bool
    reason: str
    status: str  # a CheckStatus value
    article: str
    note: str

    @property
    def status_label(self) -> str:
        return str(CheckStatus(self.status).label)

    @property
    def is_shortfall(self) -> bool:
        return self.required and self.status == CheckStatus.NEE

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "status": self.status,
            "article": self.article or None,
        }


@dataclass(frozen=True)
class WgrCheck:
    """The finished check of one partnership: applicable clauses in the law's order, the
    clauses that do not apply (with the reason), and the summary figures."""

    partnership_id: int
    partnership_name: str
    applies: bool  # False for network cooperation
    clauses: list[ClauseResult] = field(default_factory=list)
    not_applicable: list[ClauseRule] = field(default_factory=list)
    updated_at: datetime.datetime | None = None

    @property
    def shortfalls(self) -> list[ClauseResult]:
        return [c for c in self.clauses if c.is_shortfall]

    @property
    def falls_short(self) -> bool:
        """A clause the law requires is missing from the regeling."""
        return bool(self.shortfalls)

    @property
    def unknown_count(self) -> int:
        return sum(1 for c in self.clauses if c.required and c.status == CheckStatus.ONBEKEND)

    @property
    def is_complete(self) -> bool:
        return self.applies and not self.falls_short and self.unknown_count == 0

    @property
    def summary(self) -> str:
        """One Dutch sentence for the dashboard and the report."""
        return wgr_summary(self.applies, len(self.shortfalls), self.unknown_count)

    def as_json(self) -> dict[str, Any]:
        """The ``wgr_check --json`` contract (DESIGN.md)."""
        return {
            "partnership": self.partnership_name,
            "clauses": [c.as_json() for c in self.clauses],
        }


def wgr_summary(applies: bool, shortfalls: int, unknown: int) -> str:
    if not applies:
        return NOT_UNDER_WGR
    parts = []
    if shortfalls:
        parts.append(
            f"Regeling voldoet niet aan de Wgr: {shortfalls} "
            f"onderde{'el ontbreekt' if shortfalls == 1 else 'len ontbreken'}."
        )
    if unknown:
        parts.append(
            f"Van {unknown} verplicht{'' if unknown == 1 else 'e'} "
            f"onderde{'el' if unknown == 1 else 'len'} is niet bekend of de regeling "
            f"{'het' if unknown == 1 else 'ze'} heeft."
        )
    if not parts:
        return "De regeling heeft alles wat de Wgr vraagt."
    return " ".join(parts)


def applies_to(legal_form: str) -> bool:
    """The Wgr check applies to the Wgr forms only."""
    return legal_form in WGR_FORMS


def clause_rules(legal_form: str) -> list[ClauseRule]:
    """Every clause, in the law's order, with whether it applies to this legal form; for a
    form not under the Wgr none applies."""
    if not applies_to(legal_form):
        return [ClauseRule(code, False, False, NOT_UNDER_WGR) for code in WgrClauseCode.values]
    own_bestuur = legal_form in FORMS_WITH_OWN_BESTUUR
    form_label = str(LegalForm(legal_form).label).lower()
    no_bestuur = REASON_NO_OWN_BESTUUR.format(form=form_label)
    is_ol = legal_form == LegalForm.OPENBAAR_LICHAAM
    return [
        ClauseRule(
            WgrClauseCode.ZIENSWIJZE_BESLUITEN,
            own_bestuur,
            own_bestuur,
            REASON_OWN_BESTUUR if own_bestuur else no_bestuur,
        ),
        ClauseRule(WgrClauseCode.BURGERPARTICIPATIE, True, True, REASON_EVERY_REGELING),
        ClauseRule(WgrClauseCode.EVALUATIE, True, True, REASON_EVERY_REGELING),
        ClauseRule(WgrClauseCode.UITTREDING, True, True, REASON_UITTREDING),
        ClauseRule(
            WgrClauseCode.INFORMATIE,
            own_bestuur,
            own_bestuur,
            REASON_OWN_BESTUUR if own_bestuur else no_bestuur,
        ),
        ClauseRule(
            WgrClauseCode.ADVIESCOMMISSIE,
            is_ol,
            False,
            REASON_ADVIESCOMMISSIE if is_ol else REASON_NO_ADVIESCOMMISSIE,
        ),
    ]


def build_check(
    partnership_id: int,
    partnership_name: str,
    legal_form: str,
    rows: Iterable[WgrClause],
) -> WgrCheck:
    """The check from the partnership's facts and its stored clauses (no queries). A clause
    without a row is ``onbekend``; a stored row of a clause that does not apply (the legal
    form changed) is kept in the database but left out."""
    by_code: Mapping[str, WgrClause] = {row.code: row for row in rows}
    applicable: list[ClauseResult] = []
    not_applicable: list[ClauseRule] = []
    for rule in clause_rules(legal_form):
        if not rule.applies:
            not_applicable.append(rule)
            continue
        row = by_code.get(rule.code)
        applicable.append(
            ClauseResult(
                code=rule.code,
                label=rule.label,
                required=rule.required,
                reason=rule.reason,
                status=row.status if row else CheckStatus.ONBEKEND,
                article=row.article if row else "",
                note=row.note if row else "",
            )
        )
    stamps = [
        row.updated_at
        for code, row in by_code.items()
        if row.updated_at and any(c.code == code for c in applicable)
    ]
    return WgrCheck(
        partnership_id=partnership_id,
        partnership_name=partnership_name,
        applies=applies_to(legal_form),
        clauses=applicable,
        not_applicable=[] if not applies_to(legal_form) else not_applicable,
        updated_at=max(stamps) if stamps else None,
    )
