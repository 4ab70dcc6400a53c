"""A round's overall score per perspective group (raad; bestuur; organisatie), for many rounds
at once, through the "scores" cache.

The same numbers as the round page's perspective table (rounds/perspectives.py): within each
group an item's mean runs over the group's submitted numeric answers, and the themes and the
total follow the round's scoring rules. Aggregated in SQL (two queries for the rounds not
cached yet), and cached under the round's tally and applicability keys, as the dashboard's
round scores are (selectors.cached_round_scores), so a cached value is never stale.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.core.cache import caches
from django.db.models import Count, Sum

from assessments import scoring
from assessments.constants import AssessmentStatus
from assessments.dashboard.facts import RoundFacts
from assessments.dashboard.frameworks import frozen_applicability, score_round_means
from assessments.models import Answer, Assessment
from assessments.presentation import PERSPECTIVE_GROUPS, fmt_pct

# A group without a submitted assessment has no score: it is not zero (as perspectives.py).
NO_RESPONDENT = "—"


class GroupScore(NamedTuple):
    key: str  # PerspectiveGroup.key
    label: str
    respondents: int
    overall_pct: float | None

    @property
    def text(self) -> str:
        """ "63%", "geen score" (submitted, but nothing scored) or "—" (nobody submitted)."""
        return NO_RESPONDENT if self.respondents == 0 else fmt_pct(self.overall_pct)


_GROUP_OF: dict[str, str] = {
    perspective: group.key for group in PERSPECTIVE_GROUPS for perspective in group.perspectives
}


def _cache_key(round_: RoundFacts) -> str:
    return f"{round_.tally_key}:{round_.applicability_key}:groups"


def cached_group_scores(rounds: Iterable[RoundFacts]) -> dict[int, tuple[GroupScore, ...]]:
    """{round id: its score per perspective group, in the order of PERSPECTIVE_GROUPS}.
    No query when every round is cached; otherwise two, and one for applicability this
    process has not read yet."""
    unique = {r.pk: r for r in rounds}
    cache = caches["scores"]
    keys = {_cache_key(r): pk for pk, r in unique.items()}
    found = cache.get_many(list(keys))
    result = {keys[key]: _groups(value) for key, value in found.items()}
    missing = [unique[pk] for pk in sorted(unique) if pk not in result]
    if missing:
        fresh = _compute([r for r in missing])
        cache.set_many({_cache_key(unique[pk]): value for pk, value in fresh.items()}, timeout=None)
        result.update({pk: _groups(value) for pk, value in fresh.items()})
    return result


_Cached = tuple[tuple[int, float | None], ...]  # (respondents, overall) per group


def _groups(value: _Cached) -> tuple[GroupScore, ...]:
    return tuple(
        GroupScore(group.key, group.label, respondents, overall)
        for group, (respondents, overall) in zip(PERSPECTIVE_GROUPS, value, strict=True)
    )


def _compute(rounds: list[RoundFacts]) -> dict[int, _Cached]:
    ids = [r.pk for r in rounds]
    submitted = {"status": AssessmentStatus.SUBMITTED}
    respondents: dict[tuple[int, str], int] = defaultdict(int)
    counted = (
        Assessment.objects.filter(round_id__in=ids, **submitted)
        .order_by()
        .values("round_id", "perspective")
        .annotate(n=Count("pk"))
        .values_list("round_id", "perspective", "n")
    )
    for round_id, perspective, n in counted:
        respondents[(round_id, _GROUP_OF.get(perspective, ""))] += n
    # {(round, group): {code: [sum, count]}}: a group's item mean over all its perspectives.
    sums: dict[tuple[int, str], dict[str, list[int]]] = defaultdict(dict)
    rows = (
        Answer.objects.filter(
            assessment__round_id__in=ids,
            assessment__status=AssessmentStatus.SUBMITTED,
            score__isnull=False,
        )
        .order_by()
        .values("assessment__round_id", "assessment__perspective", "recommendation__code")
        .annotate(total=Sum("score"), n=Count("score"))
        .values_list(
            "assessment__round_id", "assessment__perspective", "recommendation__code", "total", "n"
        )
    )
    for round_id, perspective, code, total, n in rows:
        pair = sums[(round_id, _GROUP_OF.get(perspective, ""))].setdefault(code, [0, 0])
        pair[0] += int(total)
        pair[1] += int(n)
    applic = frozen_applicability(rounds)
    result: dict[int, _Cached] = {}
    for round_ in rounds:
        per_group = []
        for group in PERSPECTIVE_GROUPS:
            n = respondents[(round_.pk, group.key)]
            means = {
                code: scoring.item_mean(total, count)
                for code, (total, count) in sums[(round_.pk, group.key)].items()
            }
            score = score_round_means(applic[round_.pk], means, respondents=n)
            per_group.append((n, score.overall_pct if n else None))
        result[round_.pk] = tuple(per_group)
    return result
