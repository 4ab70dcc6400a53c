"""Demo data for the partnership's documents: idempotent.

Every Wgr partnership of the demo region gets its regeling as a link with a (fictional)
vindplaats; the Belastingsamenwerking also gets its begroting and jaarstukken as small PDF
files, written in code and stored through the storage API like any upload. The answers that
point to these documents, and the A2.5 checklist, are seeded by assessments/demo_evidence.py
(answers belong to the assessments app)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .constants import WGR_FORMS, DocumentKind
from .demo import Region
from .documents import PDF, check_bytes
from .models_year import PartnershipDocument

REGELING_URL = "https://zuidland.example/regelingen/{slug}"
# Fictional vindplaatsen: one Gemeenteblad number per partnership.
REGELING_NUMBER = 48000


def tiny_pdf(title: str, lines: list[str]) -> bytes:
    """A valid one-page PDF with a title and some lines of text (Helvetica, no images):
    enough to download and open, small enough to generate on every seed."""

    def escape(text: str) -> str:
        ascii_text = text.encode("latin-1", "replace").decode("latin-1")
        return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream_lines = ["BT", "/F1 18 Tf", "72 770 Td", f"({escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        stream_lines += ["0 -22 Td", f"({escape(line)}) Tj"]
    stream_lines.append("ET")
    stream = "\n".join(stream_lines).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


def _link(partnership_name: str, number: int) -> dict[str, object]:
    return {
        "url": REGELING_URL.format(slug=_slug(partnership_name)),
        "reference": f"Gemeenteblad 2024, {REGELING_NUMBER + number}",
        "year": 2024,
    }


def _file_document(
    partnership_id: int, kind: str, title: str, year: int, filename: str, lines: list[str]
) -> None:
    """A PDF document, created once; its file is written again when the storage lost it
    (a fresh MEDIA_ROOT under an existing database)."""
    document = PartnershipDocument.objects.filter(
        partnership_id=partnership_id, kind=kind, title=title
    ).first()
    if document is not None and document.file and document.file.storage.exists(document.file.name):
        return
    data = tiny_pdf(title, lines)
    check_bytes(data, filename)  # what the upload form would check
    if document is None:
        document = PartnershipDocument(
            partnership_id=partnership_id, kind=kind, title=title, year=year
        )
    document.original_name = filename
    document.content_type = PDF
    document.size = len(data)
    document.url = ""
    document.file.save(filename, ContentFile(data), save=False)
    document.save()


@transaction.atomic
def seed_documents(region: Region) -> None:
    """Adds the demo region's documents."""
    year = timezone.localdate().year
    for number, (key, partnership) in enumerate(sorted(region.partnerships.items())):
        if partnership.legal_form not in WGR_FORMS:
            continue
        PartnershipDocument.objects.get_or_create(
            partnership=partnership,
            kind=DocumentKind.REGELING,
            title=f"Gemeenschappelijke regeling {partnership.name} 2024",
            defaults=_link(partnership.name, number),
        )
        if key != "bvo":
            continue
        PartnershipDocument.objects.get_or_create(
            partnership=partnership,
            kind=DocumentKind.INFORMATIEPROTOCOL,
            title=f"Informatieprotocol {partnership.name}",
            defaults={
                "url": REGELING_URL.format(slug=_slug(partnership.name) + "-informatieprotocol"),
                "year": 2023,
            },
        )
        _file_document(
            partnership.pk,
            DocumentKind.BEGROTING,
            f"Begroting {year} {partnership.name}",
            year,
            f"begroting-{year}.pdf",
            [
                "Demodocument van Regiespiegel (fictief).",
                f"Programmabegroting {year}, vastgesteld door het algemeen bestuur.",
                "Paragraaf 3: bijdragen van de deelnemers.",
            ],
        )
        _file_document(
            partnership.pk,
            DocumentKind.JAARSTUKKEN,
            f"Jaarstukken {year - 1} {partnership.name}",
            year - 1,
            f"jaarstukken-{year - 1}.pdf",
            [
                "Demodocument van Regiespiegel (fictief).",
                f"Jaarverslag en jaarrekening {year - 1}.",
                "Pagina 14: verantwoording aan de raden.",
            ],
        )
