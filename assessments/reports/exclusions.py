"""The themes that are not assessed, grouped by their reason for the report.

When a whole Part of the Gids does not apply (Part B, about network cooperation, for a
gemeenschappelijke regeling), the report says so in one line instead of listing its fifteen
themes one by one. Themes left out for their own reasons stay listed.
"""

from collections.abc import Sequence

from partnerships.applicability import Applicability
from partnerships.applicability_rules import (
    REASON_PART_A_NETWORK,
    REASON_PART_A_ORGAAN,
    REASON_PART_B_WGR,
)

from .content import ExcludedGroup, ExcludedThemeRow

# The one line per reason a whole Part does not apply (partnerships/applicability_rules.py).
WHOLE_PART_LINES = {
    REASON_PART_B_WGR: "Deel B geldt niet voor een gemeenschappelijke regeling",
    REASON_PART_A_NETWORK: "Deel A geldt niet voor netwerksamenwerking",
    REASON_PART_A_ORGAAN: "Deel A geldt niet voor een gemeenschappelijk orgaan",
}


def part_of(theme_code: str) -> str:
    """ "B" for "B12": a theme's code starts with its Part's letter."""
    return theme_code[:1]


def whole_part_line(part: str, reason: str) -> str:
    return WHOLE_PART_LINES.get(reason, f"Deel {part} geldt niet voor dit samenwerkingsverband")


def group_excluded(
    themes: Sequence[ExcludedThemeRow], applic: Applicability
) -> list[ExcludedGroup]:
    """One group per distinct reason, in the order the reasons first appear; a group that is
    a whole Part (every theme of it excluded, for this one reason) carries its one line."""
    groups: dict[str, list[ExcludedThemeRow]] = {}
    for theme in themes:
        groups.setdefault(theme.reason, []).append(theme)
    result = []
    for reason, rows in groups.items():
        parts = {part_of(row.code) for row in rows}
        line = ""
        if len(parts) == 1:
            part = parts.pop()
            in_part = {t.code for t in applic.themes if part_of(t.code) == part}
            if in_part == {row.code for row in rows}:
                line = whole_part_line(part, reason)
        result.append(ExcludedGroup(reason, rows, whole_part=line))
    return result
