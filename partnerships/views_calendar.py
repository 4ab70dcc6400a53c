"""Pages of the partnership's calendar (the year of a partnership)."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .models import Partnership


def calendar_section(
    user: AbstractBaseUser | AnonymousUser, partnership: Partnership
) -> dict[str, Any]:
    """The context of the calendar section on the partnership page."""
    return {}
