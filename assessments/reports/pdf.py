"""One entry point for PDFs: `render_to_pdf(template, context) -> (html, pdf_bytes)`.

- WeasyPrint is imported lazily (ruff bans the module-level import): the web process
  only pays for it when a PDF is asked for.
- The document's relative URLs resolve against BASE_URL, a host that never resolves;
  `StaticFileFetcher` serves STATIC_URL under it from disk (the static storage, as
  collected, then the staticfiles finders) and
  refuses every other URL, so a report never reaches the network or the file system.
- Output is PDF/UA-1, with the title and language taken from <title> and <html lang>.
- A failure inside WeasyPrint is logged and raised as ReportRenderError; nothing is
  written anywhere until the bytes are complete (`write_file_atomically` for files).
"""

import base64
import logging
import mimetypes
import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

BASE_URL = "https://regiespiegel.invalid/"
PDF_VARIANT = "pdf/ua-1"
LANGUAGE = "nl"


class ReportRenderError(Exception):
    """WeasyPrint could not make the PDF. The cause is logged; show the user a Dutch message."""


class RefusedURL(ValueError):
    """The report asked for a URL outside our static files."""


def static_prefix() -> str:
    """STATIC_URL as an absolute URL under BASE_URL (or as configured, when absolute)."""
    return urljoin(BASE_URL, settings.STATIC_URL)


def static_path(url: str) -> str | None:
    """The file on disk behind a static URL, or None when the URL is not ours or not found."""
    prefix = static_prefix()
    if not url.startswith(prefix):
        return None
    relative = unquote(urlsplit(url).path[len(urlsplit(prefix).path) :])
    if not relative or relative.startswith("/") or ".." in Path(relative).parts:
        return None
    # Through the storage first: in production the page links the hashed name that
    # collectstatic wrote (report.<hash>.css), which the finders do not know.
    try:
        if staticfiles_storage.exists(relative):
            return str(staticfiles_storage.path(relative))
    except (SuspiciousFileOperation, NotImplementedError, ValueError):
        pass
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    if isinstance(found, list):  # find(all=True) shape; not expected, but be strict
        found = found[0] if found else None
    return found


def _decode_data_url(url: str) -> tuple[bytes, str]:
    header, _, payload = url[len("data:") :].partition(",")
    media_type, *params = header.split(";")
    if "base64" in params:
        return base64.b64decode(payload), media_type or "text/plain"
    return unquote_to_bytes(payload), media_type or "text/plain"


class StaticFileFetcher:
    """A WeasyPrint URL fetcher: our static files from disk and inline data: URIs, nothing else.

    data: URIs are allowed because they carry no request (the report's charts are SVG
    embedded as data: URIs); every http(s), file, ftp... URL other than STATIC_URL is refused.
    """

    def __init__(self) -> None:
        self.refused: list[str] = []

    def __call__(self, url: str) -> Any:
        return self.fetch(url)

    def fetch(self, url: str, headers: object = None) -> Any:
        from weasyprint.urls import URLFetcherResponse

        if url.startswith("data:"):
            body, media_type = _decode_data_url(url)
            return URLFetcherResponse(url, body, {"Content-Type": media_type})
        path = static_path(url)
        if path is None:
            self.refused.append(url)
            logger.warning("Report: refused to fetch %s (only static files are served)", url)
            raise RefusedURL(f"Alleen eigen statische bestanden zijn toegestaan, niet {url}")
        media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if media_type == "text/css":
            media_type += "; charset=utf-8"
        with open(path, "rb") as handle:
            body = handle.read()
        return URLFetcherResponse(url, body, {"Content-Type": media_type})


def render_html(template: str, context: dict[str, Any]) -> str:
    """The report's HTML, rendered in Dutch. The context must be fully materialised."""
    with translation.override(LANGUAGE):
        return render_to_string(template, context)


def html_to_pdf(html: str) -> tuple[bytes, int]:
    """(PDF bytes, page count) for the HTML; raises ReportRenderError on any failure."""
    try:
        from weasyprint import HTML

        document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFileFetcher()).render()
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    except Exception as exc:
        logger.exception("Report: WeasyPrint failed (%s)", type(exc).__name__)
        raise ReportRenderError(str(exc)) from exc
    if not pdf or not pdf.startswith(b"%PDF"):
        logger.error("Report: WeasyPrint returned no PDF (%d bytes)", len(pdf or b""))
        raise ReportRenderError("WeasyPrint gaf geen PDF terug.")
    return pdf, len(document.pages)


def render_to_pdf(template: str, context: dict[str, Any]) -> tuple[str, bytes]:
    """The HTML (for tests and previews) and the PDF bytes made from exactly that HTML."""
    html = render_html(template, context)
    pdf, _ = html_to_pdf(html)
    return html, pdf


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file next to `path`, then rename: never a half-written file."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
