"""Exports of one assessment and a round's action plan: JSON (DESIGN.md contract), CSV, Excel.

Everything is read through the selectors first (a constant number of queries) and then
written; the JSON numbers are exactly the ones the results page shows.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from . import scoring
from .models import Assessment, AssessmentRound, NextStep
from .selectors import (
    AssessmentState,
    assessment_state,
    recommendation_views,
    round_next_steps,
)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading quote (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


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


# --- CSV ----------------------------------------------------------------------------------


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """UTF-8 with BOM and semicolons: opens correctly in Dutch Excel."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(v) for v in row])
    return out.getvalue()


def answers_csv(assessment: Assessment) -> str:
    return _csv(ANSWER_HEADER, answer_rows(assessment))


def next_steps_csv(round_: AssessmentRound) -> str:
    return _csv(STEP_HEADER, step_rows(round_next_steps(round_)))


# --- Excel --------------------------------------------------------------------------------

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _sheet(
    workbook: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> Worksheet:
    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_ILLEGAL.sub("", v) if isinstance(v, str) else v for v in row])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text starting with "=": keep it text, never a formula
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHI", (10, 12, 60, 10, 20, 50, 30, 18, 20), strict=False):
        sheet.column_dimensions[column].width = width
    return sheet


def _workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def assessment_xlsx(assessment: Assessment) -> bytes:
    """Three sheets: Samenvatting (themes), Antwoorden, Vervolgstappen (of the round)."""
    state = assessment_state(assessment)
    workbook = Workbook()
    workbook.remove(workbook.active)
    summary = _sheet(workbook, "Samenvatting", THEME_HEADER, theme_rows(state))
    summary.append([])
    summary.append(["Totaalscore (%)", state.score.overall_pct])
    summary.append(["Volledigheid (%)", state.score.completeness_pct])
    summary.append(["Streefscore", assessment.round.target])
    _sheet(workbook, "Antwoorden", ANSWER_HEADER, answer_rows(assessment, state))
    _sheet(workbook, "Vervolgstappen", STEP_HEADER, step_rows(round_next_steps(assessment.round)))
    return _workbook_bytes(workbook)


def next_steps_xlsx(round_: AssessmentRound) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, "Vervolgstappen", STEP_HEADER, step_rows(round_next_steps(round_)))
    return _workbook_bytes(workbook)
