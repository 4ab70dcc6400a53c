"""One limiter for every password check, built on django-axes.

Every way to check a password goes through ``django.contrib.auth.authenticate``: the app login,
the admin login (``/beheer/login/``) and the password change (``LimitedPasswordChangeForm``
checks the old password that way instead of ``user.check_password``). The first
authentication backend, axes' ``AxesStandaloneBackend``, refuses while a lock holds; every
failure is stored in the database (``axes.AccessAttempt``), so all workers and servers count
together, whatever the cache.

Three counters, each over the last ``LOGIN_FAILURE_WINDOW`` seconds:

- username and address together: ``LOGIN_MAX_FAILURES`` (5): somebody guessing one account
  from one place is stopped, while its owner elsewhere still logs in;
- username alone: ``LOGIN_MAX_FAILURES_PER_USERNAME`` (10): guessing one account from many
  places;
- address alone: ``LOGIN_MAX_FAILURES_PER_ADDRESS`` (100): one place trying many accounts.
  Far above what the people of one town hall behind one address mistype in a quarter of an
  hour, so other accounts' failures do not lock a colleague out.

The client address comes from ``client_ip``: ``REMOTE_ADDR``, or with ``TRUSTED_PROXY_COUNT``
proxies in front of the app the address the outermost trusted proxy saw, read from
``X-Forwarded-For``. A header the client wrote itself is never believed further than that.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
from datetime import timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.views import LoginView, PasswordChangeView, PasswordResetView
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

RATE_LIMIT_MESSAGE = (
    "Te veel mislukte inlogpogingen. Wacht {minutes} minuten en probeer het dan opnieuw. "
    "Weet u uw wachtwoord niet meer? Vraag dan een nieuw wachtwoord aan."
)
INVALID_LOGIN_MESSAGE = (
    "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet. Let op hoofdletters "
    "en kleine letters."
)
WRONG_OLD_PASSWORD_MESSAGE = "Uw huidige wachtwoord klopt niet. Probeer het opnieuw."
RESET_LIMIT_MESSAGE = (
    "U heeft de afgelopen tijd te vaak een nieuw wachtwoord aangevraagd. Wacht {minutes} "
    "minuten en probeer het dan opnieuw."
)


# --- The client and the counters (settings.AXES_*) ----------------------------------------


def client_ip(request: HttpRequest | None) -> str:
    """The client's address. Each trusted proxy appends the address it received the request
    from to X-Forwarded-For, so with N trusted proxies the client is the N-th entry from the
    right; anything left of it may have been written by the client and is ignored."""
    if request is None:
        return ""
    remote = str(request.META.get("REMOTE_ADDR", "") or "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        logger.warning("Ignored an X-Forwarded-For entry that is no address: %r", candidate)
        return remote


def normalised_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """Usernames count case-insensitively, so that 'GRIFFIER' does not get fresh attempts."""
    if credentials:
        username = credentials.get("username")
    else:
        username = request.POST.get("username") if request is not None else None
    if username is None:
        return None
    return str(username).strip().lower()[:150] or None


def failure_window(request: HttpRequest | None = None) -> timedelta:
    return timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)


def lockout_minutes() -> int:
    window: int = settings.LOGIN_FAILURE_WINDOW
    return max(1, math.ceil(window / 60))


def failure_limit(request: HttpRequest | None = None, credentials: Any = None) -> int:
    return int(settings.LOGIN_MAX_FAILURES)


def failure_limits() -> list[int]:
    """In the order of settings.AXES_LOCKOUT_PARAMETERS."""
    return [
        settings.LOGIN_MAX_FAILURES,
        settings.LOGIN_MAX_FAILURES_PER_USERNAME,
        settings.LOGIN_MAX_FAILURES_PER_ADDRESS,
    ]


class LoginLimitHandler(AxesDatabaseHandler):  # type: ignore[misc]  # axes is untyped
    """Axes' database handler with a limit of its own for each counter (axes has one limit
    for all, compared with the largest count), and a successful login clears only that username's failures: clearing the
    address's as well would let anyone with an account wipe the traces of a spraying run."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """Axes compares this number with one limit (``failure_limit``: LOGIN_MAX_FAILURES)
        after every failure and on every check. With a limit per counter, the answer is that
        limit once any counter has reached its own, and otherwise the count for this username
        from this address (then below the limit)."""
        attempts_per_counter = self.get_user_attempts(request, credentials)
        counts = [
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in attempts_per_counter
        ]
        limits = failure_limits()
        if any(count >= limit for count, limit in zip(counts, limits, strict=True)):
            return limits[0]
        return int(counts[0])

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return int(count)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """What a locked login (app or admin) or password change answers: the login page with the
    reason, 429. The password that was typed is not checked at all while the lock holds."""
    logger.warning(
        "Password check refused by the limiter for %r from %s",
        get_client_username(request, credentials),
        client_ip(request),
    )
    message = RATE_LIMIT_MESSAGE.format(minutes=lockout_minutes())
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # A password change: the page stays the password change page.
        form: Any = LimitedPasswordChangeForm(user, request=request)
        template = "registration/password_change_form.html"
    else:
        username = normalised_username(request, credentials) or ""
        form = LimitedAuthenticationForm(request, initial={"username": username})
        template = "registration/login.html"
    return render(request, template, {"form": form, "rate_limit_message": message}, status=429)


# --- Forms and views ------------------------------------------------------------------------


class LimitedAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": INVALID_LOGIN_MESSAGE,
        "inactive": "Dit account is niet actief. Neem contact op met de beheerder.",
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"


class LimitedLoginView(LoginView):
    authentication_form = LimitedAuthenticationForm
    redirect_authenticated_user = True


class LimitedPasswordChangeForm(PasswordChangeForm):
    """The old password is checked through authenticate(), so through the limiter."""

    def __init__(self, user: Any, *args: Any, request: HttpRequest | None = None, **kwargs: Any):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self) -> str:
        old_password: str = self.cleaned_data["old_password"]
        checked = authenticate(
            self.request, username=self.user.get_username(), password=old_password
        )
        if checked is None or checked.pk != self.user.pk:
            raise ValidationError(WRONG_OLD_PASSWORD_MESSAGE, code="password_incorrect")
        return old_password


class LimitedPasswordChangeView(PasswordChangeView):
    form_class = LimitedPasswordChangeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["request"] = self.request
        return kwargs


def _reset_key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"password-reset:{kind}:{digest}"


def _count_reset_request(key: str) -> int:
    # add() starts the window on the first request; incr() never extends it.
    cache.add(key, 0, timeout=settings.PASSWORD_RESET_WINDOW)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=settings.PASSWORD_RESET_WINDOW)
        return 1


class LimitedPasswordResetView(PasswordResetView):
    """Reset requests are counted per address and per e-mail address. Past the limit the
    answer is the same for every address, known or not, and no mail is sent."""

    def form_valid(self, form: Any) -> HttpResponse:
        email = str(form.cleaned_data.get("email", ""))
        per_address = _count_reset_request(_reset_key("ip", client_ip(self.request)))
        per_email = _count_reset_request(_reset_key("email", email))
        if (
            per_address > settings.PASSWORD_RESET_MAX_PER_ADDRESS
            or per_email > settings.PASSWORD_RESET_MAX_PER_EMAIL
        ):
            logger.warning("Password reset refused by the limiter from %s", client_ip(self.request))
            minutes = max(1, math.ceil(settings.PASSWORD_RESET_WINDOW / 60))
            form.add_error(None, RESET_LIMIT_MESSAGE.format(minutes=minutes))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
