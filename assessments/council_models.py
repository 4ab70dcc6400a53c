"""Council documents (raadsstukken) and the Word templates organisations upload for them.

Imported by assessments/models.py, so Django finds these models with the others. A draft
belongs to one round, one participating organisation and one kind; its history (who
generated or edited it, and when) is kept by HistoricalRecords. An organisation's template
is a file in the default storage, read by our code and never served from a media URL.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from partnerships.dates import validate_planning_date
from partnerships.models import Organisation
from partnerships.text import validate_plain_text

from .models import AssessmentRound
from .reports.council.constants import CouncilKind, ZienswijzeSubject


class CouncilDocument(models.Model):
    """The draft of one council document, as generated and then edited by the griffie."""

    round = models.ForeignKey(
        AssessmentRound,
        on_delete=models.CASCADE,
        related_name="council_documents",
        verbose_name="ronde",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="council_documents",
        verbose_name="organisatie",
    )
    kind = models.CharField("soort", max_length=30, choices=CouncilKind.choices)
    title = models.CharField("titel", max_length=300, validators=[validate_plain_text])
    # [{"key": "aanleiding", "title": "Aanleiding", "text": "..."}, ...] in document order.
    sections = models.JSONField("onderdelen", default=list)
    # Only for a zienswijze: what it is about, and when the draft came in.
    subject = models.CharField(
        "onderwerp van de zienswijze",
        max_length=30,
        choices=ZienswijzeSubject.choices,
        blank=True,
        default="",
    )
    received_on = models.DateField(
        "ontvangen op", null=True, blank=True, validators=[validate_planning_date]
    )
    generated_at = models.DateTimeField("opgesteld op")
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # True once someone changed the generated text: regenerating then asks first.
    is_edited = models.BooleanField("bewerkt", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "raadsstuk"
        verbose_name_plural = "raadsstukken"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation", "kind"], name="council_document_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CouncilKind.values), name="council_document_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(subject__in=["", *ZienswijzeSubject.values]),
                name="council_document_subject_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def section_list(self) -> list[dict[str, Any]]:
        return [dict(s) for s in self.sections if isinstance(s, dict)]


def council_template_path(instance: "CouncilTemplate", filename: str) -> str:
    """Where the storage keeps a template: one folder per organisation, our own file name
    (the uploaded name is kept in `original_name`, never used as a path)."""
    kind = instance.kind or "alle"
    return f"raadsstuk-sjablonen/{instance.organisation_id}/{kind}.docx"


class CouncilTemplate(models.Model):
    """An organisation's own Word template (its huisstijl) for one kind, or for all kinds."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="council_templates",
        verbose_name="organisatie",
    )
    # Empty: for every kind that has no template of its own.
    kind = models.CharField(
        "soort", max_length=30, choices=CouncilKind.choices, blank=True, default=""
    )
    file = models.FileField("sjabloon", upload_to=council_template_path, max_length=300)
    original_name = models.CharField(
        "oorspronkelijke bestandsnaam", max_length=255, validators=[validate_plain_text]
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField("geüpload op", auto_now=True)

    class Meta:
        verbose_name = "sjabloon voor raadsstukken"
        verbose_name_plural = "sjablonen voor raadsstukken"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind"], name="council_template_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["", *CouncilKind.values]),
                name="council_template_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display() or 'alle soorten'}"
