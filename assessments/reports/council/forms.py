"""The forms of the council document pages: generate, edit, upload a template."""

from typing import Any

from django import forms

from assessments.council_models import CouncilDocument
from partnerships.dates import validate_planning_date
from partnerships.form_rules import CheckedInputMixin

from .constants import CouncilKind, ZienswijzeSubject
from .content import ZienswijzeOptions
from .services import MAX_SECTION_LENGTH
from .word_templates import MAX_TEMPLATE_BYTES


class GenerateForm(CheckedInputMixin, forms.Form):
    """Generate a draft; a zienswijze asks what it is about and when that came in."""

    subject = forms.ChoiceField(
        label="Waarover gaat de zienswijze?",
        choices=ZienswijzeSubject.choices,
        initial=ZienswijzeSubject.ONTWERPBEGROTING,
        widget=forms.RadioSelect,
        required=False,
    )
    received_on = forms.DateField(
        label="Ontvangen op (niet verplicht)",
        required=False,
        validators=[validate_planning_date],
        help_text="De brief noemt dan de laatste dag van de termijn.",
        widget=forms.DateInput(
            attrs={
                "type": "date",
                "class": "form-control",
                "aria-describedby": "id_received_on_hulp",
            },
            format="%Y-%m-%d",
        ),
    )
    # Set by the confirmation page: overwrite the edited draft.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind != CouncilKind.ZIENSWIJZE:
            del self.fields["subject"]
            del self.fields["received_on"]

    def clean_subject(self) -> str:
        subject: str = self.cleaned_data.get("subject") or ""
        if self.kind == CouncilKind.ZIENSWIJZE and not subject:
            raise forms.ValidationError("Kies waarover de zienswijze gaat.")
        return subject

    def options(self) -> ZienswijzeOptions | None:
        if self.kind != CouncilKind.ZIENSWIJZE:
            return None
        return ZienswijzeOptions(
            subject=self.cleaned_data["subject"], received_on=self.cleaned_data.get("received_on")
        )


class EditForm(CheckedInputMixin, forms.Form):
    """The draft's title and one text box per section, in document order."""

    title = forms.CharField(
        label="Titel", max_length=300, widget=forms.TextInput(attrs={"class": "form-control"})
    )

    def __init__(self, *args: Any, document: CouncilDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = document.title
        self.section_keys: list[str] = []
        for section in document.section_list():
            key = str(section["key"])
            self.section_keys.append(key)
            self.fields[f"sectie_{key}"] = forms.CharField(
                label=str(section["title"]),
                initial=section["text"],
                required=False,
                max_length=MAX_SECTION_LENGTH,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 8, "class": "form-control"}),
            )

    def texts(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"sectie_{key}"] for key in self.section_keys}

    def section_fields(self) -> list[forms.BoundField]:
        return [self[f"sectie_{key}"] for key in self.section_keys]


class TemplateUploadForm(CheckedInputMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Voor welk stuk?",
        choices=[("", "Alle soorten raadsstukken"), *CouncilKind.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    file = forms.FileField(
        label="Word-sjabloon (.docx)",
        help_text=f"Hoogstens {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(
            attrs={
                "class": "form-control",
                "aria-describedby": "id_file_hulp",
                "accept": ".docx,application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document",
            }
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError(
                "Kies een Word-document met de extensie .docx (geen .doc of .dotx)."
            )
        if upload.size > MAX_TEMPLATE_BYTES:
            raise forms.ValidationError(
                f"Het sjabloon is te groot. Het mag hoogstens "
                f"{MAX_TEMPLATE_BYTES // (1024 * 1024)} MB zijn."
            )
        return upload
