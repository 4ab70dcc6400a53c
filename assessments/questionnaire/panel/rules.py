"""The panel's rules, pure: the statistics of one item and the proposal for the raad's answer.

The proposal (what the griffier sees as the panel's answer, and takes over on request):
- nobody answered: no proposal (None);
- more than half of those who answered said "weet niet": "weet_niet". Exactly half is not a
  majority: then the others' scores decide — they know something the raad can use;
- otherwise the median of the scores, rounded down to a scale value (two middle values 2 and
  3 give 2). Rounding down keeps the raad's answer from sounding better than its members
  think; a griffier who knows better adjusts it, with a note.

An item's spread is the highest minus the lowest score; a spread of two points or more is a
difference of view, the same rule as in a round (scoring.DIVERGENCE).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from assessments.scoring import DIVERGENCE, WEET_NIET, is_numeric

# One raadslid's answer on an item: 0-4, "weet_niet", or None (not answered).
PanelValue = int | str | None


@dataclass(frozen=True)
class PanelItemStats:
    """What the panel said about one item (the round's per-item figures are
    scoring.ItemStats)."""

    answered: int  # scores and "weet niet"
    weet_niet: int
    lowest: int | None
    highest: int | None
    proposal: int | str | None

    @property
    def spread(self) -> int | None:
        if self.lowest is None or self.highest is None:
            return None
        return self.highest - self.lowest

    @property
    def divergent(self) -> bool:
        return self.spread is not None and self.spread >= DIVERGENCE


def _scores(values: Sequence[PanelValue]) -> list[int]:
    return sorted(v for v in values if is_numeric(v))


def median_down(scores: Sequence[int]) -> int:
    """The median of the scores rounded down to a whole scale value; scores must not be empty."""
    ordered = sorted(scores)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) // 2


def proposal(values: Sequence[PanelValue]) -> int | str | None:
    """The panel's proposal for the raad's answer (see the module's docstring)."""
    scores = _scores(values)
    weet_niet = sum(1 for v in values if v == WEET_NIET)
    answered = len(scores) + weet_niet
    if answered == 0:
        return None
    if weet_niet * 2 > answered:
        return WEET_NIET
    return median_down(scores)


def item_stats(values: Sequence[PanelValue]) -> PanelItemStats:
    scores = _scores(values)
    weet_niet = sum(1 for v in values if v == WEET_NIET)
    return PanelItemStats(
        answered=len(scores) + weet_niet,
        weet_niet=weet_niet,
        lowest=scores[0] if scores else None,
        highest=scores[-1] if scores else None,
        proposal=proposal(values),
    )
