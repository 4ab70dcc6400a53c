"""Which reminders are due on a day: pure rules on dates, no database.

A reminder has a run-up (the days before a deadline in which it may go out) and a key: what
it is about and the deadline it is for. ``ReminderLog`` keeps (kind, key, recipient), so a
reminder goes out once however often the daily run is repeated, and a deadline that moves
earns a new one. A run that missed a day still sends a reminder whose run-up is not over
(catch-up); a reminder whose deadline has passed is not sent late, except the overdue ones,
which are about having passed it.

* respondent, due soon: from 7 days before the round's due date up to and including that
  date, while the round is open and the assessment is not submitted; not in the two days
  after the invitation or a reminder sent by hand from the round page (it waits, and still
  goes out if the run-up lasts);
* respondent, overdue: once, any day after the due date, same conditions;
* directeur, round overdue: once, any day after the due date while the round is open and at
  least one assessment is not submitted;
* owner of a next step: from 7 days before its due date up to and including that date,
  while the step is open or bezig;
* griffier: from 14 days before a zienswijze term closes up to and including that day.

Due dates are the last day ("in te vullen vóór" the date is read as "uiterlijk op", as the
manual reminder on the round page does).
"""

import datetime
from enum import StrEnum

DUE_SOON_DAYS = 7
# Days after an invitation or a manual reminder before the due-soon reminder follows.
QUIET_DAYS = 2
NEXT_STEP_DAYS = 7
ZIENSWIJZE_DAYS = 14


class ReminderKind(StrEnum):
    """The kinds of reminder, as stored in ReminderLog.kind."""

    DUE_SOON = "respondent_due_soon"
    OVERDUE = "respondent_overdue"
    ROUND_OVERDUE = "directeur_round_overdue"
    NEXT_STEP = "next_step_due"
    ZIENSWIJZE = "griffier_zienswijze"


def in_run_up(today: datetime.date, deadline: datetime.date, days: int) -> bool:
    """``days`` days before the deadline up to and including it."""
    return deadline - datetime.timedelta(days=days) <= today <= deadline


def is_overdue(today: datetime.date, due_on: datetime.date) -> bool:
    return today > due_on


def respondent_kind(
    today: datetime.date,
    *,
    opens_on: datetime.date,
    due_on: datetime.date,
    round_is_open: bool,
    submitted: bool,
    last_mailed_on: datetime.date | None = None,
) -> ReminderKind | None:
    """The reminder a respondent is due today, if any (their invitation went out when the
    round opened, so nothing before ``opens_on``). ``last_mailed_on``: the day of the
    invitation or of the last reminder sent by hand."""
    if not round_is_open or submitted or today < opens_on:
        return None
    if in_run_up(today, due_on, DUE_SOON_DAYS):
        # (a mail stamped after ``today``, as when catching up a day by hand, does not count)
        recently = (
            last_mailed_on is not None
            and last_mailed_on <= today < last_mailed_on + datetime.timedelta(days=QUIET_DAYS)
        )
        return None if recently else ReminderKind.DUE_SOON
    if is_overdue(today, due_on):
        return ReminderKind.OVERDUE
    return None


def round_overdue(
    today: datetime.date, *, due_on: datetime.date, round_is_open: bool, unsubmitted: int
) -> bool:
    return round_is_open and unsubmitted > 0 and is_overdue(today, due_on)


def next_step_due(today: datetime.date, *, due_on: datetime.date | None, is_open: bool) -> bool:
    return is_open and due_on is not None and in_run_up(today, due_on, NEXT_STEP_DAYS)


def zienswijze_due(today: datetime.date, closes_on: datetime.date) -> bool:
    return in_run_up(today, closes_on, ZIENSWIJZE_DAYS)


def reminder_key(*parts: object) -> str:
    """What a reminder is about and the deadline it is for: ``"42:2026-03-01"``."""
    return ":".join(p.isoformat() if isinstance(p, datetime.date) else str(p) for p in parts)
