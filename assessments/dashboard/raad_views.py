"""The raad's overview of all its partnerships: the page, its PDF and Word versions, and the
small form per row that records the raad's attention level (Gids A7.2)."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from assessments.dashboard import raad_documents
from assessments.dashboard.raad import ATTENTION_EXPLAINED, RaadOverview, build_raad_overview
from assessments.downloads import attachment
from assessments.reports.pdf import ReportRenderError
from partnerships.access import (
    can_set_attention_level,
    get_organisation_for_user,
    get_partnership_for_user,
    organisations_for_user,
    profile_of,
)
from partnerships.constants import AttentionLevel, Role
from partnerships.models import Organisation, Participation
from partnerships.services import set_attention_level
from principles.converters import parse_id

logger = logging.getLogger(__name__)

# The roles this overview is for: the griffier (for the raad), the gemeentesecretaris and the
# contramal of a participant, and a beheerder who picks an organisation.
OVERVIEW_ROLES = (Role.GRIFFIER, Role.GEMEENTESECRETARIS, Role.CONTRAMAL, Role.BEHEERDER)
NOT_FOR_ROLE = "Dit overzicht is voor de griffie en de ambtelijke organisatie van een deelnemer."
BAD_ORGANISATION = "Onbekende organisatie."
BAD_LEVEL = (
    "Kies hoe de raad dit samenwerkingsverband volgt: intensief volgen, via rapporteurs, "
    "taakverdeling tussen raden, of nog niet gekozen. Er is niets gewijzigd."
)
CHOOSE_FIRST = "Kies eerst een organisatie."


def _organisation_for(request: HttpRequest, raw: str) -> Organisation | None:
    """The organisation whose overview the user asked for: their own, or (a beheerder) the
    one picked; None when a beheerder has not picked one yet. 403 for a role the overview is
    not for, 404 for another organisation."""
    profile = profile_of(request.user)
    if profile is None or profile.role not in OVERVIEW_ROLES:
        raise PermissionDenied(NOT_FOR_ROLE)
    if raw:
        pk = parse_id(raw)
        if pk is None:
            raise PermissionDenied(BAD_ORGANISATION)
        return get_organisation_for_user(request.user, pk)
    if profile.role == Role.BEHEERDER:
        return None
    return profile.organisation


def _page_url(organisation: Organisation, request: HttpRequest) -> str:
    url = reverse("assessments:raad_overview")
    if role_is_beheerder(request):
        url += f"?organisatie={organisation.pk}"
    return url


def role_is_beheerder(request: HttpRequest) -> bool:
    profile = profile_of(request.user)
    return profile is not None and profile.role == Role.BEHEERDER


@login_required
@require_GET
def raad_overview(request: HttpRequest) -> HttpResponse:
    organisation = _organisation_for(request, request.GET.get("organisatie", ""))
    beheerder = role_is_beheerder(request)
    overview = (
        build_raad_overview(organisation, today=timezone.localdate())
        if organisation is not None
        else None
    )
    query = f"?organisatie={organisation.pk}" if organisation is not None and beheerder else ""
    return render(
        request,
        "assessments/raad_overview.html",
        {
            "overview": overview,
            "organisations": list(organisations_for_user(request.user).only("pk", "name"))
            if beheerder
            else [],
            "selected_organisation": organisation.pk if organisation is not None else None,
            "can_set_level": organisation is not None
            and can_set_attention_level(request.user, organisation.pk),
            "levels": AttentionLevel.choices,
            "explained": ATTENTION_EXPLAINED,
            "download_query": query,
        },
    )


def _overview_for_download(request: HttpRequest) -> RaadOverview | HttpResponse:
    organisation = _organisation_for(request, request.GET.get("organisatie", ""))
    if organisation is None:
        messages.info(request, CHOOSE_FIRST)
        return redirect("assessments:raad_overview")
    return build_raad_overview(organisation, today=timezone.localdate())


@transaction.non_atomic_requests
@login_required
@require_GET
def raad_overview_pdf(request: HttpRequest) -> HttpResponse:
    with transaction.atomic():  # one consistent read; no transaction held while WeasyPrint runs
        overview = _overview_for_download(request)
    if isinstance(overview, HttpResponse):
        return overview
    try:
        pdf = raad_documents.raad_overview_pdf(overview)
    except ReportRenderError:
        logger.error("Raad overview PDF failed for user %s", request.user.pk)
        messages.error(request, "De PDF kon niet worden gemaakt. Probeer het later opnieuw.")
        return redirect(_page_url(overview.organisation, request))
    return attachment(pdf, filename=f"{overview.filename_stem}.pdf", content_type="application/pdf")


@login_required
@require_GET
def raad_overview_docx(request: HttpRequest) -> HttpResponse:
    overview = _overview_for_download(request)
    if isinstance(overview, HttpResponse):
        return overview
    return attachment(
        raad_documents.raad_overview_docx(overview),
        filename=f"{overview.filename_stem}.docx",
        content_type=raad_documents.DOCX_CONTENT_TYPE,
    )


@login_required
@require_POST
def attention_level_set(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the raad's attention level for one partnership (the form in each row)."""
    partnership = get_partnership_for_user(request.user, pk)
    profile = profile_of(request.user)
    if profile is None:
        raise PermissionDenied(NOT_FOR_ROLE)
    if profile.role == Role.BEHEERDER:
        organisation_id = parse_id(request.POST.get("organisatie", ""))
        if organisation_id is None:
            raise PermissionDenied(BAD_ORGANISATION)
    else:
        organisation_id = profile.organisation_id
    if organisation_id is None or not can_set_attention_level(request.user, organisation_id):
        raise PermissionDenied("Alleen de griffier legt vast hoe de raad een verband volgt.")
    participation = get_object_or_404(
        Participation.objects.select_related("organisation"),
        partnership=partnership,
        organisation_id=organisation_id,
    )
    back = _page_url(participation.organisation, request) + f"#verband-{partnership.pk}"
    level = request.POST.get("aandacht")
    if level is None or (level and level not in AttentionLevel.values):
        messages.error(request, BAD_LEVEL)
        return redirect(back)
    if set_attention_level(participation, level):
        label = AttentionLevel(level).label if level else "Nog niet gekozen"
        messages.success(
            request, f"Opgeslagen. Aandacht van de raad voor {partnership.name}: {label}."
        )
    else:
        messages.info(request, f"Niets gewijzigd voor {partnership.name}.")
    return redirect(back)
