"""The raad's overview: every partnership an organisation takes part in, with its form, the
latest score per perspective group, the state of the current round (and of the raad's own
assessment in it), the next evaluation, the open next steps and the attention level the
raad chose (Gids A7.2). What a nota verbonden partijen and the start of a raadsperiode need.

Built from the dashboard's selectors and score cache, in a fixed number of queries whatever
the number of partnerships; the page, the PDF and the Word document read the same rows.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db.models import Exists, OuterRef
from django.utils.text import slugify

from assessments.constants import AssessmentStatus, Perspective, RoundStatus
from assessments.dashboard.facts import PartnershipInfo, RoundFacts
from assessments.dashboard.group_scores import GroupScore, cached_group_scores
from assessments.dashboard.selectors import (
    cached_round_scores,
    fetch_page_rounds,
    fetch_partnership_info,
    fetch_row_steps,
)
from assessments.dashboard.state import (
    STATE_LABELS,
    RoundState,
    evaluation_overdue,
    next_evaluation_due,
)
from assessments.models import Answer, Assessment
from assessments.presentation import PERSPECTIVE_GROUPS, fmt_date, fmt_pct, respondent_state
from assessments.scores import answered_filter
from partnerships.constants import AttentionLevel, CooperationModel
from partnerships.models import Organisation, Participation, Partnership

ATTENTION_LABELS: dict[str, str] = dict(AttentionLevel.choices)
NOT_CHOSEN = "Nog niet gekozen"
MODEL_LABELS: dict[str, str] = dict(CooperationModel.choices)
NO_RAAD = "Raad niet uitgenodigd"
# What the Gids says of each level (A7.2, praktische uitwerking), for the page and documents.
ATTENTION_EXPLAINED: tuple[tuple[str, str], ...] = (
    (
        AttentionLevel.INTENSIEF.label,
        "De raad kiest ervoor de belangrijkste samenwerkingsverbanden periodiek meer aandacht "
        "te geven, of zich kortdurend intensiever met een samenwerkingsverband bezig te houden.",
    ),
    (
        AttentionLevel.RAPPORTEURS.label,
        "De raad wijst een rapporteur aan die zich actief met het samenwerkingsverband "
        "bezighoudt en daarover periodiek aan de raad rapporteert.",
    ),
    (
        AttentionLevel.TAAKVERDELING.label,
        "Voor beleidsarme samenwerkingsverbanden waar geen bijzondere zaken spelen, spreken de "
        "raden een taakverdeling af.",
    ),
)


class RaadRow(NamedTuple):
    """One partnership of the overview, every value as the page and documents show it."""

    partnership_pk: int
    participation_pk: int
    name: str
    form: str  # "Openbaar lichaam"
    model: str  # "Gemeenschappelijke regeling (Wgr)"
    scored_period: str  # the period of the round the scores come from; "" without one
    overall_pct: float | None
    groups: tuple[GroupScore, ...]
    current_round: RoundFacts | None
    submitted: int  # everyone's submitted assessments in the current round
    invited: int
    raad_state: str  # the organisation's own raad assessment in the current round
    next_evaluation_due: date | None
    evaluation_overdue: bool
    open_steps: int
    overdue_steps: int
    attention_level: str  # "" when not chosen yet

    @property
    def has_scores(self) -> bool:
        return bool(self.scored_period)

    @property
    def overall_text(self) -> str:
        if self.has_scores:
            return fmt_pct(self.overall_pct)
        return "Nog niets ingediend" if self.current_round else "Nog geen ronde"

    @property
    def round_text(self) -> str:
        """ "Ronde 2026, open tot 1 juli 2026" / "Ronde 2025, afgesloten" / "Nog geen ronde"."""
        r = self.current_round
        if r is None:
            return "Nog geen ronde"
        if r.status == RoundStatus.OPEN:
            return f"Ronde {r.period}, open tot {fmt_date(r.due_on)}"
        return f"Ronde {r.period}, afgesloten"

    @property
    def submitted_text(self) -> str:
        return f"{self.submitted} van {self.invited} ingediend" if self.current_round else ""

    @property
    def evaluation_text(self) -> str:
        if self.next_evaluation_due is None:
            return "Nog nooit geëvalueerd"
        text = fmt_date(self.next_evaluation_due)
        return f"{text} (verlopen)" if self.evaluation_overdue else text

    @property
    def steps_text(self) -> str:
        if not self.open_steps:
            return "Geen"
        late = f", waarvan {self.overdue_steps} te laat" if self.overdue_steps else ""
        return f"{self.open_steps} open{late}"

    @property
    def attention_label(self) -> str:
        return ATTENTION_LABELS.get(self.attention_level, NOT_CHOSEN)

    def group(self, key: str) -> GroupScore:
        return next(g for g in self.groups if g.key == key)


@dataclass(frozen=True)
class RaadOverview:
    organisation: Organisation
    today: date
    rows: list[RaadRow]

    @property
    def group_labels(self) -> list[str]:
        return [g.label for g in PERSPECTIVE_GROUPS]

    @property
    def attention_counts(self) -> list[tuple[str, int]]:
        """(label, number of partnerships) per level, "Nog niet gekozen" last."""
        counts = [
            (str(label), sum(1 for r in self.rows if r.attention_level == value))
            for value, label in AttentionLevel.choices
        ]
        return [*counts, (NOT_CHOSEN, sum(1 for r in self.rows if not r.attention_level))]

    @property
    def filename_stem(self) -> str:
        return f"raadsoverzicht-{slugify(self.organisation.name)}-{self.today.isoformat()}"


def _raad_states(
    organisation: Organisation, infos: Sequence[PartnershipInfo], today: date
) -> dict[int, str]:
    """{partnership id: the state of the organisation's raad assessment in its current
    round}, one query; partnerships whose current round has no such assessment are left out."""
    current = {i.current_round.pk: i.current_round for i in infos if i.current_round}
    if not current:
        return {}
    answered = Exists(Answer.objects.filter(answered_filter(), assessment_id=OuterRef("pk")))
    rows = (
        Assessment.objects.filter(
            round_id__in=list(current),
            participation__organisation=organisation,
            perspective=Perspective.RAAD,
        )
        .annotate(answered=answered)
        .values_list("round_id", "status", "answered")
    )
    result = {}
    for round_id, status, has_answers in rows:
        round_ = current[round_id]
        submitted = status == AssessmentStatus.SUBMITTED
        if round_.status == RoundStatus.CLOSED and not submitted:
            label = STATE_LABELS[RoundState.CLOSED]
        else:
            overdue = round_.status == RoundStatus.OPEN and today > round_.due_on
            label = respondent_state(submitted=submitted, overdue=overdue, answered=has_answers)
        result[round_.partnership_id] = label
    return result


def build_raad_overview(organisation: Organisation, *, today: date) -> RaadOverview:
    """Every partnership the organisation takes part in, by name (about seven queries, the
    same number for one partnership or a hundred)."""
    partnerships = Partnership.objects.filter(
        pk__in=Participation.objects.filter(organisation=organisation).values("partnership_id")
    )
    # Everyone's progress in the current round: "n of m submitted" counts the whole round.
    infos = fetch_partnership_info(partnerships, with_progress=True)
    # {partnership id: (participation id, attention level)}
    own = {
        partnership_id: (pk, level)
        for partnership_id, pk, level in Participation.objects.filter(
            organisation=organisation
        ).values_list("partnership_id", "pk", "attention_level")
    }
    scored, round_ids = fetch_page_rounds([i.pk for i in infos])
    latest = {pk: rounds[0] for pk, rounds in scored.items()}
    totals = cached_round_scores(latest.values())
    groups = cached_group_scores(latest.values())
    _first, late = fetch_row_steps(
        [rid for i in infos if i.open_steps for rid in round_ids.get(i.pk, [])],
        today,
        per_partnership=1,
    )
    raad = _raad_states(organisation, infos, today)
    empty = tuple(GroupScore(g.key, g.label, 0, None) for g in PERSPECTIVE_GROUPS)
    rows = []
    for info in infos:
        scored_round = latest.get(info.pk)
        current = info.current_round
        next_due = next_evaluation_due(
            info.evaluation_interval_years,
            info.last_evaluated_on,
            current.due_on if current else None,
        )
        rows.append(
            RaadRow(
                partnership_pk=info.pk,
                participation_pk=own[info.pk][0],
                name=info.name,
                form=info.legal_form_label,
                model=MODEL_LABELS.get(info.cooperation_model, info.cooperation_model),
                scored_period=scored_round.period if scored_round else "",
                overall_pct=totals[scored_round.pk].overall_pct if scored_round else None,
                groups=groups[scored_round.pk] if scored_round else empty,
                current_round=current,
                submitted=info.progress.submitted,
                invited=info.progress.assessments,
                raad_state=raad.get(info.pk, NO_RAAD) if current else "",
                next_evaluation_due=next_due,
                evaluation_overdue=evaluation_overdue(next_due, today),
                open_steps=info.open_steps,
                overdue_steps=late.get(info.pk, 0),
                attention_level=own[info.pk][1],
            )
        )
    return RaadOverview(organisation=organisation, today=today, rows=rows)
