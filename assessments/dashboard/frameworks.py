"""Applicability for the dashboards. A round's own, frozen when it opened, read once per key
and process; and what applies now to a partnership without a scored round, worked out once
per kind of partnership and framework content and shared by the requests of a process,
because working it out for each of a hundred partnerships was most of the overview's
Python time."""

from collections.abc import Sequence
from typing import NamedTuple

from assessments import scoring
from assessments.dashboard.facts import RoundFacts
from assessments.models import AssessmentRound
from partnerships.applicability import (
    Applicability,
    PartnershipFacts,
    ThemeFacts,
    applicability,
)
from partnerships.selectors import framework_facts
from principles.models import Framework


class KindApplicability(NamedTuple):
    """Applicability for one kind of partnership under one framework, with what the overview
    reads of it over and over: the applicable theme codes."""

    applicability: Applicability
    themes: frozenset[str]


# Frozen applicability by its key, shared by the requests of this process: a key names the
# scored (item, theme) pairs, so every round with that key scores the same way. Bounded.
_FROZEN: dict[str, Applicability] = {}
FROZEN_MAX = 1024


def frozen_applicability(rounds: Sequence[RoundFacts]) -> dict[int, Applicability]:
    """{round id: the applicability it froze when it opened}; one query for the rounds whose
    key this process has not read yet, none otherwise."""
    unknown = [r.pk for r in rounds if r.applicability_key not in _FROZEN]
    if unknown:
        if len(_FROZEN) >= FROZEN_MAX:
            _FROZEN.clear()
        for key, snapshot in AssessmentRound.objects.filter(pk__in=unknown).values_list(
            "applicability_key", "applicability"
        ):
            _FROZEN[key] = Applicability.from_snapshot(snapshot)
    return {r.pk: _FROZEN[r.applicability_key] for r in rounds}


def score_round_means(
    applic: Applicability, means: dict[str, float], *, respondents: int
) -> scoring.RoundScore:
    """The theme and overall scores of `selectors.round_score`, from item means aggregated
    in SQL (selectors.fetch_round_means); without item statistics."""
    items = [scoring.Item(id=code, theme=theme) for code, theme in applic.item_pairs()]
    return scoring.score_round_from_means(items, means, respondents=respondents)


# Applicability by framework content and kind of partnership, shared by the requests of this
# process. Keyed by the framework's facts themselves, fetched on every request, so a
# framework changed by load_gids gets new entries and an old entry is never served for it.
# Bounded: cleared when it grows past these sizes (a handful of frameworks, a few hundred
# kinds).
_SHARED: dict[tuple[ThemeFacts, ...], dict[PartnershipFacts, KindApplicability]] = {}
SHARED_FRAMEWORKS_MAX = 8
SHARED_KINDS_MAX = 4096


class FrameworkCache:
    """Framework facts fetched once per framework version and request (two queries each);
    applicability worked out once per kind of partnership and framework content."""

    def __init__(self) -> None:
        self._facts: dict[int, list[ThemeFacts]] = {}
        self._kinds: dict[int, dict[PartnershipFacts, KindApplicability]] = {}

    def facts(self, framework_id: int) -> list[ThemeFacts]:
        if framework_id not in self._facts:
            self._facts[framework_id] = framework_facts(Framework(pk=framework_id))
        return self._facts[framework_id]

    def of_kind(self, kind: PartnershipFacts, framework_id: int) -> KindApplicability:
        kinds = self._kinds.get(framework_id)
        if kinds is None:
            content = tuple(self.facts(framework_id))
            if content not in _SHARED and len(_SHARED) >= SHARED_FRAMEWORKS_MAX:
                _SHARED.clear()
            kinds = self._kinds[framework_id] = _SHARED.setdefault(content, {})
        found = kinds.get(kind)
        if found is None:
            if len(kinds) >= SHARED_KINDS_MAX:
                kinds.clear()
            applic = applicability(kind, self.facts(framework_id))
            found = kinds[kind] = KindApplicability(
                applic, frozenset(t.code for t in applic.themes if t.applies)
            )
        return found

    def applicability(self, kind: PartnershipFacts, framework_id: int) -> Applicability:
        """`kind` without a name: applicability depends only on the form, the network variant
        and the kinds of participants. The result carries no partnership name."""
        return self.of_kind(kind, framework_id).applicability

    def applicable_themes(self, kind: PartnershipFacts, framework_id: int) -> frozenset[str]:
        return self.of_kind(kind, framework_id).themes
