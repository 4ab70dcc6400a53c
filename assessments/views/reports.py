"""Placeholder: to be built."""

from django.http import Http404, HttpRequest, HttpResponse


def assessment_report_preview(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def assessment_report_pdf(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def round_report_preview(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def round_report_pdf(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")
