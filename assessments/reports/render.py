"""A report as HTML and as PDF.

`render_report(report)` is the single way to a report PDF: the web view and the
`render_report` command both call it, so they serve the same bytes.
"""

from typing import Any

from .content import Report
from .pdf import render_html, render_to_pdf


def render_report_html(report: Report, **extra: Any) -> str:
    """The report's HTML; `extra` adds preview-only context (links), never data."""
    return render_html(report.template, {"report": report, **extra})


def render_report(report: Report) -> tuple[str, bytes]:
    """(html, pdf): the one way to a report PDF, used by the web view and the command."""
    return render_to_pdf(report.template, {"report": report})
