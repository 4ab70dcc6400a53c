"""The start page, the overview over all partnerships and a partnership's dashboard."""

from typing import Any, NamedTuple

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db.models import QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from assessments.access import can_manage_next_steps, editable_assessments_for_user
from assessments.calendar_items import coming_for
from assessments.cells import XLSX_CONTENT_TYPE
from assessments.constants import AssessmentStatus
from assessments.dashboard.exports import dashboard_xlsx
from assessments.dashboard.page import (
    MODEL_CHOICES,
    SORT_KEYS,
    Dashboard,
    ViewOptions,
    build_dashboard,
)
from assessments.dashboard.partnership import build_partnership_overview
from assessments.dashboard.start import build_open_assessments
from assessments.dashboard.state import STATE_CHOICES, RoundState
from assessments.downloads import attachment
from partnerships.access import (
    can_open_rounds,
    get_organisation_for_user,
    get_partnership_for_user,
    may_read_bbv,
    organisations_for_user,
    partnerships_for_user,
    profile_of,
)
from partnerships.constants import Role
from partnerships.models import Organisation, Partnership, Profile
from partnerships.pc_calendar import evaluation_text, evaluation_warning
from principles.converters import clean_query, parse_id

NO_ROLE = "Uw account heeft nog geen rol. Vraag de beheerder om uw account in te richten."
NO_DASHBOARD = "Als raadslid ziet u alleen de raadspanels waarvoor de griffier u uitnodigde."


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Where each role starts: the overview, the partnership's dashboard or open work; a
    visitor who is not logged in reads what Regiespiegel is."""
    if not request.user.is_authenticated:
        return render(request, "landing.html")
    profile = profile_of(request.user)
    if profile is None:
        return render(request, "assessments/home.html", {"no_role": NO_ROLE}, status=200)
    if profile.role in (Role.GEMEENTESECRETARIS, Role.BEHEERDER):
        return redirect("assessments:dashboard")
    if profile.role == Role.DIRECTEUR:
        return redirect("assessments:partnership_dashboard", pk=profile.partnership_id)
    if profile.role == Role.RAADSLID:
        return redirect("assessments:panel_invitations")
    today = timezone.localdate()
    mine = editable_assessments_for_user(request.user)
    open_assessments = build_open_assessments(mine, today=today)
    submitted = list(
        mine.filter(status=AssessmentStatus.SUBMITTED)
        .select_related("round__partnership", "participation__organisation")
        .order_by("-submitted_at")[:5]
    )
    return render(
        request,
        "assessments/home.html",
        {
            "profile": profile,
            "open_assessments": open_assessments,
            "overdue": [a for a in open_assessments if a.overdue],
            "submitted": submitted,
            "partnership_count": partnerships_for_user(request.user).count(),
            "coming": coming_for(partnerships_for_user(request.user), today),
        },
    )


class _Request(NamedTuple):
    """The overview's query string, parsed: filters and order, and an organisation picked."""

    options: ViewOptions
    organisation_id: int | None


def _parse(params: QueryDict) -> _Request:
    """The overview's filters from the query string. A filter value that is not one of the
    choices is ignored (the unfiltered overview shows); an organisation that is not a plain
    ASCII number ("²" passes str.isdigit but not int) is refused with 403."""
    state = params.get("status", "")
    model = params.get("vorm", "")
    options = ViewOptions(
        sort=params.get("sorteer", "naam"),  # valid_sort falls back to the name
        q=clean_query(params.get("q"), 100),
        state=state if state in {s.value for s in RoundState} else "",
        model=model if model in dict(MODEL_CHOICES) else "",
        overdue=params.get("te_laat") == "1",
    )
    organisation_id = None
    raw = params.get("organisatie", "")
    if raw:
        organisation_id = parse_id(raw)
        if organisation_id is None:
            raise PermissionDenied("Onbekende organisatie.")
    return _Request(options, organisation_id)


def _dashboard_for(
    request: HttpRequest, asked: _Request, *, page: str | None
) -> tuple[Dashboard, Profile, list[Organisation]]:
    """The overview for the signed-in user: a page of it, or all of it when page is None.

    Organisation-bound roles see their own organisation; a beheerder sees every partnership
    or picks an organisation (?organisatie=pk); a directeur sees their partnership."""
    profile = profile_of(request.user)
    if profile is None:
        raise PermissionDenied(NO_ROLE)
    if profile.role == Role.RAADSLID:
        raise PermissionDenied(NO_DASHBOARD)
    organisation: Organisation | None = None
    if asked.organisation_id is not None:
        organisation = get_organisation_for_user(request.user, asked.organisation_id)
    elif profile.role not in (Role.BEHEERDER, Role.DIRECTEUR):
        organisation = profile.organisation
    choices = (
        list(organisations_for_user(request.user).only("pk", "name"))
        if profile.role in (Role.BEHEERDER, Role.DIRECTEUR)
        else []
    )
    dashboard = build_dashboard(
        partnerships_for_user(request.user),
        organisation=organisation,
        today=timezone.localdate(),
        options=asked.options,
        page=page,
    )
    return dashboard, profile, choices


# The orders that start ascending when their column is clicked; the others start with the
# highest value.
ASCENDING_FIRST = ("naam", "status", "evaluatie")
# The orders offered in the filter form: a phone shows cards, without column headers to click.
SORT_CHOICES = [
    ("naam", "Naam"),
    ("-score", "Totaal, hoogste eerst"),
    ("score", "Totaal, laagste eerst"),
    ("status", "Status huidige ronde"),
    ("evaluatie", "Volgende evaluatie, eerste eerst"),
    ("-stappen", "Meeste open vervolgstappen"),
]


def _sort_choices(current: str) -> list[tuple[str, str]]:
    """SORT_CHOICES, and the current order first when it is another (a theme's column)."""
    if current in dict(SORT_CHOICES):
        return SORT_CHOICES
    return [(current, "Zoals gekozen in de tabel"), *SORT_CHOICES]


def _sort_links(params: QueryDict, dashboard: Dashboard) -> dict[str, dict[str, str]]:
    """Per sortable column: the link that sorts by it (again: reversed) and its aria-sort."""
    keys = [*SORT_KEYS, *(c.code for c in dashboard.columns)]
    links = {}
    current = dashboard.sort
    for key in keys:
        query = params.copy()
        default = key if key in ASCENDING_FIRST else f"-{key}"
        if current.lstrip("-") == key:
            query["sorteer"] = key if current.startswith("-") else f"-{key}"
            aria = "descending" if current.startswith("-") else "ascending"
        else:
            query["sorteer"] = default
            aria = ""
        query.pop("pagina", None)  # a new order starts at the first page
        links[key] = {"query": query.urlencode(), "aria": aria}
    return links


def _page_query(params: QueryDict, number: int) -> str:
    """The current query string (filters, order) pointing at page `number`."""
    query = params.copy()
    query["pagina"] = str(number)
    return query.urlencode()


def _page_links(params: QueryDict, page: Page[Any]) -> list[dict[str, object]]:
    """Links to the pages of the overview, keeping the filters and the order."""
    return [
        {
            "number": number,
            "query": _page_query(params, number),
            "current": number == page.number,
        }
        if isinstance(number, int)
        else {"ellipsis": True}  # Paginator.ELLIPSIS
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]


def _coming_scope(data: Dashboard) -> QuerySet[Partnership]:
    """The partnerships whose coming moments the overview shows: the rows on this page, so
    the list follows the filters and the order, and stays as short as the page."""
    return Partnership.objects.filter(pk__in=[row.pk for row in data.rows]).order_by("name")


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    asked = _parse(request.GET)
    data, profile, organisations = _dashboard_for(
        request, asked, page=request.GET.get("pagina", "")
    )
    page = data.page
    assert page is not None  # a page was asked for
    links = _sort_links(request.GET, data)
    export = request.GET.copy()
    export.pop("pagina", None)
    options = asked.options
    filters = {"q": options.q, "status": options.state, "vorm": options.model}
    return render(
        request,
        "assessments/dashboard.html",
        {
            "dashboard": data,
            "page": page,
            "page_links": _page_links(request.GET, page) if page.paginator.num_pages > 1 else [],
            "previous_page_query": (
                _page_query(request.GET, page.previous_page_number()) if page.has_previous() else ""
            ),
            "next_page_query": (
                _page_query(request.GET, page.next_page_number()) if page.has_next() else ""
            ),
            "profile": profile,
            "organisations": organisations,
            "selected_organisation": str(asked.organisation_id or ""),
            "sort_links": links,
            "column_groups": [
                (group, [(c, links[c.code]) for c in group.columns]) for group in data.column_groups
            ],
            "state_choices": STATE_CHOICES,
            "sort_choices": _sort_choices(data.sort),
            "model_choices": MODEL_CHOICES,
            "filters": {**filters, "te_laat": options.overdue},
            "is_filtered": any(filters.values()) or options.overdue,
            "export_query": export.urlencode(),
            "coming": coming_for(_coming_scope(data), data.today),
            "bbv_organisation": (
                data.organisation
                if data.organisation is not None
                and may_read_bbv(request.user, data.organisation.pk)
                else None
            ),
        },
    )


@login_required
@require_GET
def dashboard_export_xlsx(request: HttpRequest) -> HttpResponse:
    data, _, _ = _dashboard_for(request, _parse(request.GET), page=None)
    return attachment(
        dashboard_xlsx(data),
        filename=f"regiespiegel-overzicht-{data.today.isoformat()}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )


@login_required
@require_GET
def partnership_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, pk)
    # the evaluation text, its warning and the Wgr check read the same clauses: once
    prefetch_related_objects([partnership], "wgr_clauses")
    profile = profile_of(request.user)
    overview = build_partnership_overview(
        partnership,
        today=timezone.localdate(),
        # an organisation's own people read their own score next to the round's
        organisation=profile.organisation if profile is not None else None,
    )
    current = overview.current_round
    return render(
        request,
        "assessments/dashboard_partnership.html",
        {
            "overview": overview,
            "partnership": partnership,
            "can_open_round": can_open_rounds(request.user, partnership),
            "can_manage_steps": current is not None
            and can_manage_next_steps(request.user, current),
            "coming": coming_for([partnership], timezone.localdate(), show_names=False),
            "evaluation_text": evaluation_text(partnership),
            "evaluation_warning": evaluation_warning(partnership),
        },
    )
