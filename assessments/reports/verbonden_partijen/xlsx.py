"""The paragraaf verbonden partijen as a spreadsheet: one row per verbonden partij, amounts
as numbers with a euro format (so they can be added up), every text through
assessments.cells (never a formula), and a second sheet with the partnerships left out."""

from assessments.cells import add_sheet, append_row, new_workbook, workbook_bytes

from .content import Paragraaf

HEADER = [
    "Groep",
    "Verbonden partij",
    "Vorm",
    "Vestigingsplaats",
    "Openbaar belang",
    "Bestuurlijk belang: zetel",
    "Stemmen",
    "Bijdrage (€)",
    "Aansprakelijkheid",
    "Eigen vermogen begin jaar (€)",
    "Eigen vermogen eind jaar (€)",
    "Vreemd vermogen begin jaar (€)",
    "Vreemd vermogen eind jaar (€)",
    "Resultaat (€)",
    "Risico's",
    "Governance-score (%)",
    "Ronde",
    "Grootste verbeterpunten",
]
EURO_COLUMNS = ("H", "J", "K", "L", "M", "N")
SCORE_COLUMN = "P"
EURO_FORMAT = '"€" #,##0;"€" -#,##0'
WIDTHS = {"A": 28, "B": 34, "C": 20, "D": 18, "E": 50, "F": 34, "I": 34, "O": 50, "R": 60}
LEFT_OUT_HEADER = ["Samenwerkingsverband", "Reden"]


def paragraaf_rows(paragraaf: Paragraaf) -> list[list[object]]:
    return [
        [
            group.title,
            party.name,
            party.legal_form,
            party.location,
            party.public_interest,
            party.seat,
            party.votes,
            party.contribution,
            party.liability,
            party.equity_start,
            party.equity_end,
            party.debt_start,
            party.debt_end,
            party.result,
            party.risks,
            round(party.score_pct, 1) if party.score_pct is not None else None,
            party.score_round,
            "; ".join(g.label for g in party.gaps),
        ]
        for group, party in paragraaf.parties
    ]


def paragraaf_xlsx(paragraaf: Paragraaf) -> bytes:
    workbook = new_workbook()
    sheet = add_sheet(workbook, "Verbonden partijen", HEADER, paragraaf_rows(paragraaf))
    for row in range(2, sheet.max_row + 1):
        for column in EURO_COLUMNS:
            sheet[f"{column}{row}"].number_format = EURO_FORMAT
        sheet[f"{SCORE_COLUMN}{row}"].number_format = "0"
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    left_out = add_sheet(
        workbook,
        "Niet opgenomen",
        LEFT_OUT_HEADER,
        [[item.name, item.reason] for item in paragraaf.left_out],
    )
    left_out.column_dimensions["A"].width = 40
    left_out.column_dimensions["B"].width = 90
    if paragraaf.left_out:
        append_row(left_out, [])
        append_row(left_out, [paragraaf.note])
    return workbook_bytes(workbook)
