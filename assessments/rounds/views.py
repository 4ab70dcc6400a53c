"""Rounds with several respondents: open, follow up, side by side, next round, trends.

Thin views: permission-scoped fetch -> form -> service or selector of this package -> render.
"""

import smtplib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from assessments.access import (
    assessments_for_user,
    can_manage_round,
    get_assessment_for_user,
    get_partnership_for_new_round,
    get_round_for_user,
)
from assessments.rounds import selectors, services, trends
from assessments.rounds.forms import RoundCreateForm, RoundNextForm


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def _user(request: HttpRequest) -> User:
    """The signed-in user, whom the services record as the author of what they write.

    Every view here is behind `login_required`; the check narrows the type and keeps an
    anonymous request from ever writing.
    """
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, partnership_pk: int) -> HttpResponse:
    partnership = get_partnership_for_new_round(request.user, partnership_pk)
    options = selectors.invitation_options(partnership)
    form = RoundCreateForm(request.POST or None, partnership_id=partnership.pk, options=options)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_open(
                partnership=partnership,
                period=form.cleaned_data["period"],
                opens_on=form.cleaned_data["opens_on"],
                due_on=form.cleaned_data["due_on"],
                target=form.cleaned_data["target"],
                invitations=form.invitations(),
                user=_user(request),
            )
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                f"Ronde {round_.period} is geopend. "
                f"{round_.assessments.count()} respondenten zijn uitgenodigd.",
            )
            return redirect("assessments:round", pk=round_.pk)
    return render(
        request,
        "assessments/round_create.html",
        {"partnership": partnership, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    overview = selectors.round_overview(round_)
    can_manage = can_manage_round(request.user, round_)
    return render(
        request,
        "assessments/round_detail.html",
        {
            "round": round_,
            "overview": overview,
            "can_manage": can_manage,
            "next_form": RoundNextForm(previous=round_) if can_manage else None,
        },
    )


@login_required
def round_compare(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    view = selectors.round_side_by_side(round_, theme=request.GET.get("thema"))
    return render(request, "assessments/round_compare.html", {"round": round_, "view": view})


@login_required
@require_POST
def round_remind(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, manage=True)
    try:
        result = services.round_remind(
            round_, user=_user(request), base_url=request.build_absolute_uri("/")[:-1]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(_errors(exc)))
    except (OSError, smtplib.SMTPException):
        messages.error(
            request, "De herinneringen konden niet worden verstuurd. Probeer het later opnieuw."
        )
    else:
        if result.sent:
            messages.success(
                request,
                f"Herinnering verstuurd aan {len(result.sent)} "
                f"respondent{'en' if len(result.sent) != 1 else ''}: {', '.join(result.sent)}.",
            )
        else:
            messages.info(request, "Er is niemand om een herinnering te sturen.")
        if result.without_email:
            messages.warning(
                request,
                "Geen e-mailadres bekend, dus geen herinnering voor: "
                f"{', '.join(result.without_email)}.",
            )
    return redirect("assessments:round", pk=round_.pk)


@login_required
@require_http_methods(["GET", "POST"])
def round_next(request: HttpRequest, pk: int) -> HttpResponse:
    previous = get_round_for_user(request.user, pk, manage=True)
    form = RoundNextForm(request.POST or None, previous=previous)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_start_next(
                previous,
                period=form.cleaned_data["period"],
                opens_on=form.cleaned_data["opens_on"],
                due_on=form.cleaned_data["due_on"],
                target=form.cleaned_data["target"],
                user=_user(request),
            )
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                f"Ronde {round_.period} is gestart met dezelfde respondenten. De antwoorden van "
                f"ronde {previous.period} staan klaar als startpunt; elke respondent bevestigt "
                "of wijzigt ze.",
            )
            return redirect("assessments:round", pk=round_.pk)
    return render(
        request,
        "assessments/round_next.html",
        {"round": previous, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def round_trend(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    trend = trends.round_trend(round_)
    return render(request, "assessments/round_trend.html", {"round": round_, "trend": trend})


@login_required
def assessment_trend(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    trend = trends.assessment_trend(assessment, visible=assessments_for_user(request.user))
    return render(
        request,
        "assessments/round_trend.html",
        {"round": assessment.round, "trend": trend, "assessment": assessment},
    )


@login_required
@require_POST
def confirm_taken_over(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Confirm a theme's answers taken over from the previous round ("bevestig overgenomen")."""
    assessment = get_assessment_for_user(request.user, pk, edit=True)
    try:
        count = services.answers_confirm_taken_over(
            assessment, theme_code=code.upper(), user=_user(request)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(_errors(exc)))
    else:
        if count:
            messages.success(
                request, f"{count} overgenomen antwoord{'en' if count != 1 else ''} bevestigd."
            )
        else:
            messages.info(request, "Er waren geen overgenomen antwoorden meer te bevestigen.")
    return redirect("assessments:theme", pk=assessment.pk, code=code.upper())
