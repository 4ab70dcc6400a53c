"""Pages of the partnership's wgr (the year of a partnership)."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .models import Partnership


def wgr_section(user: AbstractBaseUser | AnonymousUser, partnership: Partnership) -> dict[str, Any]:
    """The context of the wgr section on the partnership page."""
    return {}
