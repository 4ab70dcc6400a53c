"""Structural rules of a partnership, with the Dutch messages users see.

Pure: no ORM. The forms and the CSV importer call these so that a user never meets the
database's own refusal (the CHECK constraints and the triggers of migration 0002).
"""

from collections.abc import Iterable

from .constants import (
    NETWORK_FORMS,
    WGR_FORMS,
    BodyKind,
    CooperationModel,
    LegalForm,
    OrganisationKind,
)

MSG_CENTRE_NOT_CENTRUMREGELING = (
    "Alleen een centrumregeling heeft een centrumgemeente. Kies de vorm centrumregeling "
    "of zet het vinkje bij de centrumgemeente uit."
)
MSG_CENTRE_MISSING = (
    "Een centrumregeling heeft een centrumgemeente: geef aan welke deelnemer de taken "
    "voor de anderen uitvoert."
)
MSG_CENTRE_MANY = "Een centrumregeling heeft één centrumgemeente; u heeft er {count} gekozen."
MSG_ABDB_ON_BVO = (
    "Een bedrijfsvoeringsorganisatie heeft één bestuur, geen algemeen of dagelijks bestuur. "
    "Kies bij het orgaan de soort 'Bestuur'."
)
MSG_BVO_HAS_ABDB = (
    "Dit samenwerkingsverband heeft een algemeen of dagelijks bestuur. Een "
    "bedrijfsvoeringsorganisatie heeft één bestuur: pas eerst de organen aan."
)
MSG_VARIANT_ON_WGR = (
    "Een netwerkvariant (provincie, triple helix, keten) past alleen bij netwerksamenwerking, "
    "niet bij een gemeenschappelijke regeling."
)
MSG_DUPLICATE_PARTICIPANT = "{name} staat twee keer in de lijst met deelnemers."
MSG_DUPLICATE_BODY = "Er is al een orgaan van de soort '{kind}'. Elk soort komt één keer voor."
MSG_NO_PARTICIPANTS = "Voeg minstens één deelnemer toe."
MSG_PARTICIPANT_HAS_ASSESSMENTS = (
    "{name} heeft al zelfevaluaties in dit samenwerkingsverband en kan daarom niet worden "
    "verwijderd. Vul in plaats daarvan de datum 'deelnemer tot' in."
)

ABDB_KINDS = (BodyKind.AB, BodyKind.DB)

KIND_BY_FIRST_WORD = {
    "gemeente": OrganisationKind.GEMEENTE,
    "provincie": OrganisationKind.PROVINCIE,
    "waterschap": OrganisationKind.WATERSCHAP,
}


def cooperation_model_for(legal_form: str) -> str:
    """Wgr forms belong to a gemeenschappelijke regeling, the others to a network."""
    return CooperationModel.NETWORK if legal_form in NETWORK_FORMS else CooperationModel.WGR


def is_wgr_form(legal_form: str) -> bool:
    return legal_form in WGR_FORMS


def organisation_kind_for(name: str) -> str:
    """The kind of a new organisation follows from the first word of its name."""
    first = name.strip().split(maxsplit=1)[0].lower() if name.strip() else ""
    return KIND_BY_FIRST_WORD.get(first, OrganisationKind.OVERIG_PUBLIEK)


def variant_error(legal_form: str, network_variant: str) -> str | None:
    if network_variant and is_wgr_form(legal_form):
        return MSG_VARIANT_ON_WGR
    return None


def centre_errors(legal_form: str, centre_count: int) -> list[str]:
    """Errors about the centrumgemeente of a partnership as a whole."""
    if legal_form == LegalForm.CENTRUMREGELING:
        if centre_count == 0:
            return [MSG_CENTRE_MISSING]
        if centre_count > 1:
            return [MSG_CENTRE_MANY.format(count=centre_count)]
        return []
    return [MSG_CENTRE_NOT_CENTRUMREGELING] if centre_count else []


def body_kind_error(legal_form: str, kind: str) -> str | None:
    if legal_form == LegalForm.BEDRIJFSVOERINGSORGANISATIE and kind in ABDB_KINDS:
        return MSG_ABDB_ON_BVO
    return None


def legal_form_change_error(new_form: str, body_kinds: Iterable[str]) -> str | None:
    """Changing to a bedrijfsvoeringsorganisatie needs the AB/DB gone first."""
    if new_form == LegalForm.BEDRIJFSVOERINGSORGANISATIE and set(body_kinds) & set(ABDB_KINDS):
        return MSG_BVO_HAS_ABDB
    return None
