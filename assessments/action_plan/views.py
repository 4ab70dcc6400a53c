"""A round's action plan: the list of next steps, adding one (also from a gap in one click),
changing one, and the CSV and Excel downloads.

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
from django.views.decorators.http import require_http_methods

from assessments.access import can_manage_next_steps, get_next_step_for_user, get_round_for_user
from assessments.cells import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from assessments.constants import MSG_NOT_APPLICABLE
from assessments.downloads import attachment
from assessments.models import AssessmentRound
from principles.converters import parse_code
from principles.models import Recommendation

from . import exports, selectors, services
from .audit import next_step_history
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
        # One click on a gap: create the step with the recommendation, then edit it.
        code = request.POST.get("from_gap", "")
        recommendation = recommendations.filter(code=code).first() if parse_code(code) else None
        if recommendation is None:
            return _error(request, MSG_NOT_APPLICABLE.format(code=code), status=400)
        step = services.next_step_create(
            round_=round_, user=request.user, recommendation=recommendation
        )
        messages.success(
            request, "De vervolgstap is aangemaakt. Vul nog in wie hem trekt en wanneer."
        )
        return redirect("assessments:next_step_edit", pk=step.pk)

    form = _step_form(
        round_,
        request.POST or None,
        recommendations=recommendations,
        initial={"status": "open", "recommendation": _initial_recommendation(request, round_)},
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
        {"round": round_, "form": form, "step": None, "can_manage": True},
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
            "can_manage": can_manage,
            "history": next_step_history(step),
        },
        status=status,
    )
