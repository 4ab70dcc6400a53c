"""Forms for the partnership pages: validation only, messages in Dutch.

The structural rules come from partnerships/rules.py, the same ones the importer uses,
so a user never meets the database's own refusal.
"""

from typing import TYPE_CHECKING, Any, TypeVar, cast

from django import forms
from django.db.models import QuerySet
from django.forms.formsets import TOTAL_FORM_COUNT

from .constants import (
    NETWORK_FORMS,
    PARTNERSHIP_BODY_KINDS,
    WGR_FORMS,
    BodyKind,
    LegalForm,
    SeatRole,
)
from .form_rules import CheckedInputMixin
from .models import Body, Organisation, Participation, Partnership, Seat
from .rules import (
    MSG_DUPLICATE_BODY,
    MSG_DUPLICATE_PARTICIPANT,
    MSG_NO_PARTICIPANTS,
    MSG_PARTICIPANT_HAS_ASSESSMENTS,
    body_kind_error,
    centre_errors,
    cooperation_model_for,
    network_fact_errors_in,
    participant_kind_error,
)

MSG_OWN_ORGANISATION = (
    "{name} moet deelnemer zijn: u werkt namens deze organisatie en ziet alleen "
    "samenwerkingsverbanden waarin zij deelneemt."
)
MSG_CENTRE_HERE = "Alleen bij een centrumregeling is er een centrumgemeente."
MAX_IMPORT_BYTES = 2 * 1024 * 1024

# Caps on the rows of the edit page's formsets. Django builds one form per row the browser
# says it sends (up to 2000 by default), so without a cap a forged row count costs seconds
# and megabytes. The caps lie far above any real partnership: the largest gemeenschappelijke
# regeling has about 60 participants, a handful of bodies, and an AB with a member and a
# deputy per participant plus the DB and commissions (under 200 seats).
MAX_PARTICIPANTS = 100
MAX_BODIES = 20
MAX_SEATS = 300
MSG_TOO_MANY_ROWS = (
    "Te veel regels: u kunt hier hoogstens %(num)d {what} invullen. Er is niets opgeslagen."
)

Choice = tuple[str, str]

LEGAL_FORM_CHOICES: list[tuple[str, str | list[Choice]]] = [
    ("", "— kies een vorm —"),
    ("Gemeenschappelijke regeling (Wgr)", [(f.value, f.label) for f in WGR_FORMS]),
    ("Netwerksamenwerking", [(f.value, f.label) for f in NETWORK_FORMS]),
]


def _choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """A field the form builds as a choice field (from a model field with choices)."""
    return cast(forms.ChoiceField, form.fields[name])


def _model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """A field the form builds as a model choice field (from a foreign key)."""
    return cast(forms.ModelChoiceField[Any], form.fields[name])


def _without_blank(field: forms.ChoiceField) -> list[Choice]:
    """The field's choices without the blank one the model field adds."""
    # The setter turns the model field's choices into a list of pairs; the stubs type the
    # getter as anything the setter accepts.
    choices = cast(list[Choice], field.choices)
    return [c for c in choices if c[0]]


class PartnershipForm(CheckedInputMixin, forms.ModelForm[Partnership]):
    past_date_fields = ("last_evaluated_on",)

    evaluation_interval_years = forms.IntegerField(
        label="Evaluatie-interval volgens de regeling (jaren)",
        min_value=1,
        max_value=10,
        initial=4,
        help_text="Hoe vaak de regeling een evaluatie vraagt: 1 tot en met 10 jaar. De wet noemt "
        "geen termijn. Zegt de regeling niets, dan is 4 jaar (een raadsperiode) de standaard. "
        "Het artikel over evaluatie legt u vast in de Wgr-toets.",
    )

    class Meta:
        model = Partnership
        fields = [
            "name",
            "legal_form",
            "is_triple_helix",
            "is_chain",
            "network_weight",
            "council_powers",
            "philosophy",
            "is_statutory",
            "policy_domain",
            "regeling_reference",
            "evaluation_interval_years",
            "last_evaluated_on",
            "description",
        ]
        widgets = {
            "last_evaluated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "legal_form": "Een gemeenschappelijke regeling (Wgr) wordt getoetst aan deel A van de "
            "Gids, netwerksamenwerking en het gemeenschappelijk orgaan aan deel B.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "legal_form").choices = LEGAL_FORM_CHOICES
        philosophy = _choice_field(self, "philosophy")
        philosophy.choices = [("", "niet opgegeven")] + _without_blank(philosophy)

    def clean(self) -> dict[str, Any]:
        super().clean()  # a model form's clean() returns its cleaned_data
        cleaned = self.cleaned_data
        legal_form = cleaned.get("legal_form")
        if legal_form:
            for name, error in network_fact_errors_in(legal_form, cleaned).items():
                self.add_error(name, error)
            self.instance.cooperation_model = cooperation_model_for(legal_form)
        return cleaned


class ParticipationForm(CheckedInputMixin, forms.ModelForm[Participation]):
    organisation = forms.ModelChoiceField(
        label="Organisatie", queryset=Organisation.objects.all(), empty_label="— kies —"
    )

    class Meta:
        model = Participation
        fields = [
            "organisation",
            "since",
            "until",
            "voting_weight",
            "financial_contribution",
            "is_centre",
        ]
        widgets = {
            "since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"financial_contribution": "Bijdrage (€ per jaar)"}
        help_texts = {"is_centre": "Alleen bij een centrumregeling."}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "De einddatum ligt vóór de begindatum.")
        return cleaned

    def validate_unique(self) -> None:
        """The formset checks duplicates over all rows at once (ParticipationFormSet.clean)."""


_ModelFormT = TypeVar("_ModelFormT", bound=forms.ModelForm[Any])


def _is_deleted(formset: forms.BaseFormSet[Any], form: forms.BaseForm) -> bool:
    """Whether the row is marked for deletion, asked the way Django's formsets ask it."""
    # A private method, which the stubs leave out.
    return bool(formset._should_delete_form(form))  # type: ignore[attr-defined]


def _live_forms(formset: forms.BaseModelFormSet[Any, _ModelFormT]) -> list[_ModelFormT]:
    """Rows that will exist after saving: not deleted, and either stored or filled in."""
    return [
        form
        for form in formset.forms
        if hasattr(form, "cleaned_data")
        and not _is_deleted(formset, form)
        and (form.instance.pk is not None or form.has_changed())
    ]


# The type checker sees the mixin as a formset, so that the formset's own attributes and
# super().total_form_count() are typed; at run time it stays a plain mixin.
if TYPE_CHECKING:
    _FormSetBase = forms.BaseFormSet[Any]
else:
    _FormSetBase = object


class CappedFormSetMixin(_FormSetBase):
    """With more rows sent than `absolute_max`, rebuild only the stored rows: Django would
    otherwise still build (and the page show) `absolute_max` empty forms for a forged count.
    The formset stays invalid with the too_many_forms message."""

    def total_form_count(self) -> int:
        if self.is_bound and self.management_form.is_valid():
            # A valid management form always has the count (0 when sent empty).
            sent = self.management_form.cleaned_data[TOTAL_FORM_COUNT]
            if sent is not None and sent > self.absolute_max:
                return min(self.initial_form_count(), self.absolute_max)
        return super().total_form_count()


class BaseParticipationFormSet(
    CappedFormSetMixin, forms.BaseInlineFormSet[Participation, Partnership, ParticipationForm]
):
    """Participants of one partnership. Set `legal_form` (and `required_organisation`) first."""

    legal_form: str | None = None
    required_organisation: Organisation | None = None
    default_error_messages = {"too_many_forms": MSG_TOO_MANY_ROWS.format(what="deelnemers")}

    def validate_unique(self) -> None:
        """Duplicates are reported in clean(), in Dutch."""

    def clean(self) -> None:
        if any(form.errors for form in self.forms if not _is_deleted(self, form)):
            return
        errors: list[str] = []
        for form in self.forms:
            if (
                hasattr(form, "cleaned_data")
                and _is_deleted(self, form)
                and form.instance.pk
                and form.instance.assessments.exists()
            ):
                errors.append(
                    MSG_PARTICIPANT_HAS_ASSESSMENTS.format(name=form.instance.organisation)
                )
        live = _live_forms(self)
        seen: set[int] = set()
        for form in live:
            organisation = form.cleaned_data["organisation"]
            if organisation.pk in seen:
                form.add_error("organisation", MSG_DUPLICATE_PARTICIPANT.format(name=organisation))
            elif kind_error := participant_kind_error(
                self.legal_form or "", organisation.kind, organisation.name
            ):
                form.add_error("organisation", kind_error)
            seen.add(organisation.pk)
        if not live:
            errors.append(MSG_NO_PARTICIPANTS)
        if self.required_organisation and self.required_organisation.pk not in seen:
            errors.append(MSG_OWN_ORGANISATION.format(name=self.required_organisation))
        if self.legal_form:
            centres = [form for form in live if form.cleaned_data.get("is_centre")]
            if self.legal_form == LegalForm.CENTRUMREGELING:
                errors.extend(centre_errors(self.legal_form, len(centres)))
            else:
                for form in centres:
                    form.add_error("is_centre", MSG_CENTRE_HERE)
        if errors:
            raise forms.ValidationError(errors)


class BodyForm(CheckedInputMixin, forms.ModelForm[Body]):
    kind = forms.ChoiceField(
        label="Soort",
        choices=[("", "— kies —")] + [(k.value, k.label) for k in PARTNERSHIP_BODY_KINDS],
    )

    class Meta:
        model = Body
        fields = ["kind", "name"]

    def validate_unique(self) -> None:
        """The formset checks duplicates over all rows at once (BodyFormSet.clean)."""


class BaseBodyFormSet(CappedFormSetMixin, forms.BaseInlineFormSet[Body, Partnership, BodyForm]):
    """Bodies of the partnership itself. Set `legal_form` before validating."""

    legal_form: str | None = None
    default_error_messages = {"too_many_forms": MSG_TOO_MANY_ROWS.format(what="organen")}

    def validate_unique(self) -> None:
        """Duplicates are reported in clean(), in Dutch."""

    def clean(self) -> None:
        if any(form.errors for form in self.forms if not _is_deleted(self, form)):
            return
        seen: set[str] = set()
        for form in _live_forms(self):
            kind = form.cleaned_data["kind"]
            if kind != BodyKind.COMMISSIE and kind in seen:
                form.add_error("kind", MSG_DUPLICATE_BODY.format(kind=BodyKind(kind).label))
            seen.add(kind)
            error = body_kind_error(self.legal_form or "", kind)
            if error:
                form.add_error("kind", error)


def _organisation_name(participation: Participation) -> str:
    return participation.organisation.name


class SeatForm(CheckedInputMixin, forms.ModelForm[Seat]):
    person_name = forms.CharField(label="Naam", max_length=200)
    person_email = forms.EmailField(label="E-mailadres", required=False)

    class Meta:
        model = Seat
        fields = ["body", "person_name", "person_email", "role", "represents", "since", "until"]
        widgets = {
            "since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = _model_choice_field(self, "body")
        body.queryset = Body.objects.filter(partnership=partnership)
        body.empty_label = "— kies —"
        represents = _model_choice_field(self, "represents")
        represents.queryset = partnership.participations.select_related(
            "organisation", "partnership"
        )
        represents.empty_label = "niemand in het bijzonder"
        # This field's own labels; the stubs type label_from_instance as a method only.
        represents.label_from_instance = _organisation_name  # type: ignore[method-assign,assignment]
        self.fields["role"].initial = SeatRole.LID
        if self.instance.pk and self.instance.person_id:
            self.fields["person_name"].initial = self.instance.person.name
            self.fields["person_email"].initial = self.instance.person.email

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "De einddatum ligt vóór de begindatum.")
        return cleaned


class BaseSeatFormSet(CappedFormSetMixin, forms.BaseModelFormSet[Seat, SeatForm]):
    default_error_messages = {"too_many_forms": MSG_TOO_MANY_ROWS.format(what="leden")}

    def clean(self) -> None:
        if any(form.errors for form in self.forms if not _is_deleted(self, form)):
            return
        seen: set[tuple[int, str, str]] = set()
        for form in _live_forms(self):
            key = (
                form.cleaned_data["body"].pk,
                form.cleaned_data["person_name"].strip().lower(),
                form.cleaned_data["role"],
            )
            if key in seen:
                form.add_error(
                    "person_name", "Deze persoon heeft deze rol in dit orgaan al een keer."
                )
            seen.add(key)


# The factories return subclasses of the `formset` class given; the stubs type them as the
# plain Django base, so the casts name the class that the views set attributes on.
ParticipationFormSet = cast(
    type[BaseParticipationFormSet],
    forms.inlineformset_factory(
        Partnership,
        Participation,
        form=ParticipationForm,
        formset=BaseParticipationFormSet,
        max_num=MAX_PARTICIPANTS,
        absolute_max=MAX_PARTICIPANTS,
        validate_max=True,
        extra=3,
        can_delete=True,
        can_delete_extra=False,
    ),
)
BodyFormSet = cast(
    type[BaseBodyFormSet],
    forms.inlineformset_factory(
        Partnership,
        Body,
        fk_name="partnership",
        form=BodyForm,
        formset=BaseBodyFormSet,
        max_num=MAX_BODIES,
        absolute_max=MAX_BODIES,
        validate_max=True,
        extra=2,
        can_delete=True,
        can_delete_extra=False,
    ),
)
SeatFormSet = cast(
    type[BaseSeatFormSet],
    forms.modelformset_factory(
        Seat,
        form=SeatForm,
        formset=BaseSeatFormSet,
        max_num=MAX_SEATS,
        absolute_max=MAX_SEATS,
        validate_max=True,
        extra=3,
        can_delete=True,
        can_delete_extra=False,
    ),
)


def seats_queryset(partnership: Partnership) -> QuerySet[Seat]:
    return (
        Seat.objects.filter(body__partnership=partnership)
        .select_related("body", "person", "represents__organisation")
        .order_by("body__kind", "body__name", "role", "person__name")
    )


class PartnershipFilterForm(CheckedInputMixin, forms.Form):
    """The list's search and filters (GET)."""

    q = forms.CharField(label="Zoeken", required=False, max_length=100)
    vorm = forms.ChoiceField(label="Vorm", required=False)
    beleidsterrein = forms.ChoiceField(label="Beleidsterrein", required=False)
    deelnemer = forms.ModelChoiceField(
        label="Deelnemer", required=False, queryset=Organisation.objects.none(), empty_label="alle"
    )

    def __init__(self, *args: Any, partnerships: QuerySet[Partnership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "vorm").choices = [("", "alle"), *LEGAL_FORM_CHOICES[1:]]
        domains = (
            partnerships.exclude(policy_domain="")
            .order_by("policy_domain")
            .values_list("policy_domain", flat=True)
            .distinct()
        )
        _choice_field(self, "beleidsterrein").choices = [("", "alle")] + [(d, d) for d in domains]
        _model_choice_field(self, "deelnemer").queryset = Organisation.objects.filter(
            participations__partnership__in=partnerships
        ).distinct()
        # The widget's own input type, not an attribute: two type attributes are invalid HTML.
        self.fields["q"].widget.input_type = "search"
        self.fields["q"].widget.attrs.update(
            {"class": "form-control", "placeholder": "naam, deelnemer, terrein"}
        )
        for name in ("vorm", "beleidsterrein", "deelnemer"):
            self.fields[name].widget.attrs["class"] = "form-select"


class ImportForm(CheckedInputMixin, forms.Form):
    file = forms.FileField(
        label="CSV-bestand",
        help_text="UTF-8, gescheiden door ; of , met één kopregel. Zie de uitleg hieronder.",
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("Het bestand is groter dan 2 MB.")
        return upload


SHA256_HEX = r"^[0-9a-f]{64}$"


class ImportConfirmForm(CheckedInputMixin, forms.Form):
    """The second step of the upload: which file (its SHA-256, the content waits in the
    session) and which preview (its fingerprint) the beheerder confirms."""

    bestand = forms.RegexField(regex=SHA256_HEX, widget=forms.HiddenInput)
    controle = forms.RegexField(regex=SHA256_HEX, widget=forms.HiddenInput)
