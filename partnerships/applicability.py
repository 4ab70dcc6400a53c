"""Which themes and recommendations of the Gids apply to a partnership, and why not.

Pure: plain data in, plain data out, no ORM. `partnerships.selectors.applicability_for`
feeds it from the database, and a round stores its result when it opens
(`Applicability.as_snapshot`), so that later changes to the partnership never change a
round's scores. The rules themselves are data, each with the Gids' words:
`partnerships/applicability_rules.py`, documented in `docs/applicability.md`.

- Part A for Wgr partnerships; Part B for network cooperation and the gemeenschappelijk
  orgaan. Themes (A13, A14, B13-B15), recommendations and practical items drop out by the
  rules of the table, each with its reason.
- A Part B recommendation that declares a Part A chapter applicable "mutatis mutandis" is
  not scored itself: that chapter's recommendations are, under the Part B theme, with the
  Part B text shown as context; unless an import rule says the chapter is not imported
  (a light network form), and then its own text is scored.
- Some scored recommendations carry a reading: how to read an AB or DB for this form.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .applicability_rules import (
    IMPORT_RULES,
    PART_B,
    PART_RULES,
    PRACTICAL_RULES,
    READINGS,
    RECOMMENDATION_RULES,
    THEME_RULES,
    PartnershipFacts,
    Rule,
)
from .constants import LegalForm

__all__ = ["PartnershipFacts"]  # defined beside the rules that read it

APPLICABLE = "applicable"
EXCLUDED = "excluded"


@dataclass(frozen=True)
class RecommendationFacts:
    code: str
    refers_to: str | None = None  # the Part A theme code a Part B recommendation refers to


@dataclass(frozen=True)
class ThemeFacts:
    code: str  # "A1" ... "B15"
    recommendations: tuple[RecommendationFacts, ...] = ()

    @property
    def part(self) -> str:
        return self.code[0]


@dataclass(frozen=True)
class ThemeApplicability:
    code: str
    status: str  # APPLICABLE or EXCLUDED
    reason: str | None
    items: tuple[str, ...] = ()  # recommendation codes scored under this theme
    context: tuple[str, ...] = ()  # Part B recommendations shown as context, not scored
    refers_to: tuple[str, ...] = ()  # the Part A themes whose recommendations are scored here

    @property
    def applies(self) -> bool:
        return self.status == APPLICABLE


@dataclass(frozen=True)
class ExcludedItem:
    """A recommendation (or practical item) that is not scored (shown) under a theme."""

    id: str
    theme: str
    reason: str


@dataclass(frozen=True)
class ItemReading:
    """How to read a scored recommendation for this kind of partnership."""

    id: str
    theme: str
    text: str


@dataclass(frozen=True)
class Applicability:
    partnership: str
    part: str  # "A" or "B"
    themes: list[ThemeApplicability]
    excluded_items: list[ExcludedItem] = field(default_factory=list)
    excluded_practical: list[ExcludedItem] = field(default_factory=list)
    readings: list[ItemReading] = field(default_factory=list)
    facts: PartnershipFacts | None = None  # what it was worked out from

    def applicable_themes(self) -> list[ThemeApplicability]:
        return [t for t in self.themes if t.applies]

    def item_pairs(self) -> list[tuple[str, str]]:
        """(recommendation code, theme code) for every scored item, in Gids order."""
        return [(item, t.code) for t in self.themes if t.applies for item in t.items]

    def theme(self, code: str) -> ThemeApplicability | None:
        return next((t for t in self.themes if t.code == code), None)

    def excluded_in(self, theme: str) -> list[ExcludedItem]:
        return [e for e in self.excluded_items if e.theme == theme]

    def reading(self, item: str, theme: str) -> str | None:
        texts = [r.text for r in self.readings if r.id == item and r.theme == theme]
        return " ".join(texts) or None

    def hidden_practical(self) -> frozenset[str]:
        """The practical items not shown (their recommendation is scored, they are not)."""
        return frozenset(e.id for e in self.excluded_practical)

    @property
    def key(self) -> str:
        """A short fingerprint of what is scored: the (item, theme) pairs. Two rounds with
        the same key score the same answers the same way."""
        joined = ";".join(f"{item}/{theme}" for item, theme in self.item_pairs())
        return hashlib.blake2b(joined.encode(), digest_size=10).hexdigest()

    def as_json(self) -> dict[str, object]:
        """The `applicability --json` contract (DESIGN.md)."""
        return {
            "partnership": self.partnership,
            "themes": [
                {"code": t.code, "status": t.status, "reason": t.reason, "items": list(t.items)}
                for t in self.themes
            ],
            "excluded_items": [{"id": e.id, "reason": e.reason} for e in self.excluded_items],
        }

    def as_snapshot(self) -> dict[str, Any]:
        """Everything, as plain JSON: what a round stores when it opens."""
        return {
            "partnership": self.partnership,
            "part": self.part,
            "facts": self.facts.as_json() if self.facts else None,
            "themes": [
                {
                    "code": t.code,
                    "status": t.status,
                    "reason": t.reason,
                    "items": list(t.items),
                    "context": list(t.context),
                    "refers_to": list(t.refers_to),
                }
                for t in self.themes
            ],
            "excluded_items": [[e.id, e.theme, e.reason] for e in self.excluded_items],
            "excluded_practical": [[e.id, e.theme, e.reason] for e in self.excluded_practical],
            "readings": [[r.id, r.theme, r.text] for r in self.readings],
        }

    @classmethod
    def from_snapshot(cls, data: dict[str, Any]) -> "Applicability":
        facts = data.get("facts")
        return cls(
            partnership=str(data["partnership"]),
            part=str(data["part"]),
            themes=[
                ThemeApplicability(
                    t["code"],
                    t["status"],
                    t["reason"],
                    tuple(t["items"]),
                    tuple(t["context"]),
                    tuple(t["refers_to"]),
                )
                for t in data["themes"]
            ],
            excluded_items=[ExcludedItem(*e) for e in data["excluded_items"]],
            excluded_practical=[ExcludedItem(*e) for e in data["excluded_practical"]],
            readings=[ItemReading(*r) for r in data["readings"]],
            facts=PartnershipFacts.from_json(facts) if facts else None,
        )


FACT_LABELS = {
    "legal_form": "de vorm",
    "participant_kinds": "de soorten deelnemers",
    "network_variants": "de netwerkvarianten",
    "network_weight": "de zwaarte",
    "council_powers": "de bevoegdheden van de politieke organen",
    "is_statutory": "of de samenwerking wettelijk verplicht is",
}


def changed_facts(before: PartnershipFacts, after: PartnershipFacts) -> list[str]:
    """The facts applicability depends on that differ, in Dutch ("de vorm", ...)."""
    return [
        label
        for name, label in FACT_LABELS.items()
        if getattr(before, name) != getattr(after, name)
    ]


def assessed_part(partnership: PartnershipFacts) -> str:
    return "B" if PART_B.holds(partnership) else "A"


def _form_label(legal_form: str) -> str:
    try:
        return LegalForm(legal_form).label.lower()
    except ValueError:
        return legal_form


def _reason(rule: Rule, facts: PartnershipFacts) -> str:
    return rule.reason.replace("{form}", _form_label(facts.legal_form))


def _first(
    rules: Sequence[Rule], target: str, facts: PartnershipFacts, theme: str = ""
) -> Rule | None:
    return next(
        (r for r in rules if r.target == target and r.under in ("", theme) and r.when.holds(facts)),
        None,
    )


def _theme_exclusion(theme: ThemeFacts, facts: PartnershipFacts) -> str | None:
    rule = _first(PART_RULES, theme.part, facts) or _first(THEME_RULES, theme.code, facts)
    return _reason(rule, facts) if rule else None


class _ThemeWork:
    """The items of one theme, worked out recommendation by recommendation."""

    def __init__(self, theme: ThemeFacts, facts: PartnershipFacts) -> None:
        self.theme = theme
        self.facts = facts
        self.items: list[str] = []
        self.context: list[str] = []
        self.refers_to: list[str] = []
        self.excluded: list[ExcludedItem] = []
        self.readings: list[ItemReading] = []

    def consider(self, code: str) -> None:
        rule = _first(RECOMMENDATION_RULES, code, self.facts, self.theme.code)
        if rule:
            if all(e.id != code for e in self.excluded):
                self.excluded.append(ExcludedItem(code, self.theme.code, _reason(rule, self.facts)))
        elif code not in self.items:
            self.items.append(code)

    def add(self, rec: RecommendationFacts, by_code: dict[str, ThemeFacts]) -> None:
        if _first(RECOMMENDATION_RULES, rec.code, self.facts, self.theme.code):
            self.consider(rec.code)  # excluded with its reason, its chapter not imported
            return
        if rec.refers_to and rec.refers_to in by_code:
            no_import = _first(IMPORT_RULES, rec.code, self.facts, self.theme.code)
            if no_import is None:
                self.context.append(rec.code)
                self.refers_to.append(rec.refers_to)
                for candidate in by_code[rec.refers_to].recommendations:
                    self.consider(candidate.code)
                return
            self.readings.append(
                ItemReading(rec.code, self.theme.code, _reason(no_import, self.facts))
            )
        self.consider(rec.code)

    def result(self) -> ThemeApplicability:
        if not self.items and self.excluded:
            # Nothing of the theme is scored: the theme itself does not apply, for the
            # reason its recommendations do not.
            return ThemeApplicability(self.theme.code, EXCLUDED, self.excluded[0].reason)
        return ThemeApplicability(
            self.theme.code,
            APPLICABLE,
            None,
            tuple(self.items),
            tuple(self.context),
            tuple(self.refers_to),
        )


def _readings(themes: list[ThemeApplicability], facts: PartnershipFacts) -> list[ItemReading]:
    found = []
    for theme in themes:
        for item in theme.items:
            for reading in READINGS:
                if (
                    reading.target == item
                    and reading.under in ("", theme.code)
                    and reading.when.holds(facts)
                ):
                    found.append(ItemReading(item, theme.code, reading.text))
    return found


def _excluded_practical(
    themes: list[ThemeApplicability], facts: PartnershipFacts
) -> list[ExcludedItem]:
    scored = {item: theme.code for theme in themes if theme.applies for item in theme.items}
    found: dict[str, ExcludedItem] = {}
    for rule in PRACTICAL_RULES:
        recommendation = rule.target.split("-", 1)[0]
        if recommendation in scored and rule.target not in found and rule.when.holds(facts):
            found[rule.target] = ExcludedItem(
                rule.target, scored[recommendation], _reason(rule, facts)
            )
    return sorted(found.values(), key=lambda e: e.id)


def applicability(partnership: PartnershipFacts, themes: Sequence[ThemeFacts]) -> Applicability:
    """Every theme of the framework, applicable or excluded with a Dutch reason."""
    by_code = {t.code: t for t in themes}
    results: list[ThemeApplicability] = []
    excluded: list[ExcludedItem] = []
    readings: list[ItemReading] = []
    for theme in themes:
        reason = _theme_exclusion(theme, partnership)
        if reason:
            results.append(ThemeApplicability(theme.code, EXCLUDED, reason))
            continue
        work = _ThemeWork(theme, partnership)
        for rec in theme.recommendations:
            work.add(rec, by_code)
        result = work.result()
        results.append(result)
        # Listed with their own reasons even when the whole theme drops out because of them.
        excluded.extend(e for e in work.excluded if all(x.id != e.id for x in excluded))
        if result.applies:
            readings.extend(work.readings)
    readings.extend(_readings(results, partnership))
    return Applicability(
        partnership=partnership.name,
        part=assessed_part(partnership),
        themes=results,
        excluded_items=excluded,
        excluded_practical=_excluded_practical(results, partnership),
        readings=readings,
        facts=partnership,
    )
