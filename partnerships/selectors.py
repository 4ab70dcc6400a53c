"""Reads for partnerships: facts for the pure rules, in a constant number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from principles.models import Framework, Recommendation, Theme

from .applicability import (
    Applicability,
    PartnershipFacts,
    RecommendationFacts,
    ThemeFacts,
    applicability,
)
from .models import Organisation, Partnership


def partnership_facts(partnership: Partnership) -> PartnershipFacts:
    kinds = frozenset(
        partnership.participations.order_by().values_list("organisation__kind", flat=True)
    )
    return PartnershipFacts(
        name=partnership.name,
        cooperation_model=partnership.cooperation_model,
        legal_form=partnership.legal_form,
        participant_kinds=kinds,
        network_variants=partnership.network_variants,
        network_weight=partnership.network_weight,
        council_powers=partnership.council_powers,
        is_statutory=partnership.is_statutory,
    )


def framework_facts(framework: Framework) -> list[ThemeFacts]:
    """Every theme of the framework with its recommendations' flags (two queries)."""
    themes = list(
        Theme.objects.filter(part__framework=framework).order_by("number").values_list("id", "code")
    )
    recs: dict[int, list[RecommendationFacts]] = {theme_id: [] for theme_id, _ in themes}
    rows = (
        Recommendation.objects.filter(theme__part__framework=framework)
        .order_by("theme__number", "number")
        .values_list("theme_id", "code", "refers_to__code")
    )
    for theme_id, code, refers_to in rows:
        recs[theme_id].append(RecommendationFacts(code, refers_to))
    return [ThemeFacts(code, tuple(recs[theme_id])) for theme_id, code in themes]


def applicability_for(
    partnership: Partnership,
    framework: Framework | None = None,
    *,
    facts: PartnershipFacts | None = None,
) -> Applicability:
    """What applies to the partnership now (or with `facts`, as it would after a change)."""
    framework = framework or Framework.objects.current()
    return applicability(facts or partnership_facts(partnership), framework_facts(framework))


@dataclass(frozen=True)
class ThemeRow:
    code: str
    title: str
    applies: bool
    reason: str | None
    item_count: int
    context: tuple[str, ...]  # Part B recommendations shown as context
    refers_to: tuple[str, ...]  # Part A themes assessed under this Part B theme


@dataclass(frozen=True)
class ExcludedRow:
    code: str
    text: str
    theme: str
    reason: str


@dataclass(frozen=True)
class ExclusionGroup:
    """Excluded themes that share one reason (all of Part B for a Wgr partnership, say)."""

    reason: str
    themes: list[ThemeRow]

    @property
    def span(self) -> str | None:
        """'B1 tot en met B15' for a long run of themes; None when each is listed by title."""
        if len(self.themes) <= 3:
            return None
        return f"{self.themes[0].code} tot en met {self.themes[-1].code}"


@dataclass(frozen=True)
class ApplicabilitySummary:
    """What the partnership page shows: which themes apply, and why the others do not."""

    part: str
    applicable: list[ThemeRow]
    excluded: list[ThemeRow]
    excluded_items: list[ExcludedRow]
    hidden_practical: list[tuple[str, list[str]]]  # (reason, practical item codes)
    facts: PartnershipFacts

    @property
    def excluded_groups(self) -> list[ExclusionGroup]:
        groups: dict[str, list[ThemeRow]] = {}
        for row in self.excluded:
            groups.setdefault(row.reason or "", []).append(row)
        return [ExclusionGroup(reason, themes) for reason, themes in groups.items()]


def applicability_summary(
    partnership: Partnership, framework: Framework | None = None
) -> ApplicabilitySummary | None:
    """None when no framework has been loaded yet."""
    framework = framework or Framework.objects.filter(is_current=True).first()
    if framework is None:
        return None
    facts = partnership_facts(partnership)
    result = applicability_for(partnership, framework, facts=facts)
    hidden: dict[str, list[str]] = {}
    for item in result.excluded_practical:
        hidden.setdefault(item.reason, []).append(item.id)
    titles = dict(Theme.objects.filter(part__framework=framework).values_list("code", "title"))
    excluded_codes = [e.id for e in result.excluded_items]
    texts = dict(
        Recommendation.objects.filter(
            theme__part__framework=framework, code__in=excluded_codes
        ).values_list("code", "text")
    )
    rows = [
        ThemeRow(
            t.code,
            titles.get(t.code, ""),
            t.applies,
            t.reason,
            len(t.items),
            t.context,
            t.refers_to,
        )
        for t in result.themes
    ]
    return ApplicabilitySummary(
        part=result.part,
        applicable=[r for r in rows if r.applies],
        excluded=[r for r in rows if not r.applies],
        excluded_items=[
            ExcludedRow(e.id, texts.get(e.id, ""), e.theme, e.reason) for e in result.excluded_items
        ],
        hidden_practical=list(hidden.items()),
        facts=facts,
    )


def find_partnership(identifier: str) -> Partnership | None:
    """A partnership by id or by name (exact, then ignoring case)."""
    identifier = identifier.strip()
    if identifier.isdigit():
        found = Partnership.objects.filter(pk=int(identifier)).first()
        if found:
            return found
    return (
        Partnership.objects.filter(name=identifier).first()
        or Partnership.objects.filter(name__iexact=identifier).first()
    )


def filter_partnerships(
    partnerships: QuerySet[Partnership],
    *,
    q: str = "",
    legal_form: str = "",
    policy_domain: str = "",
    organisation: Organisation | None = None,
) -> QuerySet[Partnership]:
    """The list page's search and filters, on a queryset the user may see."""
    if q:
        partnerships = partnerships.filter(
            Q(name__icontains=q)
            | Q(policy_domain__icontains=q)
            | Q(description__icontains=q)
            | Q(participations__organisation__name__icontains=q)
        )
    if legal_form:
        partnerships = partnerships.filter(legal_form=legal_form)
    if policy_domain:
        partnerships = partnerships.filter(policy_domain=policy_domain)
    if organisation is not None:
        partnerships = partnerships.filter(participations__organisation=organisation)
    ids = partnerships.values("pk")
    return (
        Partnership.objects.filter(pk__in=ids)
        .annotate(participant_count=Count("participations"))
        .order_by("name")
    )
