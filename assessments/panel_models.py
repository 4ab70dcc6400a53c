"""The raad panel: raadsleden whom the griffier invites to give their view on the raad's
assessment (a raadswerkgroep, the auditcommissie, rapporteurs; the Gids, A7).

Imported by assessments/models.py, so Django finds these models with the others. The panel's
answers are the raadsleden's own: they stay with the griffie and the panel, and only reach the
raad's assessment through the griffier (questionnaire/panel/services.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from partnerships.text import validate_plain_text
from principles.models import Recommendation

from .constants import Special
from .models import Assessment

PANEL_SPECIALS = ("", Special.WEET_NIET)


class Panel(models.Model):
    """The raad panel of one raad-perspective assessment."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="panel", verbose_name="zelfevaluatie"
    )
    # When the griffier shared the side-by-side overview with the panel's members; until then
    # a member sees only their own answers.
    shared_at = models.DateTimeField("overzicht gedeeld op", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "raadspanel"
        verbose_name_plural = "raadspanels"

    def __str__(self) -> str:
        return f"Raadspanel — {self.assessment}"


class PanelMember(models.Model):
    """A raadslid in a panel: invited when, by whom, and whether they handed in ("klaar")."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_memberships"
    )
    invited_at = models.DateTimeField("uitgenodigd op", null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invitation_error = models.CharField(
        "uitnodiging mislukt", max_length=200, blank=True, editable=False
    )
    submitted_at = models.DateTimeField("klaar op", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lid van het raadspanel"
        verbose_name_plural = "leden van het raadspanel"
        ordering = ["panel", "user__last_name", "user__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "user"], name="panelmember_unique_user"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        full: str = self.user.get_full_name()
        return full or self.user.get_username()

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class PanelAnswer(models.Model):
    """One raadslid's answer on one item: a score 0-4 or weet niet, with an explanation."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="answers")
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        related_name="panel_answers",
        verbose_name="aanbeveling",
    )
    score = models.PositiveSmallIntegerField("score", null=True, blank=True)
    special = models.CharField(
        "bijzonder antwoord", max_length=10, choices=Special.choices, blank=True, default=""
    )
    explanation = models.TextField("toelichting", blank=True, validators=[validate_plain_text])
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "antwoord in het raadspanel"
        verbose_name_plural = "antwoorden in het raadspanel"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "recommendation"], name="panelanswer_unique_per_recommendation"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=4),
                name="panelanswer_score_0_4",
            ),
            # A raadslid does not judge whether an item applies: no n.v.t. in the panel.
            models.CheckConstraint(
                condition=Q(special__in=PANEL_SPECIALS), name="panelanswer_special_valid"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=False, special="")
                | Q(score__isnull=True, special=Special.WEET_NIET),
                name="panelanswer_one_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation.code}: {self.value}"

    @property
    def value(self) -> int | str:
        """0-4 or "weet_niet" (the contract's values)."""
        return self.score if self.score is not None else self.special
