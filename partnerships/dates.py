"""Dates: the range a user may enter, and arithmetic that never raises.

Two kinds of date field:

* a date that records the past (last evaluated on, completed on): from 1 January 1900 up to
  and including today;
* any other date (participation and membership periods, rounds, due dates): from
  1 January 1900 up to PLANNING_YEARS years after today. No partnership plans further ahead,
  and the limit keeps the dates computed from them (next evaluation, next round) far from
  the end of the calendar.

Rows stored before these rules existed may still hold extreme dates, so every date computed
for a page uses add_years / add_days, which stop at date.max or date.min instead of
raising: one bad row must never take down a whole dashboard.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

EARLIEST_DATE = date(1900, 1, 1)
PLANNING_YEARS = 25

MSG_TOO_EARLY = "Deze datum ligt te ver in het verleden. Vul een datum in vanaf 1 januari 1900."
MSG_IN_FUTURE = "Deze datum ligt in de toekomst. Vul een datum in tot en met vandaag."
MSG_TOO_LATE = (
    f"Deze datum ligt te ver in de toekomst. Vul een datum in die hoogstens {PLANNING_YEARS} "
    "jaar na vandaag ligt."
)


def add_years(day: date, years: int) -> date:
    """The same day `years` later (28 February for 29 February in a year without one),
    clamped to date.min .. date.max."""
    year = day.year + years
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=year, day=28)


def add_days(day: date, days: int) -> date:
    """`days` later (earlier when negative), clamped to date.min .. date.max."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def latest_planning_date(today: date | None = None) -> date:
    return add_years(today or timezone.localdate(), PLANNING_YEARS)


def validate_past_date(value: object) -> None:
    """Django validator for a date that records the past: 1900 up to and including today."""
    if not isinstance(value, date):
        return
    if value < EARLIEST_DATE:
        raise ValidationError(MSG_TOO_EARLY, code="date_too_early")
    if value > timezone.localdate():
        raise ValidationError(MSG_IN_FUTURE, code="date_in_future")


def validate_planning_date(value: object) -> None:
    """Django validator for any other date: 1900 up to PLANNING_YEARS years after today."""
    if not isinstance(value, date):
        return
    if value < EARLIEST_DATE:
        raise ValidationError(MSG_TOO_EARLY, code="date_too_early")
    if value > latest_planning_date():
        raise ValidationError(MSG_TOO_LATE, code="date_too_late")


DATE_VALIDATORS = (validate_past_date, validate_planning_date)


# The Dutch abbreviations with their full stop ("3 dec. 2026"); "mei" is short already.
# Django's "M" gives "Dec" and "N" gives "dec" without the stop.
SHORT_MONTHS = (
    "jan.",
    "feb.",
    "mrt.",
    "apr.",
    "mei",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)


def short_date(day: date) -> str:
    """date(2026, 12, 3) -> "3 dec. 2026", as Dutch writes a date in a table."""
    return f"{day.day} {SHORT_MONTHS[day.month - 1]} {day.year}"
