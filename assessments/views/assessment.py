"""Placeholder: to be built."""

from django.http import Http404, HttpRequest, HttpResponse


def assessment_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def assessment_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def assessment_theme(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def answer_save(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def assessment_submit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def assessment_reopen(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def assessment_results(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def assessment_export_csv(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def assessment_export_xlsx(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def next_step_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def next_step_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")


def next_step_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Nog niet beschikbaar.")
