"""Reads of the framework for the Gids pages: every query runs here, a fixed number per page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from .models import Actor, Framework, Part, PracticalItem, Question, Recommendation, Theme

SEARCH_MIN_LENGTH = 3
SEARCH_MAX_RESULTS = 50
SEARCH_MAX_LENGTH = 100


def current_framework() -> Framework | None:
    return Framework.objects.filter(is_current=True).first()


@dataclass(frozen=True)
class PartOverview:
    part: Part
    themes: list[Theme]


def framework_overview(*, framework: Framework) -> list[PartOverview]:
    """Both parts with their themes in order (2 queries)."""
    parts = Part.objects.filter(framework=framework).prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("number"))
    )
    return [PartOverview(part, list(part.themes.all())) for part in parts]


def framework_actors(*, framework: Framework) -> list[Actor]:
    return list(Actor.objects.filter(framework=framework).order_by("order"))


@dataclass(frozen=True)
class RecommendationView:
    recommendation: Recommendation
    items: list[PracticalItem]  # top-level items; children prefetched in item.children
    item_count: int
    actors: list[Actor]


@dataclass(frozen=True)
class ThemeDetail:
    theme: Theme
    recommendations: list[RecommendationView]
    previous: Theme | None
    next: Theme | None
    referenced_by: list[Recommendation]  # Part B recommendations that point at this theme


def _items_prefetch() -> Prefetch[str, QuerySet[PracticalItem], str]:
    children = Prefetch("children", queryset=PracticalItem.objects.order_by("order"))
    return Prefetch(
        "practical_items",
        queryset=PracticalItem.objects.filter(parent__isnull=True)
        .order_by("order")
        .prefetch_related(children),
        to_attr="top_items",
    )


def theme_detail(*, framework: Framework, code: str) -> ThemeDetail | None:
    """One theme as a document: statement, recommendations, items (constant queries)."""
    theme = (
        Theme.objects.select_related("part")
        .filter(part__framework=framework, code=code)
        .prefetch_related(
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.order_by("number")
                .select_related("refers_to")
                .prefetch_related(_items_prefetch(), "actors"),
            ),
            Prefetch(
                "referenced_by",
                queryset=Recommendation.objects.select_related("theme").order_by("theme__number"),
            ),
        )
        .first()
    )
    if theme is None:
        return None
    neighbours = {
        t.number: t
        for t in Theme.objects.filter(
            part__framework=framework, number__in=[theme.number - 1, theme.number + 1]
        )
    }
    recommendations = []
    for rec in theme.recommendations.all():
        # A list set by _items_prefetch (to_attr), which the model's type does not know.
        items: list[PracticalItem] = list(rec.top_items)  # type: ignore[attr-defined]
        count = len(items) + sum(len(item.children.all()) for item in items)
        recommendations.append(RecommendationView(rec, items, count, list(rec.actors.all())))
    return ThemeDetail(
        theme=theme,
        recommendations=recommendations,
        previous=neighbours.get(theme.number - 1),
        next=neighbours.get(theme.number + 1),
        referenced_by=list(theme.referenced_by.all()),
    )


@dataclass(frozen=True)
class Segment:
    text: str
    is_match: bool


@dataclass(frozen=True)
class SearchHit:
    recommendation: Recommendation
    text: list[Segment]
    items: list[list[Segment]]  # matching practical items


def highlight(text: str, query: str) -> list[Segment]:
    """Split text into plain and matching segments (case-insensitive), for <mark>."""
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    segments: list[Segment] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            segments.append(Segment(text[position : match.start()], False))
        segments.append(Segment(match.group(0), True))
        position = match.end()
    if position < len(text):
        segments.append(Segment(text[position:], False))
    return segments


def _matching_recommendations(framework: Framework, query: str) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.filter(theme__part__framework=framework)
        .filter(
            Q(text__icontains=query)
            | Q(lead_in__icontains=query)
            | Q(practical_items__text__icontains=query)
        )
        .distinct()
        .select_related("theme")
        .order_by("theme__number", "number")
    )


def search_recommendations(
    *, framework: Framework, query: str, limit: int = SEARCH_MAX_RESULTS
) -> tuple[list[SearchHit], int]:
    """Recommendations whose text, lead-in or practical items contain the query (2 queries).

    Returns the first ``limit`` hits and the total number of matching recommendations.
    """
    query = " ".join(query.split())[:SEARCH_MAX_LENGTH]
    if len(query) < SEARCH_MIN_LENGTH:
        return [], 0
    matching = _matching_recommendations(framework, query)
    total = matching.count()
    rows = list(
        matching[:limit].prefetch_related(
            Prefetch(
                "practical_items",
                queryset=PracticalItem.objects.filter(text__icontains=query).order_by("order"),
                to_attr="matching_items",
            )
        )
    )
    # SQLite's icontains ignores case for ASCII only; highlight() is fully case-insensitive.
    hits = [
        SearchHit(
            recommendation=rec,
            text=highlight(rec.text, query),
            items=[highlight(item.text, query) for item in rec.matching_items],
        )
        for rec in rows
    ]
    return hits, total


def question_texts(*, framework_id: int) -> dict[str, str]:
    """{recommendation code: our plain-Dutch question} for one framework (one query)."""
    return dict(
        Question.objects.filter(recommendation__theme__part__framework_id=framework_id).values_list(
            "recommendation__code", "text"
        )
    )
