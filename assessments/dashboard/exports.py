"""The overview as an Excel workbook. Every cell is written through assessments.cells."""

from assessments.cells import add_sheet, new_workbook, workbook_bytes
from assessments.dashboard.page import Dashboard
from partnerships.constants import CooperationModel


def dashboard_xlsx(data: Dashboard) -> bytes:
    """The overview as an Excel workbook: one sheet with the table, one with the next steps."""
    workbook = new_workbook()
    header = [
        "Samenwerkingsverband",
        "Vorm",
        "Huidige ronde",
        "In te vullen vóór",
        "Status",
        "Scores uit ronde",
        "Respondenten",
        "Totaal (%)",
        "Vorige ronde (%)",
        "Verandering (procentpunt)",
        *[f"{c.code} {c.title}".strip() for c in data.columns],
        "Volgende evaluatie",
        "Open vervolgstappen",
        "Waarvan te laat",
        "Wgr: onderdelen die ontbreken",
        "Wgr: onderdelen onbekend",
    ]
    rows = (
        [
            row.name,
            row.legal_form,
            row.current_round.period if row.current_round else None,
            row.current_round.due_on if row.current_round else None,
            row.state.label,
            row.scored_round.period if row.scored_round else None,
            row.respondents,
            row.overall_pct,
            row.previous_overall_pct,
            row.trend,
            *[c.score_pct if c.applies else "n.v.t." for c in row.cells],
            row.next_evaluation_due,
            row.open_step_count,
            row.overdue_steps,
            # the check of the regeling, apart from the Gids; network cooperation has none
            *(
                ("n.v.t.", "n.v.t.")
                if row.cooperation_model == CooperationModel.NETWORK
                else (row.wgr_shortfalls, row.wgr_unknown)
            ),
        ]
        for row in data.rows
    )
    sheet = add_sheet(workbook, "Overzicht", header, rows)
    evaluation = header.index("Volgende evaluatie") + 1
    for column in ("D", sheet.cell(1, evaluation).column_letter):
        for cell in sheet[column][1:]:
            cell.number_format = "DD-MM-YYYY"
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 40

    steps = add_sheet(
        workbook,
        "Vervolgstappen",
        ["Samenwerkingsverband", "Aanbeveling", "Vervolgstap", "Eigenaar", "Gereed op", "Status"],
        (
            [
                step.partnership_name,
                step.recommendation,
                step.description,
                step.owner,
                step.due_on,
                step.status_label,
            ]
            for step in data.steps
        ),
    )
    for cell in steps["E"][1:]:
        cell.number_format = "DD-MM-YYYY"
    return workbook_bytes(workbook)
