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


class NetworkVariant(models.TextChoices):
    PROVINCIE = "provincie", "Provincie met gemeenten en/of waterschappen (B13)"
    TRIPLE_HELIX = "triple_helix", "Triple helix (B14)"
    KETEN = "keten", "Ketensamenwerking (B15)"


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
