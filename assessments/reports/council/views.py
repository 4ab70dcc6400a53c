"""The council document pages: the round's raadsstukken, generate, edit, download, and the
organisation's own Word template.

Thin views: permission-scoped fetch (assessments.access.get_council_scope: 404 for what the
user may not read, 403 for a write they may not make) -> form -> service -> render or
redirect. Downloads run outside the request's transaction, as the report PDFs do.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from assessments.access import (
    acting_user,
    can_write_council_documents,
    council_organisations_for_user,
    get_council_scope,
    get_round_for_user,
)
from assessments.council_models import CouncilDocument, CouncilTemplate
from assessments.downloads import attachment
from assessments.reports.pdf import ReportRenderError

from . import services
from .constants import KIND_DESCRIPTIONS, CouncilKind
from .default_template import default_template_bytes
from .forms import EditForm, GenerateForm, TemplateUploadForm
from .render import CouncilRenderError, render_pdf, render_word, stored_or_fresh

logger = logging.getLogger(__name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _kind(kind: str) -> str:
    if kind not in CouncilKind.values:
        raise Http404("Deze soort raadsstuk bestaat niet.")
    return kind


def _user(request: HttpRequest) -> User | None:
    return acting_user(request.user)


def _document(round_pk: int, organisation_pk: int, kind: str) -> CouncilDocument | None:
    return (
        CouncilDocument.objects.select_related("round__partnership", "organisation")
        .filter(round_id=round_pk, organisation_id=organisation_pk, kind=kind)
        .first()
    )


def _document_url(round_pk: int, organisation_pk: int, kind: str) -> str:
    return reverse("assessments:council_document", args=[round_pk, organisation_pk, kind])


@login_required
@require_GET
def council_index(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    organisations = list(council_organisations_for_user(request.user, round_))
    if not organisations:
        raise Http404("Geen raadsstukken voor u in deze ronde.")
    documents = {
        (d.organisation_id, d.kind): d
        for d in CouncilDocument.objects.filter(round=round_, organisation__in=organisations)
    }
    rows = [
        {
            "organisation": organisation,
            "kinds": [
                {
                    "kind": kind,
                    "label": label,
                    "description": KIND_DESCRIPTIONS[kind],
                    "document": documents.get((organisation.pk, kind)),
                }
                for kind, label in CouncilKind.choices
            ],
        }
        for organisation in organisations
    ]
    return render(
        request,
        "assessments/council/index.html",
        {"round": round_, "rows": rows, "can_write": can_write_council_documents(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_document(
    request: HttpRequest, pk: int, organisation_pk: int, kind: str
) -> HttpResponse:
    kind = _kind(kind)
    write = request.method == "POST"
    round_, organisation = get_council_scope(request.user, pk, organisation_pk, write=write)
    document = _document(round_.pk, organisation.pk, kind)
    can_write = can_write_council_documents(request.user)
    form = None
    if document is not None and can_write:
        form = EditForm(request.POST if write else None, document=document)
        if write and form.is_valid():
            try:
                changed = services.save_edits(
                    document,
                    title=form.cleaned_data["title"],
                    texts=form.texts(),
                    user=_user(request),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    "Uw wijzigingen zijn opgeslagen." if changed else "Er was niets gewijzigd.",
                )
                return redirect(_document_url(round_.pk, organisation.pk, kind))
    elif write:
        raise Http404("Er is nog geen concept om te bewerken.")
    history = (
        list(document.history.select_related("history_user").order_by("-history_date")[:20])
        if document is not None
        else []
    )
    return render(
        request,
        "assessments/council/document.html",
        {
            "round": round_,
            "organisation": organisation,
            "kind": kind,
            "kind_label": CouncilKind(kind).label,
            "document": document,
            "form": form,
            "can_write": can_write,
            "history": history,
        },
        status=400 if write else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_generate(
    request: HttpRequest, pk: int, organisation_pk: int, kind: str
) -> HttpResponse:
    kind = _kind(kind)
    round_, organisation = get_council_scope(request.user, pk, organisation_pk, write=True)
    document = _document(round_.pk, organisation.pk, kind)
    initial: dict[str, object] = {"confirm": bool(document and document.is_edited)}
    if document is not None and document.subject:
        initial |= {"subject": document.subject, "received_on": document.received_on}
    form = GenerateForm(
        request.POST if request.method == "POST" else None, kind=kind, initial=initial
    )
    needs_confirmation = bool(document and document.is_edited)
    if request.method == "POST" and form.is_valid():
        try:
            services.generate(
                round_,
                organisation,
                kind,
                user=_user(request),
                options=form.options(),
                overwrite_edits=form.cleaned_data["confirm"],
            )
        except services.EditsWouldBeLost:
            needs_confirmation = True
            form = GenerateForm(kind=kind, initial={**form.cleaned_data, "confirm": True})
        else:
            messages.success(
                request,
                f"De {CouncilKind(kind).label.lower()} is opgesteld. Lees de tekst na en pas "
                "hem aan waar nodig.",
            )
            return redirect(_document_url(round_.pk, organisation.pk, kind))
    return render(
        request,
        "assessments/council/generate.html",
        {
            "round": round_,
            "organisation": organisation,
            "kind": kind,
            "kind_label": CouncilKind(kind).label,
            "document": document,
            "form": form,
            "needs_confirmation": needs_confirmation,
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


@transaction.non_atomic_requests
@login_required
@require_GET
def council_download(
    request: HttpRequest, pk: int, organisation_pk: int, kind: str, fmt: str
) -> HttpResponse:
    kind = _kind(kind)
    with transaction.atomic():  # one consistent read; none held while WeasyPrint runs
        round_, organisation = get_council_scope(request.user, pk, organisation_pk)
        paper = stored_or_fresh(round_, organisation, kind)
        try:
            data = render_word(paper, organisation.pk) if fmt == "docx" else b""
        except CouncilRenderError as exc:
            messages.error(request, str(exc))
            return redirect(_document_url(round_.pk, organisation.pk, kind))
    if fmt == "docx":
        return attachment(data, filename=f"{paper.filename_stem}.docx", content_type=DOCX)
    try:
        data = render_pdf(paper)
    except ReportRenderError:
        logger.error("Council PDF failed: round %s, organisation %s", pk, organisation_pk)
        return render(
            request,
            "assessments/council/error.html",
            {
                "title": paper.title,
                "moment": timezone.localtime(),
                "back_url": _document_url(pk, organisation_pk, kind),
            },
            status=500,
        )
    return attachment(data, filename=f"{paper.filename_stem}.pdf", content_type="application/pdf")


@login_required
@require_http_methods(["GET", "POST"])
def council_templates(request: HttpRequest, pk: int, organisation_pk: int) -> HttpResponse:
    round_, organisation = get_council_scope(request.user, pk, organisation_pk, write=True)
    here = reverse("assessments:council_templates", args=[round_.pk, organisation.pk])
    form = TemplateUploadForm()
    if request.method == "POST" and "verwijderen" in request.POST:
        kind = request.POST["verwijderen"]
        if kind not in ("", *CouncilKind.values):
            raise Http404
        if services.remove_template(organisation, kind):
            messages.success(request, "Het eigen sjabloon is verwijderd.")
        return redirect(here)
    if request.method == "POST":
        form = TemplateUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.upload_template(
                    organisation,
                    form.cleaned_data["kind"] or "",
                    b"".join(upload.chunks()),
                    original_name=upload.name,
                    user=_user(request),
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                messages.success(request, "Het sjabloon is gecontroleerd en opgeslagen.")
                return redirect(here)
    return render(
        request,
        "assessments/council/templates.html",
        {
            "round": round_,
            "organisation": organisation,
            "templates": CouncilTemplate.objects.filter(organisation=organisation).order_by("kind"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def default_template(request: HttpRequest) -> HttpResponse:
    return attachment(
        default_template_bytes(), filename="regiespiegel-standaardsjabloon.docx", content_type=DOCX
    )
