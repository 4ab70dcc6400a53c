"""The start page, the overview over all partnerships and a partnership's dashboard (issue 7)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from assessments.access import can_manage_next_steps, editable_assessments_for_user
from assessments.cells import XLSX_CONTENT_TYPE
from assessments.constants import AssessmentStatus
from assessments.dashboard import (
    MODEL_CHOICES,
    STATE_CHOICES,
    Dashboard,
    RoundState,
    apply_view_options,
    build_dashboard,
    build_open_assessments,
    build_partnership_overview,
    first_open_steps,
)
from assessments.dashboard.exports import dashboard_xlsx
from assessments.downloads import attachment
from partnerships.access import (
    can_open_rounds,
    get_organisation_for_user,
    get_partnership_for_user,
    organisations_for_user,
    partnerships_for_user,
    profile_of,
)
from partnerships.constants import Role
from partnerships.models import Organisation, Profile
from principles.converters import clean_query, parse_id

# Rows per page of the overview, and open next steps listed under it. A municipality takes
# part in up to a hundred partnerships: a page of 25 stays readable (and fast: issue 8),
# the Excel export always holds every row and every step.
ROWS_PER_PAGE = 25
STEPS_SHOWN = 20
NO_ROLE = "Uw account heeft nog geen rol. Vraag de beheerder om uw account in te richten."


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Where each role starts: the overview, the partnership's dashboard or open work."""
    profile = profile_of(request.user)
    if profile is None:
        return render(request, "assessments/home.html", {"no_role": NO_ROLE}, status=200)
    if profile.role in (Role.GEMEENTESECRETARIS, Role.BEHEERDER):
        return redirect("assessments:dashboard")
    if profile.role == Role.DIRECTEUR:
        return redirect("assessments:partnership_dashboard", pk=profile.partnership_id)
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
        },
    )


def _dashboard_for(
    request: HttpRequest, *, complete: bool
) -> tuple[Dashboard, Profile, list[Organisation]]:
    """The overview for the signed-in user, filtered and sorted by the GET parameters.

    Organisation-bound roles see their own organisation; a beheerder sees every partnership
    or picks an organisation (?organisatie=pk); a directeur sees their partnership."""
    profile = profile_of(request.user)
    if profile is None:
        raise PermissionDenied(NO_ROLE)
    organisation: Organisation | None = None
    options = _view_options(request.GET)
    if "organisatie" in options:
        organisation = get_organisation_for_user(request.user, options["organisatie"])
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
        complete=complete,
    )
    apply_view_options(
        dashboard,
        sort=options["sorteer"],
        q=options["q"],
        state=options["status"],
        model=options["vorm"],
        overdue=options["te_laat"],
    )
    return dashboard, profile, choices


def _view_options(params: QueryDict) -> dict[str, object]:
    """The overview's filters from the query string. A filter value that is not one of the
    choices is ignored (the unfiltered overview shows); an organisation that is not a plain
    ASCII number ("²" passes str.isdigit but not int) is refused with 403."""
    options: dict[str, object] = {
        "sorteer": params.get("sorteer", "naam"),  # valid_sort falls back to the name
        "q": clean_query(params.get("q"), 100),
        "status": params.get("status", ""),
        "vorm": params.get("vorm", ""),
        "te_laat": params.get("te_laat") == "1",
    }
    if options["status"] not in {s.value for s in RoundState}:
        options["status"] = ""
    if options["vorm"] not in dict(MODEL_CHOICES):
        options["vorm"] = ""
    raw = params.get("organisatie", "")
    if raw:
        organisation = parse_id(raw)
        if organisation is None:
            raise PermissionDenied("Onbekende organisatie.")
        options["organisatie"] = organisation
    return options


def _sort_links(params: QueryDict, dashboard: Dashboard) -> dict[str, dict[str, str]]:
    """Per sortable column: the link that sorts by it (again: reversed) and its aria-sort."""
    keys = ["naam", "status", "score", "trend", "evaluatie", "stappen"]
    keys += [c.code for c in dashboard.columns]
    links = {}
    current = dashboard.sort
    for key in keys:
        query = params.copy()
        ascending_first = key in ("naam", "status", "evaluatie")
        default = key if ascending_first else f"-{key}"
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


def _page_links(params: QueryDict, page: Page) -> list[dict[str, object]]:
    """Links to the pages of the overview, keeping the filters and the order."""
    return [
        {"ellipsis": True}
        if number == page.paginator.ELLIPSIS
        else {
            "number": number,
            "query": _page_query(params, number),
            "current": number == page.number,
        }
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    data, profile, organisations = _dashboard_for(request, complete=False)
    options = _view_options(request.GET)
    links = _sort_links(request.GET, data)
    export = request.GET.copy()
    export.pop("pagina", None)
    export_query = export.urlencode()
    page = Paginator(data.rows, ROWS_PER_PAGE).get_page(request.GET.get("pagina"))
    data.fill(page.object_list)  # scores, cells and steps for the rows on this page only
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
            "steps_shown": first_open_steps(data, STEPS_SHOWN),
            "profile": profile,
            "organisations": organisations,
            "selected_organisation": str(options.get("organisatie", "")),
            "sort_links": links,
            "column_links": [(c, links[c.code]) for c in data.columns],
            "state_choices": STATE_CHOICES,
            "model_choices": MODEL_CHOICES,
            "filters": {k: options[k] for k in ("q", "status", "vorm", "te_laat")},
            "is_filtered": any(options[k] for k in ("q", "status", "vorm", "te_laat")),
            "export_query": export_query,
        },
    )


@login_required
@require_GET
def dashboard_export_xlsx(request: HttpRequest) -> HttpResponse:
    data, _, _ = _dashboard_for(request, complete=True)
    return attachment(
        dashboard_xlsx(data),
        filename=f"regiespiegel-overzicht-{data.today.isoformat()}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )


@login_required
@require_GET
def partnership_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, pk)
    overview = build_partnership_overview(partnership, today=timezone.localdate())
    current = overview.current_round
    return render(
        request,
        "assessments/dashboard_partnership.html",
        {
            "overview": overview,
            "partnership": partnership,
            "can_open_round": can_open_rounds(request.user, partnership),
            "can_manage_steps": bool(current) and can_manage_next_steps(request.user, current),
        },
    )
