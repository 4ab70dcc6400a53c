"""The results of one assessment as its page shows them: scores, every answer with its
"vastgelegd" tick and self-assessment mark, and the gaps with the Gids' starting points."""

from dataclasses import dataclass

from assessments import presentation, scoring
from assessments.action_plan.selectors import round_next_steps
from assessments.evidence import EvidenceDocument, evidence_documents
from assessments.models import Assessment, NextStep

from .checklist import CHECKLIST_CODE, ChecklistSummary, checklist_summary
from .question_sets import is_self_assessment
from .selectors import (
    AnswerRow,
    AssessmentState,
    RecommendationView,
    ThemeProgress,
    assessment_state,
    item_slug,
    recommendation_views,
)


@dataclass(frozen=True)
class ResultRow:
    """One applicable item on the results page: its answer, whether it is on paper, and
    whether the respondent judged their own role."""

    code: str
    theme: str
    answer: AnswerRow | None
    optional: bool
    self_assessment: bool
    evidence: EvidenceDocument | None = None  # the document of the register it points to

    @property
    def evidence_location(self) -> str:
        return self.answer.evidence_location if self.answer else ""

    @property
    def slug(self) -> str:
        return item_slug(self.code)

    @property
    def label(self) -> str:
        if self.answer is None or self.answer.value is None:
            return "Overgeslagen" if self.optional else presentation.value_label(None)
        return self.answer.label

    @property
    def documented_label(self) -> str:
        """ "Ja" / "Nee" / "Niet ingevuld" beside a score; "" where a tick makes no sense."""
        if self.answer is None or not scoring.is_numeric(self.answer.value):
            return ""
        return self.answer.documented_label


def result_rows(state: AssessmentState) -> list[ResultRow]:
    """Every applicable item once, in Gids order (one query: the evidence documents)."""
    perspective = state.assessment.perspective
    documents = evidence_documents(a.evidence_document for a in state.answers.values())
    seen: dict[str, ResultRow] = {}
    for item in state.items:
        if item.id not in seen:
            answer = state.answers.get(item.id)
            seen[item.id] = ResultRow(
                code=item.id,
                theme=item.theme,
                answer=answer,
                optional=item.optional,
                self_assessment=is_self_assessment(perspective, item.id),
                evidence=documents.get(answer.evidence_document or 0) if answer else None,
            )
    return list(seen.values())


@dataclass(frozen=True)
class GapView:
    gap: scoring.Gap
    recommendation: RecommendationView
    answer: AnswerRow | None
    next_steps: list[NextStep]
    self_assessment: bool = False

    @property
    def label(self) -> str:
        return presentation.value_label(self.gap.value)


@dataclass(frozen=True)
class AssessmentResults:
    state: AssessmentState
    gaps: list[GapView]
    next_steps: list[NextStep]
    rows: list[ResultRow]
    checklist: ChecklistSummary | None = None  # A2.5 checked against the regeling

    @property
    def self_assessed(self) -> list[ResultRow]:
        """The answered items about the respondent's own role."""
        return [r for r in self.rows if r.self_assessment and r.answer is not None]

    @property
    def score(self) -> scoring.AssessmentScore:
        return self.state.score

    @property
    def themes(self) -> list[ThemeProgress]:
        return self.state.progress


def assessment_results(assessment: Assessment) -> AssessmentResults:
    """Scores, gaps with the Gids' starting points, and the round's next steps (eight queries)."""
    state = assessment_state(assessment)
    gaps = state.score.gaps
    recs = recommendation_views(assessment.round.framework_id, [g.id for g in gaps])
    steps = round_next_steps(assessment.round)
    by_rec: dict[str, list[NextStep]] = {}
    for step in steps:
        # round_next_steps loaded the recommendation with the step: no query here.
        if step.recommendation is not None:
            by_rec.setdefault(step.recommendation.code, []).append(step)
    return AssessmentResults(
        state=state,
        gaps=[
            GapView(
                g,
                recs[g.id],
                state.answers.get(g.id),
                by_rec.get(g.id, []),
                is_self_assessment(assessment.perspective, g.id),
            )
            for g in gaps
            if g.id in recs
        ],
        next_steps=steps,
        rows=result_rows(state),
        checklist=checklist_summary(assessment, state.applicability.hidden_practical())
        if CHECKLIST_CODE in state.applicable_codes
        else None,
    )
