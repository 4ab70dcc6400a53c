"""The paragraaf verbonden partijen as a Word document (python-docx): a heading per BBV
group, a block per verbonden partij with a small table of its facts, and the note on the
partnerships left out. Amounts read the Dutch way: "€ 1.234.568"."""

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Pt

from .content import Paragraaf, Party

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EMPTY_GROUP = "Geen verbonden partijen in deze groep."
INTRO = (
    "Een verbonden partij is een organisatie waarin {organisation} een bestuurlijk én een "
    "financieel belang heeft (artikel 1 BBV). Per partij staan hieronder het openbaar belang, "
    "het belang van {organisation}, het eigen en vreemd vermogen aan het begin en eind van "
    "{year}, het resultaat en de risico's. Daarnaast de laatste score op de Gids voor "
    "Regionale Samenwerking en de grootste verbeterpunten uit die evaluatie."
)


def _party_block(document: DocumentObject, party: Party) -> None:
    document.add_heading(party.name, level=2)
    rows = party.fact_rows()
    table = document.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for (label, text), row in zip(rows, table.rows, strict=True):
        label_cell, value_cell = row.cells
        label_cell.text = label
        label_cell.paragraphs[0].runs[0].bold = True
        value_cell.text = text
    document.add_paragraph()


def paragraaf_docx(paragraaf: Paragraaf) -> bytes:
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = f"{paragraaf.title} — {paragraaf.organisation}"
    document.add_heading(paragraaf.title, level=0)
    document.add_paragraph(paragraaf.organisation)
    document.add_paragraph(INTRO.format(organisation=paragraaf.organisation, year=paragraaf.year))
    for group in paragraaf.groups:
        document.add_heading(group.title, level=1)
        if not group.parties:
            document.add_paragraph(EMPTY_GROUP)
        for party in group.parties:
            _party_block(document, party)
    if paragraaf.left_out:
        document.add_heading("Niet opgenomen", level=1)
        document.add_paragraph(paragraaf.note)
        for item in paragraaf.left_out:
            document.add_paragraph(f"{item.name}: {item.reason}", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
