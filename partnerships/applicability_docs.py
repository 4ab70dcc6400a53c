"""docs/applicability.md, written from the rules table (`manage.py applicability_docs`), so
the document and the rules can never disagree: a test checks that the committed file is what
this module writes."""

from collections.abc import Iterable

from .applicability_rules import (
    IMPORT_RULES,
    PART_RULES,
    PRACTICAL_RULES,
    READINGS,
    RECOMMENDATION_RULES,
    THEME_RULES,
    Reading,
    Rule,
)

INTRO = """\
# Applicability: which parts of the Gids a partnership is assessed on, and why

*Generated from `partnerships/applicability_rules.py` by `python manage.py
applicability_docs`; do not edit by hand. `make test` checks that this file is current.*

Applicability is derived from the partnership's facts, never typed in by hand. The pure
function `partnerships.applicability.applicability` reads only the tables below. Every row
says what does not apply, **when** (a named condition on one partnership fact), the reason a
user sees (in the form, on the partnership page, in the report), and the words of the Gids
(or the source on the Wgr) that justify it.

A round stores what applied when it opened, with the reasons and the facts they came from
(`AssessmentRound.applicability`). Its scores, gaps, exports, trends and reports use that
set; a later change of the partnership applies to new rounds only, and the round page and
the report say that the partnership has changed since the round opened.

The facts: `vorm` (legal form and with it the cooperation model), `soorten deelnemers`
(gemeente, provincie, waterschap, other public body, private party), `netwerkvarianten`
(triple helix, keten; several may hold), `zwaarte` (licht / zwaar, networks and the
gemeenschappelijk orgaan only), `bevoegdheden van de politieke organen` (same forms only)
and `wettelijk verplicht`.
"""


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _table(rows: Iterable[Rule | Reading], *, under: bool = True) -> list[str]:
    lines = [
        "| target | when | fact | reason shown | the Gids' words | source |",
        "|---|---|---|---|---|---|",
    ]
    for rule in rows:
        target = f"{rule.target} (under {rule.under})" if under and rule.under else rule.target
        text = rule.text if isinstance(rule, Reading) else rule.reason
        text = text.replace("{form}", "centrumregeling (of regeling zonder meer)")
        lines.append(
            f"| {target} | `{rule.when.code}` | {rule.when.fact} | {_cell(text)} "
            f"| “{_cell(rule.quote)}” | {_cell(rule.source)} |"
        )
    return lines


def _grouped_practical() -> list[str]:
    """The practical items, one row per condition: the codes and one reason and quote."""
    groups: dict[str, list[Rule]] = {}
    for rule in PRACTICAL_RULES:
        groups.setdefault(rule.when.code, []).append(rule)
    lines = []
    for rules in groups.values():
        first = rules[0]
        codes = ", ".join(r.target for r in rules)
        lines += [
            f"**When `{first.when.code}`** ({first.when.fact}): {codes}.",
            "",
            f"- Reason shown: {_cell(first.reason)}",
            f"- The Gids: “{_cell(first.quote)}” ({_cell(first.source)})",
            "",
        ]
    return lines


def applicability_document() -> str:
    sections: list[str] = [INTRO]
    sections += [
        "## Parts",
        "",
        "Part A is for Wgr partnerships; Part B for network cooperation and the "
        "gemeenschappelijk orgaan. A part's themes drop out as a whole.",
        "",
        *_table(PART_RULES),
        "",
        "## Themes",
        "",
        *_table(THEME_RULES),
        "",
        "## Recommendations",
        "",
        "A recommendation that does not apply is not asked and not scored. When none of a "
        "theme's recommendations is scored, the theme itself drops out with their reason.",
        "",
        *_table(RECOMMENDATION_RULES),
        "",
        "## Part B recommendations that refer to a Part A chapter",
        "",
        "A Part B recommendation that says a Part A chapter applies “mutatis mutandis” "
        "(B6.1, B7.1, B8.1, B9.1, B10.1, B11.2, B12.1) is assessed with that chapter's "
        "recommendations, shown under the Part B theme with the Part B text as context. The "
        "rows below say when the chapter is *not* imported: then the Part B text itself is "
        "scored. (B7.1 and B11.2 drop out entirely in the cases of the table above.)",
        "",
        *_table(IMPORT_RULES),
        "",
        "## Practical items",
        "",
        "Practical items (praktische uitwerking) are shown with a recommendation and offered "
        "as starting points for next steps. Those below are not shown when the condition "
        "holds and their recommendation is scored.",
        "",
        *_grouped_practical(),
        "## How to read a scored recommendation",
        "",
        "Shown next to the verbatim text of the Gids, which is never changed.",
        "",
        *_table(READINGS),
        "",
    ]
    return "\n".join(sections)
