"""A round's action plan: the list of next steps, adding one (also from a gap: the form
starts with the gap's recommendation and nothing is made before saving), changing one,
deleting one after a confirmation, and the CSV and Excel downloads.

Views are thin: permission-scoped fetch (assessments.access) -> form -> service/selector ->
render or redirect.
"""

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from assessments.access import can_manage_next_steps, get_next_step_for_user, get_round_for_user
from assessments.cells import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from assessments.constants import MSG_NOT_APPLICABLE
from assessments.downloads import attachment
from assessments.models import AssessmentRound
from principles.converters import parse_code
from principles.models import Recommendation

from . import exports, selectors, services
from .audit import next_step_history, round_next_steps_history
from .forms import NextStepForm


def _error(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    """A refused request; nothing was saved."""
    return render(
        request,
        "assessments/assessment_error.html",
        {"error": message, "status": status},
        status=status,
    )


@login_required
def next_step_list(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    return render(
        request,
        "assessments/next_step_list.html",
        {
            "round": round_,
            "steps": selectors.round_next_steps(round_),
            "can_manage": can_manage_next_steps(request.user, round_),
            "today": timezone.localdate(),
            "history": round_next_steps_history(round_),
        },
    )


@login_required
def next_steps_export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    return attachment(
        exports.next_steps_csv(round_),
        filename=exports.round_filename(round_, "csv"),
        content_type=CSV_CONTENT_TYPE,
    )


@login_required
def next_steps_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    return attachment(
        exports.next_steps_xlsx(round_),
        filename=exports.round_filename(round_, "xlsx"),
        content_type=XLSX_CONTENT_TYPE,
    )


def _step_form(
    round_: AssessmentRound,
    data: Mapping[str, Any] | None = None,
    *,
    recommendations: QuerySet[Recommendation] | None = None,
    initial: Mapping[str, object],
) -> NextStepForm:
    return NextStepForm(
        data,
        bodies=selectors.partnership_bodies(round_.partnership),
        recommendations=recommendations,
        initial=initial,
    )


@login_required
@require_http_methods(["GET", "POST"])
def next_step_create(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    if not can_manage_next_steps(request.user, round_):
        raise PermissionDenied("U mag geen vervolgstappen toevoegen aan deze ronde.")
    recommendations = selectors.applicable_recommendations(round_)

    if request.method == "POST" and "from_gap" in request.POST:
        # A results page loaded before steps were made on save still posts its gap: open
        # the form for it (GET, nothing created), as the link on today's page does.
        code = request.POST.get("from_gap", "")
        if not parse_code(code) or not recommendations.filter(code=code).exists():
            return _error(request, MSG_NOT_APPLICABLE.format(code=code), status=400)
        url = reverse("assessments:next_step_create", args=[round_.pk])
        return redirect(f"{url}?{urlencode({'aanbeveling': code})}")

    # From a gap ("Maak hier een vervolgstap van"): the form starts with the recommendation
    # and its text; nothing is created until the user saves, so Annuleren leaves nothing.
    initial_rec = _initial_recommendation(request, round_)
    form = _step_form(
        round_,
        request.POST or None,
        recommendations=recommendations,
        initial={
            "status": "open",
            "recommendation": initial_rec,
            "description": services.default_step_description(initial_rec) if initial_rec else "",
        },
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                step = services.next_step_create(
                    round_=round_,
                    user=request.user,
                    description=data["description"],
                    recommendation=data.get("recommendation"),
                    owner=data["owner"],
                    owner_body=data["owner_body"],
                    due_on=data["due_on"],
                    status=data["status"],
                )
            except services.NextStepError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "De vervolgstap is toegevoegd.")
                return redirect(
                    reverse("assessments:next_steps", args=[round_.pk]) + f"#stap-{step.pk}"
                )
    return render(
        request,
        "assessments/next_step_form.html",
        {
            "round": round_,
            "form": form,
            "step": None,
            "recommendation": initial_rec,
            "can_manage": True,
        },
        status=status,
    )


def _initial_recommendation(request: HttpRequest, round_: AssessmentRound) -> Recommendation | None:
    # A link from a gap pre-selects its recommendation; anything that is not a code is ignored.
    code = parse_code(request.GET.get("aanbeveling"))
    if code is None:
        return None
    return Recommendation.objects.filter(
        code=code, theme__part__framework_id=round_.framework_id
    ).first()


@login_required
@require_http_methods(["GET", "POST"])
def next_step_edit(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_next_step_for_user(request.user, pk, edit=request.method == "POST")
    round_ = step.round
    can_manage = can_manage_next_steps(request.user, round_)
    initial = {
        "description": step.description,
        "owner": step.owner,
        "owner_body": step.owner_body_id,
        "due_on": step.due_on,
        "status": step.status,
    }
    form = _step_form(round_, request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.next_step_update(
                    step=step,
                    user=request.user,
                    description=data["description"],
                    owner=data["owner"],
                    owner_body=data["owner_body"],
                    due_on=data["due_on"],
                    status=data["status"],
                )
            except services.NextStepError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "De vervolgstap is bijgewerkt.")
                return redirect(
                    reverse("assessments:next_steps", args=[round_.pk]) + f"#stap-{step.pk}"
                )
    return render(
        request,
        "assessments/next_step_form.html",
        {
            "round": round_,
            "form": form,
            "step": step,
            "recommendation": step.recommendation,
            "can_manage": can_manage,
            "history": next_step_history(step),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def next_step_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a step after a confirmation page; the round's history keeps a record of it."""
    step = get_next_step_for_user(request.user, pk, edit=True)
    round_ = step.round
    if request.method == "POST":
        try:
            services.next_step_delete(step=step, user=request.user)
        except services.NextStepError as exc:
            return _error(request, exc.message, status=400)
        messages.success(request, "De vervolgstap is verwijderd. De geschiedenis bewaart haar.")
        return redirect("assessments:next_steps", pk=round_.pk)
    return render(request, "assessments/next_step_delete.html", {"round": round_, "step": step})
