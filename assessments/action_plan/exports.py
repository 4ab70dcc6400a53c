"""Exports of a round's action plan: CSV and Excel, and the next steps as the JSON of
`export_assessment` carries them. Every CSV and Excel cell is written through
assessments.cells, so a description typed by a user never becomes a formula.
"""

from collections.abc import Iterable, Sequence
from typing import TypedDict

from django.utils.text import slugify

from assessments.cells import add_sheet, csv_text, new_workbook, workbook_bytes
from assessments.models import AssessmentRound, NextStep

from .selectors import round_next_steps

STEP_HEADER = ["nummer", "aanbeveling", "omschrijving", "eigenaar", "gereed op", "status"]
# Column widths (A, B, C, ...) of every sheet of our workbooks: sized for the answer sheet of
# an assessment, whose third column holds the recommendation's text.
COLUMN_WIDTHS = (10, 12, 60, 10, 20, 50, 30, 18, 20)

Sheet = tuple[str, Sequence[str], Iterable[Sequence[object]]]  # title, header, rows


def round_filename(round_: AssessmentRound, extension: str) -> str:
    name = slugify(f"vervolgstappen-{round_.partnership.name}-{round_.period}")
    return f"{name[:80]}.{extension}"


class StepJson(TypedDict):
    id: int
    description: str
    owner: str
    due: str | None  # ISO date
    status: str  # open | bezig | afgerond


def step_json(step: NextStep) -> StepJson:
    """One next step in the `export_assessment --json` contract (DESIGN.md)."""
    return {
        "id": step.pk,
        "description": step.description,
        "owner": step.owner_label,
        "due": step.due_on.isoformat() if step.due_on else None,
        "status": step.status,
    }


def step_rows(steps: Iterable[NextStep]) -> list[list[object]]:
    """The steps as spreadsheet rows under STEP_HEADER."""
    return [
        [
            step.pk,
            step.recommendation.code if step.recommendation else "",
            step.description,
            step.owner_label,
            step.due_on.isoformat() if step.due_on else "",
            step.get_status_display(),
        ]
        for step in steps
    ]


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """A workbook with these sheets, in this order, each with a bold header row."""
    workbook = new_workbook()
    for title, header, rows in sheets:
        sheet = add_sheet(workbook, title, header, rows)
        for column, width in zip("ABCDEFGHI", COLUMN_WIDTHS, strict=False):
            sheet.column_dimensions[column].width = width
    return workbook_bytes(workbook)


def next_steps_csv(round_: AssessmentRound) -> str:
    return csv_text(STEP_HEADER, step_rows(round_next_steps(round_)))


def next_steps_xlsx(round_: AssessmentRound) -> bytes:
    return xlsx_bytes([("Vervolgstappen", STEP_HEADER, step_rows(round_next_steps(round_)))])
