"""Placeholder: to be built."""

from django.http import Http404, HttpRequest, HttpResponse


def gids_index(request: HttpRequest) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def gids_search(request: HttpRequest) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def theme_detail(request: HttpRequest, code: str) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")
