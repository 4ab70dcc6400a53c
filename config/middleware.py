from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """A content security policy without inline script, and a strict permissions policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response


# What a download is: an attachment, or one of the file types the app produces.
DOWNLOAD_CONTENT_TYPES = (
    "application/pdf",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
PRIVATE_CACHE_CONTROL = "private, no-store"


def is_download(response: HttpResponse) -> bool:
    disposition = response.get("Content-Disposition", "")
    content_type = response.get("Content-Type", "")
    return disposition.lower().startswith("attachment") or content_type.startswith(
        DOWNLOAD_CONTENT_TYPES
    )


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` for every page shown to a signed-in user and for
    every download: answers, scores and reports must not stay behind in a shared proxy or
    in the browser cache of a shared computer after logging out.

    A response that already carries Cache-Control keeps it: the view (or Django's
    never_cache on the login and password pages, or the 503 page) chose it deliberately.
    Static files never get here: WhiteNoise, earlier in MIDDLEWARE, answers them with its
    own long cache headers. A public Gids page for an anonymous visitor stays cacheable;
    reading request.user marks the session as used, so it also gets `Vary: Cookie` and a
    cache never hands it to a signed-in user or the other way round.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" in response:
            return response
        user = getattr(request, "user", None)
        if is_download(response) or (user is not None and user.is_authenticated):
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response
