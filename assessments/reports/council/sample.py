"""Sample facts to try a Word template with before it is stored: no database needed."""

from datetime import date

from partnerships.constants import LegalForm

from .facts import Finding, RoundFacts, ThemeFact


def sample_facts() -> RoundFacts:
    gap = Finding("A7.2", "Voorbeeld van een aanbeveling", "A7", 2, 1.5, 1, 2, False)
    divergent = Finding("A9.1", "Voorbeeld van een verschil", "A9", 2, 2.0, 0, 4, True)
    return RoundFacts(
        round_pk=0,
        partnership="Voorbeeldregio",
        period="2026",
        organisation="Gemeente Voorbeeld",
        legal_form="Openbaar lichaam",
        legal_form_code=LegalForm.OPENBAAR_LICHAAM,
        is_network=False,
        is_open=False,
        framework="De Gids voor Regionale Samenwerking (2021)",
        target=3,
        today=date(2026, 3, 2),
        invited=2,
        submitted=2,
        perspectives="Raad 1 · College 1",
        overall_pct=50.0,
        themes=[ThemeFact("A7", "Voorbeeldthema", 50.0), ThemeFact("A9", "Voorbeeld", 50.0)],
        perspective_sentence="Raad: 50% (1 respondent)",
        gaps=[gap],
        divergences=[divergent],
        change=["Dit is de eerste ronde."],
        previous_period=None,
        next_steps=[],
        weet_niet=0,
        panel=None,
        attention_level="",
    )
