"""The kinds of council document, and the subjects of a zienswijze with their terms.

The terms are the ones DOMAIN.md names: 12 weeks for the ontwerpbegroting (Wgr, budget
calendar), 8 weeks for a draft regeling (art. 1 lid 3 Wgr). A kadernota has no statutory
term: the raad may react, and the letter says so instead of inventing one.
"""

from dataclasses import dataclass

from django.db import models


class CouncilKind(models.TextChoices):
    RAADSINFORMATIEBRIEF = "raadsinformatiebrief", "Raadsinformatiebrief"
    RAADSVOORSTEL = "raadsvoorstel", "Raadsvoorstel"
    ZIENSWIJZE = "zienswijze", "Zienswijze"


KIND_DESCRIPTIONS: dict[str, str] = {
    CouncilKind.RAADSINFORMATIEBRIEF: "Informeert de raad over de uitkomsten. De raad hoeft "
    "niets te besluiten.",
    CouncilKind.RAADSVOORSTEL: "Vraagt de raad een besluit te nemen, bijvoorbeeld het college "
    "of het lid van het algemeen bestuur te vragen iets te doen.",
    CouncilKind.ZIENSWIJZE: "Een brief van de raad aan het bestuur van het samenwerkingsverband "
    "over een ontwerpbegroting, kadernota of ontwerp-regeling.",
}


class ZienswijzeSubject(models.TextChoices):
    ONTWERPBEGROTING = "ontwerpbegroting", "Ontwerpbegroting"
    KADERNOTA = "kadernota", "Kadernota (kaderbrief)"
    ONTWERP_REGELING = "ontwerp_regeling", "Ontwerp van (een wijziging van) de regeling"


@dataclass(frozen=True)
class Term:
    weeks: int | None  # None: no statutory term
    source: str  # how the letter names where the term comes from


TERMS: dict[str, Term] = {
    ZienswijzeSubject.ONTWERPBEGROTING: Term(12, "volgens de Wet gemeenschappelijke regelingen"),
    ZienswijzeSubject.KADERNOTA: Term(None, ""),
    ZienswijzeSubject.ONTWERP_REGELING: Term(
        8, "volgens artikel 1, derde lid, van de Wet gemeenschappelijke regelingen"
    ),
}

# In the letter: "Zienswijze op de ontwerpbegroting van ...".
SUBJECT_IN_SENTENCE: dict[str, str] = {
    ZienswijzeSubject.ONTWERPBEGROTING: "de ontwerpbegroting",
    ZienswijzeSubject.KADERNOTA: "de kadernota",
    ZienswijzeSubject.ONTWERP_REGELING: "het ontwerp van (de wijziging van) de regeling",
}
