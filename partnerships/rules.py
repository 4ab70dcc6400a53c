"""Structural rules of a partnership, with the Dutch messages users see.

Pure: no ORM. The forms and the CSV importer call these so that a user never meets the
database's own refusal (the CHECK constraints and the triggers of migration 0002).
"""

from collections.abc import Iterable, Mapping
from typing import Any

from .constants import (
    FORMS_WITHOUT_OWN_BODIES,
    NETWORK_FORMS,
    PART_B_FORMS,
    WGR_FORMS,
    BodyKind,
    CooperationModel,
    LegalForm,
    NetworkWeight,
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
MSG_ABDB_ON_PART_B = (
    "{form} heeft geen algemeen of dagelijks bestuur. Kies bij het orgaan de soort 'Bestuur' "
    "(bijvoorbeeld een stuurgroep of bestuurlijk overleg), 'Commissie' of 'Gezamenlijke "
    "contramal'."
)
MSG_PART_B_HAS_ABDB = (
    "Dit samenwerkingsverband heeft een algemeen of dagelijks bestuur. {form} heeft dat niet: "
    "pas eerst de organen aan (bijvoorbeeld één 'Bestuur' als stuurgroep of bestuurlijk "
    "overleg) en kies daarna de nieuwe vorm."
)
MSG_BESTUUR_WITHOUT_OWN_BODIES = (
    "{form} heeft geen eigen bestuur: {reason}. Alleen een commissie of een gezamenlijke "
    "contramal kan hier. Verwijder dit orgaan of kies een van die soorten."
)
MSG_NO_OWN_BODIES_HAS_BESTUUR = (
    "Dit samenwerkingsverband heeft een eigen bestuur (algemeen bestuur, dagelijks bestuur of "
    "bestuur). {form} heeft dat niet: {reason}. Verwijder eerst die organen en kies daarna de "
    "nieuwe vorm; commissies en een gezamenlijke contramal mogen blijven."
)
MSG_PRIVATE_IN_WGR = (
    "{name} is een private partij. Aan een gemeenschappelijke regeling nemen alleen "
    "overheden en andere openbare lichamen deel; een private partij kan alleen meedoen aan "
    "netwerksamenwerking."
)
MSG_WGR_HAS_PRIVATE = (
    "Aan dit samenwerkingsverband neemt een private partij deel ({names}). Aan een "
    "gemeenschappelijke regeling nemen alleen overheden en andere openbare lichamen deel: "
    "verwijder eerst de private deelnemers of kies een vorm van netwerksamenwerking."
)
MSG_ORGANISATION_IN_WGR = (
    "{name} neemt deel aan een gemeenschappelijke regeling ({partnerships}). Daaraan nemen "
    "alleen overheden en andere openbare lichamen deel: verwijder haar daar eerst als "
    "deelnemer, of kies een andere soort."
)
MSG_VARIANT_ON_WGR = (
    "Triple helix en ketensamenwerking passen alleen bij netwerksamenwerking, niet bij een "
    "gemeenschappelijke regeling."
)
MSG_WEIGHT_ON_PART_A = (
    "Een lichte vorm kan alleen bij netwerksamenwerking of een gemeenschappelijk orgaan; een "
    "andere gemeenschappelijke regeling is altijd een zware vorm."
)
MSG_POWERS_ON_PART_A = (
    "Alleen bij netwerksamenwerking of een gemeenschappelijk orgaan kunnen de politieke organen "
    "zonder bevoegdheden zijn; bij een andere gemeenschappelijke regeling hebben zij die altijd."
)
MSG_DUPLICATE_PARTICIPANT = "{name} staat twee keer in de lijst met deelnemers."
MSG_DUPLICATE_BODY = "Er is al een orgaan van de soort '{kind}'. Elk soort komt één keer voor."
MSG_NO_PARTICIPANTS = "Voeg minstens één deelnemer toe."
MSG_PARTICIPANT_HAS_ASSESSMENTS = (
    "{name} heeft al zelfevaluaties in dit samenwerkingsverband en kan daarom niet worden "
    "verwijderd. Vul in plaats daarvan de datum 'deelnemer tot' in."
)

ABDB_KINDS = (BodyKind.AB, BodyKind.DB)
# The bodies that govern a partnership of its own; commissions and a gezamenlijke contramal
# advise or check and may exist under any form.
GOVERNING_KINDS = (*ABDB_KINDS, BodyKind.BESTUUR)

# How the messages name a form at the start of a sentence: a network is named as such, since
# its three forms (convenant, overeenkomst, afsprakenset) share the rule.
FORM_IN_SENTENCE: dict[str, str] = {
    LegalForm.BEDRIJFSVOERINGSORGANISATIE: "Een bedrijfsvoeringsorganisatie",
    LegalForm.CENTRUMREGELING: "Een centrumregeling",
    LegalForm.GEMEENSCHAPPELIJK_ORGAAN: "Een gemeenschappelijk orgaan",
    LegalForm.REGELING_ZONDER_MEER: "Een regeling zonder meer",
    **{form: "Een netwerksamenwerking" for form in NETWORK_FORMS},
}
# Why a form has no body of its own (DESIGN.md "Applicability").
WITHOUT_OWN_BODIES_REASON: dict[str, str] = {
    LegalForm.CENTRUMREGELING: "de centrumgemeente voert de taken uit met haar eigen college "
    "en organisatie",
    LegalForm.REGELING_ZONDER_MEER: "de deelnemers voeren de afspraken elk zelf uit",
}

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


def is_part_b_form(legal_form: str) -> bool:
    """The forms the Gids assesses with Part B: the only ones with network facts (weight,
    political bodies without powers)."""
    return legal_form in PART_B_FORMS


def organisation_kind_for(name: str) -> str:
    """The kind of a new organisation follows from the first word of its name."""
    first = name.strip().split(maxsplit=1)[0].lower() if name.strip() else ""
    return KIND_BY_FIRST_WORD.get(first, OrganisationKind.OVERIG_PUBLIEK)


def network_fact_errors_in(legal_form: str, cleaned: Mapping[str, Any]) -> dict[str, str]:
    """network_fact_errors for a form's cleaned data (the edit page and the admin)."""
    return network_fact_errors(
        legal_form,
        is_triple_helix=bool(cleaned.get("is_triple_helix")),
        is_chain=bool(cleaned.get("is_chain")),
        network_weight=cleaned.get("network_weight") or NetworkWeight.ZWAAR,
        council_powers=bool(cleaned.get("council_powers")),
    )


def network_fact_errors(
    legal_form: str,
    *,
    is_triple_helix: bool,
    is_chain: bool,
    network_weight: str,
    council_powers: bool,
) -> dict[str, str]:
    """{field: Dutch message} for the network facts that do not fit the legal form: variants
    only for networks; a light form and political bodies without powers only for the forms
    the Gids assesses with Part B."""
    errors: dict[str, str] = {}
    if (is_triple_helix or is_chain) and is_wgr_form(legal_form):
        errors["is_triple_helix" if is_triple_helix else "is_chain"] = MSG_VARIANT_ON_WGR
    if not is_part_b_form(legal_form):
        if network_weight == NetworkWeight.LICHT:
            errors["network_weight"] = MSG_WEIGHT_ON_PART_A
        if not council_powers:
            errors["council_powers"] = MSG_POWERS_ON_PART_A
    return errors


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
    """Whether a body of the partnership itself fits its legal form. No AB or DB for a
    bedrijfsvoeringsorganisatie (one bestuur) or a Part B form; no governing body at all for
    a centrumregeling or a regeling zonder meer. Commissions and a gezamenlijke contramal
    fit every form."""
    if legal_form in FORMS_WITHOUT_OWN_BODIES and kind in GOVERNING_KINDS:
        return MSG_BESTUUR_WITHOUT_OWN_BODIES.format(
            form=FORM_IN_SENTENCE[legal_form], reason=WITHOUT_OWN_BODIES_REASON[legal_form]
        )
    if kind not in ABDB_KINDS:
        return None
    if legal_form == LegalForm.BEDRIJFSVOERINGSORGANISATIE:
        return MSG_ABDB_ON_BVO
    if is_part_b_form(legal_form):
        return MSG_ABDB_ON_PART_B.format(form=FORM_IN_SENTENCE[legal_form])
    return None


def participant_kind_error(legal_form: str, kind: str, name: str) -> str | None:
    """Only public bodies take part in a Wgr regeling; private parties only in networks."""
    if kind == OrganisationKind.PRIVAAT and is_wgr_form(legal_form):
        return MSG_PRIVATE_IN_WGR.format(name=name)
    return None


def legal_form_change_errors(
    new_form: str,
    *,
    body_kinds: Iterable[str],
    participants: Iterable[tuple[str, str]] = (),
) -> list[str]:
    """What must change before a partnership with these bodies (their kinds) and participants
    ((name, kind) pairs) can take the new legal form: the same rules as body_kind_error and
    participant_kind_error, told as what to change first."""
    errors: list[str] = []
    misfits = {kind for kind in body_kinds if body_kind_error(new_form, kind)}
    if misfits and new_form in FORMS_WITHOUT_OWN_BODIES:
        errors.append(
            MSG_NO_OWN_BODIES_HAS_BESTUUR.format(
                form=FORM_IN_SENTENCE[new_form], reason=WITHOUT_OWN_BODIES_REASON[new_form]
            )
        )
    elif misfits and new_form == LegalForm.BEDRIJFSVOERINGSORGANISATIE:
        errors.append(MSG_BVO_HAS_ABDB)
    elif misfits:
        errors.append(MSG_PART_B_HAS_ABDB.format(form=FORM_IN_SENTENCE[new_form]))
    private = [name for name, kind in participants if participant_kind_error(new_form, kind, name)]
    if private:
        errors.append(MSG_WGR_HAS_PRIVATE.format(names=", ".join(sorted(private))))
    return errors
