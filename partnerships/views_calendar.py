"""Pages of the partnership's calendar (the year of a partnership): the section on the
partnership page, the year's moments, and the page where the partnership's own dates are set.
Every view fetches through partnerships.access."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .access import can_edit_partnership, get_partnership_for_user
from .audit import ChangeRecord, change_records
from .forms_calendar import CalendarYearForm, save_own_dates
from .models import CalendarMoment, Partnership
from .pc_calendar import (
    MSG_YEAR,
    coming_moments,
    evaluation_text,
    evaluation_warning,
    has_budget_cycle,
    moments,
    next_evaluation,
    year_in_range,
)

# How far ahead the partnership page looks for its coming moments.
SECTION_DAYS = 180
MSG_SAVED = "De kalender van {year} is opgeslagen."
MSG_NOTHING_CHANGED = "Er was niets gewijzigd."
MSG_NOT_SAVED = "Er is niets opgeslagen. Verbeter de gemarkeerde velden."
MSG_CONFLICT = "De kalender is tegelijk door iemand anders opgeslagen. Er is niets opgeslagen."


def calendar_section(
    user: AbstractBaseUser | AnonymousUser, partnership: Partnership
) -> dict[str, Any]:
    """The context of the calendar section on the partnership page."""
    today = timezone.localdate()
    return {
        "calendar_year": today.year,
        "calendar_coming": coming_moments([partnership], today, days=SECTION_DAYS)[:5],
        "calendar_days": SECTION_DAYS,
        "evaluation_text": evaluation_text(partnership),
        "evaluation_warning": evaluation_warning(partnership),
    }


def _checked_year(year: int) -> int:
    if not year_in_range(year):
        raise Http404(MSG_YEAR)
    return year


def calendar_history(partnership: Partnership, year: int) -> list[ChangeRecord]:
    """Every change of the partnership's own dates of the year, newest first."""
    history = CalendarMoment.history.filter(partnership_id=partnership.pk, year=year)
    return change_records(
        history,
        CalendarMoment,
        exclude=("partnership", "year"),
        subject=lambda row: str(cast(CalendarMoment, row).get_kind_display()),
    )


@login_required
def calendar_year(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, pk)
    # the evaluation text, its warning and the Wgr check read the same clauses: once
    prefetch_related_objects([partnership], "wgr_clauses")
    _checked_year(year)
    return render(
        request,
        "partnerships/calendar_year.html",
        {
            "partnership": partnership,
            "year": year,
            "moments": moments(partnership, year),
            "previous_year": year - 1 if year_in_range(year - 1) else None,
            "next_year": year + 1 if year_in_range(year + 1) else None,
            "this_year": timezone.localdate().year,
            "has_budget_cycle": has_budget_cycle(partnership),
            "evaluation_text": evaluation_text(partnership),
            "evaluation_warning": evaluation_warning(partnership),
            "next_evaluation": next_evaluation(partnership),
            "can_edit": can_edit_partnership(request.user, partnership),
            "history": calendar_history(partnership, year),
            "history_title": f"Wijzigingen in de kalender van {year}",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, pk, write=True)
    _checked_year(year)
    is_post = request.method == "POST"
    form = CalendarYearForm(request.POST if is_post else None, partnership=partnership, year=year)
    if is_post:
        if form.is_valid():
            try:
                changed = save_own_dates(partnership, year, form.entries(), request.user)
            except IntegrityError:
                messages.error(request, MSG_CONFLICT)
            else:
                messages.success(
                    request, MSG_SAVED.format(year=year) if changed else MSG_NOTHING_CHANGED
                )
                return redirect("partnerships:calendar", pk=partnership.pk, year=year)
        else:
            messages.error(request, MSG_NOT_SAVED)
    return render(
        request,
        "partnerships/calendar_edit.html",
        {"partnership": partnership, "year": year, "form": form},
        status=400 if is_post else 200,
    )
