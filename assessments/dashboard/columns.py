"""The overview's theme columns: every theme of the current framework that applies to one
of the partnerships (the Excel export's columns), and the columns the page shows: only the
themes that apply to a row in view, grouped under Part A and Part B of the Gids.

A municipality's rows are mostly either Wgr partnerships (Part A) or networks (Part B), so
most of the 29 cells of a row read "geldt niet"; showing only what applies to the rows in
view keeps the table narrow enough to read."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from assessments.presentation import pct_heat_class
from principles.models import Framework, Theme


@dataclass(frozen=True)
class ThemeColumn:
    code: str
    title: str
    part: str = ""  # "A" or "B"
    part_title: str = ""


class ThemeCell(NamedTuple):
    """One theme cell of a row (a page has 725 of them: a named tuple is cheap to create)."""

    code: str
    applies: bool
    score_pct: float | None

    @property
    def css(self) -> str:
        return pct_heat_class(self.score_pct) if self.applies else "heat-none"

    @property
    def text(self) -> str:
        """The whole percentage, rounded half up like `floatformat:0` (scores carry one
        decimal); empty when the theme does not apply or has no score."""
        if not self.applies or self.score_pct is None:
            return ""
        return str((round(self.score_pct * 10) + 5) // 10)


class ShownColumn(NamedTuple):
    """A column the page shows. `opens_left`: its title, shown on hover and focus, opens
    towards the left, so the last columns' titles stay inside the table."""

    code: str
    title: str
    opens_left: bool


@dataclass(frozen=True)
class ColumnGroup:
    """The shown columns of one part of the Gids, under the heading "Deel A" or "Deel B"."""

    part: str
    part_title: str
    columns: tuple[ShownColumn, ...]

    @property
    def label(self) -> str:
        return f"Deel {self.part}"


class _Row(Protocol):
    @property
    def cells(self) -> tuple[ThemeCell, ...]: ...


def framework_columns(current: Framework | None, applicable: set[str]) -> list[ThemeColumn]:
    """The current framework's themes that apply to at least one partnership, in Gids order
    (one query)."""
    if current is None:
        return []
    themes = (
        Theme.objects.filter(part__framework=current)
        .order_by("number")
        .values_list("code", "title", "part__code", "part__title")
    )
    return [ThemeColumn(*theme) for theme in themes if theme[0] in applicable]


def shown_column_groups(columns: Sequence[ThemeColumn], rows: Iterable[_Row]) -> list[ColumnGroup]:
    """The columns of the themes that apply to at least one of `rows`, grouped by part, in
    the order of `columns` (no query). No rows, no columns."""
    applying = {cell.code for row in rows for cell in row.cells if cell.applies}
    shown = [c for c in columns if c.code in applying]
    half = len(shown) / 2
    groups: list[ColumnGroup] = []
    for place, column in enumerate(shown):
        entry = ShownColumn(column.code, column.title, opens_left=place >= half)
        if groups and groups[-1].part == column.part:
            last = groups[-1]
            groups[-1] = ColumnGroup(last.part, last.part_title, (*last.columns, entry))
        else:
            groups.append(ColumnGroup(column.part, column.part_title, (entry,)))
    return groups
