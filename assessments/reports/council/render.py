"""A council document as Word and as PDF: the web downloads and `render_council_document`
both come here, so they give the same document.
"""

from datetime import date

from django.utils import timezone

from assessments.council_models import CouncilDocument, CouncilTemplate
from assessments.models import AssessmentRound
from assessments.reports.pdf import render_to_pdf
from partnerships.models import Organisation

from .content import Section, ZienswijzeOptions
from .default_template import default_template_bytes
from .paper import Paper
from .services import draft_for
from .word import render_docx

PDF_TEMPLATE = "assessments/council/pdf.html"


class CouncilRenderError(Exception):
    """The Word template could not be filled; the message is Dutch."""


def paper_of(document: CouncilDocument, *, today: date | None = None) -> Paper:
    return Paper(
        kind=document.kind,
        title=document.title,
        organisation=document.organisation.name,
        partnership=document.round.partnership.name,
        period=document.round.period,
        made_on=today or timezone.localdate(),
        sections=[Section(s["key"], s["title"], s["text"]) for s in document.section_list()],
        subject=document.subject,
        received_on=document.received_on,
    )


def fresh_paper(
    round_: AssessmentRound,
    organisation: Organisation,
    kind: str,
    options: ZienswijzeOptions | None = None,
) -> Paper:
    """The paper of a draft generated now (for a kind without a stored draft)."""
    draft = draft_for(round_, organisation, kind, options)
    subject = (options or ZienswijzeOptions()).subject if kind == "zienswijze" else ""
    return Paper(
        kind=kind,
        title=draft.title,
        organisation=organisation.name,
        partnership=round_.partnership.name,
        period=round_.period,
        made_on=timezone.localdate(),
        sections=draft.sections,
        subject=subject,
        received_on=options.received_on if options and subject else None,
    )


def stored_or_fresh(round_: AssessmentRound, organisation: Organisation, kind: str) -> Paper:
    document = (
        CouncilDocument.objects.select_related("round__partnership", "organisation")
        .filter(round=round_, organisation=organisation, kind=kind)
        .first()
    )
    if document is not None:
        return paper_of(document)
    return fresh_paper(round_, organisation, kind)


def template_bytes(organisation_id: int, kind: str) -> tuple[bytes, str]:
    """The template to fill: the organisation's own for this kind, else its own for every
    kind, else the default. With a description for messages."""
    own = {
        t.kind: t
        for t in CouncilTemplate.objects.filter(
            organisation_id=organisation_id, kind__in=[kind, ""]
        )
    }
    chosen = own.get(kind) or own.get("")
    if chosen is None:
        return default_template_bytes(), "het standaardsjabloon"
    with chosen.file.open("rb") as handle:
        return handle.read(), f"het eigen sjabloon ‘{chosen.original_name}’"


def render_word(paper: Paper, organisation_id: int) -> bytes:
    template, described = template_bytes(organisation_id, paper.kind)
    try:
        return render_docx(paper, template)
    except Exception as exc:
        raise CouncilRenderError(
            f"Het raadsstuk kon niet in Word worden gezet met {described} ({exc}). "
            "Laad een ander sjabloon of verwijder het eigen sjabloon."
        ) from exc


def render_pdf(paper: Paper) -> bytes:
    """The tagged PDF (PDF/UA-1, lang nl) of the paper; raises ReportRenderError."""
    _html, pdf = render_to_pdf(PDF_TEMPLATE, {"paper": paper})
    return pdf
