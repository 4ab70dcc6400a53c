"""One partnership's dashboard (directeur): respondents, progress, differences of view and
next steps of its current round."""

from dataclasses import dataclass
from datetime import date, datetime

from assessments import scoring
from assessments.constants import AssessmentStatus, RoundStatus
from assessments.dashboard.facts import StepFacts
from assessments.dashboard.own import own_label, own_round_score
from assessments.dashboard.selectors import fetch_open_steps
from assessments.dashboard.state import evaluation_overdue, next_evaluation_due
from assessments.models import AssessmentRound
from assessments.scores import (
    answered_codes,
    own_progress,
    round_applicability,
    scoring_items,
    submitted_responses,
)
from partnerships.models import Organisation, Partnership
from partnerships.wgr import WgrCheck
from partnerships.wgr_services import wgr_check_for
from principles.models import Recommendation, Theme


@dataclass(frozen=True)
class RespondentProgress:
    pk: int
    label: str  # perspective and organisation
    organisation: str
    status: str
    status_label: str
    answered: int
    applicable: int
    submitted_at: datetime | None
    overdue: bool

    @property
    def progress_pct(self) -> float:
        return scoring.progress_pct(min(self.answered, self.applicable), self.applicable)

    @property
    def is_submitted(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED


@dataclass(frozen=True)
class Divergence:
    code: str
    text: str
    theme: str
    n: int
    min: int | None
    max: int | None
    spread: int | None


@dataclass(frozen=True)
class PartnershipOverview:
    partnership: Partnership
    rounds: list[AssessmentRound]
    current_round: AssessmentRound | None
    respondents: list[RespondentProgress]
    missing_participants: list[str]
    submitted: int
    score: scoring.RoundScore | None
    theme_titles: dict[str, str]
    divergences: list[Divergence]
    steps: list[StepFacts]
    next_evaluation_due: date | None
    today: date
    wgr: WgrCheck | None = None  # the check of the regeling against the Wgr, apart from the Gids
    # The reader's own organisation, when it takes part: the current round's score over its
    # own submitted assessments (None: none submitted yet), and what that covers in Dutch.
    own_score: scoring.RoundScore | None = None
    own_label: str = ""

    @property
    def progress_pct(self) -> float:
        return scoring.progress_pct(self.submitted, len(self.respondents))

    @property
    def theme_rows(self) -> list[tuple[str, str, float | None]]:
        """(code, title, score_pct) per applicable theme of the current round."""
        if self.score is None:
            return []
        return [(t.code, self.theme_titles.get(t.code, ""), t.score_pct) for t in self.score.themes]

    @property
    def evaluation_overdue(self) -> bool:
        return evaluation_overdue(self.next_evaluation_due, self.today)

    @property
    def round_overdue(self) -> bool:
        return bool(
            self.current_round
            and self.current_round.status == RoundStatus.OPEN
            and self.current_round.due_on < self.today
            and self.submitted < len(self.respondents)
        )


def build_partnership_overview(
    partnership: Partnership, *, today: date, organisation: Organisation | None = None
) -> PartnershipOverview:
    """Respondents, progress, differences of view and next steps of a partnership's current
    round. Shows how far drafts are (a count), never what they say. With `organisation`
    (the reader's, when it takes part): also its own score next to the round's."""
    rounds = list(partnership.rounds.select_related("framework").order_by("-opens_on", "-pk"))
    current = rounds[0] if rounds else None
    respondents: list[RespondentProgress] = []
    missing: list[str] = []
    score = None
    divergences: list[Divergence] = []
    titles: dict[str, str] = {}
    own_score: scoring.RoundScore | None = None
    own = ""
    if current is not None:
        applic = round_applicability(current)
        assessments = list(current.assessments.select_related("participation__organisation"))
        answered = answered_codes([a.pk for a in assessments])
        overdue = current.status == RoundStatus.OPEN and current.due_on < today
        for a in assessments:
            n_answered, asked = own_progress(applic, a.perspective, answered[a.pk])
            respondents.append(
                RespondentProgress(
                    pk=a.pk,
                    label=a.perspective_label,
                    organisation=a.participation.organisation.name if a.participation else "",
                    status=a.status,
                    status_label=a.get_status_display(),
                    answered=n_answered,
                    applicable=asked,
                    submitted_at=a.submitted_at,
                    overdue=overdue and not a.is_submitted,
                )
            )
        taking_part = {a.participation_id for a in assessments if a.participation_id}
        participations = list(
            partnership.participations.select_related("organisation").order_by("organisation__name")
        )
        missing = [p.organisation.name for p in participations if p.pk not in taking_part]
        responses = submitted_responses(current)
        items = scoring_items(applic, {})
        score = scoring.score_round(items, [values for _, values in responses])
        if organisation is not None and organisation.pk in {
            p.organisation_id for p in participations
        }:
            own_score = own_round_score(items, responses, organisation.pk)
            own = own_label(organisation)
        titles = dict(
            Theme.objects.filter(part__framework=current.framework).values_list("code", "title")
        )
        divergent = score.divergent()
        texts = dict(
            Recommendation.objects.filter(
                theme__part__framework=current.framework, code__in=[d.id for d in divergent]
            ).values_list("code", "text")
        )
        divergences = [
            Divergence(d.id, texts.get(d.id, ""), d.theme, d.n, d.min, d.max, d.spread)
            for d in divergent
        ]
    last_due = current.due_on if current else None
    return PartnershipOverview(
        partnership=partnership,
        rounds=rounds,
        current_round=current,
        respondents=respondents,
        missing_participants=missing,
        submitted=sum(1 for r in respondents if r.is_submitted),
        score=score,
        theme_titles=titles,
        divergences=divergences,
        steps=fetch_open_steps([partnership.pk]),
        next_evaluation_due=next_evaluation_due(
            partnership.evaluation_interval_years, partnership.last_evaluated_on, last_due
        ),
        today=today,
        wgr=wgr_check_for(partnership),
        own_score=own_score,
        own_label=own,
    )
