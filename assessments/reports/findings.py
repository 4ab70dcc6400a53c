"""What a report finds: the gaps (recommendations below the target or answered "weet niet")
and, in a round, the differences of view (two points or more between respondents).

An assessment's gaps come from `assessments.scoring`. What counts as a gap *in a round* is
decided here (`round_gaps`): scoring knows each item's statistics, and a round has a gap
where the respondents' mean stays below the target.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessments import scoring
from assessments.presentation import distance_label, distance_short, fmt_number, value_in_sentence

from .content import DivergenceRow, GapRow, RespondentValue
from .selectors import Texts


def exact_mean(stats: scoring.ItemStats) -> float:
    """The unrounded mean of an item's scores (ItemStats.mean is rounded for display): a
    mean of 2,96 is below a target of 3, although it rounds to 3,0."""
    numeric = [v for v in stats.values if isinstance(v, int) and scoring.is_numeric(v)]
    return sum(numeric) / len(numeric)


@dataclass(frozen=True)
class RoundGap:
    stats: scoring.ItemStats
    target: int

    @property
    def distance(self) -> float | None:
        return None if self.stats.mean is None else self.target - exact_mean(self.stats)


def round_gaps(items: Sequence[scoring.ItemStats], *, target: int) -> list[RoundGap]:
    """A gap in a round: an item whose mean score is below the target, or that has no score
    but at least one "weet niet". Largest distance first, "weet niet" last, then Gids order."""
    order = {s.id: n for n, s in enumerate(items)}
    gaps = [
        RoundGap(s, target)
        for s in items
        if (s.n and exact_mean(s) < target) or (not s.n and scoring.WEET_NIET in s.values)
    ]
    gaps.sort(key=lambda g: (g.distance is None, -(g.distance or 0), order[g.stats.id]))
    return gaps


def range_label(stats: scoring.ItemStats) -> str:
    """ "1–3": the lowest and highest score; empty without scores."""
    return "" if stats.min is None else f"{stats.min}–{stats.max}"


def assessment_gap_rows(
    gaps: Sequence[scoring.Gap], texts: Texts, planned: set[str]
) -> list[GapRow]:
    """One respondent's gaps (as scored, largest distance first), numbered from 1."""
    return [
        GapRow(
            rank=n,
            code=g.id,
            theme_code=g.theme,
            theme_title=texts.theme(g.theme),
            text=texts.recommendation(g.id),
            value_label=value_in_sentence(g.value),
            range_label="",
            distance_label=distance_label(g.distance),
            has_next_step=g.id in planned,
            distance_short=distance_short(g.distance),
        )
        for n, g in enumerate(gaps, start=1)
    ]


def round_gap_rows(
    items: Sequence[scoring.ItemStats], *, target: int, texts: Texts, planned: set[str]
) -> list[GapRow]:
    """The round's gaps with the mean and range of the scores, numbered from 1."""
    return [
        GapRow(
            rank=n,
            code=g.stats.id,
            theme_code=g.stats.theme,
            theme_title=texts.theme(g.stats.theme),
            text=texts.recommendation(g.stats.id),
            value_label=(
                f"gemiddeld {fmt_number(exact_mean(g.stats))}" if g.stats.n else "weet niet"
            ),
            range_label=range_label(g.stats),
            distance_label=distance_label(g.distance),
            has_next_step=g.stats.id in planned,
            distance_short=distance_short(g.distance),
        )
        for n, g in enumerate(round_gaps(items, target=target), start=1)
    ]


def divergence_rows(
    divergent: Sequence[scoring.ItemStats],
    responses: Sequence[tuple[int, Mapping[str, scoring.Value]]],
    labels: Mapping[int, str],
    texts: Texts,
) -> list[DivergenceRow]:
    """The differences of view (largest spread first), each with who gave the lowest and the
    highest score and every respondent's value.

    `responses` holds (assessment id, {code: value}) per submitted assessment, in the order of
    the report; `labels` names each assessment as the report does (a name or "R3")."""

    def who_scored(code: str, value: int | None) -> str:
        names = [labels[pk] for pk, values in responses if values.get(code) == value]
        return f"{value}: {', '.join(names)}"

    return [
        DivergenceRow(
            code=s.id,
            theme_code=s.theme,
            text=texts.recommendation(s.id),
            mean_label=fmt_number(exact_mean(s)),
            range_label=range_label(s),
            spread=s.spread or 0,
            lowest=who_scored(s.id, s.min),
            highest=who_scored(s.id, s.max),
            values=[
                RespondentValue(labels[pk], value_in_sentence(values.get(s.id)))
                for pk, values in responses
            ],
        )
        for s in divergent
    ]
