"""The raad's overview as documents: a PDF (tagged, through reports.pdf.render_to_pdf) and a
Word document (python-docx). Both: a title, a short introduction, one table with the page's
columns, and what the attention levels mean. In Word the headings use Word's own heading
styles, so the navigation pane and screen readers find them; every text is a plain run (no
fields, no formulas)."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from assessments.dashboard.raad import ATTENTION_EXPLAINED, RaadOverview, RaadRow
from assessments.presentation import fmt_date
from assessments.reports.pdf import render_to_pdf

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def overview_headers(overview: RaadOverview) -> list[str]:
    """The table's column headings, the same in the PDF and the Word document."""
    return [
        "Samenwerkingsverband",
        "Vorm",
        "Scores (ronde)",
        *overview.group_labels,
        "Huidige ronde",
        "Raad in deze ronde",
        "Volgende evaluatie",
        "Open vervolgstappen",
        "Aandacht van de raad",
    ]


def overview_cells(row: RaadRow) -> list[str]:
    return [
        row.name,
        row.form,
        f"{row.overall_text} ({row.scored_period})" if row.has_scores else row.overall_text,
        *(g.text if row.has_scores else "" for g in row.groups),
        f"{row.round_text}; {row.submitted_text}" if row.current_round else row.round_text,
        row.raad_state,
        row.evaluation_text,
        row.steps_text,
        row.attention_label,
    ]


def intro(overview: RaadOverview) -> str:
    n = len(overview.rows)
    verbanden = "samenwerkingsverband" if n == 1 else "samenwerkingsverbanden"
    return (
        f"{overview.organisation.name} neemt deel aan {n} {verbanden}. Per verband ziet u de "
        "vorm, de laatste score per groep van respondenten, de stand van de huidige ronde, de "
        "volgende evaluatie, de open vervolgstappen en hoe de raad het verband volgt. "
        f"Stand van {fmt_date(overview.today)}."
    )


SCORE_NOTE = (
    "Scores komen uit de laatste ronde waarin iets is ingediend. Een score is het gemiddelde "
    "van de antwoorden 0 tot en met 4, als percentage van 4. Een streepje (—) betekent: "
    "niemand uit die groep heeft ingediend."
)


def raad_overview_docx(overview: RaadOverview) -> bytes:
    document = Document()
    section = document.sections[0]
    # Landscape: the table has eleven columns.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    properties = document.core_properties
    properties.title = f"Overzicht samenwerkingsverbanden {overview.organisation.name}"
    properties.language = "nl-NL"
    properties.author = "Regiespiegel"

    document.add_heading(properties.title, level=0)
    document.add_paragraph(intro(overview))

    document.add_heading("Alle samenwerkingsverbanden", level=1)
    if overview.rows:
        headers = overview_headers(overview)
        table = document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
        for row in overview.rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, overview_cells(row), strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(text)
        for table_row in table.rows:
            for cell in table_row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(8)
        document.add_paragraph(SCORE_NOTE)
    else:
        document.add_paragraph("De organisatie neemt nog niet deel aan een samenwerkingsverband.")

    document.add_heading("Aandacht van de raad", level=1)
    document.add_paragraph(
        "De Gids voor Regionale Samenwerking (aanbeveling A7.2): de raad maakt keuzes in de "
        "samenwerkingsverbanden waarmee hij zich bezighoudt en hoe hij dat doet."
    )
    for label, meaning in overview_attention(overview):
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(meaning)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def overview_attention(overview: RaadOverview) -> list[tuple[str, str]]:
    """(label, what the Gids says and how many partnerships the raad follows so) per level."""
    counts = dict(overview.attention_counts)
    result = []
    for label, meaning in ATTENTION_EXPLAINED:
        n = counts.get(label, 0)
        result.append(
            (label, f"{meaning} Nu bij {n} samenwerkingsverband{'en' if n != 1 else ''}.")
        )
    return result


def raad_overview_pdf(overview: RaadOverview) -> bytes:
    """The PDF; raises reports.pdf.ReportRenderError when WeasyPrint fails."""
    _html, pdf = render_to_pdf(
        "assessments/raad_overview_pdf.html",
        {
            "overview": overview,
            "intro": intro(overview),
            "generated": fmt_date(overview.today),
            "score_note": SCORE_NOTE,
            "attention": overview_attention(overview),
        },
    )
    return pdf
