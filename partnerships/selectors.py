"""Reads for partnerships: facts for the pure rules, in a constant number of queries."""

from principles.models import Framework, Recommendation, Theme

from .applicability import (
    Applicability,
    PartnershipFacts,
    RecommendationFacts,
    ThemeFacts,
    applicability,
)
from .models import Partnership


def partnership_facts(partnership: Partnership) -> PartnershipFacts:
    kinds = frozenset(
        partnership.participations.values_list("organisation__kind", flat=True).distinct()
    )
    return PartnershipFacts(
        name=partnership.name,
        cooperation_model=partnership.cooperation_model,
        legal_form=partnership.legal_form,
        network_variant=partnership.network_variant,
        participant_kinds=kinds,
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
        .values_list("theme_id", "code", "is_abdb_specific", "refers_to__code")
    )
    for theme_id, code, abdb, refers_to in rows:
        recs[theme_id].append(RecommendationFacts(code, abdb, refers_to))
    return [ThemeFacts(code, tuple(recs[theme_id])) for theme_id, code in themes]


def applicability_for(
    partnership: Partnership, framework: Framework | None = None
) -> Applicability:
    framework = framework or Framework.objects.current()
    return applicability(partnership_facts(partnership), framework_facts(framework))
