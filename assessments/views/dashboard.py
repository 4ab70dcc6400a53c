"""Placeholder: to be built."""

from django.http import Http404, HttpRequest, HttpResponse


def home(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def dashboard(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def dashboard_export_xlsx(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def partnership_dashboard(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")
