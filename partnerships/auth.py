"""Login with a rate limit: too many failed attempts per username or per IP address lock the
login for a while (settings LOGIN_MAX_FAILURES attempts per LOGIN_FAILURE_WINDOW seconds).

The counters live in the cache (settings.CACHES["default"]); with several app servers that
cache must be shared (Redis or Memcached via CACHE_URL), or each server counts on its own.
"""

import hashlib
import logging
import math

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

RATE_LIMITED = "rate_limited"
RATE_LIMIT_MESSAGE = (
    "Te veel mislukte inlogpogingen. Wacht {minutes} minuten en probeer het dan opnieuw. "
    "Weet u uw wachtwoord niet meer? Vraag dan een nieuw wachtwoord aan."
)
INVALID_LOGIN_MESSAGE = (
    "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet. Let op hoofdletters "
    "en kleine letters."
)


def client_ip(request: HttpRequest | None) -> str:
    """The client's address as the server sees it. Behind a proxy, configure the proxy to
    pass the client address as REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips)."""
    if request is None:
        return ""
    return request.META.get("REMOTE_ADDR", "") or ""


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def _keys(username: str, ip: str) -> list[str]:
    keys = [_key("user", username)] if username else []
    if ip:
        keys.append(_key("ip", ip))
    return keys


def is_locked(username: str, ip: str) -> bool:
    limit = settings.LOGIN_MAX_FAILURES
    counts = cache.get_many(_keys(username, ip))
    return any(count >= limit for count in counts.values())


def record_failure(username: str, ip: str) -> None:
    for key in _keys(username, ip):
        # add() starts the window on the first failure; incr() never extends it.
        cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)


def clear_failures(username: str) -> None:
    """After a successful login: the username's counter starts again (the IP's does not)."""
    cache.delete(_key("user", username))


def lockout_minutes() -> int:
    return max(1, math.ceil(settings.LOGIN_FAILURE_WINDOW / 60))


class RateLimitedAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": INVALID_LOGIN_MESSAGE,
        "inactive": "Dit account is niet actief. Neem contact op met de beheerder.",
        RATE_LIMITED: RATE_LIMIT_MESSAGE,
    }

    def __init__(self, request: HttpRequest | None = None, *args: object, **kwargs: object):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"

    def clean(self) -> dict[str, object]:
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request)
        if is_locked(username, ip):
            logger.warning("Login refused by rate limit for %r from %s", username, ip)
            raise ValidationError(
                self.error_messages[RATE_LIMITED].format(minutes=lockout_minutes()),
                code=RATE_LIMITED,
            )
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if getattr(error, "code", None) == "invalid_login":
                record_failure(username, ip)
            raise
        clear_failures(username)
        return cleaned

    @property
    def is_rate_limited(self) -> bool:
        return any(e.code == RATE_LIMITED for e in self.non_field_errors().as_data())


class RateLimitedLoginView(LoginView):
    """The login page; answers 429 while the rate limit holds."""

    authentication_form = RateLimitedAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form: RateLimitedAuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.is_rate_limited:
            response.status_code = 429
        return response
