"""The raad panel's pages: the griffier's panel page, and a raadslid's invitations,
questionnaire and (once shared) overview. Thin: access -> form -> service -> render/redirect.
Every page works without JavaScript."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from assessments.access import acting_user
from assessments.models import Assessment, PanelMember
from assessments.questionnaire.selectors import item_slug
from assessments.questionnaire.services import AssessmentError

from . import selectors, services
from .access import get_membership, get_raad_assessment_for_griffier, is_raadslid
from .forms import PANEL_CHOICES, InviteForm, RaadAnswerForm, panel_value


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")[:-1]


def _back(pk: int, anchor: str = "") -> str:
    return reverse("assessments:panel", args=[pk]) + (f"#{anchor}" if anchor else "")


# --- The griffier ---------------------------------------------------------------------------


def _panel_page(
    request: HttpRequest,
    assessment: Assessment,
    *,
    form: InviteForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    page = selectors.build_panel_page(assessment)
    return render(
        request,
        "assessments/panel/panel.html",
        {
            "assessment": assessment,
            "page": page,
            "form": form or InviteForm(),
            "choices": PANEL_CHOICES,
            "error": error,
            "editable": not assessment.is_submitted,
        },
        status=status,
    )


def _member_of(assessment: Assessment, raw: str | None) -> PanelMember:
    if not raw or not raw.isascii() or not raw.isdigit():
        raise Http404("Onbekend lid van het raadspanel.")
    member = (
        PanelMember.objects.filter(pk=int(raw), panel__assessment=assessment)
        .select_related("user", "panel__assessment")
        .first()
    )
    if member is None:
        raise Http404("Onbekend lid van het raadspanel.")
    return member


@login_required
@require_http_methods(["GET", "POST"])
def panel_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The griffier's panel page; POST: invite, send again, remove, share, take over."""
    assessment = get_raad_assessment_for_griffier(request.user, pk)
    if request.method == "GET":
        return _panel_page(request, assessment)
    action = request.POST.get("action", "")
    form = None
    try:
        if action == "uitnodigen":
            form = InviteForm(request.POST)
            if not form.is_valid():
                return _panel_page(request, assessment, form=form, status=400)
            member = services.member_invite(
                assessment=assessment,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                email=form.cleaned_data["email"],
                user=request.user,
                base_url=_base_url(request),
            )
            messages.success(request, f"{member.name} is uitgenodigd; de e-mail is verstuurd.")
            return redirect(_back(pk, "leden"))
        if action == "opnieuw":
            member = _member_of(assessment, request.POST.get("member"))
            services.member_resend(member=member, base_url=_base_url(request))
            messages.success(request, f"De uitnodiging aan {member.name} is opnieuw verstuurd.")
            return redirect(_back(pk, "leden"))
        if action == "verwijderen":
            member = _member_of(assessment, request.POST.get("member"))
            name = member.name
            services.member_remove(member=member)
            messages.success(request, f"{name} is uit het raadspanel gehaald.")
            return redirect(_back(pk, "leden"))
        if action == "delen":
            services.panel_share(assessment=assessment)
            messages.success(request, "Het overzicht is gedeeld met de leden van het raadspanel.")
            return redirect(_back(pk))
        if action == "overnemen":
            n = services.proposals_apply(assessment=assessment, user=request.user)
            messages.success(
                request,
                f"{n} voorstel(len) van het panel overgenomen als antwoord van de raad."
                if n
                else "Er waren geen voorstellen over te nemen: elke vraag met antwoorden uit "
                "het panel heeft al een antwoord van de raad.",
            )
            return redirect(_back(pk, "antwoorden"))
    except services.PanelError as exc:
        return _panel_page(request, assessment, form=form, error=exc.message, status=400)
    except AssessmentError as exc:
        return _panel_page(request, assessment, form=form, error=exc.message, status=409)
    return _panel_page(request, assessment, error="Onbekende opdracht.", status=400)


@login_required
@require_POST
def panel_raad_answer(request: HttpRequest, pk: int, item: str) -> HttpResponse:
    """The griffier sets the raad's answer on one item, from the panel page."""
    assessment = get_raad_assessment_for_griffier(request.user, pk)
    form = RaadAnswerForm(request.POST)
    if not form.is_valid():
        errors = " ".join(str(e) for errs in form.errors.values() for e in errs)
        return _panel_page(request, assessment, error=f"{item}: {errors}", status=400)
    try:
        services.raad_answer_set(
            assessment=assessment,
            code=item,
            value=panel_value(form.cleaned_data["value"]),
            note=form.cleaned_data["note"],
            version=form.cleaned_data["version"] or 0,
            user=request.user,
        )
    except ValueError:
        return _panel_page(request, assessment, error=f"{item}: kies een waarde.", status=400)
    except AssessmentError as exc:
        return _panel_page(request, assessment, error=exc.message, status=400)
    messages.success(request, f"Het antwoord van de raad bij {item} is opgeslagen.")
    return redirect(_back(pk, f"item-{item_slug(item)}"))


# --- The raadslid ---------------------------------------------------------------------------


@login_required
def panel_invitations(request: HttpRequest) -> HttpResponse:
    """A raadslid's start page: the panels they are invited to."""
    if not is_raadslid(request.user) or not request.user.is_authenticated:
        raise Http404("Deze pagina is voor raadsleden in een raadspanel.")
    return render(
        request,
        "assessments/panel/invitations.html",
        {"memberships": selectors.memberships_for(request.user)},
    )


@dataclass(frozen=True)
class QuestionRow:
    """One question on a raadslid's form, with what is stored or was just posted."""

    item: selectors.PanelItem
    value: str
    explanation: str

    @property
    def field(self) -> str:
        return self.item.slug


def _rows(page: selectors.PanelPage, posted: Mapping[str, Any] | None) -> list[Any]:
    """Themes with their question rows; posted values win over stored ones (a refused save
    keeps what the raadslid typed)."""
    themes = []
    for theme in page.themes:
        rows = []
        for item in theme.items:
            stored_value = "" if item.own is None else str(item.own.value)
            stored_text = "" if item.own is None else item.own.explanation
            if posted is not None:
                stored_value = posted.get(f"v-{item.slug}", stored_value) or stored_value
                stored_text = posted.get(f"t-{item.slug}", stored_text)
            rows.append(QuestionRow(item, stored_value, stored_text))
        themes.append((theme, rows))
    return themes


def _posted(member: PanelMember, data: Mapping[str, Any]) -> dict[str, services.PanelInput]:
    result: dict[str, services.PanelInput] = {}
    for code in selectors.raad_codes(member.panel.assessment):
        slug = item_slug(code)
        raw, text = data.get(f"v-{slug}"), data.get(f"t-{slug}", "")
        try:
            value = panel_value(raw)
        except ValueError:
            raise services.PanelError(services.MSG_VALUE.format(code=code)) from None
        if value is not None or text.strip():
            result[code] = services.PanelInput(value, text)
    return result


@login_required
@require_http_methods(["GET", "POST"])
def panel_member(request: HttpRequest, pk: int) -> HttpResponse:
    """A raadslid's questionnaire: the raad's questions on one page; save, and "Klaar"."""
    member = get_membership(request.user, pk)
    assessment = member.panel.assessment
    error = ""
    posted = None
    if request.method == "POST":
        try:
            data = _posted(member, request.POST)
            if request.POST.get("action") == "klaar":
                services.member_hand_in(member=member, data=data)
                messages.success(request, "Dank u wel. Uw antwoorden staan klaar voor de griffier.")
            else:
                services.member_answers_save(member=member, data=data)
                messages.success(request, "Uw antwoorden zijn opgeslagen.")
            return redirect("assessments:panel_member", pk=pk)
        except AssessmentError as exc:
            error, posted = exc.message, request.POST
    page = selectors.build_panel_page(assessment, viewer=member)
    return render(
        request,
        "assessments/panel/member.html",
        {
            "member": member,
            "assessment": assessment,
            "page": page,
            "themes": _rows(page, posted),
            "choices": PANEL_CHOICES,
            "error": error,
            "editable": not assessment.is_submitted,
            "shared": member.panel.shared_at is not None,
        },
        status=400 if error else 200,
    )


@login_required
def panel_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """The overview the griffier shared: every member's answers side by side."""
    member = get_membership(request.user, pk)
    if member.panel.shared_at is None:
        raise Http404("De griffier heeft het overzicht nog niet gedeeld.")
    assessment = member.panel.assessment
    return render(
        request,
        "assessments/panel/overview.html",
        {
            "member": member,
            "assessment": assessment,
            "page": selectors.build_panel_page(assessment),
            "user_label": acting_user(request.user),
        },
    )
