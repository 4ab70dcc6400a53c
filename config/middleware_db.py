"""A short database outage gives a calm Dutch 503 page instead of a traceback.

Two entry points, because Django turns an exception into a 500 response at every middleware
layer before an outer middleware could see it:

- `DatabaseUnavailableMiddleware.process_exception` answers for errors raised in a view
  (including opening the ATOMIC_REQUESTS transaction, the first thing that connects);
- `server_error` (set as `handler500` in config/urls.py) answers for errors raised anywhere
  else, e.g. a session save in a middleware: it looks at the exception being handled.

The page is rendered without the request context: the context processors and `request.user`
would query the database that just failed. Nothing is retried here: a new request opens a new
connection (CONN_HEALTH_CHECKS drops a stale persistent one), so the app recovers by itself.
"""

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger("regiespiegel.database")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10


def is_database_outage(exc: BaseException | None) -> bool:
    """True for a lost or refused connection (also when wrapped by Django as the cause)."""
    while exc is not None:
        if isinstance(exc, DATABASE_ERRORS):
            return True
        exc = exc.__cause__
    return False


def database_unavailable_response() -> HttpResponse:
    html = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database outage during a view into a 503 with a Dutch page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_outage(exception):
            return None
        logger.warning(
            "Database unavailable for %s %s: %s", request.method, request.path, exception
        )
        return database_unavailable_response()


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a 503 page for a database outage, Django's plain 500 page otherwise."""
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable_response()
    try:
        html = loader.get_template("500.html").render({})
    except Exception:  # the error page itself must never fail
        html = "<h1>Er ging iets mis</h1><p>Probeer het later opnieuw.</p>"
    return HttpResponseServerError(html)
