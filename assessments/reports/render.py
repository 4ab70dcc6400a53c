"""A report as HTML and as PDF.

`render_report(report)` is the single way to a report PDF: the web view and the
`render_report` command both call it, so they serve the same bytes.

The PDF is cached under the sha256 of the HTML it is made from (the "reports" cache alias).
Rendering the HTML takes milliseconds, WeasyPrint seconds; the same HTML always gives the
same PDF, so the hash is a safe key: any changed answer, step or name changes the HTML and
so the key. The HTML holds nothing that changes per request; the only moving part is the
date the report is made on ("Gemaakt ... op 7 december 2026"), a date without a time: it is
part of the key on purpose, so a cached PDF never shows a day other than the one it is
downloaded on. Rights are not part of the key: the views check them before they build the
report, on every request.
"""

import hashlib
from typing import Any

from django.core.cache import caches

from .content import Report
from .pdf import html_to_pdf, render_html

CACHE_ALIAS = "reports"
KEY_PREFIX = "report-pdf:v1:"


def render_report_html(report: Report, **extra: Any) -> str:
    """The report's HTML; `extra` adds preview-only context (links), never data."""
    return render_html(report.template, {"report": report, **extra})


def cache_key(html: str) -> str:
    return KEY_PREFIX + hashlib.sha256(html.encode("utf-8")).hexdigest()


def render_report(report: Report) -> tuple[str, bytes]:
    """(html, pdf): the one way to a report PDF, used by the web view and the command."""
    html = render_html(report.template, {"report": report})
    cache = caches[CACHE_ALIAS]
    key = cache_key(html)
    pdf = cache.get(key)
    if not isinstance(pdf, bytes):
        pdf, _pages = html_to_pdf(html)
        cache.set(key, pdf)
    return html, pdf
