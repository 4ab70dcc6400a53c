"""The dashboards' reads: plain facts in a fixed number of queries, whatever the number of
partnerships, rounds and respondents (no per-partnership `round_score` calls), and the cache
of round scores.

Scores are the round scores of DESIGN.md ("Scoring"): the same numbers
`assessments.selectors.round_score` gives for the round, aggregated in SQL.
"""

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.cache import caches
from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    Exists,
    F,
    JSONField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, JSONArray, JSONObject, RowNumber

from assessments import scoring
from assessments.constants import AssessmentStatus
from assessments.dashboard.compiled import compiled_subquery
from assessments.dashboard.facts import (
    NO_PROGRESS,
    OPEN_STEP_STATUSES,
    PartnershipInfo,
    RoundFacts,
    RoundProgress,
    ScoreSummary,
    StepFacts,
)
from assessments.dashboard.frameworks import frozen_applicability, score_round_means
from assessments.models import Answer, Assessment, AssessmentRound, NextStep
from assessments.scores import answered_filter
from partnerships.applicability import PartnershipFacts
from partnerships.constants import BodyKind, NetworkVariant
from partnerships.models import Organisation, Participation, Partnership

SUBMITTED = Q(status=AssessmentStatus.SUBMITTED)
OWNER_BODY_LABELS: dict[str, str] = dict(BodyKind.choices)


# --- Partnerships: one row each, with their current round and open steps -------------------


def _latest_rounds(partnership: OuterRef | None = None) -> QuerySet[AssessmentRound]:
    """The rounds of the outer partnership (or of `partnership`, from a subquery one level
    deeper), the current one (latest opens_on, then highest id) first."""
    return AssessmentRound.objects.filter(partnership_id=partnership or OuterRef("pk")).order_by(
        "-opens_on", "-pk"
    )


def _current_round() -> Subquery:
    """The partnership's current round as one JSON object (one subquery instead of one per
    field). Its state comes from the progress annotation; its scores, if any, from the scored
    rounds of the page (fetch_page_rounds), so its tally is not read here."""
    return Subquery(
        _latest_rounds().values(
            facts=JSONObject(
                pk="pk",
                period="period",
                framework_id="framework_id",
                due_on="due_on",
                status="status",
            )
        )[:1]
    )


def _current_round_progress(organisation_id: int | None) -> Subquery:
    """[assessments, submitted, started] in the partnership's current round (only the
    organisation's assessments when given), as one JSON array per partnership; "started" is
    submitted or with at least one answer of this round (scores.answered_filter).

    A subquery of the partnership's row rather than a query of its own over the assessments
    of a hundred rounds: PostgreSQL finds the organisation's participation through its
    unique index on (partnership, organisation) and then its two or three assessments
    through the unique index on (round, participation, perspective). None when the round
    has none of them, or when there is no current round."""
    current = _latest_rounds(OuterRef(OuterRef("pk"))).values("pk")[:1]
    found = Assessment.objects.filter(round_id=Subquery(current))
    if organisation_id is not None:
        found = found.filter(
            participation__partnership_id=OuterRef("pk"),
            participation__organisation_id=organisation_id,
        )
    answered = Exists(Answer.objects.filter(answered_filter(), assessment_id=OuterRef("pk")))
    counts = (
        found.order_by()
        .annotate(answered=answered)
        .values("round_id")
        .annotate(
            counts=JSONArray(
                Count("pk"),
                Count("pk", filter=SUBMITTED),
                Count("pk", filter=SUBMITTED | Q(answered=True)),
            )
        )
        .values("counts")
    )
    return Subquery(counts)


def _json(value: object) -> object:
    """A JSON annotation as Python values: SQLite hands JSON back as text."""
    return json.loads(value) if isinstance(value, str) else value


def _round_facts(partnership_id: int, value: object) -> RoundFacts | None:
    facts = _json(value)
    if facts is None:
        return None
    assert isinstance(facts, dict)
    return RoundFacts(
        int(facts["pk"]),
        partnership_id,
        str(facts["period"]),
        int(facts["framework_id"]),
        date.fromisoformat(str(facts["due_on"])[:10]),
        str(facts["status"]),
    )


def _progress(value: object) -> RoundProgress:
    counts = _json(value)
    if not counts:
        return NO_PROGRESS
    assert isinstance(counts, list)
    return RoundProgress(*(int(n) for n in counts))


class _DistinctArray(Aggregate):
    """The distinct values of a column as one JSON array: JSONB_AGG on PostgreSQL,
    json_group_array on SQLite. One expression per partnership instead of one EXISTS per
    organisation kind, which cost more to build than the query costs to run."""

    function = "JSONB_AGG"
    allow_distinct = True
    output_field = JSONField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra)


def _participant_kinds() -> Subquery:
    """The distinct kinds of the partnership's participating organisations, as a JSON array."""
    # The kind is looked up per participation through the organisation's primary key: a join
    # made PostgreSQL hash all organisations once per partnership (5 ms for 103 of them).
    kind = Subquery(Organisation.objects.filter(pk=OuterRef("organisation_id")).values("kind")[:1])
    return Subquery(
        Participation.objects.filter(partnership_id=OuterRef("pk"))
        .order_by()
        .annotate(kind=kind)
        .values("partnership_id")
        .annotate(kinds=_DistinctArray("kind", distinct=True))
        .values("kinds")
    )


def _open_step_facts() -> Subquery:
    """[number of open steps, first due date] of the partnership, as one JSON array."""
    return Subquery(
        NextStep.objects.filter(round__partnership_id=OuterRef("pk"), status__in=OPEN_STEP_STATUSES)
        .order_by()
        .values("round__partnership_id")
        .annotate(facts=JSONArray(Count("pk"), Min("due_on")))
        .values("facts")
    )


def _step_facts(value: object) -> tuple[int, date | None]:
    facts = _json(value)
    if not facts:
        return 0, None
    assert isinstance(facts, list)
    count, first_due = facts
    return int(count), date.fromisoformat(str(first_due)[:10]) if first_due else None


def fetch_partnership_info(
    partnerships: QuerySet[Partnership],
    *,
    with_progress: bool = False,
    organisation_id: int | None = None,
) -> list[PartnershipInfo]:
    """The partnerships by name, each with the kinds of its participants, its current round
    and its open steps, as annotations of one query (subqueries on the indexes of rounds,
    assessments and steps, whatever their number; compiled once per process, see
    compiled.py). with_progress: also how far the current round's assessments are, the
    organisation's only when organisation_id is given."""
    using = partnerships.db
    partnerships = partnerships.annotate(
        participant_kinds=compiled_subquery(using, "participant_kinds", _participant_kinds),
        current=compiled_subquery(using, "current", _current_round),
        open_step_facts=compiled_subquery(using, "open_step_facts", _open_step_facts),
    )
    if with_progress:
        counted = compiled_subquery(
            using, ("progress", organisation_id), lambda: _current_round_progress(organisation_id)
        )
        partnerships = partnerships.annotate(progress=counted)
    rows = partnerships.order_by("name").values_list(
        "pk",
        "name",
        "legal_form",
        "cooperation_model",
        "is_triple_helix",
        "is_chain",
        "network_weight",
        "council_powers",
        "is_statutory",
        "evaluation_interval_years",
        "last_evaluated_on",
        "current",
        "open_step_facts",
        "participant_kinds",
        *(("progress",) if with_progress else ()),
    )
    kinds: dict[tuple[object, ...], PartnershipFacts] = {}
    result = []
    for row in rows:
        (pk, name, legal_form, model, helix, chain, weight, powers, statutory) = row[:9]
        (interval, last_evaluated, current) = row[9:12]
        open_steps, first_open_due = _step_facts(row[12])
        found_kinds = _json(row[13]) or []
        assert isinstance(found_kinds, list)
        progress = row[14] if with_progress else None
        participant_kinds = frozenset(str(kind) for kind in found_kinds)
        key = (model, legal_form, helix, chain, weight, powers, statutory, participant_kinds)
        kind = kinds.get(key)
        if kind is None:
            variants = {NetworkVariant.TRIPLE_HELIX: helix, NetworkVariant.KETEN: chain}
            kind = kinds[key] = PartnershipFacts(
                name="",
                cooperation_model=model,
                legal_form=legal_form,
                participant_kinds=participant_kinds,
                network_variants=frozenset(str(v) for v, on in variants.items() if on),
                network_weight=weight,
                council_powers=powers,
                is_statutory=statutory,
            )
        result.append(
            PartnershipInfo(
                pk=pk,
                name=name,
                legal_form=legal_form,
                cooperation_model=model,
                evaluation_interval_years=interval,
                last_evaluated_on=last_evaluated,
                kind=kind,
                current_round=_round_facts(pk, current),
                open_steps=open_steps or 0,
                first_open_due=first_open_due,
                progress=_progress(progress),
            )
        )
    return result


# --- Rounds and their scores ----------------------------------------------------------------


_ROUND_FIELDS = ("pk", "partnership_id", "period", "framework_id", "due_on", "status")

ScoredRounds = dict[int, tuple[RoundFacts, RoundFacts | None]]


def fetch_page_rounds(
    partnership_ids: Sequence[int],
) -> tuple[ScoredRounds, dict[int, list[int]]]:
    """({partnership id: (the latest round with a submitted assessment, the one with
    submissions before it)}, {partnership id: the ids of all its rounds}), in one query.

    Each round's tally (how many assessments were submitted, and when the latest) keys its
    cached scores. The round ids let the next query find the open steps through the index
    on (round, due date) instead of joining every open step in the country to its round.
    Partnerships without (scored) rounds are left out."""
    if not partnership_ids:
        return {}, {}
    rows = (
        AssessmentRound.objects.filter(partnership_id__in=list(partnership_ids))
        .order_by("partnership_id", "-opens_on", "-pk")
        .annotate(
            submitted=Count(
                "assessments", filter=Q(assessments__status=AssessmentStatus.SUBMITTED)
            ),
            submitted_stamp=Cast(
                Max(
                    "assessments__submitted_at",
                    filter=Q(assessments__status=AssessmentStatus.SUBMITTED),
                ),
                CharField(),
            ),
        )
        .values_list(*_ROUND_FIELDS, "submitted", "submitted_stamp", "applicability_key")
    )
    found: dict[int, list[RoundFacts]] = defaultdict(list)
    round_ids: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        round_ids[row[1]].append(row[0])
        # Rounds without a submission have no scores.
        if row[6] and len(found[row[1]]) < 2:
            found[row[1]].append(RoundFacts(*row))
    scored = {
        pk: (rounds[0], rounds[1] if len(rounds) > 1 else None) for pk, rounds in found.items()
    }
    return scored, dict(round_ids)


def fetch_round_means(
    round_ids: Sequence[int], *, organisation_id: int | None = None
) -> dict[int, dict[str, float]]:
    """{round id: {recommendation code: exact mean of the submitted numeric answers}}, only
    for items with a numeric answer; aggregated in the database (one query). With
    organisation_id: over that participant's own assessments only.

    SUM and COUNT rather than AVG: `scoring.item_mean` turns them into the very float the
    Python scoring computes, so the dashboard equals `selectors.round_score` to the last bit."""
    result: dict[int, dict[str, float]] = {pk: {} for pk in round_ids}
    if not round_ids:
        return result
    answers = Answer.objects.filter(
        assessment__round_id__in=list(round_ids),
        assessment__status=AssessmentStatus.SUBMITTED,
        score__isnull=False,
    )
    if organisation_id is not None:
        answers = answers.filter(assessment__participation__organisation_id=organisation_id)
    rows = (
        answers.order_by()
        .values("assessment__round_id", "recommendation__code")
        .annotate(total=Sum("score"), n=Count("score"))
        .values_list("assessment__round_id", "recommendation__code", "total", "n")
    )
    for round_id, code, total, n in rows:
        result[round_id][code] = scoring.item_mean(int(total), n)
    return result


def _summary(score: scoring.RoundScore) -> ScoreSummary:
    themes = {t.code: t.score_pct for t in score.themes}
    return ScoreSummary(score.overall_pct, score.respondents, themes)


def cached_round_scores(shown: Iterable[RoundFacts]) -> dict[int, ScoreSummary]:
    """{round id: its theme and overall scores}, through the "scores" cache: the overview of
    an organisation in a hundred partnerships scores two hundred rounds, which took most of
    its time before.

    A round's scores are kept under a key made of RoundFacts.tally_key (which changes
    whenever its submitted set changes) and the key of the applicability it froze when it
    opened, so a cached value is never stale. Only the rounds not in the cache are
    aggregated, in one query, with their frozen applicability (one more query, only for
    keys this process has not met yet)."""
    unique = {r.pk: r for r in shown}
    cache = caches["scores"]
    keys = {f"{r.tally_key}:{r.applicability_key}": pk for pk, r in unique.items()}
    found = cache.get_many(list(keys))
    result = {keys[key]: ScoreSummary.from_tuple(value) for key, value in found.items()}
    missing = sorted(pk for pk in unique if pk not in result)
    if missing:
        means = fetch_round_means(missing)
        applic = frozen_applicability([unique[pk] for pk in missing])
        fresh = {}
        for pk in missing:
            round_ = unique[pk]
            score = score_round_means(applic[pk], means[pk], respondents=round_.submitted)
            fresh[pk] = _summary(score)
        cache.set_many(
            {key: fresh[pk].as_tuple() for key, pk in keys.items() if pk in fresh}, timeout=None
        )
        result.update(fresh)
    return result


# --- Open next steps ------------------------------------------------------------------------


def by_partnership(steps: Iterable[StepFacts]) -> dict[int, list[StepFacts]]:
    result: dict[int, list[StepFacts]] = defaultdict(list)
    for step in steps:
        result[step.partnership_id].append(step)
    return dict(result)


def fetch_open_steps(partnership_ids: Sequence[int], limit: int | None = None) -> list[StepFacts]:
    """Open next steps of all rounds of the partnerships, by due date (one query): the first
    `limit` of them, when given. Plain values, no model instances: a page shows a hundred
    of them. No query without partnerships."""
    if not partnership_ids:
        return []
    steps, _ = _open_steps(Q(round__partnership_id__in=list(partnership_ids)), limit)
    return steps


def fetch_row_steps(
    round_ids: Sequence[int], today: date, *, per_partnership: int
) -> tuple[dict[int, list[StepFacts]], dict[int, int]]:
    """({partnership id: its first `per_partnership` open steps}, {partnership id: how many
    of all its open steps are overdue}) for the steps of these rounds (all rounds of the
    rows), in one query: the count is a window over every open step of the partnership,
    taken before the first few are picked. Filtering on the rounds rather than the
    partnerships lets PostgreSQL walk the index on (round, due date)."""
    if not round_ids:
        return {}, {}
    steps, late = _open_steps(
        Q(round_id__in=list(round_ids)), None, per_partnership, late_before=today
    )
    return by_partnership(steps), late


def _open_steps(
    where: Q,
    limit: int | None,
    per_partnership: int | None = None,
    late_before: date | None = None,
) -> tuple[list[StepFacts], dict[int, int]]:
    """The open steps matching `where`, by due date; with late_before, {partnership id: how
    many of its open steps are due before it}."""
    order = [F("due_on").asc(nulls_last=True), F("pk").asc()]
    partition = F("round__partnership_id")
    steps = NextStep.objects.filter(where, status__in=OPEN_STEP_STATUSES).order_by(*order)
    late_field: tuple[str, ...] = ()
    if late_before is not None:
        overdue = Case(When(due_on__lt=late_before, then=Value(1)), default=Value(0))
        steps = steps.annotate(late=Window(Sum(overdue), partition_by=partition))
        late_field = ("late",)
    if per_partnership is not None:
        steps = steps.annotate(
            place=Window(RowNumber(), partition_by=partition, order_by=order)
        ).filter(place__lte=per_partnership)
    if limit is not None:
        steps = steps[:limit]
    rows = list(
        steps.values_list(
            *late_field,
            "pk",
            "round_id",
            "round__partnership_id",
            "round__partnership__name",
            "description",
            "owner",
            "owner_body__kind",
            "due_on",
            "status",
            "recommendation__code",
        )
    )
    late: dict[int, int] = {}
    if late_field:
        late = {row[3]: int(row[0]) for row in rows}
        rows = [row[1:] for row in rows]
    steps_found = [
        StepFacts(
            pk=pk,
            round_id=round_id,
            partnership_id=partnership_id,
            partnership_name=partnership_name,
            description=description,
            owner=owner or OWNER_BODY_LABELS.get(body_kind or "", ""),
            due_on=due_on,
            status=status,
            recommendation=code,
        )
        for (
            pk,
            round_id,
            partnership_id,
            partnership_name,
            description,
            owner,
            body_kind,
            due_on,
            status,
            code,
        ) in rows
    ]
    return steps_found, late
