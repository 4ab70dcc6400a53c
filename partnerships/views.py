"""Placeholder: to be built."""

from django.http import Http404, HttpRequest, HttpResponse


def partnership_list(request: HttpRequest) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def partnership_create(request: HttpRequest) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def partnership_import(request: HttpRequest) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")
