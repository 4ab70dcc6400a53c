"""A user's calendar as iCalendar: the secret feed address and the feed itself.

Calendar programs cannot log in, so the feed is reached by a secret token in its address
(one per user, partnerships.models.CalendarFeedToken). A new token replaces the old one and
revoking deletes it: an address once shared then stops working. The feed holds what the
user may see now (partnerships.access), looked up again on every request.
"""

import re
import secrets
from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event

from partnerships.access import partnerships_for_user
from partnerships.models import CalendarFeedToken

from .calendar_items import CalendarItem, items_between

PRODID = "-//Regiespiegel//P&C-kalender//NL"
UID_DOMAIN = "regiespiegel"
# secrets.token_urlsafe(32): 43 characters of [A-Za-z0-9_-]. Anything else is not looked up.
TOKEN_BYTES = 32
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")


def issue_token(user: User) -> CalendarFeedToken:
    """A new secret address for the user; the old one (if any) stops working."""
    with transaction.atomic():
        CalendarFeedToken.objects.filter(user=user).delete()
        return CalendarFeedToken.objects.create(user=user, token=secrets.token_urlsafe(TOKEN_BYTES))


def revoke_token(user: User) -> bool:
    """Stop the user's feed; False when there was none."""
    deleted, _ = CalendarFeedToken.objects.filter(user=user).delete()
    return deleted > 0


def user_for_token(token: str) -> User | None:
    """The active user whose feed this is; None for an unknown, revoked or malformed token.
    The lookup is by the unique token in the database, so no comparison leaks timing."""
    if not TOKEN_SHAPE.fullmatch(token):
        return None
    found = (
        CalendarFeedToken.objects.filter(token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    return found.user if found else None


def feed_range(today: date) -> tuple[date, date]:
    """From the start of last year to the end of the year after next."""
    return date(today.year - 1, 1, 1), date(today.year + 2, 12, 31)


def calendar_bytes(
    items: Iterable[CalendarItem], *, name: str, base_url: str = "", now: datetime | None = None
) -> bytes:
    """The items as an iCalendar of all-day events."""
    stamp = now or timezone.now()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    for item in items:
        event = Event()
        event.add("uid", f"{item.uid}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.date)
        event.add("summary", item.summary)
        event.add("description", f"Bron: {item.source}")
        event.add("transp", "TRANSPARENT")
        if base_url:
            event.add("url", base_url + item.url)
        cal.add_component(event)
    body: bytes = cal.to_ical()
    return body


def user_calendar(user: User, *, today: date, base_url: str = "") -> bytes:
    """The feed of the user: the moments and due dates of every partnership they may see."""
    start, end = feed_range(today)
    items = items_between(partnerships_for_user(user), start, end)
    return calendar_bytes(items, name="Regiespiegel: P&C-kalender", base_url=base_url)
