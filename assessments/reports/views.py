"""Reports: an HTML preview and a PDF per assessment and per round.

Thin views: permission-scoped fetch (404 for what the user may not see) -> the report's
content (assessment_report, round_report) -> HTML or PDF. A failure inside WeasyPrint gives a Dutch error
page with status 500 and a log line; the response only ever carries a complete PDF.
"""

import logging

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from assessments.access import get_assessment_for_user, get_round_for_user
from assessments.downloads import attachment
from assessments.reports.assessment_report import build_assessment_report
from assessments.reports.content import Report
from assessments.reports.pdf import ReportRenderError
from assessments.reports.render import render_report, render_report_html
from assessments.reports.round_report import build_round_report

logger = logging.getLogger(__name__)


def _preview(request: HttpRequest, report: Report, *, pdf_url: str, back_url: str) -> HttpResponse:
    html = render_report_html(report, preview=True, pdf_url=pdf_url, back_url=back_url)
    return HttpResponse(html)


def _pdf(request: HttpRequest, report: Report, *, preview_url: str) -> HttpResponse:
    try:
        _html, pdf = render_report(report)
    except ReportRenderError:
        logger.error(
            "Report PDF failed: %s (pk %s) for user %s",
            type(report).__name__,
            report.pk,
            request.user.pk,
        )
        return render(
            request,
            "assessments/report/error.html",
            {"report": report, "preview_url": preview_url, "moment": timezone.localtime()},
            status=500,
        )
    response = attachment(pdf, filename=report.filename, content_type="application/pdf")
    response["Content-Length"] = str(len(pdf))
    return response


@login_required
@require_GET
def assessment_report_preview(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    report = build_assessment_report(assessment)
    return _preview(
        request,
        report,
        pdf_url=reverse("assessments:report_pdf", args=[pk]),
        back_url=assessment.get_absolute_url(),
    )


@transaction.non_atomic_requests
@login_required
@require_GET
def assessment_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():  # one consistent read; no transaction held while WeasyPrint runs
        assessment = get_assessment_for_user(request.user, pk)
        report = build_assessment_report(assessment)
    return _pdf(request, report, preview_url=reverse("assessments:report_preview", args=[pk]))


@login_required
@require_GET
def round_report_preview(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    report = build_round_report(round_)
    return _preview(
        request,
        report,
        pdf_url=reverse("assessments:round_report_pdf", args=[pk]),
        back_url=round_.get_absolute_url(),
    )


@transaction.non_atomic_requests
@login_required
@require_GET
def round_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():  # one consistent read; no transaction held while WeasyPrint runs
        round_ = get_round_for_user(request.user, pk)
        report = build_round_report(round_)
    return _pdf(request, report, preview_url=reverse("assessments:round_report_preview", args=[pk]))
