"""Placeholder: to be built."""

from django.http import Http404, HttpRequest, HttpResponse


def round_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def round_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def round_compare(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def round_remind(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def round_next(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def round_trend(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def assessment_trend(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")
