"""Reads of the framework for the Gids pages: every query runs here, a fixed number per page."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

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


# The combining accents (diaeresis, acute, grave, circumflex, ...) that NFD splits off a
# letter: dropped, so "ë" reads as "e". One regular expression over a whole text is what keeps
# searching the whole Gids fast (about 10 ms; a loop per character took 250 ms).
_ACCENTS = re.compile("[\u0300-\u036f]")


def _folded(text: str) -> str:
    """The text without accents and case: "Financiële" -> "financiele"."""
    return _ACCENTS.sub("", unicodedata.normalize("NFD", text)).casefold()


def fold(text: str) -> tuple[str, list[int]]:
    """``_folded(text)`` with, for every folded character, the index of the character it
    came from, so a match in the folded text can be marked in the original (only for the
    hits shown, so a loop per character is fine here)."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        plain = _folded(char)
        folded.append(plain)
        origin.extend([index] * len(plain))
    return "".join(folded), origin


def highlight(text: str, query: str) -> list[Segment]:
    """Split text into plain and matching segments, ignoring case and accents, for <mark>."""
    folded, origin = fold(text)
    needle = _folded(query)
    segments: list[Segment] = []
    position = 0
    start = folded.find(needle) if needle else -1
    while start != -1:
        first, last = origin[start], origin[start + len(needle) - 1] + 1
        if first > position:
            segments.append(Segment(text[position:first], False))
        segments.append(Segment(text[first:last], True))
        position = last
        start = folded.find(needle, start + len(needle))
    if position < len(text):
        segments.append(Segment(text[position:], False))
    return segments


def search_recommendations(
    *, framework: Framework, query: str, limit: int = SEARCH_MAX_RESULTS
) -> tuple[list[SearchHit], int]:
    """Recommendations whose text, lead-in or practical items contain the query, ignoring
    case and accents ("financiele" finds "Financiële") the same way on every database.

    The Gids is about a hundred recommendations and eight hundred practical items, so it is
    read whole (2 queries) and searched in Python: neither SQLite nor PostgreSQL (without
    the unaccent extension) folds accents, and an extension would be one more thing for
    every installation. Returns the first ``limit`` hits and the total number of matches.
    """
    query = " ".join(query.split())[:SEARCH_MAX_LENGTH]
    if len(query) < SEARCH_MIN_LENGTH:
        return [], 0
    needle = _folded(query)
    recommendations = list(
        Recommendation.objects.filter(theme__part__framework=framework)
        .select_related("theme")
        .order_by("theme__number", "number")
    )
    items: dict[int, list[PracticalItem]] = {}
    for item in PracticalItem.objects.filter(
        recommendation__theme__part__framework=framework
    ).order_by("order"):
        items.setdefault(item.recommendation_id, []).append(item)
    hits: list[SearchHit] = []
    total = 0
    for rec in recommendations:
        matching_items = [i for i in items.get(rec.pk, []) if needle in _folded(i.text)]
        if not (needle in _folded(rec.text) or needle in _folded(rec.lead_in) or matching_items):
            continue
        total += 1
        if len(hits) < limit:
            hits.append(
                SearchHit(
                    recommendation=rec,
                    text=highlight(rec.text, query),
                    items=[highlight(item.text, query) for item in matching_items],
                )
            )
    return hits, total


def question_texts(*, framework_id: int) -> dict[str, str]:
    """{recommendation code: our plain-Dutch question} for one framework (one query)."""
    return dict(
        Question.objects.filter(recommendation__theme__part__framework_id=framework_id).values_list(
            "recommendation__code", "text"
        )
    )
