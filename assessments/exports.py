"""Exports of one assessment and a round's action plan: JSON (DESIGN.md
contract), CSV, Excel. Every CSV and Excel cell is written through assessments.cells.

Everything is read through the selectors first (a constant number of queries) and then
written; the JSON numbers are exactly the ones the results page shows.
"""

from collections.abc import Iterable, Sequence

from django.utils import timezone
from django.utils.text import slugify
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from . import scoring
from .cells import (
    add_sheet,
    append_row,
    csv_text,
    new_workbook,
    workbook_bytes,
)
from .models import Assessment, AssessmentRound, NextStep
from .selectors import (
    AssessmentState,
    assessment_state,
    recommendation_views,
    round_next_steps,
)

ANSWER_HEADER = [
    "thema",
    "aanbeveling",
    "tekst",
    "waarde",
    "betekenis",
    "toelichting",
    "onderbouwing",
    "gewijzigd op",
    "gewijzigd door",
]
STEP_HEADER = ["nummer", "aanbeveling", "omschrijving", "eigenaar", "gereed op", "status"]
THEME_HEADER = ["thema", "titel", "score (%)", "gescoord", "beantwoord", "van toepassing"]


def filename(assessment: Assessment, extension: str) -> str:
    name = slugify(f"zelfevaluatie-{assessment.pk}-{assessment.round.partnership.name}")
    return f"{name[:80]}.{extension}"


def round_filename(round_: AssessmentRound, extension: str) -> str:
    name = slugify(f"vervolgstappen-{round_.partnership.name}-{round_.period}")
    return f"{name[:80]}.{extension}"


# --- JSON: `export_assessment ID --json` ---------------------------------------------------


def _step_json(step: NextStep) -> dict[str, object]:
    return {
        "id": step.pk,
        "description": step.description,
        "owner": step.owner_label,
        "due": step.due_on.isoformat() if step.due_on else None,
        "status": step.status,
    }


def assessment_json(assessment: Assessment, state: AssessmentState | None = None) -> dict:
    """The DESIGN.md contract of `export_assessment ID --json`."""
    state = state or assessment_state(assessment)
    score = state.score
    target = assessment.round.target
    return {
        "id": assessment.pk,
        "partnership": assessment.round.partnership.name,
        "perspective": assessment.perspective,
        "status": assessment.status,
        "target": target,
        "answers": [
            {
                "id": item.id,
                "theme": item.theme,
                "value": item.value,
                "explanation": state.answers[item.id].explanation
                if item.id in state.answers
                else "",
            }
            for item in state.items
        ],
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
        "next_steps": [_step_json(s) for s in round_next_steps(assessment.round)],
    }


# --- Rows shared by CSV and Excel ---------------------------------------------------------


def answer_rows(assessment: Assessment, state: AssessmentState | None = None) -> list[list]:
    state = state or assessment_state(assessment)
    texts = recommendation_views(assessment.round.framework_id, [i.id for i in state.items])
    rows = []
    for item in state.items:
        answer = state.answers.get(item.id)
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
                scoring.value_label(item.value),
                answer.explanation if answer else "",
                answer.evidence_url if answer else "",
                updated,
                answer.updated_by if answer else "",
            ]
        )
    return rows


def step_rows(steps: Iterable[NextStep]) -> list[list]:
    return [
        [
            step.pk,
            step.recommendation.code if step.recommendation_id else "",
            step.description,
            step.owner_label,
            step.due_on.isoformat() if step.due_on else "",
            step.get_status_display(),
        ]
        for step in steps
    ]


def theme_rows(state: AssessmentState) -> list[list]:
    return [
        [p.code, p.theme.title, p.score_pct, p.scored, p.answered, p.applicable]
        for p in state.progress
    ]


# --- CSV (every cell through assessments.cells: text never becomes a formula) ------------


def answers_csv(assessment: Assessment) -> str:
    return csv_text(ANSWER_HEADER, answer_rows(assessment))


def next_steps_csv(round_: AssessmentRound) -> str:
    return csv_text(STEP_HEADER, step_rows(round_next_steps(round_)))


# --- Excel --------------------------------------------------------------------------------


def _sheet(
    workbook: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> Worksheet:
    sheet = add_sheet(workbook, title, header, rows)
    for column, width in zip("ABCDEFGHI", (10, 12, 60, 10, 20, 50, 30, 18, 20), strict=False):
        sheet.column_dimensions[column].width = width
    return sheet


def assessment_xlsx(assessment: Assessment) -> bytes:
    """Three sheets: Samenvatting (themes), Antwoorden, Vervolgstappen (of the round)."""
    state = assessment_state(assessment)
    workbook = new_workbook()
    summary = _sheet(workbook, "Samenvatting", THEME_HEADER, theme_rows(state))
    summary.append([])
    append_row(summary, ["Totaalscore (%)", state.score.overall_pct])
    append_row(summary, ["Volledigheid (%)", state.score.completeness_pct])
    append_row(summary, ["Streefscore", assessment.round.target])
    _sheet(workbook, "Antwoorden", ANSWER_HEADER, answer_rows(assessment, state))
    _sheet(workbook, "Vervolgstappen", STEP_HEADER, step_rows(round_next_steps(assessment.round)))
    return workbook_bytes(workbook)


def next_steps_xlsx(round_: AssessmentRound) -> bytes:
    workbook = new_workbook()
    _sheet(workbook, "Vervolgstappen", STEP_HEADER, step_rows(round_next_steps(round_)))
    return workbook_bytes(workbook)
