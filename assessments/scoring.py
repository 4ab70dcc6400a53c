"""Scoring rules, pure: plain data in, plain data out. No ORM here.

The policy questions, settled once (DESIGN.md "Scoring"):
- A theme's score is the mean of its numeric answers (0-4) as a percentage of 4;
  None when the theme has no numeric answer.
- n.v.t. and weet niet are answers but not scores; unanswered items are neither.
- The overall score is the plain mean of the theme scores that are not None.
- Each perspective has its own questions; the other applicable items are optional for it
  ("u kunt dit overslaan", `Item.optional`). Completeness and progress count only the own
  questions: completeness = answered own questions / own questions (0 when there are none);
  an optional item, answered or not, neither raises nor lowers it and is never missing.
  An answered optional item does score: in its theme's score, the overall score and the gaps.
- An answer copied from the previous round is not yet an answer of this round: until the
  respondent confirms or changes it, it counts as open (not answered, blocks submitting),
  while its value still shows and scores as the starting point it is.
- An unconfirmed copy of an optional item does not block submitting either: submitting drops
  it (questionnaire.services.assessment_submit, which says so beforehand), so a submitted
  assessment holds only answers given in its own round and no stale copy lingers unseen.
- A gap is a numeric answer below the target, or weet niet; gaps are ordered by distance
  to the target (largest first), weet niet after the numeric gaps, then in Gids order.
- In a round, per item the mean/min/max run over the submitted assessments' numeric answers;
  spread = max - min; divergent when spread >= 2; a theme's score is the mean of its item
  means as a percentage of 4.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import TypeGuard

from .constants import SCALE_MAX

NVT = "nvt"
WEET_NIET = "weet_niet"
DIVERGENCE = 2

# 0-4, "nvt", "weet_niet" or None (not answered). Kept as int | str for what the database and
# forms hand over; `is_numeric` narrows a value to the score it is.
Value = int | str | None


@dataclass(frozen=True)
class Item:
    """One applicable recommendation as scored under a theme, with its answer's value."""

    id: str  # recommendation code, e.g. "A5.7"
    theme: str  # theme code under which it is assessed, e.g. "A5" or "B6"
    value: Value = None
    # Copied from the previous round and not yet confirmed or changed by the respondent.
    taken_over: bool = False
    # Not one of the respondent's own questions: it may be skipped ("u kunt dit overslaan").
    optional: bool = False

    @property
    def is_answered(self) -> bool:
        return counts_as_answered(self.value, taken_over=self.taken_over)

    @property
    def is_unconfirmed(self) -> bool:
        """A copied value still waiting for the respondent's confirmation."""
        return self.value is not None and self.taken_over

    @property
    def counts_for_progress(self) -> bool:
        """One of the respondent's own questions, answered in this round."""
        return self.is_answered and not self.optional


@dataclass(frozen=True)
class ThemeScore:
    code: str
    score_pct: float | None
    scored: int  # numeric answers, optional items included
    answered: int  # own questions with an answer of this round (see counts_as_answered)
    applicable: int  # every applicable item of the theme, optional ones included
    unconfirmed: int = 0  # own questions copied from the previous round, not yet confirmed
    asked: int | None = None  # own questions (None: every applicable item)
    answered_optional: int = 0  # optional items answered in this round

    @property
    def expected(self) -> int:
        """The number of items progress counts against: the respondent's own questions."""
        return self.applicable if self.asked is None else self.asked

    @property
    def optional(self) -> int:
        return self.applicable - self.expected


@dataclass(frozen=True)
class Gap:
    id: str
    theme: str
    value: int | str
    target: int

    @property
    def distance(self) -> int | None:
        return self.target - self.value if isinstance(self.value, int) else None


@dataclass(frozen=True)
class AssessmentScore:
    themes: list[ThemeScore]
    overall_pct: float | None
    completeness_pct: float
    answered: int  # own questions answered in this round
    applicable: int  # every applicable item, optional ones included
    gaps: list[Gap] = field(default_factory=list)
    unconfirmed: int = 0  # own questions still carrying an unconfirmed copy
    asked: int | None = None  # own questions (None: every applicable item)
    answered_optional: int = 0
    unconfirmed_optional: int = 0  # optional items with an unconfirmed copy (dropped on submit)

    @property
    def expected(self) -> int:
        return self.applicable if self.asked is None else self.asked

    @property
    def optional(self) -> int:
        return self.applicable - self.expected

    def theme(self, code: str) -> ThemeScore | None:
        return next((t for t in self.themes if t.code == code), None)


def counts_as_answered(value: Value, *, taken_over: bool) -> bool:
    """Whether an answer counts as answered in its round (progress, completeness, submitting):
    it has a value, and it is not a copy from the previous round that nobody confirmed yet."""
    return value is not None and not taken_over


def is_numeric(value: Value) -> TypeGuard[int]:
    """A score 0-4 (not n.v.t., weet niet or no answer)."""
    return isinstance(value, int) and not isinstance(value, bool)


def pct(mean: float | None) -> float | None:
    return None if mean is None else round(mean / SCALE_MAX * 100, 1)


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return fmean(values) if values else None


def _theme_order(items: Sequence[Item]) -> list[str]:
    return list(dict.fromkeys(item.theme for item in items))


def score_assessment(items: Sequence[Item], *, target: int) -> AssessmentScore:
    """Score one assessment; `items` are all applicable items in Gids order."""
    themes = []
    for code in _theme_order(items):
        theme_items = [i for i in items if i.theme == code]
        numeric: list[int] = [i.value for i in theme_items if is_numeric(i.value)]
        themes.append(
            ThemeScore(
                code=code,
                score_pct=pct(_mean(numeric)),
                scored=len(numeric),
                answered=sum(1 for i in theme_items if i.counts_for_progress),
                applicable=len(theme_items),
                unconfirmed=sum(1 for i in theme_items if i.is_unconfirmed and not i.optional),
                asked=sum(1 for i in theme_items if not i.optional),
                answered_optional=sum(1 for i in theme_items if i.is_answered and i.optional),
            )
        )
    answered = sum(t.answered for t in themes)
    applicable = len(items)
    asked = sum(t.expected for t in themes)
    order = {item.id: n for n, item in enumerate(items)}
    gaps = [
        Gap(id=i.id, theme=i.theme, value=value, target=target)
        for i in items
        if (value := i.value) is not None
        and ((is_numeric(value) and value < target) or value == WEET_NIET)
    ]
    gaps.sort(key=lambda g: (g.distance is None, -(g.distance or 0), order[g.id]))
    return AssessmentScore(
        themes=themes,
        overall_pct=_round(_mean(t.score_pct for t in themes if t.score_pct is not None)),
        completeness_pct=progress_pct(answered, asked),
        answered=answered,
        applicable=applicable,
        gaps=gaps,
        unconfirmed=sum(t.unconfirmed for t in themes),
        asked=asked,
        answered_optional=sum(t.answered_optional for t in themes),
        unconfirmed_optional=len(unconfirmed_optional(items)),
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@dataclass(frozen=True)
class ItemStats:
    id: str
    theme: str
    n: int  # numeric answers
    mean: float | None
    min: int | None
    max: int | None
    values: tuple[Value, ...]  # every respondent's value, in respondent order

    @property
    def spread(self) -> int | None:
        return None if self.min is None or self.max is None else self.max - self.min

    @property
    def divergent(self) -> bool:
        return self.spread is not None and self.spread >= DIVERGENCE


@dataclass(frozen=True)
class RoundThemeScore:
    code: str
    score_pct: float | None


@dataclass(frozen=True)
class RoundScore:
    items: list[ItemStats]
    themes: list[RoundThemeScore]
    overall_pct: float | None
    respondents: int

    def divergent(self) -> list[ItemStats]:
        """The differences of view, largest spread first."""
        return sorted(
            (i for i in self.items if i.divergent), key=lambda i: (-(i.spread or 0), i.id)
        )

    def theme(self, code: str) -> RoundThemeScore | None:
        return next((t for t in self.themes if t.code == code), None)


def score_round(items: Sequence[Item], responses: Sequence[dict[str, Value]]) -> RoundScore:
    """Score a round: `items` in Gids order; one {item id: value} per submitted assessment."""
    stats = []
    for item in items:
        values = tuple(r.get(item.id) for r in responses)
        numeric: list[int] = [v for v in values if is_numeric(v)]
        stats.append(
            ItemStats(
                id=item.id,
                theme=item.theme,
                n=len(numeric),
                mean=_round(_mean(numeric)) if numeric else None,
                min=min(numeric) if numeric else None,
                max=max(numeric) if numeric else None,
                values=values,
            )
        )
    themes, overall = round_themes(items, {s.id: _mean_exact(s) for s in stats if s.n})
    return RoundScore(items=stats, themes=themes, overall_pct=overall, respondents=len(responses))


def item_mean(total: int, n: int) -> float:
    """An item's exact mean from the sum and number of its numeric answers (as SQL gives
    them): the same float `fmean` gives for the answers themselves."""
    return total / n


def round_themes(
    items: Sequence[Item], means: Mapping[str, float]
) -> tuple[list[RoundThemeScore], float | None]:
    """The round's theme scores and overall score from the unrounded item means.

    `means` holds the mean of the numeric answers per item id, only for items with at least
    one numeric answer. A theme's score is the mean of its items' means as a percentage of 4
    (None without any); the overall score is the mean of the theme scores that are not None."""
    themes = []
    for code in _theme_order(items):
        theme_means = [means[i.id] for i in items if i.theme == code and i.id in means]
        themes.append(RoundThemeScore(code=code, score_pct=pct(_mean(theme_means))))
    overall = _round(_mean(t.score_pct for t in themes if t.score_pct is not None))
    return themes, overall


def score_round_from_means(
    items: Sequence[Item], means: Mapping[str, float], *, respondents: int
) -> RoundScore:
    """A round's theme and overall scores from item means aggregated elsewhere (in SQL):
    the same numbers as `score_round` for the same answers. Carries no item statistics
    (`items` is empty): use `score_round` where spreads and values are shown."""
    themes, overall = round_themes(items, means)
    return RoundScore(items=[], themes=themes, overall_pct=overall, respondents=respondents)


def _mean_exact(stats: ItemStats) -> float:
    """The unrounded item mean, so theme scores do not carry rounding errors."""
    return fmean(v for v in stats.values if is_numeric(v))


# --- Values as people read them, and what is still open ---------------------------------


def parse_value(raw: str | int | None) -> Value:
    """A submitted value ("0".."4", "nvt", "weet_niet", "" or None) as a Value.

    Raises ValueError for anything else, so tampered input never reaches the database.
    """
    if raw is None or raw == "":
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        if 0 <= raw <= SCALE_MAX:
            return raw
        raise ValueError(raw)
    text = str(raw).strip()
    if text in (NVT, WEET_NIET):
        return text
    if text in {str(n) for n in range(SCALE_MAX + 1)}:
        return int(text)
    raise ValueError(raw)


def missing(items: Sequence[Item]) -> list[Item]:
    """Own questions without any answer, in Gids order (they block submitting); an optional
    item is never missing."""
    return [i for i in items if i.value is None and not i.optional]


def unconfirmed(items: Sequence[Item]) -> list[Item]:
    """Own questions whose value was copied from the previous round and is not yet
    confirmed or changed, in Gids order (they block submitting too)."""
    return [i for i in items if i.is_unconfirmed and not i.optional]


def unconfirmed_optional(items: Sequence[Item]) -> list[Item]:
    """Optional items still carrying an unconfirmed copy: they do not block submitting, and
    submitting drops them (see the module docstring)."""
    return [i for i in items if i.is_unconfirmed and i.optional]


def progress_pct(answered: int, applicable: int) -> float:
    return round(answered / applicable * 100, 1) if applicable else 0.0
