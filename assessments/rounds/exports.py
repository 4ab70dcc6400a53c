"""The round export of `python manage.py export_round ID --json` (the contract in DESIGN.md).

JSON only: no spreadsheet reads it, so its texts need none of the formula guarding of
`assessments.cells`. The numbers come from `assessments.scores.round_score`, the same
statistics as the side by side page.
"""

from __future__ import annotations

from typing import TypedDict

from assessments.constants import AssessmentStatus
from assessments.models import AssessmentRound
from assessments.scores import round_score


class ItemExport(TypedDict):
    id: str
    n: int
    mean: float | None
    min: int | None
    max: int | None
    spread: int | None
    divergent: bool


class ThemeExport(TypedDict):
    code: str
    score_pct: float | None


class RoundExport(TypedDict):
    id: int
    partnership: str
    period: str
    assessments: list[int]  # the submitted assessments the statistics run over
    items: list[ItemExport]
    themes: list[ThemeExport]
    overall_pct: float | None


def round_export(round_: AssessmentRound) -> RoundExport:
    """The round's statistics over its submitted assessments."""
    score = round_score(round_)
    ids = sorted(
        round_.assessments.filter(status=AssessmentStatus.SUBMITTED).values_list("pk", flat=True)
    )
    return {
        "id": round_.pk,
        "partnership": round_.partnership.name,
        "period": round_.period,
        "assessments": ids,
        "items": [
            {
                "id": s.id,
                "n": s.n,
                "mean": s.mean,
                "min": s.min,
                "max": s.max,
                "spread": s.spread,
                "divergent": s.divergent,
            }
            for s in score.items
        ],
        "themes": [{"code": t.code, "score_pct": t.score_pct} for t in score.themes],
        "overall_pct": score.overall_pct,
    }
