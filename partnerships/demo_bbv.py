"""BBV facts for the demo municipality (Gemeente Aalstad) over the current year, so that its
paragraaf verbonden partijen has something in three of the four groups and a note: the
Woondeal gives Aalstad no seat, no votes and no money at stake, so it is no verbonden partij;
the centrumregeling has no facts (Aalstad runs it itself). Idempotent: found by
participation and year. Invented figures."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from .constants import BbvGroup
from .demo import Region
from .models_bbv import VerbondenPartijFacts

DEMO_ORGANISATION = "aalstad"


@dataclass(frozen=True)
class DemoFacts:
    group: str
    location: str
    public_interest: str
    seat: str = ""
    votes: int | None = None
    contribution: str | None = None
    liability: str = ""
    equity: tuple[str, str] | None = None  # start, end
    debt: tuple[str, str] | None = None
    result: str | None = None
    risks: str = ""


GR = BbvGroup.GEMEENSCHAPPELIJKE_REGELING
DEMO_FACTS: dict[str, DemoFacts] = {
    "ob": DemoFacts(
        GR,
        "Beekdorp",
        "Publieke gezondheid: jeugdgezondheidszorg, infectieziektebestrijding en "
        "medische milieukunde voor de inwoners van Aalstad.",
        seat="Wethouder zorg in het algemeen bestuur en het dagelijks bestuur",
        votes=1,
        contribution="1250000",
        liability="Aandeel in tekorten naar rato van het inwonertal (18%).",
        equity=("2400000", "2150000"),
        debt=("8300000", "7900000"),
        result="-250000",
        risks="Tekort op de jeugdgezondheidszorg; de weerstandsreserve is onder de norm.",
    ),
    "ob_lagen": DemoFacts(
        GR,
        "Cederveen",
        "Vergunningverlening, toezicht en handhaving van milieu en bouwen.",
        seat="Wethouder omgeving in het algemeen bestuur",
        votes=2,
        contribution="640000",
        equity=("900000", "1010000"),
        debt=("3100000", "2950000"),
        result="110000",
        risks="Krapte op de arbeidsmarkt voor toezichthouders.",
    ),
    "bvo": DemoFacts(
        GR,
        "Dalwijk",
        "Heffen en innen van gemeentelijke belastingen en de WOZ-waardering.",
        seat="Wethouder financiën in het bestuur",
        votes=1,
        contribution="480000",
        equity=("150000", "135000"),
        debt=("1200000", "1250000"),
        result="-15000",
        risks="Kosten van de nieuwe belastingsoftware kunnen hoger uitvallen.",
    ),
    "net_provincie": DemoFacts(
        BbvGroup.OVERIG,
        "Zuidland",
        "Een goed bereikbare regio: samen plannen en betalen van wegen en openbaar vervoer.",
        seat="Wethouder verkeer in de stuurgroep",
        contribution="50000",
        risks="Vertraging van projecten door stikstofregels.",
    ),
    "net_triple_helix": DemoFacts(
        BbvGroup.STICHTING,
        "Aalstad",
        "Een sterke regionale economie; uitgevoerd door de Stichting Economic Board Zuidland.",
        seat="Burgemeester in de raad van toezicht",
        votes=1,
        contribution="75000",
        equity=("60000", "72000"),
        debt=("20000", "18000"),
        result="12000",
        risks="De stichting is afhankelijk van subsidies van de deelnemers.",
    ),
    "net_keten": DemoFacts(
        BbvGroup.OVERIG,
        "Eikenrode",
        "Sociale veiligheid: aanpak van complexe zorg- en veiligheidsproblemen.",
        seat="Burgemeester in de stuurgroep",
        contribution="40000",
        risks="Beperkt: de bijdrage is jaarlijks vastgesteld.",
    ),
    "net": DemoFacts(
        BbvGroup.OVERIG,
        "Zuidland",
        "Afspraken over de bouw van woningen in de regio.",
        risks="Geen financiële risico's: de afspraken zijn niet bindend.",
    ),
}


def _amount(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


@transaction.atomic
def seed_bbv(region: Region, year: int) -> list[VerbondenPartijFacts]:
    """Create or update the demo municipality's facts over `year`."""
    saved = []
    for partnership_key, spec in DEMO_FACTS.items():
        participation = region.participations[(partnership_key, DEMO_ORGANISATION)]
        facts, _ = VerbondenPartijFacts.objects.update_or_create(
            participation=participation,
            year=year,
            defaults={
                "bbv_group": spec.group,
                "location": spec.location,
                "public_interest": spec.public_interest,
                "seat": spec.seat,
                "votes": spec.votes,
                "contribution": _amount(spec.contribution),
                "liability": spec.liability,
                "equity_start": _amount(spec.equity[0]) if spec.equity else None,
                "equity_end": _amount(spec.equity[1]) if spec.equity else None,
                "debt_start": _amount(spec.debt[0]) if spec.debt else None,
                "debt_end": _amount(spec.debt[1]) if spec.debt else None,
                "result": _amount(spec.result),
                "risks": spec.risks,
            },
        )
        saved.append(facts)
    return saved
