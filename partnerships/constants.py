from django.db import models


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", "Gemeente"
    PROVINCIE = "provincie", "Provincie"
    WATERSCHAP = "waterschap", "Waterschap"
    OVERIG_PUBLIEK = "overig_publiek", "Ander openbaar lichaam"
    PRIVAAT = "privaat", "Private partij"


class CooperationModel(models.TextChoices):
    WGR = "wgr", "Gemeenschappelijke regeling (Wgr)"
    NETWORK = "network", "Netwerksamenwerking"


class LegalForm(models.TextChoices):
    OPENBAAR_LICHAAM = "openbaar_lichaam", "Openbaar lichaam"
    BEDRIJFSVOERINGSORGANISATIE = "bedrijfsvoeringsorganisatie", "Bedrijfsvoeringsorganisatie"
    CENTRUMREGELING = "centrumregeling", "Centrumregeling"
    GEMEENSCHAPPELIJK_ORGAAN = "gemeenschappelijk_orgaan", "Gemeenschappelijk orgaan"
    REGELING_ZONDER_MEER = "regeling_zonder_meer", "Regeling zonder meer"
    CONVENANT = "convenant", "Convenant"
    OVEREENKOMST = "overeenkomst", "Overeenkomst"
    AFSPRAKENSET = "afsprakenset", "Afsprakenset"


WGR_FORMS = (
    LegalForm.OPENBAAR_LICHAAM,
    LegalForm.BEDRIJFSVOERINGSORGANISATIE,
    LegalForm.CENTRUMREGELING,
    LegalForm.GEMEENSCHAPPELIJK_ORGAAN,
    LegalForm.REGELING_ZONDER_MEER,
)
NETWORK_FORMS = (LegalForm.CONVENANT, LegalForm.OVEREENKOMST, LegalForm.AFSPRAKENSET)


# The forms the Gids assesses with Part B: network cooperation, and the gemeenschappelijk
# orgaan ("lijkt het gemeenschappelijk orgaan beter te passen bij het gedachtengoed van de
# netwerksamenwerking").
PART_B_FORMS = (*NETWORK_FORMS, LegalForm.GEMEENSCHAPPELIJK_ORGAAN)

# Wgr forms with no body and no organisation of their own: the centrumgemeente's college and
# organisation carry out the tasks (centrumregeling), or nobody does on its own (regeling
# zonder meer).
FORMS_WITHOUT_OWN_BODIES = (LegalForm.CENTRUMREGELING, LegalForm.REGELING_ZONDER_MEER)


class NetworkVariant(models.TextChoices):
    """The specific forms of network cooperation of B14 and B15; a network may be both.
    B13 (several layers of government) follows from the participants, not from a variant."""

    TRIPLE_HELIX = "triple_helix", "Triple helix (B14)"
    KETEN = "keten", "Ketensamenwerking (B15)"


class NetworkWeight(models.TextChoices):
    """The Gids' "zwaardere vormen van netwerksamenwerking (denk aan sociaal domein Jeugd of
    WMO)" against the lighter ones (capacity for co-creation, a simple agreement)."""

    LICHT = "licht", "Licht"
    ZWAAR = "zwaar", "Zwaar"


class Philosophy(models.TextChoices):
    OPDRAGEN = "opdragen", "Opdragen"
    OVERDRAGEN = "overdragen", "Overdragen"
    CO_CREATIE = "co_creatie", "Co-creatie"


class BodyKind(models.TextChoices):
    # bodies of a participant
    RAAD = "raad", "Politiek orgaan (raad, Provinciale Staten, AB waterschap)"
    COLLEGE = "college", "College"
    CONTRAMAL = "contramal", "Contramal"
    # bodies of the partnership
    AB = "ab", "Algemeen bestuur"
    DB = "db", "Dagelijks bestuur"
    BESTUUR = "bestuur", "Bestuur"
    COMMISSIE = "commissie", "Commissie"
    GEZAMENLIJKE_CONTRAMAL = "gezamenlijke_contramal", "Gezamenlijke contramal"


PARTICIPANT_BODY_KINDS = (BodyKind.RAAD, BodyKind.COLLEGE, BodyKind.CONTRAMAL)
PARTNERSHIP_BODY_KINDS = (
    BodyKind.AB,
    BodyKind.DB,
    BodyKind.BESTUUR,
    BodyKind.COMMISSIE,
    BodyKind.GEZAMENLIJKE_CONTRAMAL,
)


class SeatRole(models.TextChoices):
    VOORZITTER = "voorzitter", "Voorzitter"
    LID = "lid", "Lid"
    PORTEFEUILLEHOUDER = "portefeuillehouder", "Portefeuillehouder"
    DIRECTEUR = "directeur", "Directeur"
    SECRETARIS = "secretaris", "Secretaris"


class Role(models.TextChoices):
    """The role of an account (see DESIGN.md, "Who uses it")."""

    GRIFFIER = "griffier", "Griffier"
    GEMEENTESECRETARIS = "gemeentesecretaris", "Gemeentesecretaris"
    CONTRAMAL = "contramal", "Contramal / ambtenaar verbonden partijen"
    DIRECTEUR = "directeur", "Directeur / secretaris samenwerkingsverband"
    BEHEERDER = "beheerder", "Beheerder"
    # A council member the griffier invited to the raad panel of an assessment: sees only
    # the panels they are invited to, nothing else of the organisation.
    RAADSLID = "raadslid", "Raadslid"


class AttentionLevel(models.TextChoices):
    """How closely a raad follows a partnership it takes part in: the three ways the Gids
    describes under A7.2 (a raad chooses, because it takes part in many partnerships)."""

    INTENSIEF = "intensief", "Intensief volgen"
    RAPPORTEURS = "rapporteurs", "Via rapporteurs"
    TAAKVERDELING = "taakverdeling", "Taakverdeling tussen raden"


class BbvGroup(models.TextChoices):
    """The four groups of the paragraaf verbonden partijen (BBV), in the order the paragraaf
    lists them."""

    GEMEENSCHAPPELIJKE_REGELING = "gemeenschappelijke_regeling", "Gemeenschappelijke regelingen"
    VENNOOTSCHAP = "vennootschap", "Vennootschappen en coöperaties"
    STICHTING = "stichting", "Stichtingen en verenigingen"
    OVERIG = "overig", "Overige verbonden partijen"


# The years for which BBV facts can be kept.
BBV_FIRST_YEAR = 2000
BBV_LAST_YEAR = 2100


class MomentKind(models.TextChoices):
    """The planning & control moments of a gemeenschappelijke regeling in a year (Wgr since
    1 July 2022) and the evaluation the regeling itself sets. The labels say what happens."""

    KADERS = "kaders", "Financiële en beleidsmatige kaders naar de raden"
    JAARREKENING = "jaarrekening", "Voorlopige jaarrekening naar de raden"
    ONTWERPBEGROTING = "ontwerpbegroting", "Ontwerpbegroting naar de raden"
    ZIENSWIJZE_BEGROTING = "zienswijze_begroting", "Zienswijzetermijn ontwerpbegroting sluit"
    BESTUUR_BEGROTING = "bestuur_begroting", "Het bestuur stelt de begroting vast"
    BEGROTING_GS = "begroting_gs", "Vastgestelde begroting naar Gedeputeerde Staten"
    ZIENSWIJZE_REGELING = "zienswijze_regeling", "Zienswijzetermijn ontwerp-regeling sluit"
    EVALUATIE = "evaluatie", "Evaluatie volgens de regeling"


# The moments that end a zienswijze term: griffiers get a reminder before they close.
ZIENSWIJZE_MOMENTS = (MomentKind.ZIENSWIJZE_BEGROTING, MomentKind.ZIENSWIJZE_REGELING)


class CheckStatus(models.TextChoices):
    """The answer to one clause of a check of the regeling (the Wgr check, the A2.5 list)."""

    JA = "ja", "Ja"
    NEE = "nee", "Nee"
    ONBEKEND = "onbekend", "Onbekend"


class WgrClauseCode(models.TextChoices):
    """What the Wgr since 1 July 2022 asks of a regeling (DOMAIN.md: verified duties)."""

    ZIENSWIJZE_BESLUITEN = (
        "zienswijze_besluiten",
        "De besluiten van het bestuur waarover de raden een zienswijze geven",
    )
    BURGERPARTICIPATIE = "burgerparticipatie", "Regels over hoe inwoners en belanghebbenden meedoen"
    EVALUATIE = "evaluatie", "Regels over evaluatie van de regeling"
    UITTREDING = "uittreding", "Voorwaarden en gevolgen van uittreding (art. 9 Wgr)"
    INFORMATIE = "informatie", "Hoe het bestuur de raden informeert"
    ADVIESCOMMISSIE = "adviescommissie", "Een gemeenschappelijke adviescommissie van raadsleden"


class DocumentKind(models.TextChoices):
    """The kinds of document in a partnership's register."""

    REGELING = "regeling", "Gemeenschappelijke regeling"
    REGLEMENT = "reglement", "Reglement"
    INFORMATIEPROTOCOL = "informatieprotocol", "Informatieprotocol"
    DIENSTVERLENINGSHANDVEST = "dienstverleningshandvest", "Dienstverleningshandvest"
    KADERNOTA = "kadernota", "Kadernota / kaderbrief"
    BEGROTING = "begroting", "Begroting"
    JAARSTUKKEN = "jaarstukken", "Jaarstukken"
    EVALUATIE = "evaluatie", "Evaluatie"
    REKENKAMER = "rekenkamer", "Rekenkamerrapport"
    OVERIG = "overig", "Overig"
