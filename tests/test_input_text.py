"""Control characters and bidi overrides are refused in every text field of every form, with
the same rule the CSV importer applies (partnerships/text.py).

The forms are found, not listed: every form class defined in the project's apps must appear
in FORM_CASES below (or be an admin form, checked through the admin, or a login/password
form), so a new form cannot silently skip the rule."""

import importlib
import pkgutil
from collections.abc import Callable

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from assessments.action_plan.forms import NextStepForm
from assessments.council_models import CouncilDocument
from assessments.models import NextStep
from assessments.questionnaire.checklist import ChecklistForm, Topic
from assessments.questionnaire.forms import AnswerForm, ReopenForm
from assessments.questionnaire.panel.forms import InviteForm, RaadAnswerForm
from assessments.reports.council.forms import EditForm, GenerateForm, TemplateUploadForm
from assessments.rounds.forms import RoundCreateForm, RoundNextForm, _PeriodForm
from assessments.rounds.selectors import invitation_options
from partnerships.constants import Role
from partnerships.csv_parse import ImportFailed
from partnerships.forms import (
    BodyForm,
    ImportConfirmForm,
    ImportForm,
    ParticipationForm,
    PartnershipFilterForm,
    PartnershipForm,
    SeatForm,
)
from partnerships.forms_bbv import VerbondenPartijForm, YearForm
from partnerships.forms_calendar import CalendarYearForm
from partnerships.forms_documents import DocumentAddForm, DocumentMetadataForm
from partnerships.forms_wgr import WgrForm
from partnerships.importer import import_partnerships
from partnerships.models import Body, Partnership, Person, VerbondenPartijFacts
from partnerships.text import (
    FORBIDDEN_CHARACTERS,
    MSG_FORBIDDEN_CHARACTER,
    first_forbidden_character,
    validate_plain_text,
)
from partnerships.wgr_services import wgr_check_for
from tests.factories import make_organisation, make_partnership, make_round, make_user
from tests.partnerships.test_partnership_views import page_data

pytestmark = pytest.mark.django_db

# config/ holds settings, URLs and WSGI (no forms); importing its settings modules would
# only run their environment checks.
PROJECT_APPS = ("partnerships", "assessments", "principles")
BAD = {"vertical tab": "\x0b", "right-to-left override": "\u202e"}
ALLOWED = "Regel één\r\nRegel twee\tmet tab — ✓ 𝔘"


def _message(character: str) -> str:
    return MSG_FORBIDDEN_CHARACTER.format(code=f"U+{ord(character):04X}")


# --- The character set ----------------------------------------------------------------------


def test_the_set_holds_control_characters_and_bidi_overrides_but_not_tab_or_newline():
    expected = (
        {chr(c) for c in range(0x20)} - set("\t\n\r")
        | {"\x7f"}
        | {chr(c) for c in range(0x202A, 0x202F)}
        | {chr(c) for c in range(0x2066, 0x206A)}
    )
    assert expected == FORBIDDEN_CHARACTERS
    assert first_forbidden_character(ALLOWED) is None
    assert first_forbidden_character("a\u2069b\x00") == "\u2069"
    validate_plain_text(ALLOWED)


# --- Every form of the project ------------------------------------------------------------


@pytest.fixture
def world(gids):
    partnership = make_partnership("Regio Tekst", participants=["Gemeente Aalstad"])
    return {"partnership": partnership, "round": make_round(partnership, period="2026")}


FormFactory = Callable[[dict, dict | None], forms.BaseForm]

FORM_CASES: dict[type, FormFactory] = {
    PartnershipForm: lambda w, data: PartnershipForm(data, instance=Partnership()),
    ParticipationForm: lambda w, data: ParticipationForm(data),
    BodyForm: lambda w, data: BodyForm(data),
    SeatForm: lambda w, data: SeatForm(data, partnership=w["partnership"]),
    DocumentAddForm: lambda w, data: DocumentAddForm(data),
    ChecklistForm: lambda w, data: ChecklistForm(
        data, topics=[Topic(1, "A2.5-1.1", "Het doel van de samenwerking.")], stored=[]
    ),
    DocumentMetadataForm: lambda w, data: DocumentMetadataForm(data),
    PartnershipFilterForm: lambda w, data: PartnershipFilterForm(
        data, partnerships=Partnership.objects.all()
    ),
    ImportForm: lambda w, data: ImportForm(data),
    ImportConfirmForm: lambda w, data: ImportConfirmForm(data),
    AnswerForm: lambda w, data: AnswerForm(data, prefix="A1_1"),
    ReopenForm: lambda w, data: ReopenForm(data),
    InviteForm: lambda w, data: InviteForm(data),
    RaadAnswerForm: lambda w, data: RaadAnswerForm(data),
    NextStepForm: lambda w, data: NextStepForm(data, bodies=Body.objects.all()),
    _PeriodForm: lambda w, data: _PeriodForm(data, partnership_id=w["partnership"].pk),
    RoundCreateForm: lambda w, data: RoundCreateForm(
        data,
        partnership_id=w["partnership"].pk,
        options=invitation_options(w["partnership"]),
    ),
    RoundNextForm: lambda w, data: RoundNextForm(data, previous=w["round"]),
    GenerateForm: lambda w, data: GenerateForm(data, kind="zienswijze"),
    EditForm: lambda w, data: EditForm(
        data,
        document=CouncilDocument(
            title="Raadsvoorstel", sections=[{"key": "vervolg", "title": "Vervolg", "text": "x"}]
        ),
    ),
    TemplateUploadForm: lambda w, data: TemplateUploadForm(data),
    VerbondenPartijForm: lambda w, data: VerbondenPartijForm(
        data,
        instance=VerbondenPartijFacts(
            participation=w["partnership"].participations.get(), year=2026
        ),
    ),
    YearForm: lambda w, data: YearForm(data),
    CalendarYearForm: lambda w, data: CalendarYearForm(
        data, partnership=w["partnership"], year=2026
    ),
    WgrForm: lambda w, data: WgrForm(data, check=wgr_check_for(w["partnership"])),
}


def _project_form_classes() -> set[type]:
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations." not in info.name:
                importlib.import_module(info.name)
    found: set[type] = set()
    todo = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in PROJECT_APPS:
            found.add(cls)
    return found


def _admin_form_classes() -> set[type]:
    classes = set()
    for model_admin in admin.site._registry.values():
        classes.add(model_admin.form)
        classes.update(inline.form for inline in model_admin.inlines)
    return classes


def test_every_form_class_of_the_project_is_checked():
    # Login and password forms store and show no text; they are left to Django's own rules.
    auth = (
        auth_forms.AuthenticationForm,
        auth_forms.PasswordChangeForm,
        auth_forms.SetPasswordForm,
        auth_forms.PasswordResetForm,
    )
    unchecked = {
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in _project_form_classes()
        if cls not in FORM_CASES and cls not in _admin_form_classes() and not issubclass(cls, auth)
    }
    assert unchecked == set(), "add these forms to FORM_CASES"


def _sample(field: forms.Field, character: str) -> str:
    """A value that passes the field's own checks but for the character."""
    if isinstance(field, forms.EmailField):
        return f'"a{character}b"@example.org'
    if isinstance(field, forms.URLField):
        return f"https://example.org/a{character}b"
    return f"Tekst{character}hier"


def _text_fields(form: forms.BaseForm) -> list[str]:
    return [name for name, field in form.fields.items() if isinstance(field, forms.CharField)]


@pytest.mark.parametrize("form_class", FORM_CASES, ids=lambda c: c.__name__)
@pytest.mark.parametrize("character", BAD.values(), ids=BAD.keys())
def test_every_text_field_refuses_the_character(world, form_class, character):
    unbound = FORM_CASES[form_class](world, None)
    names = _text_fields(unbound)
    data = {unbound.add_prefix(n): _sample(unbound.fields[n], character) for n in names}
    form = FORM_CASES[form_class](world, data)
    assert not form.is_valid() or not names
    refused = [name for name in names if _message(character) in form.errors.get(name, [])]
    assert refused == names


@pytest.mark.parametrize("form_class", FORM_CASES, ids=lambda c: c.__name__)
def test_tabs_newlines_and_other_scripts_stay_allowed(world, form_class):
    unbound = FORM_CASES[form_class](world, None)
    data = {unbound.add_prefix(name): ALLOWED for name in _text_fields(unbound)}
    form = FORM_CASES[form_class](world, data)
    form.is_valid()
    assert not any("onzichtbaar teken" in str(e) for e in form.errors.values())


def test_every_free_text_field_of_every_model_has_the_rule():
    """The admin and the services' full_clean go through the model fields."""
    missing = [
        f"{model._meta.label}.{field.name}"
        for app in ("partnerships", "assessments")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
        and not model.__name__.startswith("Historical")
        and model.__name__ != "PartnershipSummary"  # derived, never typed in
        and model.__name__ != "ReminderLog"  # written by send_reminders, never typed in
        and validate_plain_text not in field.validators
    ]
    assert missing == []


@pytest.mark.parametrize("character", BAD.values(), ids=BAD.keys())
def test_the_admin_forms_refuse_the_character(world, character):
    request = RequestFactory().get("/beheer/")
    request.user = make_user(Role.BEHEERDER)
    request.user.is_superuser = request.user.is_staff = True
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ("partnerships", "assessments"):
            continue
        form_class = model_admin.get_form(request)
        unbound = form_class()
        names = _text_fields(unbound)
        form = form_class({name: _sample(unbound.fields[name], character) for name in names})
        form.is_valid()
        for name in names:
            errors = form.errors.get(name, [])
            # An address with a control character is refused as no address at all.
            expected = isinstance(unbound.fields[name], forms.EmailField | forms.URLField) or (
                _message(character) in errors
            )
            assert errors and expected, (model, name)
            checked += 1
    assert checked >= 10


# --- Through the pages ---------------------------------------------------------------------


def test_a_next_step_with_a_vertical_tab_is_refused_and_the_export_keeps_working(client, world):
    round_ = world["round"]
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation="Gemeente Aalstad"))
    response = client.post(
        reverse("assessments:next_step_create", args=[round_.pk]),
        {"description": "Kaders\x0bopstellen", "owner": "Griffie", "status": "open"},
    )
    assert _message("\x0b") in response.content.decode()
    assert not NextStep.objects.exists()
    assert client.get(reverse("assessments:dashboard_export")).status_code == 200


def test_the_partnership_page_refuses_a_bidi_override_in_a_member_name(client, gids):
    aalstad = make_organisation("Gemeente Aalstad")
    partnership = make_partnership("Regio Namen", participants=[aalstad])
    client.force_login(make_user(Role.CONTRAMAL, organisation=aalstad))
    data = page_data(partnership)
    data["description"] = "Gewone omschrijving\r\nmet twee regels"
    data["leden-0-body"] = ""
    data["leden-0-person_name"] = "Anna \u202eVoorzitter"
    response = client.post(reverse("partnerships:edit", args=[partnership.pk]), data)
    assert response.status_code == 200
    assert _message("\u202e") in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.description == ""
    assert not Person.objects.exists()


@pytest.mark.parametrize("character", ["\x0b", "\x7f", "\u202e", "\u2066"])
def test_the_importer_refuses_the_same_characters(gids, character):
    data = f"naam;vorm;deelnemers\nRegio{character}Import;openbaar lichaam;Gemeente A\n"
    with pytest.raises(ImportFailed) as failed:
        import_partnerships(data.encode())
    assert "ongeldig teken" in str(failed.value)
    assert not Partnership.objects.exists()
