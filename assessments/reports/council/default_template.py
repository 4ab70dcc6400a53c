"""The default Word template shipped with Regiespiegel, built with python-docx.

`python -m assessments.reports.council.default_template` (after Django is set up, or
through `manage.py shell -c`) rewrites default_template.docx; the file is committed, so
an organisation can download it as the start of its own huisstijl template. Headings use
Word's own heading styles, so the document has a structure (navigation pane, screen
readers, a PDF made from it); the language of the text is Dutch.
"""

from io import BytesIO
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

DEFAULT_TEMPLATE = Path(__file__).with_name("default_template.docx")


def _dutch(document: object) -> None:
    """Dutch as the language of every style (spelling check, screen readers)."""
    styles = document.styles.element  # type: ignore[attr-defined]
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "nl-NL")
    lang.set(qn("w:eastAsia"), "nl-NL")
    lang.set(qn("w:bidi"), "ar-SA")


def build_default_template() -> bytes:
    document = Document()
    _dutch(document)
    document.core_properties.language = "nl-NL"
    document.core_properties.title = "Raadsstuk"
    document.core_properties.author = "Regiespiegel"
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    document.add_paragraph("{{ soort }}", style="Subtitle")
    document.add_paragraph("{{ titel }}", style="Title")
    document.add_paragraph(
        "{{ organisatie }} · {{ samenwerkingsverband }} · ronde {{ ronde }} · {{ datum }}"
    )
    document.add_paragraph("{%p for sectie in secties %}")
    document.add_paragraph("{{ sectie.titel }}", style="Heading 1")
    document.add_paragraph("{%p for alinea in sectie.alineas %}")
    document.add_paragraph("{{ alinea }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = "{{ soort }} · {{ samenwerkingsverband }} · opgesteld met Regiespiegel"
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def default_template_bytes() -> bytes:
    return DEFAULT_TEMPLATE.read_bytes()


if __name__ == "__main__":
    DEFAULT_TEMPLATE.write_bytes(build_default_template())
