"""Exports of one assessment: JSON (the DESIGN.md contract of `export_assessment`), CSV and
Excel. Every CSV and Excel cell is written through assessments.cells.

Everything is read through the selectors first (a constant number of queries) and then
written; the JSON numbers are exactly the ones the results page shows.
"""

from typing import NotRequired, TypedDict

from django.utils import timezone
from django.utils.text import slugify

from assessments import presentation, scoring
from assessments.action_plan.exports import (
    STEP_HEADER,
    StepJson,
    step_json,
    step_rows,
    xlsx_bytes,
)
from assessments.action_plan.selectors import round_next_steps
from assessments.cells import csv_text
from assessments.evidence import EvidenceDocument, evidence_documents
from assessments.models import Assessment

from .panel.selectors import panel_answers_by_item
from .selectors import AssessmentState, assessment_state, documented_rule, recommendation_views

ANSWER_HEADER = [
    "thema",
    "aanbeveling",
    "tekst",
    "waarde",
    "betekenis",
    "toelichting",
    "onderbouwing",
    "vastgelegd",
    "gewijzigd op",
    "gewijzigd door",
    # Appended, so that columns read by position keep their place.
    "document",
    "artikel of pagina",
]
THEME_HEADER = [
    "thema",
    "titel",
    "score (%)",
    "gescoord",
    "beantwoord",
    "eigen vragen",
    "van toepassing",
]


def filename(assessment: Assessment, extension: str) -> str:
    name = slugify(f"zelfevaluatie-{assessment.pk}-{assessment.round.partnership.name}")
    return f"{name[:80]}.{extension}"


# --- JSON: `export_assessment ID --json` ---------------------------------------------------


class PanelAnswerJson(TypedDict):
    member: str
    value: int | str | None  # 0-4, "weet_niet" or None (not answered)
    explanation: str


class AnswerJson(TypedDict):
    id: str
    theme: str
    value: scoring.Value  # 0-4, "nvt", "weet_niet" or None
    explanation: str
    documented: bool | None  # "vastgelegd"; None without a score or when not said
    # Additive to the contract: the document of the register the answer points to (its
    # title with kind and year; None: none) and the article or page in it.
    evidence: "EvidenceJson"
    # The raad panel's individual answers: only in the beheerder's command export
    # (with_panel=True); never in what the web pages serve.
    panel: NotRequired[list[PanelAnswerJson]]


class EvidenceJson(TypedDict):
    document: str | None
    location: str


class ThemeJson(TypedDict):
    code: str
    score_pct: float | None
    scored: int
    applicable: int


class GapJson(TypedDict):
    id: str
    value: int | str
    target: int


class AssessmentJson(TypedDict):
    id: int
    partnership: str
    perspective: str
    status: str  # draft | submitted
    target: int
    answers: list[AnswerJson]
    themes: list[ThemeJson]
    overall_pct: float | None
    completeness_pct: float
    gaps: list[GapJson]
    next_steps: list[StepJson]


def _answer_json(
    item: scoring.Item,
    state: AssessmentState,
    panel: dict[str, list[PanelAnswerJson]] | None,
    documents: dict[int, EvidenceDocument],
) -> AnswerJson:
    stored = state.answers.get(item.id)
    document = documents.get(stored.evidence_document or 0) if stored else None
    answer: AnswerJson = {
        "id": item.id,
        "theme": item.theme,
        "value": item.value,
        "explanation": stored.explanation if stored else "",
        "documented": _documented(state, item),
        "evidence": {
            "document": document.label if document else None,
            "location": stored.evidence_location if stored else "",
        },
    }
    if panel is not None:
        answer["panel"] = panel.get(item.id, [])
    return answer


def assessment_json(
    assessment: Assessment, state: AssessmentState | None = None, *, with_panel: bool
) -> AssessmentJson:
    """The DESIGN.md contract of `export_assessment ID --json`.

    `with_panel` adds the raad panel's individual answers to every answer ("panel": [] where
    there was none). They never leave the griffie and the panel: only the beheerder's command
    passes True; a web download must not, which is why every caller has to say it."""
    state = state or assessment_state(assessment)
    score = state.score
    target = assessment.round.target
    documents = evidence_documents(a.evidence_document for a in state.answers.values())
    panel: dict[str, list[PanelAnswerJson]] | None = None
    if with_panel:
        panel = {
            code: [
                PanelAnswerJson(member=a.member, value=a.value, explanation=a.explanation)
                for a in answers
            ]
            for code, answers in panel_answers_by_item(assessment).items()
        }
    return {
        "id": assessment.pk,
        "partnership": assessment.round.partnership.name,
        "perspective": assessment.perspective,
        "status": assessment.status,
        "target": target,
        "answers": [_answer_json(item, state, panel, documents) for item in state.items],
        "themes": [
            {
                "code": t.code,
                "score_pct": t.score_pct,
                "scored": t.scored,
                "applicable": t.applicable,
            }
            for t in score.themes
        ],
        "overall_pct": score.overall_pct,
        "completeness_pct": score.completeness_pct,
        "gaps": [{"id": g.id, "value": g.value, "target": g.target} for g in score.gaps],
        "next_steps": [step_json(s) for s in round_next_steps(assessment.round)],
    }


def _documented(state: AssessmentState, item: scoring.Item) -> bool | None:
    answer = state.answers.get(item.id)
    return None if answer is None else documented_rule(item.value, answer.documented)


# --- Rows shared by CSV and Excel ---------------------------------------------------------


def answer_sheet_rows(
    assessment: Assessment, state: AssessmentState | None = None
) -> list[list[object]]:
    """Every applicable item with its answer, as spreadsheet rows under ANSWER_HEADER."""
    state = state or assessment_state(assessment)
    texts = recommendation_views(assessment.round.framework_id, [i.id for i in state.items])
    documents = evidence_documents(a.evidence_document for a in state.answers.values())
    rows: list[list[object]] = []
    for item in state.items:
        answer = state.answers.get(item.id)
        document = documents.get(answer.evidence_document or 0) if answer else None
        updated = (
            timezone.localtime(answer.updated_at).strftime("%Y-%m-%d %H:%M")
            if answer and answer.updated_at
            else ""
        )
        rows.append(
            [
                item.theme,
                item.id,
                texts[item.id].text if item.id in texts else "",
                "" if item.value is None else item.value,
                presentation.value_label(item.value),
                answer.explanation if answer else "",
                answer.evidence_url if answer else "",
                ""
                if (documented := _documented(state, item)) is None
                else presentation.documented_label(documented).lower(),
                updated,
                answer.updated_by if answer else "",
                document.label if document else "",
                answer.evidence_location if answer else "",
            ]
        )
    return rows


def theme_sheet_rows(state: AssessmentState) -> list[list[object]]:
    """The score per theme, as spreadsheet rows under THEME_HEADER: "beantwoord" counts
    the own questions, like the pages; "van toepassing" every item of the theme."""
    return [
        [p.code, p.theme.title, p.score_pct, p.scored, p.answered, p.asked, p.applicable]
        for p in state.progress
    ]


# --- CSV (every cell through assessments.cells: text never becomes a formula) ------------


def answers_csv(assessment: Assessment) -> str:
    return csv_text(ANSWER_HEADER, answer_sheet_rows(assessment))


# --- Excel --------------------------------------------------------------------------------


def assessment_xlsx(assessment: Assessment) -> bytes:
    """Three sheets: Samenvatting (themes and totals), Antwoorden, Vervolgstappen (of the
    round)."""
    state = assessment_state(assessment)
    summary: list[list[object]] = [
        *theme_sheet_rows(state),
        [],
        # The words of the pages and the report (presentation.GLOSSARY); the numbers as
        # computed, unrounded, for whoever calculates on with them.
        [f"{presentation.term('total')} (%)", state.score.overall_pct],
        [f"{presentation.term('answered')} (%)", state.score.completeness_pct],
        [f"{presentation.term('target')} (0–4)", assessment.round.target],
    ]
    return xlsx_bytes(
        [
            ("Samenvatting", THEME_HEADER, summary),
            ("Antwoorden", ANSWER_HEADER, answer_sheet_rows(assessment, state)),
            ("Vervolgstappen", STEP_HEADER, step_rows(round_next_steps(assessment.round))),
        ]
    )
