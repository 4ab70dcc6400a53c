"""A council document as it is rendered to Word or PDF: `Paper`, finished and formatted.

Made from a stored draft (`paper_of`), so the .docx, the PDF and the edit page show the
same text. `context()` is the set of placeholders a Word template may use; they are
documented in docs/council-documents.md and checked on upload (`word_templates`).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from assessments.presentation import fmt_date
from assessments.reports.sections import filename

from .constants import TERMS, CouncilKind, ZienswijzeSubject
from .content import Section, ZienswijzeOptions

# The placeholders of a Word template, by name (docs/council-documents.md).
PLACEHOLDERS: dict[str, str] = {
    "titel": "de titel van het stuk",
    "soort": "Raadsinformatiebrief, Raadsvoorstel of Zienswijze",
    "organisatie": "de naam van de organisatie (bijvoorbeeld Gemeente Aalstad)",
    "samenwerkingsverband": "de naam van het samenwerkingsverband",
    "ronde": "de periode van de ronde (bijvoorbeeld 2026)",
    "datum": "de datum van vandaag, voluit (bijvoorbeeld 3 maart 2026)",
    "secties": "de onderdelen in volgorde; elk met .titel, .tekst, .alineas en .sleutel",
    "onderdeel": "de onderdelen op sleutel, bijvoorbeeld onderdeel.beslispunten.tekst",
    "zienswijze_over": "bij een zienswijze: waarover (bijvoorbeeld Ontwerpbegroting)",
    "ontvangen_op": "bij een zienswijze: de datum van ontvangst, of leeg",
    "einde_termijn": "bij een zienswijze: de laatste dag van de termijn, of leeg",
}


@dataclass(frozen=True)
class Paper:
    kind: str
    title: str
    organisation: str
    partnership: str
    period: str
    made_on: date
    sections: list[Section]
    subject: str = ""  # a zienswijze's ZienswijzeSubject
    received_on: date | None = None

    @property
    def kind_label(self) -> str:
        return CouncilKind(self.kind).label

    @property
    def date_label(self) -> str:
        return fmt_date(self.made_on)

    @property
    def subject_label(self) -> str:
        return ZienswijzeSubject(self.subject).label if self.subject else ""

    @property
    def term_end(self) -> date | None:
        if self.kind != CouncilKind.ZIENSWIJZE or not self.subject:
            return None
        return ZienswijzeOptions(self.subject, self.received_on).term_end

    @property
    def term_weeks(self) -> int | None:
        return TERMS[self.subject].weeks if self.subject else None

    @property
    def filename_stem(self) -> str:
        return filename(self.kind, self.organisation, self.partnership, self.period).removesuffix(
            ".pdf"
        )

    def context(self) -> dict[str, Any]:
        """The values of the placeholders: plain strings, lists and dicts."""
        sections = [
            {
                "sleutel": s.key,
                "titel": s.title,
                "tekst": s.text,
                "alineas": s.paragraphs,
            }
            for s in self.sections
        ]
        return {
            "titel": self.title,
            "soort": self.kind_label,
            "organisatie": self.organisation,
            "samenwerkingsverband": self.partnership,
            "ronde": self.period,
            "datum": self.date_label,
            "secties": sections,
            "onderdeel": {s["sleutel"]: s for s in sections},
            "zienswijze_over": self.subject_label,
            "ontvangen_op": fmt_date(self.received_on),
            "einde_termijn": fmt_date(self.term_end),
        }
