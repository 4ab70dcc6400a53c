"""The agenda subscription: the page that makes, renews or revokes the secret address, and
the feed itself (no login: calendar programs cannot log in; the token is the key)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from partnerships.access import partnerships_for_user
from partnerships.models import CalendarFeedToken

from .calendar_feed import issue_token, revoke_token, user_calendar, user_for_token

MSG_MADE = "Uw agenda-link is gemaakt. Kopieer hem naar uw agenda-programma."
MSG_RENEWED = "U hebt een nieuwe agenda-link. De oude link werkt niet meer."
MSG_REVOKED = "De agenda-link is ingetrokken. Agenda's met deze link krijgen geen updates meer."
MSG_NONE = "Er was geen agenda-link om in te trekken."


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def feed_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("assessments:agenda_feed", args=[token]))


@login_required
@require_GET
def agenda(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    token = CalendarFeedToken.objects.filter(user=user).first()
    return render(
        request,
        "assessments/agenda.html",
        {
            "token": token,
            "feed_url": feed_url(request, token.token) if token else "",
            "partnership_count": partnerships_for_user(user).count(),
        },
    )


@login_required
@require_POST
def agenda_link(request: HttpRequest) -> HttpResponse:
    """Make, renew (``actie=vernieuwen``) or revoke (``actie=intrekken``) the address."""
    user = _user(request)
    action = request.POST.get("actie", "")
    if action == "intrekken":
        if revoke_token(user):
            messages.success(request, MSG_REVOKED)
        else:
            messages.info(request, MSG_NONE)
    else:
        had = CalendarFeedToken.objects.filter(user=user).exists()
        issue_token(user)
        messages.success(request, MSG_RENEWED if had else MSG_MADE)
    return redirect("assessments:agenda")


@require_GET
def agenda_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = user_for_token(token)
    if user is None:
        raise Http404("Onbekende of ingetrokken agenda-link.")
    body = user_calendar(
        user, today=timezone.localdate(), base_url=request.build_absolute_uri("/")[:-1]
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="regiespiegel.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
