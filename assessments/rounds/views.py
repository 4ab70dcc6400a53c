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
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from assessments.access import (
    assessments_for_user,
    can_manage_round,
    council_organisations_for_user,
    get_assessment_for_user,
    get_partnership_for_new_round,
    get_round_for_user,
)
from assessments.calendar_items import planned_text, round_plan
from assessments.constants import RoundStatus
from assessments.rounds import invitations, selectors, services, trends
from assessments.rounds.forms import RoundCreateForm, RoundNextForm
from partnerships.dates import add_days
from partnerships.models import Partnership
from partnerships.pc_calendar import Moment, moments_between


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def _base_url(request: HttpRequest) -> str:
    """The site's address without a trailing slash, for the links in e-mails."""
    return request.build_absolute_uri("/")[:-1]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _user(request: HttpRequest) -> User:
    """The signed-in user, whom the services record as the author of what they write.

    Every view here is behind `login_required`; the check narrows the type and keeps an
    anonymous request from ever writing.
    """
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


PREVIEW = "bereken"  # the name of the button that only works out the due date


def _coming(partnership: Partnership) -> list[Moment]:
    """The partnership's moments of the coming year, to plan a round against."""
    today = timezone.localdate()
    return moments_between([partnership], today, add_days(today, 400))


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, partnership_pk: int) -> HttpResponse:
    partnership = get_partnership_for_new_round(request.user, partnership_pk)
    options = selectors.invitation_options(partnership)
    form = RoundCreateForm(request.POST or None, partnership_id=partnership.pk, options=options)
    if request.method == "POST" and PREVIEW in request.POST:
        # "Einddatum berekenen": show the due date the plan gives, save nothing.
        form.is_valid()
        preview = form.plan_preview()
        form = RoundCreateForm(
            initial=form.values_shown(), partnership_id=partnership.pk, options=options
        )
        return render(
            request,
            "assessments/round_create.html",
            {
                "partnership": partnership,
                "form": form,
                "preview": preview,
                "open_round": services.open_round_of(partnership),
                "coming_moments": _coming(partnership),
            },
        )
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
                base_url=_base_url(request),
                plan_moment=form.cleaned_data["plan_moment"] or "",
                plan_weeks_before=form.cleaned_data["plan_weeks_before"]
                if form.planned_moment
                else None,
            )
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            # The e-mails go out when the request's transaction commits, after this message is
            # written: the round page shows per respondent whether the invitation went out.
            invited = form.invitations()
            with_email = sum(1 for inv in invited if inv.email)
            text = (
                f"Ronde {round_.period} is geopend met "
                f"{_plural(len(invited), 'respondent', 'respondenten')}. "
            )
            if with_email:
                text += f"De uitnodiging gaat per e-mail naar {with_email} van hen. "
            if with_email < len(invited):
                text += (
                    f"{_plural(len(invited) - with_email, 'respondent heeft', 'respondenten hebben')}"
                    " geen e-mailadres en krijgt dus geen uitnodiging; neem zelf contact op. "
                )
            if form.planned_moment is not None:
                text += planned_text(round_, form.planned_moment) + " "
            messages.success(request, text + "Hieronder ziet u wie wanneer is uitgenodigd.")
            return redirect("assessments:round", pk=round_.pk)
    return render(
        request,
        "assessments/round_create.html",
        {
            "partnership": partnership,
            "form": form,
            "open_round": services.open_round_of(partnership),
            "coming_moments": _coming(partnership),
        },
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
            "plan": round_plan(round_),
            "can_manage": can_manage,
            "council_organisations": list(council_organisations_for_user(request.user, round_)),
            "next_form": RoundNextForm(previous=round_) if can_manage else None,
            "other_open_round": services.open_round_of(round_.partnership, exclude=round_)
            if can_manage
            else None,
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
@require_POST
def round_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the invitations that have not gone out yet (failed, or never sent)."""
    round_ = get_round_for_user(request.user, pk, manage=True)
    if round_.status == RoundStatus.CLOSED:
        messages.error(request, services.ERR_ROUND_CLOSED)
        return redirect("assessments:round", pk=round_.pk)
    result = invitations.send_invitations(round_, base_url=_base_url(request))
    if result.sent:
        messages.success(
            request, f"Uitnodiging verstuurd aan {len(result.sent)}: {', '.join(result.sent)}."
        )
    if result.failed:
        messages.error(
            request,
            f"De uitnodiging kon niet worden verstuurd aan {', '.join(result.failed)}. "
            "Probeer het later opnieuw.",
        )
    if not result.sent and not result.failed:
        messages.info(request, "Er zijn geen uitnodigingen meer te versturen.")
    return redirect("assessments:round", pk=round_.pk)


@login_required
@require_http_methods(["GET", "POST"])
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a round after a confirmation page that names who has not submitted."""
    round_ = get_round_for_user(request.user, pk, manage=True)
    if request.method == "POST":
        if services.round_close(round_):
            messages.success(request, f"Ronde {round_.period} is afgesloten.")
        else:
            messages.info(request, f"Ronde {round_.period} was al afgesloten.")
        return redirect("assessments:round", pk=round_.pk)
    return render(
        request,
        "assessments/round_close.html",
        {"round": round_, "overview": selectors.round_overview(round_)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_next(request: HttpRequest, pk: int) -> HttpResponse:
    """The next round's period and dates, then a confirmation page (this round closes and its
    respondents that have not submitted are named), then the new round."""
    previous = get_round_for_user(request.user, pk, manage=True)
    form = RoundNextForm(request.POST or None, previous=previous)
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["confirmed"]:
            return render(
                request,
                "assessments/round_next_confirm.html",
                {
                    "round": previous,
                    "form": form,
                    "overview": selectors.round_overview(previous),
                },
            )
        try:
            round_ = services.round_start_next(
                previous,
                period=form.cleaned_data["period"],
                opens_on=form.cleaned_data["opens_on"],
                due_on=form.cleaned_data["due_on"],
                target=form.cleaned_data["target"],
                user=_user(request),
                base_url=_base_url(request),
            )
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                f"Ronde {previous.period} is afgesloten en ronde {round_.period} is gestart met "
                f"dezelfde respondenten; wie een e-mailadres heeft, krijgt een uitnodiging. De "
                f"antwoorden van ronde {previous.period} staan klaar als startpunt; elke "
                "respondent bevestigt of wijzigt ze.",
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
