"""Two rows the year of a partnership adds to an assessment: the A2.5 checklist of the
regeling (one row per topic the Gids lists), and the log of reminders sent, which makes
``send_reminders`` send each reminder once."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from partnerships.constants import CheckStatus
from partnerships.text import validate_plain_text
from principles.models import PracticalItem


class ChecklistAnswer(models.Model):
    """One topic of A2.5 ("in de Regeling ... verankerd") checked against the regeling:
    ja / nee / onbekend, with the article. Part of the respondent's answer to A2.5."""

    answer = models.ForeignKey(
        "assessments.Answer", on_delete=models.CASCADE, related_name="checklist"
    )
    item = models.ForeignKey(
        PracticalItem, on_delete=models.PROTECT, related_name="+", verbose_name="onderwerp"
    )
    status = models.CharField("staat in de regeling", max_length=10, choices=CheckStatus.choices)
    article = models.CharField(
        "artikel", max_length=100, blank=True, validators=[validate_plain_text]
    )

    class Meta:
        verbose_name = "punt van de regeling (A2.5)"
        verbose_name_plural = "punten van de regeling (A2.5)"
        ordering = ["answer", "item__order"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "item"], name="checklist_answer_unique"),
            models.CheckConstraint(
                condition=Q(status__in=CheckStatus.values), name="checklist_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.get_status_display()}"


class ReminderLog(models.Model):
    """One reminder sent: what it was about (kind and key, e.g. ``due_soon`` and the
    assessment's id) and to whom. Unique, so a reminder goes out once whatever runs twice."""

    kind = models.CharField("soort", max_length=30, editable=False)
    key = models.CharField("onderwerp", max_length=100, editable=False)
    recipient = models.EmailField("aan", editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    sent_on = models.DateField("verstuurd op", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "verstuurde herinnering"
        verbose_name_plural = "verstuurde herinneringen"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "recipient"], name="reminder_log_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.recipient}"
