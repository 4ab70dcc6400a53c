"""The BBV facts of a verbonden partij: per participation (organisation in partnership) and
year, what the paragraaf verbonden partijen of the begroting and the jaarstukken reports.

A partnership is a verbonden partij of an organisation only when the organisation has both a
bestuurlijk belang (a seat or votes) and a financieel belang (money at stake or a
liability), art. 1 BBV; both are derived from the facts below, never typed in twice.
The contramal enters the facts; simple_history keeps every version.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .constants import BBV_FIRST_YEAR, BBV_LAST_YEAR, BbvGroup, LegalForm
from .models import Participation, Partnership
from .text import validate_plain_text


def default_bbv_group(partnership: Partnership) -> str:
    """A partnership under the Wgr (every legal form but the network agreements) is a
    gemeenschappelijke regeling; a network is usually one of the "overige" parties."""
    network_forms = (LegalForm.CONVENANT, LegalForm.OVEREENKOMST, LegalForm.AFSPRAKENSET)
    if partnership.legal_form in network_forms:
        return BbvGroup.OVERIG
    return BbvGroup.GEMEENSCHAPPELIJKE_REGELING


class VerbondenPartijFacts(models.Model):
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="bbv_facts"
    )
    year = models.PositiveSmallIntegerField("jaar")
    bbv_group = models.CharField("groep (BBV)", max_length=30, choices=BbvGroup.choices)
    location = models.CharField(
        "vestigingsplaats", max_length=200, blank=True, validators=[validate_plain_text]
    )
    public_interest = models.TextField(
        "openbaar belang", blank=True, validators=[validate_plain_text]
    )
    seat = models.CharField(
        "bestuurlijk belang: zetel",
        max_length=300,
        blank=True,
        validators=[validate_plain_text],
    )
    votes = models.PositiveSmallIntegerField("bestuurlijk belang: stemmen", null=True, blank=True)
    contribution = models.DecimalField(
        "financieel belang: bijdrage (€)", max_digits=15, decimal_places=2, null=True, blank=True
    )
    liability = models.TextField(
        "financieel belang: aansprakelijkheid", blank=True, validators=[validate_plain_text]
    )
    equity_start = models.DecimalField(
        "eigen vermogen begin jaar (€)", max_digits=15, decimal_places=2, null=True, blank=True
    )
    equity_end = models.DecimalField(
        "eigen vermogen eind jaar (€)", max_digits=15, decimal_places=2, null=True, blank=True
    )
    debt_start = models.DecimalField(
        "vreemd vermogen begin jaar (€)", max_digits=15, decimal_places=2, null=True, blank=True
    )
    debt_end = models.DecimalField(
        "vreemd vermogen eind jaar (€)", max_digits=15, decimal_places=2, null=True, blank=True
    )
    result = models.DecimalField(
        "resultaat (€)", max_digits=15, decimal_places=2, null=True, blank=True
    )
    risks = models.TextField("risico's", blank=True, validators=[validate_plain_text])
    updated_at = models.DateTimeField("laatst gewijzigd", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gewijzigd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "verbonden partij (BBV-gegevens)"
        verbose_name_plural = "verbonden partijen (BBV-gegevens)"
        ordering = ["participation", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "year"],
                name="bbv_facts_unique",
                violation_error_message="Voor dit jaar zijn de gegevens er al.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=BBV_FIRST_YEAR, year__lte=BBV_LAST_YEAR),
                name="bbv_facts_year_in_range",
                violation_error_message=f"Kies een jaar van {BBV_FIRST_YEAR} tot en met "
                f"{BBV_LAST_YEAR}.",
            ),
            models.CheckConstraint(
                condition=Q(bbv_group__in=BbvGroup.values), name="bbv_facts_group_valid"
            ),
            models.CheckConstraint(
                condition=Q(contribution__isnull=True) | Q(contribution__gte=0),
                name="bbv_facts_contribution_not_negative",
                violation_error_message="De bijdrage kan niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=(Q(debt_start__isnull=True) | Q(debt_start__gte=0))
                & (Q(debt_end__isnull=True) | Q(debt_end__gte=0)),
                name="bbv_facts_debt_not_negative",
                violation_error_message="Het vreemd vermogen kan niet negatief zijn.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participation} ({self.year})"

    @property
    def has_bestuurlijk_interest(self) -> bool:
        """A seat or a vote in the partnership (art. 1 BBV)."""
        return bool(self.seat.strip()) or bool(self.votes)

    @property
    def has_financial_interest(self) -> bool:
        """Money at stake or a liability (art. 1 BBV)."""
        return (self.contribution or Decimal(0)) > 0 or bool(self.liability.strip())

    @property
    def is_verbonden_partij(self) -> bool:
        return self.has_bestuurlijk_interest and self.has_financial_interest
