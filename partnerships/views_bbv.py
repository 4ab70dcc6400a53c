"""The page of a verbonden partij's BBV facts: one organisation in one partnership, one year.
The contramal of the organisation (and a beheerder) changes them; its griffier and
gemeentesecretaris read them. Every view fetches through partnerships.access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from .access import can_edit_bbv, get_bbv_participation_for_user
from .amounts import format_euro
from .bbv import (
    AMOUNT_FIELDS,
    MSG_YEAR,
    facts_for,
    facts_history,
    field_label,
    not_verbonden_message,
    save_facts,
    year_in_range,
)
from .forms_bbv import VerbondenPartijForm
from .models_bbv import VerbondenPartijFacts

MSG_SAVED = "De gegevens van {year} zijn opgeslagen."
MSG_NOT_SAVED = "Er is niets opgeslagen. Verbeter de gemarkeerde velden."
MSG_CONFLICT = "De gegevens zijn tegelijk door iemand anders opgeslagen. Er is niets opgeslagen."


def facts_url(facts: VerbondenPartijFacts) -> str:
    participation = facts.participation
    return reverse(
        "partnerships:verbonden_partij",
        args=[participation.partnership_id, participation.organisation_id, facts.year],
    )


def _read_rows(facts: VerbondenPartijFacts) -> list[tuple[str, str]]:
    """The facts as (label, value) for the read-only page."""
    rows = [("Groep in de paragraaf", facts.get_bbv_group_display())]
    for name in (
        "location",
        "public_interest",
        "seat",
        "votes",
        "contribution",
        "liability",
        *AMOUNT_FIELDS[1:],
        "risks",
    ):
        value = getattr(facts, name)
        if name in AMOUNT_FIELDS:
            text = format_euro(value)
        else:
            text = "—" if value in (None, "") else str(value)
        rows.append((field_label(name).capitalize(), text))
    return rows


@login_required
def verbonden_partij(
    request: HttpRequest, pk: int, organisation_pk: int, year: int
) -> HttpResponse:
    is_post = request.method == "POST"
    participation = get_bbv_participation_for_user(request.user, pk, organisation_pk, write=is_post)
    if not year_in_range(year):
        raise Http404(MSG_YEAR)
    facts = facts_for(participation, year)
    may_edit = can_edit_bbv(request.user, participation.organisation)
    form = VerbondenPartijForm(request.POST if is_post else None, instance=facts)
    if is_post:
        if form.is_valid():
            try:
                saved = save_facts(form.save(commit=False), request.user)
            except IntegrityError:
                messages.error(request, MSG_CONFLICT)
            else:
                messages.success(request, MSG_SAVED.format(year=year))
                return redirect(facts_url(saved))
        else:
            messages.error(request, MSG_NOT_SAVED)
    return render(
        request,
        "partnerships/verbonden_partij.html",
        {
            "participation": participation,
            "partnership": participation.partnership,
            "organisation": participation.organisation,
            "facts": facts,
            "year": year,
            "years": [year - 1, year + 1],
            "form": form,
            "may_edit": may_edit,
            "rows": _read_rows(facts) if facts.pk else [],
            "warning": not_verbonden_message(facts) if facts.pk else "",
            "history": facts_history(facts),
        },
    )
