"""One way to send a file: as an attachment, never cached (config.middleware adds
`Cache-Control: private, no-store` to every attachment)."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def attachment(content: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    assert disposition is not None  # always a header for an attachment
    response["Content-Disposition"] = disposition
    return response
