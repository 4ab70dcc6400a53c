"""The Gids browser: public pages, no login needed."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from . import selectors
from .converters import clean_query
from .models import Framework


def _framework() -> Framework:
    framework = selectors.current_framework()
    if framework is None:
        raise Http404("De Gids is nog niet geladen.")
    return framework


@require_GET
def gids_index(request: HttpRequest) -> HttpResponse:
    framework = _framework()
    return render(
        request,
        "principles/index.html",
        {
            "framework": framework,
            "parts": selectors.framework_overview(framework=framework),
            "actors": selectors.framework_actors(framework=framework),
        },
    )


@require_GET
def theme_detail(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.upper():
        return redirect("principles:theme", code=code.upper())
    framework = _framework()
    detail = selectors.theme_detail(framework=framework, code=code)
    if detail is None:
        raise Http404("Dit thema bestaat niet in de Gids.")
    return render(request, "principles/theme.html", {"framework": framework, "detail": detail})


@require_GET
def gids_search(request: HttpRequest) -> HttpResponse:
    framework = _framework()
    query = clean_query(request.GET.get("q"), selectors.SEARCH_MAX_LENGTH)
    too_short = 0 < len(query) < selectors.SEARCH_MIN_LENGTH
    hits, total = selectors.search_recommendations(framework=framework, query=query)
    return render(
        request,
        "principles/search.html",
        {
            "framework": framework,
            "query": query,
            "too_short": too_short,
            "min_length": selectors.SEARCH_MIN_LENGTH,
            "hits": hits,
            "total": total,
        },
    )
