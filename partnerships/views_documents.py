"""Pages of the partnership's document register: the list, adding, changing and removing a
document, and the download. Files are only ever served here, after the rights check: no
public media address exists (config/settings/base.py)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .access import (
    can_add_documents,
    can_change_document,
    changeable_documents,
    get_partnership_for_user,
)
from .constants import DocumentKind
from .documents import safe_filename
from .forms_documents import DocumentAddForm, DocumentMetadataForm
from .models import Partnership
from .models_year import PartnershipDocument
from .selectors_documents import document_groups
from .services_documents import document_add, document_delete, document_update

MSG_ADDED = "Het document ‘{title}’ is toegevoegd."
MSG_SAVED = "De gegevens van ‘{title}’ zijn opgeslagen."
MSG_DELETED = "Het document ‘{title}’ is verwijderd."
MSG_NOT_SAVED = "Het document is niet opgeslagen. Bekijk de meldingen bij de velden."
MSG_NO_RIGHTS = "U mag dit document niet wijzigen of verwijderen."


def documents_section(
    user: AbstractBaseUser | AnonymousUser, partnership: Partnership
) -> dict[str, Any]:
    """The context of the documents section on the partnership page: the regeling with its
    vindplaats, and the number of documents per kind (one query; the page fetched the
    partnership through the rights check, so the user sees it)."""
    counts: dict[str, int] = {}
    regeling: PartnershipDocument | None = None
    for document in PartnershipDocument.objects.filter(partnership=partnership).order_by(
        "kind", "-year", "-document_date", "-pk"
    ):
        counts[document.kind] = counts.get(document.kind, 0) + 1
        if document.kind == DocumentKind.REGELING and regeling is None:
            regeling = document
    return {
        "document_counts": [(k.label, counts[k.value]) for k in DocumentKind if k.value in counts],
        "document_total": sum(counts.values()),
        "document_regeling": regeling,
        "can_add_documents": can_add_documents(user, partnership, seen=True),  # type: ignore[arg-type]
    }


def _document(partnership: Partnership, doc_pk: int) -> PartnershipDocument:
    return get_object_or_404(PartnershipDocument.objects.all(), pk=doc_pk, partnership=partnership)


def _list_url(partnership: Partnership) -> str:
    return reverse("partnerships:documents", args=[partnership.pk])


@login_required
def document_list(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, pk)
    groups = document_groups(partnership)
    changeable = changeable_documents(
        request.user,
        partnership,
        {row.document.pk: row.document.uploaded_by_id for group in groups for row in group.rows},
    )
    return render(
        request,
        "partnerships/documents/list.html",
        {
            "partnership": partnership,
            "groups": groups,
            "changeable": changeable,
            "can_add": can_add_documents(request.user, partnership, seen=True),
            "kinds": DocumentKind.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, pk)
    if not can_add_documents(request.user, partnership):
        raise PermissionDenied("U mag geen documenten toevoegen aan dit samenwerkingsverband.")
    initial = (
        {"kind": request.GET.get("soort")}
        if request.GET.get("soort") in DocumentKind.values
        else None
    )
    is_post = request.method == "POST"
    form = DocumentAddForm(
        request.POST if is_post else None, request.FILES if is_post else None, initial=initial
    )
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data.get("file")
            document = document_add(
                partnership=partnership,
                data=form.cleaned_data,
                user=request.user,
                upload=upload,
                original_name=upload.name if upload else "",
                size=upload.size if upload else None,
                detected=form.detected,
            )
            messages.success(request, MSG_ADDED.format(title=document.title))
            return redirect(_list_url(partnership))
        messages.error(request, MSG_NOT_SAVED)
    return render(
        request,
        "partnerships/documents/form.html",
        {"partnership": partnership, "form": form, "document": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, pk)
    document = _document(partnership, doc_pk)
    if not can_change_document(request.user, partnership, document.uploaded_by_id):
        raise PermissionDenied(MSG_NO_RIGHTS)
    form = DocumentMetadataForm(
        request.POST if request.method == "POST" else None, document=document
    )
    if request.method == "POST":
        if form.is_valid():
            document_update(document=document, data=form.cleaned_data)
            messages.success(request, MSG_SAVED.format(title=document.title))
            return redirect(_list_url(partnership))
        messages.error(request, MSG_NOT_SAVED)
    return render(
        request,
        "partnerships/documents/form.html",
        {"partnership": partnership, "form": form, "document": document},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_remove(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, pk)
    document = _document(partnership, doc_pk)
    if not can_change_document(request.user, partnership, document.uploaded_by_id):
        raise PermissionDenied(MSG_NO_RIGHTS)
    if request.method == "POST":
        title = document.title
        document_delete(document=document)
        messages.success(request, MSG_DELETED.format(title=title))
        return redirect(_list_url(partnership))
    return render(
        request,
        "partnerships/documents/delete.html",
        {
            "partnership": partnership,
            "document": document,
            "answers": document.answers.count(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def document_file(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    """The file, as an attachment with the type detected at upload and a clean name."""
    partnership = get_partnership_for_user(request.user, pk)
    document = _document(partnership, doc_pk)
    if not document.file:
        raise Http404("Dit document is een link, geen bestand.")
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("Het bestand is niet meer beschikbaar.") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=safe_filename(document.original_name, document.content_type),
        content_type=document.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
