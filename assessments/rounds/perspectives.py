"""A round's scores per perspective group, side by side with the total.

The round's total weighs every submitted assessment equally: three raden outweigh one
dagelijks bestuur, and the total moves with who happened to submit. Next to it, the same
rule applied within each group (raad; bestuur: AB, DB, college; organisatie: directeur,
contramal) shows whether the sides agree. Pure: it takes the responses already read.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessments import scoring
from assessments.models import Assessment
from assessments.presentation import PERSPECTIVE_GROUPS, fmt_pct, plural


@dataclass(frozen=True)
class PerspectiveRow:
    code: str  # the theme's code; empty for the total
    title: str
    total_label: str
    group_labels: list[str]  # in the order of `PerspectiveTable.headers`


@dataclass(frozen=True)
class PerspectiveTable:
    headers: list[str]  # "Raad (2 respondenten)", ...
    overall: PerspectiveRow
    themes: list[PerspectiveRow]
    # "Raad 44% (2 respondenten), bestuur (AB, DB, college) 61% (1 respondent), ...": the
    # group totals in one sentence, for a summary.
    sentence: str


# A group without a submitted assessment has no score: it is not zero.
NO_RESPONDENT = "—"


def perspective_table(
    items: Sequence[scoring.Item],
    responses: Sequence[tuple[Assessment, Mapping[str, scoring.Value]]],
    titles: Mapping[str, str],
    total: scoring.RoundScore,
) -> PerspectiveTable:
    """The total and each perspective group's score, overall and per theme."""
    groups = []
    for group in PERSPECTIVE_GROUPS:
        values = [dict(v) for a, v in responses if a.perspective in group.perspectives]
        groups.append((group, len(values), scoring.score_round(items, values)))

    def label(n: int, pct: float | None) -> str:
        return NO_RESPONDENT if n == 0 else fmt_pct(pct)

    themes = [
        PerspectiveRow(
            code=t.code,
            title=titles.get(t.code, ""),
            total_label=fmt_pct(t.score_pct),
            group_labels=[
                label(n, (ts.score_pct if (ts := s.theme(t.code)) else None)) for _g, n, s in groups
            ],
        )
        for t in total.themes
    ]
    overall = PerspectiveRow(
        code="",
        title="Totaalscore",
        total_label=fmt_pct(total.overall_pct),
        group_labels=[label(n, s.overall_pct) for _g, n, s in groups],
    )
    headers = [f"{g.label}: {plural(n, 'respondent', 'respondenten')}" for g, n, _s in groups]
    sentence = "; ".join(
        f"{g.label}: "
        + (f"{fmt_pct(s.overall_pct)} ({plural(n, 'respondent', 'respondenten')})" if n else "geen")
        for g, n, s in groups
    )
    return PerspectiveTable(headers, overall, themes, sentence)
