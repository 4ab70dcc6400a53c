"""Assessment rounds, assessments (one respondent's questionnaire), answers and next steps."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnerships.constants import MomentKind
from partnerships.dates import validate_past_date, validate_planning_date
from partnerships.models import Body, Participation, Partnership, PartnershipDocument
from partnerships.selectors import applicability_for
from partnerships.text import validate_plain_text
from principles.models import Framework, Recommendation

from .bodies import body_of, perspective_name
from .constants import (
    DEFAULT_TARGET,
    PARTICIPANT_PERSPECTIVES,
    PARTNERSHIP_PERSPECTIVES,
    AssessmentStatus,
    EventKind,
    NextStepStatus,
    Perspective,
    RoundStatus,
    Special,
)


class AssessmentRound(models.Model):
    """One period of one partnership: all respondents' assessments together."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="rounds",
        verbose_name="samenwerkingsverband",
    )
    period = models.CharField(
        "periode",
        max_length=20,
        help_text='Bijvoorbeeld "2026".',
        validators=[validate_plain_text],
    )
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name="versie van de Gids",
    )
    opens_on = models.DateField("open vanaf", validators=[validate_planning_date])
    due_on = models.DateField("in te vullen vóór", validators=[validate_planning_date])
    target = models.PositiveSmallIntegerField(
        "streefwaarde",
        default=DEFAULT_TARGET,
        help_text="Een aanbeveling met een lagere score is een verbeterpunt.",
    )
    status = models.CharField(
        "status", max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    previous = models.ForeignKey(
        "self",
        verbose_name="vorige ronde",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_rounds",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # What applied when the round opened, with the reasons and the partnership facts it came
    # from (Applicability.as_snapshot), and its fingerprint. The one deliberate snapshot
    # (DESIGN.md): a round's scores, exports and reports never change when the partnership
    # changes later. Written once, when the round is created.
    applicability = models.JSONField("toepasselijkheid bij opening", default=dict, editable=False)
    applicability_key = models.CharField(max_length=20, blank=True, editable=False)
    # A round planned against a P&C moment ("klaar zes weken voor de zienswijzetermijn
    # sluit"): due_on was computed from that moment and stays the date that counts.
    plan_moment = models.CharField(
        "gepland tegen moment", max_length=30, choices=MomentKind.choices, blank=True
    )
    plan_weeks_before = models.PositiveSmallIntegerField(
        "weken vóór het moment", null=True, blank=True
    )

    class Meta:
        verbose_name = "evaluatieronde"
        verbose_name_plural = "evaluatierondes"
        ordering = ["partnership", "-opens_on"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "period"], name="round_unique_period"),
            models.CheckConstraint(
                condition=Q(target__gte=1, target__lte=4), name="round_target_1_4"
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("opens_on")), name="round_due_after_open"
            ),
            models.CheckConstraint(
                condition=Q(plan_moment="", plan_weeks_before__isnull=True)
                | Q(plan_moment__in=MomentKind.values, plan_weeks_before__lte=52),
                name="round_plan_moment_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RoundStatus.values), name="round_status_valid"
            ),
            # Two open rounds would give one partnership two "current" assessments; the next
            # round starts only by closing this one (rounds/services.py).
            models.UniqueConstraint(
                fields=["partnership"],
                condition=Q(status=RoundStatus.OPEN),
                name="round_one_open_per_partnership",
            ),
        ]
        indexes = [
            models.Index(fields=["partnership", "-opens_on"], name="round_partnership_recent")
        ]

    def __str__(self) -> str:
        return f"{self.partnership} — {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:round", args=[self.pk])

    def freeze_applicability(self) -> None:
        """Store what applies now to the partnership under the round's framework."""
        applic = applicability_for(self.partnership, self.framework)
        self.applicability = applic.as_snapshot()
        self.applicability_key = applic.key

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every path that opens a round (the services, the admin, the demo) freezes it here,
        # once; bulk_create (the national test data) sets both fields itself.
        if self._state.adding and not self.applicability:
            self.freeze_applicability()
        super().save(*args, **kwargs)


class Assessment(models.Model):
    """One respondent's questionnaire in a round, from one perspective."""

    round = models.ForeignKey(
        AssessmentRound, on_delete=models.CASCADE, related_name="assessments", verbose_name="ronde"
    )
    participation = models.ForeignKey(
        Participation,
        verbose_name="deelnemer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        help_text="Leeg voor een perspectief van het samenwerkingsverband zelf (AB, DB, directeur).",
    )
    perspective = models.CharField("perspectief", max_length=20, choices=Perspective.choices)
    respondent_email = models.EmailField(
        "e-mailadres respondent", blank=True, validators=[validate_plain_text]
    )
    status = models.CharField(
        "status", max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField("ingediend op", null=True, blank=True)
    last_reminded_at = models.DateTimeField("laatste herinnering", null=True, blank=True)
    # The invitation e-mail sent when the round opened: when it went out, or why it did not
    # (a failed send stays visible on the round page until it is sent again).
    invited_at = models.DateTimeField("uitgenodigd op", null=True, blank=True)
    invitation_error = models.CharField(
        "uitnodiging mislukt", max_length=200, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "zelfevaluatie"
        verbose_name_plural = "zelfevaluaties"
        ordering = ["round", "participation__organisation__name", "perspective"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participation__isnull=False, perspective__in=PARTICIPANT_PERSPECTIVES)
                | Q(participation__isnull=True, perspective__in=PARTNERSHIP_PERSPECTIVES),
                name="assessment_perspective_fits_owner",
            ),
            models.UniqueConstraint(
                fields=["round", "participation", "perspective"],
                condition=Q(participation__isnull=False),
                name="assessment_unique_participant_perspective",
            ),
            models.UniqueConstraint(
                fields=["round", "perspective"],
                condition=Q(participation__isnull=True),
                name="assessment_unique_partnership_perspective",
            ),
            models.CheckConstraint(
                condition=Q(status=AssessmentStatus.DRAFT, submitted_at__isnull=True)
                | Q(status=AssessmentStatus.SUBMITTED, submitted_at__isnull=False),
                name="assessment_submitted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} — {self.perspective_label}"

    def body_name(self, *, short: bool = False) -> str:
        """The body this assessment answers for, named as its organisation calls it:
        "Provinciale Staten", not "Raad" (bodies.perspective_name)."""
        participation = self.participation
        kind = participation.organisation.kind if participation is not None else None
        return perspective_name(self.perspective, kind, short=short)

    @property
    def perspective_label(self) -> str:
        """ "Raad (politiek orgaan) Gemeente Aalstad", "Provinciale Staten Provincie Zuidland",
        "Dagelijks bestuur": the body in the words of its kind of organisation."""
        if self.participation is not None:
            organisation = self.participation.organisation
            return body_of(self.perspective, organisation.name, organisation.kind)
        return perspective_name(self.perspective)

    @property
    def is_submitted(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED

    def get_absolute_url(self) -> str:
        return reverse("assessments:detail", args=[self.pk])


class Answer(models.Model):
    """One answer: a score 0-4, or n.v.t., or weet niet; with explanation and evidence."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="answers", verbose_name="aanbeveling"
    )
    score = models.PositiveSmallIntegerField("score", null=True, blank=True)
    special = models.CharField(
        "bijzonder antwoord", max_length=10, choices=Special.choices, blank=True, default=""
    )
    explanation = models.TextField("toelichting", blank=True, validators=[validate_plain_text])
    evidence_url = models.URLField(
        "link naar onderbouwing", max_length=500, blank=True, validators=[validate_plain_text]
    )
    # Whether what the answer describes is laid down on paper (the regeling, a reglement or a
    # protocol): the Gids keeps apart what is written and what happens (A4.4, A7.10). Shown
    # and exported beside the score, never mixed into it; None when the respondent did not say.
    documented = models.BooleanField("vastgelegd", null=True, blank=True)
    # Evidence in the partnership's document register, with where in it (article or page).
    evidence_document = models.ForeignKey(
        PartnershipDocument,
        verbose_name="document als onderbouwing",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
    )
    evidence_location = models.CharField(
        "artikel of pagina",
        max_length=100,
        blank=True,
        help_text="Bijvoorbeeld ‘art. 12 lid 3’ of ‘p. 14’.",
        validators=[validate_plain_text],
    )
    is_taken_over = models.BooleanField(
        "overgenomen uit vorige ronde",
        default=False,
        help_text="Nog niet bevestigd of gewijzigd door de respondent.",
    )
    version = models.PositiveIntegerField("versie", default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "antwoord"
        verbose_name_plural = "antwoorden"
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "recommendation"], name="answer_unique_per_recommendation"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=4),
                name="answer_score_0_4",
            ),
            models.CheckConstraint(
                condition=Q(special__in=Special.values), name="answer_special_valid"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(special=""),
                name="answer_score_or_special",
            ),
            models.CheckConstraint(
                condition=~Q(special=Special.NVT) | ~Q(explanation=""),
                name="answer_nvt_needs_explanation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation.code}: {self.value}"

    @property
    def value(self) -> int | str | None:
        """The contract's value: 0-4, "nvt", "weet_niet" or None."""
        if self.score is not None:
            return self.score
        return self.special or None


class AssessmentEvent(models.Model):
    """Submitting, reopening (with its reason) and reminders: kept, never edited."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("soort", max_length=20, choices=EventKind.choices)
    reason = models.TextField("reden", blank=True, validators=[validate_plain_text])
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "gebeurtenis"
        verbose_name_plural = "gebeurtenissen"
        ordering = ["assessment", "-at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=EventKind.REOPENED) | ~Q(reason=""),
                name="event_reopen_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.assessment}"


class NextStep(models.Model):
    """An action in the round's action plan."""

    round = models.ForeignKey(
        AssessmentRound, on_delete=models.CASCADE, related_name="next_steps", verbose_name="ronde"
    )
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name="aanbeveling",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_steps",
    )
    description = models.TextField("omschrijving", validators=[validate_plain_text])
    owner_body = models.ForeignKey(
        Body,
        verbose_name="eigenaar (orgaan)",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_steps",
    )
    owner = models.CharField(
        "eigenaar",
        max_length=200,
        blank=True,
        help_text="Orgaan of rol die de stap trekt.",
        validators=[validate_plain_text],
    )
    due_on = models.DateField(
        "gereed op", null=True, blank=True, validators=[validate_planning_date]
    )
    status = models.CharField(
        "status", max_length=10, choices=NextStepStatus.choices, default=NextStepStatus.OPEN
    )
    completed_on = models.DateField(
        "afgerond op", null=True, blank=True, validators=[validate_past_date]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "vervolgstap"
        verbose_name_plural = "vervolgstappen"
        ordering = ["round", "status", "due_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=NextStepStatus.values), name="nextstep_status_valid"
            ),
        ]
        # Open steps only (about a quarter of all): the overview counts them per round and
        # lists the first by due date (measured on the national data set).
        indexes = [
            models.Index(
                fields=["round", "due_on"],
                condition=Q(status__in=["open", "bezig"]),
                name="nextstep_open_by_round",
            ),
            models.Index(
                fields=["due_on", "id"],
                condition=Q(status__in=["open", "bezig"]),
                name="nextstep_open_by_due",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def owner_label(self) -> str:
        return self.owner or (str(self.owner_body) if self.owner_body_id else "")


# The raad panel's and the council documents' models live in modules of their own (this one
# stays readable); importing them here registers them with the app.
from .council_models import CouncilDocument, CouncilTemplate  # noqa: E402
from .panel_models import Panel, PanelAnswer, PanelMember  # noqa: E402
from .year_models import ChecklistAnswer, ReminderLog  # noqa: E402

__all__ = [
    "Answer",
    "Assessment",
    "AssessmentEvent",
    "AssessmentRound",
    "ChecklistAnswer",
    "CouncilDocument",
    "CouncilTemplate",
    "NextStep",
    "Panel",
    "PanelAnswer",
    "PanelMember",
    "ReminderLog",
]
