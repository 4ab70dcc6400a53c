"""Organisations, partnerships, participations, bodies, seats and accounts."""

from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .constants import (
    NETWORK_FORMS,
    PART_B_FORMS,
    PARTICIPANT_BODY_KINDS,
    PARTNERSHIP_BODY_KINDS,
    WGR_FORMS,
    AttentionLevel,
    BodyKind,
    CooperationModel,
    LegalForm,
    NetworkVariant,
    NetworkWeight,
    OrganisationKind,
    Philosophy,
    Role,
    SeatRole,
)
from .dates import validate_past_date, validate_planning_date
from .rules import GOVERNING_KINDS, body_kind_error, is_wgr_form, participant_kind_error
from .text import validate_plain_text


class Organisation(models.Model):
    name = models.CharField("naam", max_length=200, unique=True, validators=[validate_plain_text])
    kind = models.CharField("soort", max_length=20, choices=OrganisationKind.choices)
    cbs_code = models.CharField(
        "CBS-code",
        max_length=10,
        blank=True,
        help_text="Bijvoorbeeld GM0296 of PV26.",
        validators=[validate_plain_text],
    )

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["cbs_code"], condition=~Q(cbs_code=""), name="organisation_unique_cbs"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StructureError(IntegrityError):
    """A write that breaks a rule spanning a partnership and its participations or bodies.

    An IntegrityError, as the database's own refusals are: the views and the importer
    handle both the same way. Forms check the same rules first with Dutch messages
    (partnerships/rules.py); this is the guarantee for every other path (admin, shell,
    commands). QuerySet.update() and bulk_create() bypass save() and so these checks: the
    app uses them only for writes that cannot break the rules (clearing a centre) or that it
    checked with the same rules first (the importer's new participations)."""


# The rules that span tables are checked in save(), each under a lock on the
# partnership's row (SELECT ... FOR UPDATE on PostgreSQL; SQLite has one writer at a time):
# a participation made centre and a change of the legal form then happen one after the
# other, and the second sees what the first committed.
CENTRE_NEEDS_CENTRUMREGELING = "participation_centre_requires_centrumregeling"
WITH_CENTRE_STAYS_CENTRUMREGELING = "partnership_with_centre_must_be_centrumregeling"
NO_ABDB_ON_BVO = "body_no_abdb_on_bedrijfsvoeringsorganisatie"
WITH_ABDB_NOT_BVO = "partnership_with_abdb_cannot_be_bedrijfsvoeringsorganisatie"
# The same rules for the other forms (partnerships/rules.py body_kind_error and
# participant_kind_error): no AB/DB for a Part B form, no governing body for a form without
# bodies of its own, and private parties only in a network.
BODY_NOT_FOR_LEGAL_FORM = "body_kind_must_fit_legal_form"
WITH_BODIES_KEEPS_LEGAL_FORM = "partnership_bodies_must_fit_legal_form"
PRIVATE_ONLY_IN_NETWORK = "participation_private_party_only_in_network"
WITH_PRIVATE_STAYS_NETWORK = "partnership_with_private_party_must_be_network"


def _locked_legal_form(partnership_id: int | None) -> str | None:
    if partnership_id is None:
        return None
    found: str | None = (
        Partnership.objects.select_for_update()
        .filter(pk=partnership_id)
        .values_list("legal_form", flat=True)
        .first()
    )
    return found


class Partnership(models.Model):
    name = models.CharField("naam", max_length=200, unique=True, validators=[validate_plain_text])
    cooperation_model = models.CharField(
        "samenwerkingsmodel", max_length=10, choices=CooperationModel.choices
    )
    legal_form = models.CharField("vorm", max_length=30, choices=LegalForm.choices)
    is_triple_helix = models.BooleanField(
        "triple helix (B14)",
        default=False,
        help_text="Alleen bij netwerksamenwerking: overheden, ondernemers en kennisinstellingen.",
    )
    is_chain = models.BooleanField(
        "ketensamenwerking (B15)",
        default=False,
        help_text="Alleen bij netwerksamenwerking: bijvoorbeeld sociale veiligheid met politie "
        "en openbaar ministerie.",
    )
    network_weight = models.CharField(
        "zwaarte",
        max_length=10,
        choices=NetworkWeight.choices,
        default=NetworkWeight.ZWAAR,
        help_text="Alleen bij netwerksamenwerking en een gemeenschappelijk orgaan. Zwaar: "
        "bijvoorbeeld het sociaal domein (Jeugd, Wmo), met een eigen budget. Licht: alleen "
        "capaciteit voor co-creatie en advies, of gesloten beurzen.",
    )
    council_powers = models.BooleanField(
        "politieke organen hebben bevoegdheden",
        default=True,
        help_text="Alleen bij netwerksamenwerking en een gemeenschappelijk orgaan: de raad, "
        "Provinciale Staten of het AB van het waterschap hebben bevoegdheden in de samenwerking.",
    )
    philosophy = models.CharField(
        "filosofie", max_length=20, choices=Philosophy.choices, blank=True
    )
    is_statutory = models.BooleanField("wettelijk verplicht", default=False)
    policy_domain = models.CharField(
        "beleidsterrein", max_length=200, blank=True, validators=[validate_plain_text]
    )
    regeling_reference = models.CharField(
        "vindplaats regeling",
        max_length=300,
        blank=True,
        help_text="Bijvoorbeeld de vindplaats in het Gemeenteblad of een link naar de regeling.",
        validators=[validate_plain_text],
    )
    # The Wgr requires evaluation arrangements in the regeling but sets no frequency: the
    # interval is the regeling's (default one raadsperiode), never presented as the law's.
    # Whether the regeling has those arrangements, and in which article, is one clause of the
    # Wgr check (WgrClause "evaluatie"), so it is kept there and only there.
    evaluation_interval_years = models.PositiveSmallIntegerField(
        "evaluatie-interval volgens de regeling (jaren)", default=4
    )
    last_evaluated_on = models.DateField(
        "laatst geëvalueerd op", null=True, blank=True, validators=[validate_past_date]
    )
    description = models.TextField("omschrijving", blank=True, validators=[validate_plain_text])

    history = HistoricalRecords()

    class Meta:
        verbose_name = "samenwerkingsverband"
        verbose_name_plural = "samenwerkingsverbanden"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cooperation_model=CooperationModel.WGR, legal_form__in=WGR_FORMS)
                | Q(cooperation_model=CooperationModel.NETWORK, legal_form__in=NETWORK_FORMS),
                name="partnership_form_fits_model",
            ),
            models.CheckConstraint(
                condition=Q(is_triple_helix=False, is_chain=False)
                | Q(cooperation_model=CooperationModel.NETWORK),
                name="partnership_variants_only_network",
            ),
            models.CheckConstraint(
                condition=Q(network_weight=NetworkWeight.ZWAAR)
                | Q(network_weight=NetworkWeight.LICHT, legal_form__in=PART_B_FORMS),
                name="partnership_light_only_part_b",
            ),
            models.CheckConstraint(
                condition=Q(council_powers=True) | Q(legal_form__in=PART_B_FORMS),
                name="partnership_no_powers_only_part_b",
            ),
            models.CheckConstraint(
                condition=Q(philosophy="") | Q(philosophy__in=Philosophy.values),
                name="partnership_philosophy_valid",
            ),
            models.CheckConstraint(
                condition=Q(evaluation_interval_years__gte=1, evaluation_interval_years__lte=10),
                name="partnership_evaluation_interval_1_10",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", args=[self.pk])

    @property
    def network_variants(self) -> frozenset[str]:
        """The specific network forms (B14, B15) this partnership has; it may have both."""
        found = {
            NetworkVariant.TRIPLE_HELIX: self.is_triple_helix,
            NetworkVariant.KETEN: self.is_chain,
        }
        return frozenset(str(variant) for variant, on in found.items() if on)

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            if self.pk is not None and not self._state.adding:
                _locked_legal_form(self.pk)
                if (
                    self.legal_form != LegalForm.CENTRUMREGELING
                    and self.participations.filter(is_centre=True).exists()
                ):
                    raise StructureError(WITH_CENTRE_STAYS_CENTRUMREGELING)
                kinds = set(self.bodies.values_list("kind", flat=True))
                if any(body_kind_error(self.legal_form, kind) for kind in kinds):
                    raise StructureError(
                        WITH_ABDB_NOT_BVO
                        if self.legal_form == LegalForm.BEDRIJFSVOERINGSORGANISATIE
                        else WITH_BODIES_KEEPS_LEGAL_FORM
                    )
                if is_wgr_form(self.legal_form) and (
                    self.participations.filter(organisation__kind=OrganisationKind.PRIVAAT).exists()
                ):
                    raise StructureError(WITH_PRIVATE_STAYS_NETWORK)
            super().save(*args, **kwargs)


class Participation(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="participations"
    )
    since = models.DateField(
        "deelnemer sinds", null=True, blank=True, validators=[validate_planning_date]
    )
    until = models.DateField(
        "deelnemer tot", null=True, blank=True, validators=[validate_planning_date]
    )
    voting_weight = models.PositiveSmallIntegerField("stemgewicht", null=True, blank=True)
    financial_contribution = models.DecimalField(
        "financiële bijdrage (€ per jaar)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_centre = models.BooleanField(
        "centrumgemeente", default=False, help_text="Voert de taken uit voor de anderen."
    )
    # Chosen by the raad of this organisation (its griffier sets it), for this partnership.
    attention_level = models.CharField(
        "aandacht van de raad",
        max_length=20,
        choices=AttentionLevel.choices,
        blank=True,
        help_text="Hoe de raad dit samenwerkingsverband volgt. De Gids (A7.2): ‘De gemeenteraad "
        "maakt, vanwege de veelheid van samenwerkingsverbanden waarin de gemeente deelneemt, "
        "keuzes in de zaken waarmee zij zich bezig houdt en hoe ze dat doet.’ Intensief volgen: "
        "‘kortdurend intensiever’ of ‘periodiek meer aandacht’; via rapporteurs: ‘een "
        "rapporteur (...) die zich actief met het samenwerkingsverband bezighoudt en daarover "
        "periodiek aan de raad rapporteert’; taakverdeling: ‘voor beleidsarme "
        "samenwerkingsverbanden waar geen bijzondere zaken spelen een taakverdeling tussen "
        "gemeenteraden’. Leeg: nog niet gekozen.",
    )

    class Meta:
        verbose_name = "deelname"
        verbose_name_plural = "deelnames"
        ordering = ["partnership", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="participation_unique"
            ),
            models.UniqueConstraint(
                fields=["partnership"], condition=Q(is_centre=True), name="participation_one_centre"
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=F("since")),
                name="participation_until_after_since",
            ),
            models.CheckConstraint(
                condition=Q(attention_level="") | Q(attention_level__in=AttentionLevel.values),
                name="participation_attention_level_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.partnership}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            if self.is_centre and (
                _locked_legal_form(self.partnership_id) != LegalForm.CENTRUMREGELING
            ):
                raise StructureError(CENTRE_NEEDS_CENTRUMREGELING)
            # Only a private party needs the lock: a public one fits every form.
            if (
                self.organisation_id is not None
                and self.organisation.kind == OrganisationKind.PRIVAAT
            ) and participant_kind_error(
                _locked_legal_form(self.partnership_id) or "",
                self.organisation.kind,
                self.organisation.name,
            ):
                raise StructureError(PRIVATE_ONLY_IN_NETWORK)
            super().save(*args, **kwargs)


class Body(models.Model):
    """A body (orgaan) of a participant (raad, college, contramal) or of the partnership."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, null=True, blank=True, related_name="bodies"
    )
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, null=True, blank=True, related_name="bodies"
    )
    kind = models.CharField("soort", max_length=30, choices=BodyKind.choices)
    name = models.CharField("naam", max_length=200, blank=True, validators=[validate_plain_text])

    class Meta:
        verbose_name = "orgaan"
        verbose_name_plural = "organen"
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    partnership__isnull=False,
                    participation__isnull=True,
                    kind__in=PARTNERSHIP_BODY_KINDS,
                )
                | Q(
                    partnership__isnull=True,
                    participation__isnull=False,
                    kind__in=PARTICIPANT_BODY_KINDS,
                ),
                name="body_owner_fits_kind",
            ),
            models.UniqueConstraint(
                fields=["participation", "kind"],
                condition=Q(participation__isnull=False),
                name="body_unique_per_participant",
            ),
            models.UniqueConstraint(
                fields=["partnership", "kind"],
                condition=Q(partnership__isnull=False) & ~Q(kind=BodyKind.COMMISSIE),
                name="body_unique_per_partnership",
            ),
        ]

    def __str__(self) -> str:
        if self.name:
            return self.name
        # Without a participation the attribute is None and costs no query.
        owner = self.participation.organisation if self.participation else self.partnership
        return f"{self.get_kind_display()} {owner}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            # Commissions and a gezamenlijke contramal fit every form: no lock needed for them,
            # nor for the bodies of a participant (no partnership, so no legal form).
            if self.kind in GOVERNING_KINDS:
                legal_form = _locked_legal_form(self.partnership_id)
                if legal_form and body_kind_error(legal_form, self.kind):
                    raise StructureError(
                        NO_ABDB_ON_BVO
                        if legal_form == LegalForm.BEDRIJFSVOERINGSORGANISATIE
                        else BODY_NOT_FOR_LEGAL_FORM
                    )
            super().save(*args, **kwargs)


class Person(models.Model):
    name = models.CharField("naam", max_length=200, validators=[validate_plain_text])
    email = models.EmailField("e-mailadres", blank=True, validators=[validate_plain_text])
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )

    class Meta:
        verbose_name = "persoon"
        verbose_name_plural = "personen"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Seat(models.Model):
    """A person's seat in a body, with a role and the participant represented."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="seats")
    role = models.CharField("rol", max_length=30, choices=SeatRole.choices, default=SeatRole.LID)
    represents = models.ForeignKey(
        Participation,
        verbose_name="namens deelnemer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="representatives",
    )
    since = models.DateField("sinds", null=True, blank=True, validators=[validate_planning_date])
    until = models.DateField("tot", null=True, blank=True, validators=[validate_planning_date])

    class Meta:
        verbose_name = "zetel"
        verbose_name_plural = "zetels"
        ordering = ["body", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "person", "role"], name="seat_unique"),
            models.CheckConstraint(condition=Q(role__in=SeatRole.values), name="seat_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.body})"


class Profile(models.Model):
    """What an account is: its role and the organisation (or partnership) it belongs to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField("rol", max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="accounts"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, null=True, blank=True, related_name="accounts"
    )

    class Meta:
        verbose_name = "accountprofiel"
        verbose_name_plural = "accountprofielen"
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="profile_role_valid"),
            models.CheckConstraint(
                condition=Q(role=Role.BEHEERDER)
                | Q(role=Role.DIRECTEUR, partnership__isnull=False)
                | Q(
                    role__in=[
                        Role.GRIFFIER,
                        Role.GEMEENTESECRETARIS,
                        Role.CONTRAMAL,
                        Role.RAADSLID,
                    ],
                    organisation__isnull=False,
                ),
                name="profile_scope_fits_role",
            ),
        ]

    def __str__(self) -> str:
        scope = self.partnership or self.organisation or "alle organisaties"
        return f"{self.user} — {self.get_role_display()} ({scope})"


# The BBV facts live in a module of their own (it builds on the models above); importing the
# model here registers it with the app.
from .models_bbv import VerbondenPartijFacts as VerbondenPartijFacts  # noqa: E402
from .models_year import CalendarFeedToken as CalendarFeedToken  # noqa: E402
from .models_year import CalendarMoment as CalendarMoment  # noqa: E402
from .models_year import PartnershipDocument as PartnershipDocument  # noqa: E402
from .models_year import WgrClause as WgrClause  # noqa: E402
