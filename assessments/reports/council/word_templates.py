"""Checking an organisation's own Word template before it is stored.

A template is refused, with a Dutch message that names the problem, when it is not a Word
document (.docx), is too large, has a placeholder with a spelling error (Jinja syntax), or
uses a name Regiespiegel does not fill. The last check fills the template once with sample
text for every kind it is meant for, so `{{ onderdeel.beslispunten.tekst }}` in a template
for all kinds is caught too (a raadsinformatiebrief has no beslispunten).
"""

import re
import zipfile
from datetime import date
from io import BytesIO

from django.core.exceptions import ValidationError
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError

from .constants import CouncilKind, ZienswijzeSubject
from .content import build
from .paper import PLACEHOLDERS, Paper
from .sample import sample_facts
from .word import jinja_environment, render_docx

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
REQUIRED_PARTS = ("[Content_Types].xml", "word/document.xml")
NOT_WORD = (
    "Dit is geen Word-document (.docx). Sla het sjabloon in Word op als ‘Word-document "
    "(.docx)’ en probeer het opnieuw."
)


def check_template(data: bytes, kind: str = "") -> None:
    """Raise ValidationError (Dutch) when `data` is not a usable template for `kind` (empty:
    for every kind)."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ValidationError(
            f"Het sjabloon is te groot ({len(data) // 1024} kB). Het mag hoogstens "
            f"{MAX_TEMPLATE_BYTES // (1024 * 1024)} MB zijn."
        )
    if not _is_docx(data):
        raise ValidationError(NOT_WORD)
    try:
        names = DocxTemplate(BytesIO(data)).get_undeclared_template_variables(jinja_environment())
    except TemplateSyntaxError as exc:
        raise ValidationError(syntax_message(exc)) from exc
    except Exception as exc:  # python-docx could not read it after all
        raise ValidationError(NOT_WORD) from exc
    unknown = sorted(set(names) - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(unknown_message(unknown))
    for each in [kind] if kind else list(CouncilKind.values):
        _trial(data, each)


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return all(part in names for part in REQUIRED_PARTS)


def _trial(data: bytes, kind: str) -> None:
    """Fill the template with sample text for `kind`; refuse it when that fails."""
    draft = build(kind, sample_facts())
    paper = Paper(
        kind=kind,
        title=draft.title,
        organisation="Gemeente Voorbeeld",
        partnership="Voorbeeldregio",
        period="2026",
        made_on=date(2026, 3, 2),
        sections=draft.sections,
        subject=ZienswijzeSubject.ONTWERPBEGROTING if kind == CouncilKind.ZIENSWIJZE else "",
        received_on=date(2026, 3, 2) if kind == CouncilKind.ZIENSWIJZE else None,
    )
    try:
        render_docx(paper, data)
    except UndefinedError as exc:
        name = _undefined_name(str(exc))
        raise ValidationError(
            f"Het sjabloon gebruikt {{{{ {name} }}}}, dat kent Regiespiegel niet in een "
            f"{CouncilKind(kind).label.lower()}. Zie de lijst met placeholders in de "
            "handleiding."
        ) from exc
    except TemplateError as exc:
        raise ValidationError(
            f"Het sjabloon kan niet worden gevuld: {exc}. Controleer de placeholders."
        ) from exc
    except Exception as exc:
        raise ValidationError(NOT_WORD) from exc


def _undefined_name(message: str) -> str:
    """The name in Jinja's message: "'dict object' has no attribute 'foo'" -> "….foo"."""
    attribute = re.search(r"has no attribute '([^']+)'", message)
    if attribute:
        return f"….{attribute.group(1)}"
    name = re.search(r"'([^']+)' is undefined", message)
    return name.group(1) if name else message


def unknown_message(names: list[str]) -> str:
    listed = ", ".join(f"{{{{ {n} }}}}" for n in names)
    verb = "dat kent" if len(names) == 1 else "die kent"
    return (
        f"Het sjabloon gebruikt {listed}, {verb} Regiespiegel niet. Regiespiegel vult: "
        + ", ".join(sorted(PLACEHOLDERS))
        + "."
    )


def syntax_message(exc: TemplateSyntaxError) -> str:
    return (
        "Het sjabloon bevat een placeholder die niet goed is geschreven. Kijk of elke "
        "{{ … }} en {% … %} goed is geopend en gesloten, zonder tikfout"
        f" (melding van de controle: {exc.message})."
    )
