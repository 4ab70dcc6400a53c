"""Partnership pages: list with filters, detail, create/edit (with participants, bodies and
members on one page) and the CSV import. Every view fetches through partnerships.access."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from .access import (
    can_create_partnership,
    can_edit_partnership,
    can_import_partnerships,
    can_open_rounds,
    get_partnership_for_user,
    may_read_bbv,
    partnerships_for_user,
    profile_of,
)
from .audit import partnership_history
from .constants import Role
from .csv_parse import (
    ALL_COLUMNS,
    MAX_IMPORT_ROWS,
    REQUIRED_COLUMNS,
    ImportFailed,
    ImportProblem,
    thousands,
)
from .fact_changes import (
    MSG_NOT_YOURS,
    FactChange,
    changes_since_latest_round,
    fact_change,
    has_rounds,
    may_change_facts,
    needs_confirmation,
    proposed_facts,
)
from .forms import (
    BodyFormSet,
    ImportConfirmForm,
    ImportForm,
    ParticipationFormSet,
    PartnershipFilterForm,
    PartnershipForm,
    SeatFormSet,
    seats_queryset,
)
from .import_preview import ImportPreview, import_as_previewed, preview_changes
from .models import Body, Participation, Partnership, Seat
from .selectors import applicability_summary, filter_partnerships
from .services import partnership_save
from .views_calendar import calendar_section
from .views_documents import documents_section
from .views_wgr import wgr_section


@login_required
def partnership_list(request: HttpRequest) -> HttpResponse:
    visible = partnerships_for_user(request.user)
    form = PartnershipFilterForm(request.GET or None, partnerships=visible)
    filters = form.cleaned_data if form.is_valid() else {}
    partnerships = list(
        filter_partnerships(
            visible,
            q=filters.get("q", ""),
            legal_form=filters.get("vorm", ""),
            policy_domain=filters.get("beleidsterrein", ""),
            organisation=filters.get("deelnemer"),
        )
    )
    return render(
        request,
        "partnerships/partnership_list.html",
        {
            "form": form,
            "partnerships": partnerships,
            "is_filtered": any(filters.values()),
            "can_create": can_create_partnership(request.user),
            "can_import": can_import_partnerships(request.user),
        },
    )


@login_required
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, pk)
    # the evaluation text, its warning and the Wgr check read the same clauses: once
    prefetch_related_objects([partnership], "wgr_clauses")
    seats = Prefetch(
        "seats",
        queryset=Seat.objects.select_related("person", "represents__organisation").order_by(
            "role", "person__name"
        ),
    )
    participations = list(
        Participation.objects.filter(partnership=partnership)
        .select_related("organisation")
        .prefetch_related(Prefetch("bodies", queryset=Body.objects.prefetch_related(seats)))
    )
    bodies = list(Body.objects.filter(partnership=partnership).prefetch_related(seats))
    rounds_manager = getattr(partnership, "rounds", None)  # the assessments app, when present
    rounds = list(rounds_manager.order_by("-opens_on", "-pk")) if rounds_manager is not None else []
    summary = applicability_summary(partnership)
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "participations": participations,
            "bbv_participations": [
                p for p in participations if may_read_bbv(request.user, p.organisation_id)
            ],
            "bbv_year": timezone.localdate().year,
            "bodies": bodies,
            "participant_bodies": [
                body for p in participations for body in p.bodies.all() if body.seats.all()
            ],
            "summary": summary,
            "changed_since_round": changes_since_latest_round(
                getattr(rounds[0], "applicability", None) if rounds else None, summary.facts
            )
            if summary
            else [],
            "rounds": rounds,
            "has_rounds": rounds_manager is not None,
            "can_edit": can_edit_partnership(request.user, partnership),
            "can_manage_rounds": can_open_rounds(request.user, partnership),
            "history": partnership_history(partnership),
            **calendar_section(request.user, partnership),
            **wgr_section(request.user, partnership),
            **documents_section(request.user, partnership),
        },
    )


@login_required
def partnership_create(request: HttpRequest) -> HttpResponse:
    if not can_create_partnership(request.user):
        raise PermissionDenied("U mag geen samenwerkingsverband toevoegen.")
    return _edit_page(request, Partnership())


@login_required
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, pk, write=True)
    return _edit_page(request, partnership)


def _edit_page(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    is_new = partnership.pk is None
    data = request.POST if request.method == "POST" else None
    form = PartnershipForm(data, instance=partnership)
    participations = ParticipationFormSet(data, instance=partnership, prefix="deelnemers")
    bodies = BodyFormSet(data, instance=partnership, prefix="organen")
    seats = (
        None
        if is_new
        else SeatFormSet(
            data,
            queryset=seats_queryset(partnership),
            prefix="leden",
            form_kwargs={"partnership": partnership},
        )
    )
    has_errors = False
    if data is not None:
        form_valid = form.is_valid()
        legal_form = form.cleaned_data.get("legal_form")
        profile = profile_of(request.user)
        participations.legal_form = legal_form
        if profile is not None and profile.role == Role.CONTRAMAL:
            participations.required_organisation = profile.organisation
        bodies.legal_form = legal_form
        valid = [form_valid, participations.is_valid(), bodies.is_valid()]
        if seats is not None:
            valid.append(seats.is_valid())
        if all(valid) and not is_new and has_rounds(partnership):
            organisations = [
                f.cleaned_data["organisation"]
                for f in participations.forms
                if getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE")
            ]
            change = fact_change(
                partnership,
                proposed_facts(partnership, form.cleaned_data, organisations),
                organisations,
            )
            if needs_confirmation(change):
                if not may_change_facts(request.user, partnership):
                    what = change.what if change else "de deelnemers"
                    messages.error(request, MSG_NOT_YOURS.format(what=what))
                    valid.append(False)
                elif request.POST.get("bevestigd") != "ja":
                    return _confirm_page(request, partnership, change)
        if all(valid):
            try:
                saved = partnership_save(
                    form=form,
                    participations=participations,
                    bodies=bodies,
                    seats=seats,
                    editor=request.user,
                )
            except IntegrityError:
                if is_new:
                    partnership.pk = None
                messages.error(
                    request,
                    "Opslaan is niet gelukt: de gegevens passen niet bij de regels voor deze "
                    "vorm van samenwerking. Er is niets opgeslagen.",
                )
            else:
                messages.success(
                    request,
                    f"{saved.name} is {'toegevoegd' if is_new else 'opgeslagen'}.",
                )
                return redirect(saved.get_absolute_url())
        has_errors = True
    return render(
        request,
        "partnerships/partnership_form.html",
        {
            "partnership": partnership,
            "is_new": is_new,
            "form": form,
            "participations": participations,
            "bodies": bodies,
            "seats": seats,
            "has_errors": has_errors,
        },
        status=200,
    )


def _confirm_page(
    request: HttpRequest, partnership: Partnership, change: FactChange
) -> HttpResponse:
    """What the change does, with the whole edit form carried along in hidden fields: saving
    needs one more, deliberate, click."""
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "bevestigd")
        for value in values
    ]
    return render(
        request,
        "partnerships/partnership_confirm.html",
        {"partnership": partnership, "change": change, "carried": carried},
    )


# The upload waits in the session between the preview and the confirmation: the beheerder
# then confirms with one click, without choosing the file again, and the file never leaves
# the server. The confirmation names the file by its SHA-256 (a second upload in another tab
# replaces the waiting file, and must not be saved by the first tab's button) and the preview
# by its fingerprint (what was shown is what is saved). The session keeps the text until it
# is saved, cancelled, replaced or the session ends; a file is at most 2 MB.
PENDING_IMPORT = "partnership_import"
MSG_IMPORT_GONE = (
    "Dit overzicht hoort niet bij het bestand dat nu klaarstaat. Kies het bestand opnieuw. "
    "Er is niets opgeslagen."
)
MSG_IMPORT_CHANGED = (
    "De opgeslagen gegevens zijn veranderd sinds het overzicht. Hieronder staat wat de import "
    "nu zou doen. Er is nog niets opgeslagen."
)


@login_required
def partnership_import(request: HttpRequest) -> HttpResponse:
    if not can_import_partnerships(request.user):
        raise PermissionDenied("Alleen een beheerder mag samenwerkingsverbanden importeren.")
    if request.method == "POST" and request.POST.get("actie") == "annuleren":
        request.session.pop(PENDING_IMPORT, None)
        messages.info(request, "De import is afgebroken. Er is niets opgeslagen.")
        return redirect("partnerships:import")
    if request.method == "POST" and "controle" in request.POST:
        return _import_confirm(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[ImportProblem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        request.session.pop(PENDING_IMPORT, None)
        try:
            preview = preview_changes(data, max_rows=MAX_IMPORT_ROWS)
        except ImportFailed as exc:
            errors = exc.errors
        else:
            if preview.has_changes:
                request.session[PENDING_IMPORT] = {
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "name": upload.name,
                    # The import read it as UTF-8, so the text gives back the same bytes.
                    "text": data.decode("utf-8"),
                }
            return _import_preview_page(request, preview, data, upload.name)
    return _import_page(request, form, errors)


def _import_confirm(request: HttpRequest) -> HttpResponse:
    form = ImportConfirmForm(request.POST)
    pending = request.session.get(PENDING_IMPORT)
    if not form.is_valid() or not pending or pending["sha256"] != form.cleaned_data["bestand"]:
        messages.error(request, MSG_IMPORT_GONE)
        return redirect("partnerships:import")
    data = pending["text"].encode("utf-8")
    try:
        saved, preview = import_as_previewed(
            data, form.cleaned_data["controle"], max_rows=MAX_IMPORT_ROWS
        )
    except ImportFailed as exc:
        request.session.pop(PENDING_IMPORT, None)
        return _import_page(request, ImportForm(), exc.errors)
    if saved:
        request.session.pop(PENDING_IMPORT, None)
        messages.success(request, f"Import gelukt: {preview.summary}.")
        return redirect("partnerships:list")
    if not preview.has_changes:
        request.session.pop(PENDING_IMPORT, None)
    messages.warning(request, MSG_IMPORT_CHANGED)
    return _import_preview_page(request, preview, data, pending["name"])


def _import_page(
    request: HttpRequest, form: ImportForm, errors: list[ImportProblem]
) -> HttpResponse:
    return render(
        request,
        "partnerships/partnership_import.html",
        {
            "form": form,
            "errors": errors,
            "columns": ALL_COLUMNS,
            "required_columns": REQUIRED_COLUMNS,
            "max_rows": thousands(MAX_IMPORT_ROWS),
        },
    )


def _import_preview_page(
    request: HttpRequest, preview: ImportPreview, data: bytes, name: str
) -> HttpResponse:
    confirm = ImportConfirmForm(
        initial={"bestand": hashlib.sha256(data).hexdigest(), "controle": preview.fingerprint}
    )
    return render(
        request,
        "partnerships/partnership_import_preview.html",
        {"preview": preview, "confirm": confirm, "file_name": name},
    )
