"""Everything a council document says about a round, read once: `read_facts`.

The numbers come from `assessments.scores.round_score`, the function behind `export_round`,
and are formatted as the round report formats them (`presentation.fmt_pct`: whole
percentages), so a document, the report and the export never disagree. Other
organisations' views appear only as the round's aggregates (the total, the perspective
groups, per recommendation the mean and range); no respondent is named, and no raadslid's
answer appears: of the organisation's own raad panel only its counts.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from assessments import scoring
from assessments.constants import NextStepStatus, Perspective, RoundStatus
from assessments.models import AssessmentRound
from assessments.presentation import fmt_pct, perspective_counts, short_title, target_pct
from assessments.questionnaire.panel.selectors import PanelSummary, panel_summary
from assessments.reports.content import NextStepRow, ThemeRow
from assessments.reports.findings import round_gaps
from assessments.reports.sections import change_sentences, next_step_rows
from assessments.reports.selectors import framework_texts, planned_codes, round_next_steps
from assessments.rounds.perspectives import perspective_table
from assessments.scores import round_applicability, round_score, scoring_items, submitted_responses
from partnerships.constants import CooperationModel
from partnerships.models import Organisation, Participation


@dataclass(frozen=True)
class Finding:
    """One recommendation as a document names it, with the round's numbers for it."""

    code: str
    title: str  # short title
    theme: str
    n: int  # numeric answers
    mean: float | None  # as export_round gives it (one decimal)
    min: int | None
    max: int | None
    has_next_step: bool

    @property
    def label(self) -> str:
        return f"{self.code} ‘{self.title}’"


@dataclass(frozen=True)
class ThemeFact:
    code: str
    title: str
    score_pct: float | None


@dataclass(frozen=True)
class RoundFacts:
    round_pk: int
    partnership: str
    period: str
    organisation: str
    legal_form: str  # "Openbaar lichaam"
    legal_form_code: str  # LegalForm value: who represents the organisation in it
    is_network: bool
    is_open: bool
    framework: str
    target: int
    today: date
    invited: int
    submitted: int
    perspectives: str  # "Raad 2 · College 1"
    overall_pct: float | None
    themes: list[ThemeFact]
    perspective_sentence: str  # "Raad: 44% (2 respondenten); ..."
    gaps: list[Finding]  # largest distance to the target first
    divergences: list[Finding]  # largest spread first
    change: list[str]
    previous_period: str | None
    next_steps: list[NextStepRow]  # open ones first
    weet_niet: int
    panel: PanelSummary | None  # the organisation's own raad panel, counts only
    attention_level: str  # empty when none is set (or the partnership keeps none)

    @property
    def target_label(self) -> str:
        return fmt_pct(target_pct(self.target))

    @property
    def overall_label(self) -> str:
        return fmt_pct(self.overall_pct)

    @property
    def open_steps(self) -> list[NextStepRow]:
        return [s for s in self.next_steps if s.status_label != NextStepStatus.AFGEROND.label]

    def theme_title(self, code: str) -> str:
        return next((t.title for t in self.themes if t.code == code), "")


def participation_of(round_: AssessmentRound, organisation: Organisation) -> Participation | None:
    return round_.partnership.participations.filter(organisation=organisation).first()


def attention_level_of(participation: Participation | None) -> str:
    """The raad's attention level for the partnership, when the participation keeps one.

    Read defensively: the field belongs to the raad's overview of all partnerships, and a
    document without it proposes to set one instead."""
    display = getattr(participation, "get_attention_level_display", None)
    value = display() if callable(display) else getattr(participation, "attention_level", "")
    return str(value or "")


def read_facts(
    round_: AssessmentRound, organisation: Organisation, *, today: date | None = None
) -> RoundFacts:
    today = today or timezone.localdate()
    applic = round_applicability(round_)
    score = round_score(round_)
    responses = submitted_responses(round_)
    texts = framework_texts(round_)
    planned = planned_codes(round_)

    def finding(stats: scoring.ItemStats) -> Finding:
        return Finding(
            code=stats.id,
            title=short_title(texts.recommendation(stats.id)),
            theme=stats.theme,
            n=stats.n,
            mean=stats.mean,
            min=stats.min,
            max=stats.max,
            has_next_step=stats.id in planned,
        )

    themes = [ThemeFact(t.code, texts.theme(t.code), t.score_pct) for t in score.themes]
    previous_round = round_.previous
    previous_score = round_score(previous_round) if previous_round else None
    previous = {t.code: t.score_pct for t in previous_score.themes} if previous_score else {}
    change = change_sentences(
        previous_period=previous_round.period if previous_round else None,
        overall=score.overall_pct,
        previous_overall=previous_score.overall_pct if previous_score else None,
        themes=_theme_rows(themes),
        previous=previous,
        missing=(
            f"De vorige ronde ({previous_round.period if previous_round else ''}) heeft geen "
            "ingediende scores; er is dus niets om mee te vergelijken."
        ),
    )
    perspectives = perspective_table(
        scoring_items(applic, {}), responses, {t.code: t.title for t in themes}, score
    )
    own_raad = (
        round_.assessments.filter(
            participation__organisation=organisation, perspective=Perspective.RAAD
        )
        .select_related("round")
        .first()
    )
    partnership = round_.partnership
    weet_niet = sum(1 for _a, values in responses for v in values.values() if v == "weet_niet")
    return RoundFacts(
        round_pk=round_.pk,
        partnership=partnership.name,
        period=round_.period,
        organisation=organisation.name,
        legal_form=partnership.get_legal_form_display(),
        legal_form_code=partnership.legal_form,
        is_network=partnership.cooperation_model == CooperationModel.NETWORK,
        is_open=round_.status == RoundStatus.OPEN,
        framework=str(round_.framework),
        target=round_.target,
        today=today,
        invited=round_.assessments.count(),
        submitted=len(responses),
        perspectives=perspective_counts(a for a, _ in responses),
        overall_pct=score.overall_pct,
        themes=themes,
        perspective_sentence=perspectives.sentence,
        gaps=[finding(g.stats) for g in round_gaps(score.items, target=round_.target)],
        divergences=[finding(s) for s in score.divergent()],
        change=change,
        previous_period=previous_round.period if previous_round else None,
        next_steps=next_step_rows(round_next_steps(round_), today),
        weet_niet=weet_niet,
        panel=panel_summary(own_raad) if own_raad is not None else None,
        attention_level=attention_level_of(participation_of(round_, organisation)),
    )


def _theme_rows(themes: Sequence[ThemeFact]) -> list[ThemeRow]:
    """The theme scores in the shape `change_sentences` reads (code, title, score)."""
    return [
        ThemeRow(
            code=t.code,
            title=t.title,
            score_pct=t.score_pct,
            score_label=fmt_pct(t.score_pct),
            answered_label="",
            previous_label="",
            change_label="",
            reaches_target=False,
        )
        for t in themes
    ]
