"""Where a partnership stands: the state of its current round for an organisation, and when it
is due for its next evaluation. Pure rules over the facts of assessments.dashboard.facts."""

from datetime import date
from enum import StrEnum

from assessments.constants import RoundStatus
from assessments.dashboard.facts import RoundFacts, RoundProgress
from assessments.presentation import term
from partnerships.dates import add_years  # saturates: a stored 9999-12-31 must not raise


class RoundState(StrEnum):
    """The state of a partnership's current round for one organisation (or for everyone)."""

    NO_ROUND = "geen_ronde"
    NOT_STARTED = "niet_begonnen"
    DRAFT = "concept"
    OVERDUE = "te_laat"
    SUBMITTED = "ingediend"
    CLOSED = "afgesloten"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def css(self) -> str:
        return STATE_CSS[self]


# The words of the glossary, as pages, reports and exports use them.
STATE_LABELS = {
    RoundState.NO_ROUND: "Nog geen ronde",
    RoundState.NOT_STARTED: term("not_started"),
    RoundState.DRAFT: term("in_progress"),
    RoundState.OVERDUE: term("overdue"),
    RoundState.SUBMITTED: term("submitted"),
    RoundState.CLOSED: "Afgesloten, niet ingediend",
}
STATE_CSS = {
    RoundState.NO_ROUND: "text-bg-light",
    RoundState.NOT_STARTED: "text-bg-secondary",
    RoundState.DRAFT: "text-bg-info",
    RoundState.OVERDUE: "text-bg-danger",
    RoundState.SUBMITTED: "text-bg-success",
    RoundState.CLOSED: "text-bg-warning",
}
# The order of "sort by state": what needs attention first.
STATE_ORDER = {
    RoundState.OVERDUE: 0,
    RoundState.NOT_STARTED: 1,
    RoundState.DRAFT: 2,
    RoundState.CLOSED: 3,
    RoundState.NO_ROUND: 4,
    RoundState.SUBMITTED: 5,
}
STATE_CHOICES = [(s.value, s.label) for s in RoundState]


def round_state(round_: RoundFacts | None, progress: RoundProgress, today: date) -> RoundState:
    """The state of the current round from the progress of its assessments (one
    organisation's, or all).

    Submitted when every one of them (at least one) is submitted; after the due date of an
    open round anything else is overdue; otherwise a draft once something is answered."""
    if round_ is None:
        return RoundState.NO_ROUND
    if progress.assessments and progress.submitted == progress.assessments:
        return RoundState.SUBMITTED
    if round_.status == RoundStatus.CLOSED:
        return RoundState.CLOSED
    if today > round_.due_on:
        return RoundState.OVERDUE
    if progress.started:
        return RoundState.DRAFT
    return RoundState.NOT_STARTED


def next_evaluation_due(
    interval_years: int, last_evaluated_on: date | None, last_round_due_on: date | None
) -> date | None:
    """The interval after the latest of the last evaluation and the last round's due date;
    None when the partnership was never evaluated (due now)."""
    known = [d for d in (last_evaluated_on, last_round_due_on) if d is not None]
    return add_years(max(known), interval_years) if known else None


def evaluation_overdue(next_due: date | None, today: date) -> bool:
    """Never evaluated, or the next evaluation's date has passed."""
    return next_due is None or next_due < today
