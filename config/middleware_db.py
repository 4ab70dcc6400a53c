"""A short database outage gives a calm Dutch 503 page instead of a traceback.

Put `config.middleware_db.DatabaseUnavailableMiddleware` in MIDDLEWARE after WhiteNoise and
*before* SessionMiddleware. Django turns an exception into a 500 response at every middleware
layer, so an outer middleware never sees the exception itself; therefore:

- `process_exception` answers for an error raised in a view (including opening the
  ATOMIC_REQUESTS transaction, usually the first thing that connects);
- a `got_request_exception` receiver marks the request when an error is raised anywhere else
  (SessionMiddleware loads and saves the session on every request), and `__call__`, being
  outside SessionMiddleware, replaces that 500 response with the 503 page.
- `server_error` and `bad_request`, set as `handler500` and `handler400` in config/urls.py,
  catch the rest: a session save that fails because the database went away is turned by
  Django into SessionInterrupted, a 400 ("Bad Request") that no middleware can recognise.

The page is rendered without the request context: the context processors and `request.user`
would query the database that just failed. Nothing is retried here: a new request opens a new
connection (CONN_HEALTH_CHECKS drops a stale persistent one), so the app recovers by itself.
"""

import logging
import sys
from collections.abc import Callable

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger("regiespiegel.database")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10
OUTAGE_FLAG = "_database_outage"


def is_database_outage(exc: BaseException | None) -> bool:
    """True for a lost or refused connection, also when another error was raised because of it
    (Django's session store turns it into UpdateError, then SessionInterrupted, a 400)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DATABASE_ERRORS):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def database_unavailable_response() -> HttpResponse:
    html = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _mark_outage(sender: object, request: HttpRequest | None = None, **kwargs: object) -> None:
    """got_request_exception receiver: remember that this request met a database outage."""
    if request is not None and is_database_outage(sys.exc_info()[1]):
        setattr(request, OUTAGE_FLAG, True)


got_request_exception.connect(_mark_outage, dispatch_uid="regiespiegel-database-outage")


class DatabaseUnavailableMiddleware:
    """Turns a database outage anywhere in the request into a 503 with a Dutch page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        outage = getattr(request, OUTAGE_FLAG, False)
        if outage and response.status_code >= 500 and response.status_code != 503:
            return database_unavailable_response()
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_outage(exception):
            return None
        setattr(request, OUTAGE_FLAG, True)
        logger.warning(
            "Database unavailable for %s %s: %s", request.method, request.path, exception
        )
        return database_unavailable_response()


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a 503 page when the bad request was a database outage, else Django's 400."""
    if is_database_outage(exception):
        return database_unavailable_response()
    return defaults.bad_request(request, exception)


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
