"""A council document in Word: a template (the organisation's own, or the default) filled
with docxtpl.

Jinja2 fills the template with `Paper.context()`; autoescaping keeps a "&" or "<" in the
text from breaking the document's XML, and StrictUndefined turns a placeholder Regiespiegel
does not know into an error rather than an empty spot (the upload check relies on it).
"""

from io import BytesIO

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined

from .paper import Paper


def jinja_environment() -> Environment:
    return Environment(undefined=StrictUndefined, autoescape=True)


def render_docx(paper: Paper, template: bytes) -> bytes:
    """The filled document; raises jinja2.TemplateError for a template that does not fit."""
    document = DocxTemplate(BytesIO(template))
    document.render(paper.context(), jinja_env=jinja_environment(), autoescape=True)
    properties = document.docx.core_properties
    properties.title = paper.title
    properties.subject = paper.kind_label
    properties.language = "nl-NL"
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
