"""One respondent's assessment: the list, the form per theme, saving as you go, submitting,
reopening, the results and the exports.

Views are thin: permission-scoped fetch (assessments.access) -> form -> service/selector ->
render or redirect. Every page works without JavaScript; htmx only saves items as you go.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from assessments.access import can_edit_assessment, can_manage_next_steps, get_assessment_for_user
from assessments.cells import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from assessments.constants import MSG_NOT_APPLICABLE
from assessments.downloads import attachment
from assessments.models import Assessment
from partnerships.selectors_documents import document_choices

from . import exports, selectors, services
from .audit import assessment_history
from .checklist import CHECKLIST_CODE, ChecklistForm, checklist_form, checklist_save
from .forms import SCALE, AnswerForm, ReopenForm, answer_form
from .listing import assessment_list_for_user
from .results import assessment_results as assessment_results_of

MSG_THEME_NOT_APPLICABLE = "Thema {code} hoort niet bij deze zelfevaluatie."
MSG_SAVED = "Uw antwoorden bij thema {code} zijn opgeslagen."
MSG_CONFLICTS = (
    "Niet alles is opgeslagen: iemand anders heeft intussen {n} antwoord(en) op deze pagina "
    "gewijzigd. Die ziet u hieronder; de rest is wel opgeslagen."
)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _error(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    """A refused request: a small fragment for htmx, a page otherwise; nothing was saved."""
    template = (
        "assessments/includes/answer_status.html"
        if _is_htmx(request)
        else "assessments/assessment_error.html"
    )
    return render(request, template, {"error": message, "status": status}, status=status)


def _can_edit_now(request: HttpRequest, assessment: Assessment) -> bool:
    return not assessment.is_submitted and can_edit_assessment(request.user, assessment)


# --- List and overview ------------------------------------------------------------------


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    data = assessment_list_for_user(request.user)
    return render(
        request, "assessments/assessment_list.html", {"data": data, "today": timezone.localdate()}
    )


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    state = selectors.assessment_state(assessment)
    events = list(assessment.events.select_related("user").order_by("-at"))
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "state": state,
            "events": events,
            "history": assessment_history(assessment),
            "can_edit": can_edit_assessment(request.user, assessment),
            "editable": _can_edit_now(request, assessment),
        },
    )


# --- The form ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FormRow:
    """One item of a theme page: the recommendation, its form and a conflict on saving."""

    item: selectors.FormItem
    form: AnswerForm
    conflict: services.SaveResult | None = None
    # The A2.5 item's check of the regeling, topic by topic (None on every other item).
    checklist: ChecklistForm | None = None


def _form_rows(
    page: selectors.ThemePage,
    data: Mapping[str, Any] | None = None,
    conflicts: Mapping[str, services.SaveResult] | None = None,
    bound: Collection[str] | None = None,
) -> list[FormRow]:
    """The page's forms, bound to `data` (only the items in `bound`, when given) except where
    saving met a conflict: those, and the items not bound, show what is stored now."""
    conflicts = conflicts or {}
    assessment = page.state.assessment
    documents = document_choices(assessment.round.partnership_id)

    def bind(code: str) -> Mapping[str, Any] | None:
        keep = code not in conflicts and (bound is None or code in bound)
        return data if keep else None

    checklist = None
    if any(item.code == CHECKLIST_CODE for item in page.items):
        hidden = page.state.applicability.hidden_practical()
        checklist = checklist_form(assessment, hidden, bind(CHECKLIST_CODE))
    return [
        FormRow(
            item=item,
            form=answer_form(item.code, item.answer, bind(item.code), documents=documents),
            conflict=conflicts.get(item.code),
            checklist=checklist if item.code == CHECKLIST_CODE else None,
        )
        for item in page.items
    ]


def _theme_context(
    request: HttpRequest,
    assessment: Assessment,
    page: selectors.ThemePage,
    rows: list[FormRow],
    conflicts: Mapping[str, services.SaveResult] | None = None,
) -> dict[str, object]:
    return {
        "assessment": assessment,
        "page": page,
        "rows": rows,
        "scale": SCALE,
        "editable": _can_edit_now(request, assessment),
        "conflicts": list((conflicts or {}).values()),
        "taken_over": sum(1 for i in page.items if i.answer and i.answer.is_taken_over),
    }


def _save_valid_items(
    request: HttpRequest,
    assessment: Assessment,
    page: selectors.ThemePage,
    rows: list[FormRow],
) -> tuple[set[str], list[services.SaveResult]]:
    """Save every item of the page whose form is valid, as saving as you go would have; the
    invalid ones are left as they are stored. Returns the codes not saved and the results.
    Raises AssessmentLocked or ItemNotApplicable (nothing saved)."""
    forms = {row.item.code: row.form for row in rows}
    checklist = next((row.checklist for row in rows if row.checklist), None)
    invalid = {c for c, form in forms.items() if not form.is_valid()}
    if checklist is not None and not checklist.is_valid():
        invalid.add(CHECKLIST_CODE)  # the A2.5 answer and its checklist: both or neither
    while True:
        try:
            with transaction.atomic():
                results = services.answers_save_theme(
                    assessment=assessment,
                    theme=page.theme.code,
                    data={c: f.to_input() for c, f in forms.items() if c not in invalid},
                    user=request.user,
                    applic=page.state.applicability,
                )
                if checklist is not None and CHECKLIST_CODE not in invalid and checklist.is_sent():
                    checklist_save(
                        assessment=assessment, entries=checklist.entries(), user=request.user
                    )
            return invalid, results
        except services.AnswerInvalid as exc:  # a rule only the service knows; try the rest
            forms[exc.code].add_error(None, exc.message)
            invalid.add(exc.code)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_theme(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, edit=request.method == "POST")
    page = selectors.theme_page(assessment, code)
    if page is None:
        return _error(request, MSG_THEME_NOT_APPLICABLE.format(code=code), status=404)
    template = "assessments/assessment_theme.html"
    if request.method == "GET":
        return render(
            request, template, _theme_context(request, assessment, page, _form_rows(page))
        )

    if assessment.is_submitted:
        return _error(request, services.MSG_LOCKED, status=400)
    rows = _form_rows(page, request.POST)
    try:
        invalid, results = _save_valid_items(request, assessment, page, rows)
    except services.AssessmentLocked as exc:
        return _error(request, exc.message, status=400)
    except services.ItemNotApplicable as exc:
        return _error(request, exc.message, status=404)

    conflicts = {r.code: r for r in results if r.conflict}
    if invalid or conflicts:
        fresh = selectors.theme_page(assessment, code)
        if fresh is None:  # the partnership changed meanwhile and the theme no longer applies
            return _error(request, MSG_THEME_NOT_APPLICABLE.format(code=code), status=404)
        if not invalid:
            messages.warning(request, MSG_CONFLICTS.format(n=len(conflicts)))
        # What was not saved keeps what the user sent, with its errors; the rest shows what
        # is stored now, so the next save starts from the current versions.
        errors = {row.item.code: row for row in rows if row.item.code in invalid}
        fresh_rows = [
            errors.get(row.item.code, row)
            for row in _form_rows(fresh, request.POST, conflicts, bound=())
        ]
        context = _theme_context(request, assessment, fresh, fresh_rows, conflicts)
        context["unsaved"] = [row.item for row in fresh_rows if row.item.code in invalid]
        context["others_saved"] = any(
            row.item.answer is not None
            for row in fresh_rows
            if row.item.code not in invalid and row.item.code not in conflicts
        )
        return render(request, template, context, status=400 if invalid else 409)
    messages.success(request, MSG_SAVED.format(code=code))
    if "volgende" in request.POST:
        if page.next is not None:
            return redirect("assessments:theme", pk=assessment.pk, code=page.next.code)
        return redirect(reverse("assessments:detail", args=[assessment.pk]) + "#indienen")
    # Going back saves too: a choice made just before (autosave waits for it to settle)
    # would otherwise be lost with a plain link.
    if "vorige" in request.POST and page.previous is not None:
        return redirect("assessments:theme", pk=assessment.pk, code=page.previous.code)
    return redirect("assessments:theme", pk=assessment.pk, code=code)


@login_required
@require_POST
def answer_save(request: HttpRequest, pk: int, item: str) -> HttpResponse:
    """Save one item (htmx, on change). Without JavaScript: save and go back to the theme."""
    assessment = get_assessment_for_user(request.user, pk, edit=True)
    if assessment.is_submitted:
        return _error(request, services.MSG_LOCKED, status=400)
    state = selectors.assessment_state(assessment)
    if item not in state.applicable_codes:
        return _error(request, MSG_NOT_APPLICABLE.format(code=item), status=404)
    theme = request.POST.get("theme", "")
    applic_theme = state.applicability.theme(theme)
    if applic_theme is None or item not in applic_theme.items:
        theme = state.theme_of(item) or ""

    documents = document_choices(assessment.round.partnership_id)
    form = answer_form(item, state.answers.get(item), request.POST, documents=documents)
    checklist = None
    if item == CHECKLIST_CODE:
        checklist = checklist_form(assessment, state.applicability.hidden_practical(), request.POST)
    if not form.is_valid() or (checklist is not None and not checklist.is_valid()):
        if form.waits_for_nvt_explanation() and (checklist is None or checklist.is_valid()):
            # n.v.t. was chosen and the explanation is not written yet: not an error, the
            # next step. Nothing is saved until the explanation is there.
            return render(
                request,
                "assessments/includes/answer_status.html",
                {"waiting_nvt": True, "stored": state.answers.get(item)},
            )
        errors = [str(e) for errs in form.errors.values() for e in errs]
        if checklist is not None:
            errors += [str(e) for errs in checklist.errors.values() for e in errs]
        return _error(request, " ".join(errors), status=400)
    try:
        with transaction.atomic():  # the answer and the A2.5 checklist: both or neither
            result = services.answer_save(
                assessment=assessment,
                code=item,
                data=form.to_input(),
                user=request.user,
                applic=state.applicability,
            )
            if checklist is not None and checklist.is_sent():
                checklist_save(
                    assessment=assessment, entries=checklist.entries(), user=request.user
                )
    except services.AssessmentLocked as exc:
        return _error(request, exc.message, status=400)
    except services.ItemNotApplicable as exc:
        return _error(request, exc.message, status=404)
    except services.AnswerInvalid as exc:
        return _error(request, exc.message, status=400)

    status = 409 if result.conflict else 200
    theme_url = reverse("assessments:theme", args=[assessment.pk, theme])
    if not _is_htmx(request):
        if result.conflict:
            messages.warning(request, result.message)
        else:
            messages.success(request, f"Antwoord bij aanbeveling {item} is opgeslagen.")
        return redirect(f"{theme_url}#item-{selectors.item_slug(item)}")

    after = selectors.assessment_state(assessment) if result.saved else state
    progress = next((p for p in after.progress if p.code == theme), None)
    return render(
        request,
        "assessments/includes/answer_status.html",
        {
            "result": result,
            "slug": selectors.item_slug(item),
            "form": answer_form(item, result.answer, documents=documents) if result.saved else None,
            "state": after,
            "theme_progress": progress,
            "theme_url": theme_url,
            "theme": theme,
            "editable": True,
            "oob": True,
        },
        status=status,
    )


# --- Submit and reopen ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def assessment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, edit=True)
    template = "assessments/assessment_submit.html"
    if assessment.is_submitted:
        if request.method == "POST":
            return _error(request, services.MSG_ALREADY_SUBMITTED, status=400)
        messages.info(request, services.MSG_ALREADY_SUBMITTED)
        return redirect(assessment)
    if request.method == "GET":
        state = selectors.assessment_state(assessment)
        return render(request, template, {"assessment": assessment, "state": state})
    try:
        services.assessment_submit(assessment=assessment, user=request.user)
    except services.AssessmentIncomplete as exc:
        state = selectors.assessment_state(assessment)
        return render(
            request,
            template,
            {"assessment": assessment, "state": state, "error": exc.message},
            status=400,
        )
    except services.AssessmentLocked as exc:
        return _error(request, exc.message, status=400)
    messages.success(
        request, "De zelfevaluatie is ingediend. De antwoorden zijn nu alleen nog te lezen."
    )
    return redirect("assessments:results", pk=assessment.pk)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, edit=True)
    if not assessment.is_submitted:
        if request.method == "POST":
            return _error(request, services.MSG_NOT_SUBMITTED, status=400)
        messages.info(request, services.MSG_NOT_SUBMITTED)
        return redirect(assessment)
    form = ReopenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.assessment_reopen(
                    assessment=assessment, user=request.user, reason=form.cleaned_data["reason"]
                )
            except services.AssessmentError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "De zelfevaluatie is heropend. U kunt weer wijzigen.")
                return redirect(assessment)
    return render(
        request,
        "assessments/assessment_reopen.html",
        {"assessment": assessment, "form": form},
        status=status,
    )


# --- Results and exports ----------------------------------------------------------------


@login_required
def assessment_results(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    results = assessment_results_of(assessment)
    return render(
        request,
        "assessments/assessment_results.html",
        {
            "assessment": assessment,
            "results": results,
            "can_manage_steps": can_manage_next_steps(request.user, assessment.round),
        },
    )


@login_required
def assessment_export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    return attachment(
        exports.answers_csv(assessment),
        filename=exports.filename(assessment, "csv"),
        content_type=CSV_CONTENT_TYPE,
    )


@login_required
def assessment_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    return attachment(
        exports.assessment_xlsx(assessment),
        filename=exports.filename(assessment, "xlsx"),
        content_type=XLSX_CONTENT_TYPE,
    )
