"""The year of a partnership: its planning & control calendar (the moments the Wgr sets,
each overridable with the regeling's own date and source), the check of the regeling
against the Wgr, the document register, and each user's secret calendar feed.

The rules that derive from these rows (the default dates, which Wgr clauses a legal form
has, whether a file is what it claims to be) live in plain Python next to them:
``calendar.py``, ``wgr.py`` and ``documents.py``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .constants import CheckStatus, DocumentKind, MomentKind, WgrClauseCode
from .dates import validate_planning_date
from .models import Partnership
from .text import validate_plain_text

YEAR_RANGE = Q(year__gte=2000, year__lte=2100)


class CalendarMoment(models.Model):
    """A partnership's own date for one moment of one calendar year, with where it comes
    from; without a row the calendar uses the Wgr's default."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="calendar_moments"
    )
    kind = models.CharField("moment", max_length=30, choices=MomentKind.choices)
    # The calendar year the moment falls in (the kaders of 30 April 2027 are for the
    # begroting 2028, but belong to the calendar of 2027).
    year = models.PositiveSmallIntegerField("jaar")
    date = models.DateField("datum", validators=[validate_planning_date])
    source = models.CharField(
        "bron",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld ‘volgens de regeling, art. 24’ of ‘besluit AB van 3 maart’.",
        validators=[validate_plain_text],
    )
    note = models.CharField(
        "toelichting", max_length=300, blank=True, validators=[validate_plain_text]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "moment in de P&C-kalender"
        verbose_name_plural = "momenten in de P&C-kalender"
        ordering = ["partnership", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "kind", "year"], name="calendar_moment_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MomentKind.values), name="calendar_moment_kind_valid"
            ),
            models.CheckConstraint(condition=YEAR_RANGE, name="calendar_moment_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.get_kind_display()} {self.date:%Y-%m-%d}"


class WgrClause(models.Model):
    """One clause of the check of the regeling against the Wgr: ja / nee / onbekend, with
    the article of the regeling. Without a row a clause is ``onbekend``."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="wgr_clauses"
    )
    code = models.CharField("onderdeel", max_length=30, choices=WgrClauseCode.choices)
    status = models.CharField(
        "staat in de regeling",
        max_length=10,
        choices=CheckStatus.choices,
        default=CheckStatus.ONBEKEND,
    )
    article = models.CharField(
        "artikel",
        max_length=100,
        blank=True,
        help_text="Het artikel van de regeling, bijvoorbeeld ‘art. 9 lid 2’.",
        validators=[validate_plain_text],
    )
    note = models.CharField(
        "toelichting", max_length=500, blank=True, validators=[validate_plain_text]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "onderdeel van de Wgr-toets"
        verbose_name_plural = "onderdelen van de Wgr-toets"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="wgr_clause_unique"),
            models.CheckConstraint(
                condition=Q(code__in=WgrClauseCode.values), name="wgr_clause_code_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CheckStatus.values), name="wgr_clause_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.get_code_display()} — {self.get_status_display()}"


def document_path(instance: "PartnershipDocument", filename: str) -> str:
    """Where an uploaded file is stored: per partnership, under a name the storage makes
    unique. The original name is kept on the row, never trusted for the type."""
    return f"documenten/{instance.partnership_id}/{filename}"


class PartnershipDocument(models.Model):
    """A document in a partnership's register: an uploaded file or a link."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("soort", max_length=30, choices=DocumentKind.choices)
    title = models.CharField("titel", max_length=300, validators=[validate_plain_text])
    file = models.FileField("bestand", upload_to=document_path, max_length=300, blank=True)
    original_name = models.CharField(
        "oorspronkelijke bestandsnaam",
        max_length=255,
        blank=True,
        validators=[validate_plain_text],
    )
    # Detected from the file's content when it was uploaded (never from its name).
    content_type = models.CharField(
        "bestandstype", max_length=100, blank=True, validators=[validate_plain_text]
    )
    size = models.PositiveIntegerField("grootte (bytes)", null=True, blank=True)
    url = models.URLField("link", max_length=500, blank=True, validators=[validate_plain_text])
    reference = models.CharField(
        "vindplaats",
        max_length=300,
        blank=True,
        help_text="Bijvoorbeeld ‘Gemeenteblad 2024, 12345’.",
        validators=[validate_plain_text],
    )
    document_date = models.DateField(
        "datum", null=True, blank=True, validators=[validate_planning_date]
    )
    year = models.PositiveSmallIntegerField("jaar", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField("toegevoegd op", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documenten"
        ordering = ["partnership", "kind", "-year", "-document_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"
            ),
            # A document is a file or a link, never both and never neither.
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="document_file_or_link",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | YEAR_RANGE, name="document_year_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CalendarFeedToken(models.Model):
    """A user's secret calendar address. Revoking deletes the row; a new one gets a new
    token, so an address once shared stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "agenda-abonnement"
        verbose_name_plural = "agenda-abonnementen"

    def __str__(self) -> str:
        return f"agenda van {self.user}"
