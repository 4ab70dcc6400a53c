"""What an uploaded document is, judged from its content and never from its name.

The register accepts the formats councils and partnerships publish their stukken in: PDF,
Word and Excel (the current Office Open XML formats and the 97-2003 binary ones, which
archives of older regelingen and jaarstukken still hold), and the OpenDocument formats
(text, spreadsheet, presentation). Anything else is refused with a Dutch message that says
what is wrong, also when its name ends in ``.pdf`` (a renamed program starts with ``MZ``).

The checks read a few bytes and, for the zip-based formats, the archive's table of contents:
nothing is extracted or executed. Pure functions: no database, no storage.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import IO

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_DOCUMENT_MB = MAX_DOCUMENT_BYTES // (1024 * 1024)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"

# The detected type: its label for people and the extension a download gets.
KNOWN_TYPES: dict[str, tuple[str, str]] = {
    PDF: ("PDF", ".pdf"),
    DOCX: ("Word", ".docx"),
    XLSX: ("Excel", ".xlsx"),
    PPTX: ("PowerPoint", ".pptx"),
    DOC: ("Word 97-2003", ".doc"),
    XLS: ("Excel 97-2003", ".xls"),
    ODT: ("OpenDocument-tekst", ".odt"),
    ODS: ("OpenDocument-rekenblad", ".ods"),
    ODP: ("OpenDocument-presentatie", ".odp"),
}
ODF_TYPES = (ODT, ODS, ODP)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Enough of the file to tell the formats apart; a zip is read through its central directory.
HEAD_BYTES = 8192
# A zip with more entries than any office document has is not read further (zip bombs keep
# their damage to extraction, which never happens here, but listing a huge directory costs).
MAX_ZIP_ENTRIES = 10_000

ACCEPT_ATTRIBUTE = ",".join(
    [".pdf", ".docx", ".xlsx", ".pptx", ".doc", ".xls", ".odt", ".ods", ".odp"]
)


class DocumentRefused(ValueError):
    """The file cannot be in the register; `message` is Dutch and names the problem."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class DetectedType:
    content_type: str

    @property
    def label(self) -> str:
        return KNOWN_TYPES[self.content_type][0]

    @property
    def extension(self) -> str:
        return KNOWN_TYPES[self.content_type][1]


def type_label(content_type: str) -> str:
    """The Dutch label of a stored content type ("PDF", "Word"); "" when unknown."""
    known = KNOWN_TYPES.get(content_type)
    return known[0] if known else ""


def size_label(size: int | None) -> str:
    """ "1,4 MB", "230 kB": the size as a person reads it."""
    if size is None:
        return ""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} kB"


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def refused_message(name: str) -> str:
    """The message for a file that is none of the accepted formats, naming what it claims."""
    extension = _extension(name)
    if extension:
        return (
            "Dit bestand is geen PDF-, Word-, Excel- of ODF-bestand, ook al eindigt de naam op "
            f"{extension}. Kies het document zelf, bijvoorbeeld opgeslagen als PDF."
        )
    return (
        "Dit bestand is geen PDF-, Word-, Excel- of ODF-bestand. Kies het document zelf, "
        "bijvoorbeeld opgeslagen als PDF."
    )


def too_large_message(size: int) -> str:
    return (
        f"Het bestand is te groot ({size_label(size)}). Een document mag hoogstens "
        f"{MAX_DOCUMENT_MB} MB zijn. Maak het kleiner (bijvoorbeeld als PDF met kleinere "
        "afbeeldingen) of neem een link op naar de plek waar het gepubliceerd is."
    )


def _zip_type(stream: IO[bytes]) -> str | None:
    """The office type of a zip archive from its table of contents; None when it is none."""
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            if not infos or len(infos) > MAX_ZIP_ENTRIES:
                return None
            first = infos[0]
            # ODF: the first entry is an uncompressed `mimetype` holding the type.
            if first.filename == "mimetype" and first.file_size < 100:
                declared = archive.read(first).decode("ascii", "replace").strip()
                return declared if declared in ODF_TYPES else None
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "ppt/presentation.xml" in names:
        return PPTX
    return None


def _ole2_type(head: bytes) -> str | None:
    """Word or Excel 97-2003 (an OLE2 compound file). The stream names (UTF-16) sit in the
    directory, usually within the first sectors; a compound file without one of them (an
    old .msi installer, say) is refused."""
    if "WordDocument".encode("utf-16-le") in head:
        return DOC
    if "Workbook".encode("utf-16-le") in head or "Book".encode("utf-16-le") in head:
        return XLS
    return None


def detect_type(stream: IO[bytes], name: str = "") -> DetectedType:
    """The document's type from its content; raises DocumentRefused otherwise. Reads the
    stream from its start and leaves it at its start."""
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    content_type: str | None = None
    if head.startswith(b"%PDF-"):
        content_type = PDF
    elif head.startswith(b"PK\x03\x04"):
        content_type = _zip_type(stream)
        stream.seek(0)
    elif head.startswith(OLE2_MAGIC):
        stream.seek(0)
        content_type = _ole2_type(stream.read(512 * 1024))
        stream.seek(0)
    if content_type is None:
        raise DocumentRefused(refused_message(name))
    return DetectedType(content_type)


def check_document(stream: IO[bytes], size: int, name: str = "") -> DetectedType:
    """Size first (cheap), then the type. Raises DocumentRefused with a Dutch message."""
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentRefused(too_large_message(size))
    if size == 0:
        raise DocumentRefused("Het bestand is leeg. Kies het document opnieuw.")
    return detect_type(stream, name)


def check_bytes(data: bytes, name: str = "") -> DetectedType:
    return check_document(BytesIO(data), len(data), name)


_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()-]+")


def safe_filename(original: str, detected: str, fallback: str = "document") -> str:
    """The name a download gets: the original name without path, control or odd characters
    (accents folded to plain letters), ending in the extension of the detected type."""
    name = original.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    name = _UNSAFE.sub("_", name).strip(" ._") or fallback
    extension = KNOWN_TYPES[detected][1] if detected in KNOWN_TYPES else ""
    stem = name[: -len(_extension(name))] if _extension(name) else name
    stem = stem.strip(" ._")[:120] or fallback
    return f"{stem}{extension}"
