"""The forms of the document register: validation only, messages in Dutch. Storing goes
through partnerships.services_documents."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from .constants import DocumentKind
from .documents import (
    ACCEPT_ATTRIBUTE,
    MAX_DOCUMENT_MB,
    DetectedType,
    DocumentRefused,
    check_document,
)
from .form_rules import CheckedInputMixin
from .models_year import PartnershipDocument

MSG_FILE_OR_LINK = "Kies een bestand óf vul een link in, niet allebei."
MSG_NEITHER = "Kies een bestand of vul een link in naar de plek waar het document staat."
MSG_YEAR = "Vul een jaartal in tussen 2000 en 2100, bijvoorbeeld 2026."


class DocumentMetadataForm(CheckedInputMixin, forms.Form):
    """What is known of a document besides the file: kind, title, year, date, vindplaats,
    and (for a link) the address."""

    past_date_fields = ("document_date",)

    kind = forms.ChoiceField(
        label="Soort document",
        choices=DocumentKind.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    title = forms.CharField(
        label="Titel",
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        error_messages={"required": "Geef het document een titel."},
    )
    url = forms.URLField(
        label="Link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Bijvoorbeeld de regeling op lokaleregelgeving.overheid.nl.",
        widget=forms.URLInput(attrs={"class": "form-control", "aria-describedby": "id_url_hulp"}),
    )
    reference = forms.CharField(
        label="Vindplaats",
        required=False,
        max_length=300,
        help_text="Waar het officieel bekendgemaakt is, bijvoorbeeld ‘Gemeenteblad 2024, 12345’ "
        "of ‘Staatscourant 2023, 4567’.",
        widget=forms.TextInput(
            attrs={"class": "form-control", "aria-describedby": "id_reference_hulp"}
        ),
    )
    document_date = forms.DateField(
        label="Datum",
        required=False,
        help_text="De datum van vaststelling of van het document zelf.",
        widget=forms.DateInput(
            attrs={
                "type": "date",
                "class": "form-control",
                "aria-describedby": "id_document_date_hulp",
            },
            format="%Y-%m-%d",
        ),
        error_messages={"invalid": "Vul een geldige datum in, bijvoorbeeld 2026-03-31."},
    )
    year = forms.IntegerField(
        label="Jaar",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="Het begrotingsjaar of het jaar waarover het document gaat.",
        widget=forms.NumberInput(
            attrs={
                "class": "form-control",
                "inputmode": "numeric",
                "aria-describedby": "id_year_hulp",
            }
        ),
        error_messages={"invalid": MSG_YEAR, "min_value": MSG_YEAR, "max_value": MSG_YEAR},
    )

    def __init__(self, *args: Any, document: PartnershipDocument | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.document = document
        if document is not None:
            for name in ("kind", "title", "url", "reference", "document_date", "year"):
                self.fields[name].initial = getattr(document, name)
            if document.file:
                # An uploaded file stays a file: its address is not edited here.
                del self.fields["url"]

    def clean_url(self) -> str:
        url: str = self.cleaned_data.get("url") or ""
        if self.document is not None and not self.document.file and not url:
            raise forms.ValidationError("Een link-document heeft een link nodig.")
        return url


class DocumentAddForm(DocumentMetadataForm):
    """A new document: a file (checked from its content) or a link, exactly one."""

    file = forms.FileField(
        label="Bestand",
        required=False,
        help_text=f"PDF, Word, Excel of OpenDocument; hoogstens {MAX_DOCUMENT_MB} MB.",
        widget=forms.ClearableFileInput(
            attrs={
                "class": "form-control",
                "aria-describedby": "id_file_hulp",
                "accept": ACCEPT_ATTRIBUTE,
            }
        ),
    )
    field_order = ["kind", "title", "file", "url", "reference", "document_date", "year"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.detected: DetectedType | None = None

    def clean_file(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("file")
        if not upload:
            return None
        try:
            self.detected = check_document(upload, upload.size or 0, upload.name or "")
        except DocumentRefused as exc:
            raise forms.ValidationError(exc.message) from exc
        return upload

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        has_file = bool(data.get("file"))
        has_url = bool(data.get("url"))
        if "file" in self.errors:
            return data
        if has_file and has_url:
            self.add_error("url", MSG_FILE_OR_LINK)
        elif not has_file and not has_url and "url" not in self.errors:
            self.add_error("file", MSG_NEITHER)
        return data
