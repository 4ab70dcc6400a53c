"""The Wgr check of a partnership: its section on the partnership page and its own page,
where whoever may edit the partnership fills it in. Apart from the Gids: it never counts in
the Gids' score."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from .access import can_edit_partnership, get_partnership_for_user
from .forms_wgr import WgrForm
from .models import Partnership
from .wgr import NOT_UNDER_WGR
from .wgr_services import save_clauses, wgr_check_for, wgr_history

MSG_SAVED = "De Wgr-toets is opgeslagen."
MSG_UNCHANGED = "Er is niets veranderd."
MSG_NOT_SAVED = "Er is niets opgeslagen. Verbeter de gemarkeerde onderdelen."
MSG_CONFLICT = "De toets is tegelijk door iemand anders opgeslagen. Er is niets opgeslagen."


def wgr_section(user: AbstractBaseUser | AnonymousUser, partnership: Partnership) -> dict[str, Any]:
    """The context of the Wgr section on the partnership page (one query)."""
    return {
        "wgr": wgr_check_for(partnership),
        "wgr_can_edit": can_edit_partnership(user, partnership),  # type: ignore[arg-type]
    }


@login_required
def wgr_edit(request: HttpRequest, pk: int) -> HttpResponse:
    is_post = request.method == "POST"
    partnership = get_partnership_for_user(request.user, pk, write=is_post)
    check = wgr_check_for(partnership)
    if is_post and not check.applies:
        raise Http404(NOT_UNDER_WGR)
    may_edit = can_edit_partnership(request.user, partnership)
    form = WgrForm(request.POST if is_post else None, check=check)
    if is_post:
        if form.is_valid():
            try:
                changed = save_clauses(partnership, form.values(), request.user)
            except IntegrityError:
                messages.error(request, MSG_CONFLICT)
            else:
                messages.success(request, MSG_SAVED if changed else MSG_UNCHANGED)
                return redirect(reverse("partnerships:detail", args=[partnership.pk]) + "#wgr")
        else:
            messages.error(request, MSG_NOT_SAVED)
    return render(
        request,
        "partnerships/wgr.html",
        {
            "partnership": partnership,
            "wgr": check,
            "form": form,
            "may_edit": may_edit and check.applies,
            "history": wgr_history(partnership),
        },
    )
