from django.db import models

DEFAULT_TARGET = 3
SCALE_MAX = 4


class Score(models.IntegerChoices):
    NIET = 0, "Niet"
    IN_AANZET = 1, "In aanzet"
    GEDEELTELIJK = 2, "Gedeeltelijk"
    GROTENDEELS = 3, "Grotendeels"
    VOLLEDIG = 4, "Volledig"


# What sets each step apart, in plain words: the form's scale, the glossary and the report's
# method section show it after the label, so it never repeats the label itself.
SCORE_MEANINGS = {
    0: "Er is niets afgesproken en er gebeurt nog niets.",
    1: "Er is een begin gemaakt, maar het werkt nog niet in de praktijk.",
    2: "Een deel is geregeld of gebeurt, een wezenlijk deel nog niet.",
    3: "Het meeste is geregeld en werkt; er zijn nog kleine gaten.",
    4: "Alles is geregeld, werkt in de praktijk en wordt bijgehouden.",
}


class Special(models.TextChoices):
    """An answer that is not a score."""

    NONE = "", "—"
    NVT = "nvt", "Niet van toepassing"
    WEET_NIET = "weet_niet", "Weet niet"


SPECIAL_MEANINGS = {
    Special.NVT: "Geldt niet voor deze samenwerking; leg in de toelichting uit waarom.",
    Special.WEET_NIET: "U kunt het niet beoordelen; het telt als open punt en niet in de score.",
}


class Perspective(models.TextChoices):
    """The body or role a respondent answers for."""

    RAAD = "raad", "Raad (politiek orgaan)"
    COLLEGE = "college", "College"
    CONTRAMAL = "contramal", "Contramal"
    AB = "ab", "Algemeen bestuur"
    DB = "db", "Dagelijks bestuur"
    DIRECTEUR = "directeur", "Directeur"


PARTICIPANT_PERSPECTIVES = (Perspective.RAAD, Perspective.COLLEGE, Perspective.CONTRAMAL)
PARTNERSHIP_PERSPECTIVES = (Perspective.AB, Perspective.DB, Perspective.DIRECTEUR)


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Concept"
    SUBMITTED = "submitted", "Ingediend"


class RoundStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Afgesloten"


class NextStepStatus(models.TextChoices):
    OPEN = "open", "Open"
    BEZIG = "bezig", "Bezig"
    AFGEROND = "afgerond", "Afgerond"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "Ingediend"
    REOPENED = "reopened", "Heropend"
    REMINDED = "reminded", "Herinnering verstuurd"


# The one message for a recommendation outside the assessment's applicability (a forged or
# stale form), on the questionnaire and the action plan alike.
MSG_NOT_APPLICABLE = "Aanbeveling {code} hoort niet bij deze zelfevaluatie."
