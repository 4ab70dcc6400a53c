"""The plain facts the dashboards read from the database (assessments.dashboard.selectors).

Named tuples rather than frozen dataclasses: an overview makes several hundred of them per
request, and a frozen dataclass takes several times as long to create.
"""

from datetime import date
from typing import NamedTuple

from assessments.constants import NextStepStatus
from partnerships.applicability import PartnershipFacts
from partnerships.constants import LegalForm

# What counts as an open next step, for the counts, the overdue marks and the lists alike.
OPEN_STEP_STATUSES = (NextStepStatus.OPEN, NextStepStatus.BEZIG)

# Deletes everything but digits (str.translate): a stamp in a cache key (no spaces, memcached).
_NOT_DIGITS: dict[int, None] = {c: None for c in range(128) if not chr(c).isdigit()}

LEGAL_FORM_LABELS: dict[str, str] = dict(LegalForm.choices)


class RoundFacts(NamedTuple):
    pk: int
    partnership_id: int
    period: str
    framework_id: int
    due_on: date
    status: str
    submitted: int = 0  # submitted assessments
    # When the latest of them was submitted, as the database writes it: only compared, as
    # part of tally_key, so text (no datetime parsed for every round of the overview).
    last_submitted: str | None = None
    # The fingerprint of what the round scores, frozen when it opened.
    applicability_key: str = ""

    @property
    def tally_key(self) -> str:
        """A cache key that changes whenever the round's submitted answers can have changed:
        submitting adds one and moves the time, reopening removes one (answers of a submitted
        assessment are read-only)."""
        stamp = self.last_submitted.translate(_NOT_DIGITS) if self.last_submitted else "-"
        return f"round-scores:v3:{self.pk}:{self.submitted}:{stamp}"


class RoundProgress(NamedTuple):
    """How far the assessments of a round are: one organisation's, or everyone's."""

    assessments: int = 0
    submitted: int = 0
    started: int = 0  # submitted, or with at least one answer


NO_PROGRESS = RoundProgress()


class StepFacts(NamedTuple):
    pk: int
    round_id: int
    partnership_id: int
    partnership_name: str
    description: str
    owner: str
    due_on: date | None
    status: str
    recommendation: str | None

    def is_overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today

    @property
    def status_label(self) -> str:
        return str(NextStepStatus(self.status).label)


class PartnershipInfo(NamedTuple):
    """What the overview needs of a partnership, as plain values (no model instance): its
    own fields and the facts annotated on it (selectors.fetch_partnership_info)."""

    pk: int
    name: str
    legal_form: str
    cooperation_model: str
    evaluation_interval_years: int
    last_evaluated_on: date | None
    # What applicability depends on (form, variant, kinds of participants), without the
    # name: a hundred partnerships have a handful of these, shared between them.
    kind: PartnershipFacts
    current_round: RoundFacts | None = None
    open_steps: int = 0
    first_open_due: date | None = None
    # How far the current round's assessments are (fetch_partnership_info with_progress).
    progress: RoundProgress = NO_PROGRESS

    @property
    def legal_form_label(self) -> str:
        return LEGAL_FORM_LABELS.get(self.legal_form, self.legal_form)

    def has_overdue_steps(self, today: date) -> bool:
        return self.first_open_due is not None and self.first_open_due < today


class ScoreSummary(NamedTuple):
    """What the overview shows of a round's scores: the total, the respondents and each
    theme's score. Cached as a plain tuple (cheap to unpickle: 200 of them per page)."""

    overall_pct: float | None
    respondents: int
    themes: dict[str, float | None]

    def as_tuple(self) -> tuple[float | None, int, tuple[tuple[str, float | None], ...]]:
        return (self.overall_pct, self.respondents, tuple(self.themes.items()))

    @classmethod
    def from_tuple(
        cls, value: tuple[float | None, int, tuple[tuple[str, float | None], ...]]
    ) -> "ScoreSummary":
        overall, respondents, themes = value
        return cls(overall, respondents, dict(themes))
