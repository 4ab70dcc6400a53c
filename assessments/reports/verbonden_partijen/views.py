"""The organisation's paragraaf verbonden partijen: a page to read it and choose the year,
and the Word and Excel downloads. For the organisation's griffier, gemeentesecretaris and
contramal, and a beheerder (partnerships.access.get_bbv_organisation_for_user)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify

from assessments.cells import XLSX_CONTENT_TYPE
from assessments.downloads import attachment
from partnerships.access import can_edit_bbv, get_bbv_organisation_for_user
from partnerships.bbv import MSG_YEAR, year_in_range
from partnerships.forms_bbv import YearForm
from partnerships.models import Organisation, Participation

from .content import Paragraaf, build_paragraaf
from .docx import DOCX_CONTENT_TYPE, paragraaf_docx
from .xlsx import paragraaf_xlsx


def paragraaf_filename(paragraaf: Paragraaf, extension: str) -> str:
    name = slugify(f"verbonden-partijen-{paragraaf.organisation}-{paragraaf.year}")
    return f"{name[:80]}.{extension}"


def _paragraaf(request: HttpRequest, pk: int, year: int) -> Paragraaf:
    organisation = get_bbv_organisation_for_user(request.user, pk)
    if not year_in_range(year):
        raise Http404(MSG_YEAR)
    return build_paragraaf(organisation, year)


@login_required
def paragraaf_start(request: HttpRequest, pk: int) -> HttpResponse:
    """The year chosen in the page's form (GET ?jaar=), else the current year."""
    organisation = get_bbv_organisation_for_user(request.user, pk)
    form = YearForm(request.GET or None)
    if request.GET and not form.is_valid():
        year = timezone.localdate().year
        return _page(request, organisation, year, form)
    year = form.cleaned_data["jaar"] if request.GET else timezone.localdate().year
    return redirect("assessments:verbonden_partijen", organisation.pk, year)


@login_required
def paragraaf_page(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    organisation = get_bbv_organisation_for_user(request.user, pk)
    if not year_in_range(year):
        raise Http404(MSG_YEAR)
    return _page(request, organisation, year, YearForm(initial={"jaar": year}))


def _page(
    request: HttpRequest, organisation: Organisation, year: int, form: YearForm
) -> HttpResponse:
    paragraaf = build_paragraaf(organisation, year)
    participations = (
        Participation.objects.filter(organisation=organisation)
        .select_related("partnership")
        .order_by("partnership__name")
    )
    return render(
        request,
        "assessments/verbonden_partijen.html",
        {
            "organisation": organisation,
            "year": year,
            "paragraaf": paragraaf,
            "form": form,
            "participations": participations,
            "may_edit": can_edit_bbv(request.user, organisation),
        },
    )


@login_required
def paragraaf_docx_download(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    paragraaf = _paragraaf(request, pk, year)
    return attachment(
        paragraaf_docx(paragraaf),
        filename=paragraaf_filename(paragraaf, "docx"),
        content_type=DOCX_CONTENT_TYPE,
    )


@login_required
def paragraaf_xlsx_download(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    paragraaf = _paragraaf(request, pk, year)
    return attachment(
        paragraaf_xlsx(paragraaf),
        filename=paragraaf_filename(paragraaf, "xlsx"),
        content_type=XLSX_CONTENT_TYPE,
    )
