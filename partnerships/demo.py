"""The fictional demo region "Zuidland": invented names, never real municipalities.

`seed_region()` creates or updates it (idempotent: everything is found by name) and returns
a `Region` whose dicts use these stable keys:

region.organisations
    "aalstad", "beekdorp", "cederveen", "dalwijk", "eikenrode", "fluitenberg"   (gemeenten)
    "zuidland"        Provincie Zuidland
    "dedijken"        Waterschap De Dijken
    "hogeschool"      Hogeschool Zuidland            (privaat; triple helix)
    "ondernemers"     Ondernemersvereniging Zuidland (privaat; triple helix)
    "politie"         Politie-eenheid Zuidland       (overig publiek; keten)
    "om"              Openbaar Ministerie Zuidland   (overig publiek; keten)

region.partnerships  (key: name, legal form, participants)
    "ob"              GGD Zuidland: openbaar lichaam with AB, DB, auditcommissie and
                      gezamenlijke contramal; the six gemeenten (A13 does not apply)
    "ob_lagen"        Omgevingsdienst Zuidland: openbaar lichaam; aalstad, beekdorp,
                      cederveen, the province and the water board (A13 applies)
    "bvo"             Belastingsamenwerking Zuidland: bedrijfsvoeringsorganisatie with
                      one bestuur; aalstad, beekdorp, dalwijk, dedijken
    "centrum"         Sociaal Domein Aalstad e.o.: centrumregeling, centre "aalstad";
                      aalstad, beekdorp, eikenrode (A14 applies)
    "orgaan"          Regionaal Archief Zuidland: gemeenschappelijk orgaan (Part B);
                      cederveen, dalwijk, fluitenberg
    "zonder_meer"     Leerplicht Beekdorp-Cederveen: regeling zonder meer;
                      beekdorp, cederveen
    "net_provincie"   Bereikbaarheid Zuidland: network (convenant) of several layers of
                      government (B13 follows from the participants);
                      zuidland, aalstad, dalwijk, dedijken
    "net_triple_helix" Economic Board Zuidland: network (overeenkomst), variant triple helix
                      (B14); aalstad, fluitenberg, hogeschool, ondernemers
    "net_keten"       Zorg- en Veiligheidshuis Zuidland: network (convenant), variant keten
                      (B15); aalstad, eikenrode, politie, om
    "net"             Woondeal Zuidland: plain, light network (afsprakenset) in which the
                      raden have no powers; all six gemeenten

region.participations[(partnership key, organisation key)] -> Participation
region.people[key] -> Person, e.g. "voorzitter_ggd", "directeur_ggd", "wethouder_aalstad";
    see PEOPLE below for every key.

Every participant has its raad, college and contramal body for each partnership.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from .constants import (
    AttentionLevel,
    BodyKind,
    CooperationModel,
    LegalForm,
    NetworkVariant,
    NetworkWeight,
    OrganisationKind,
    Philosophy,
    SeatRole,
)
from .models import Body, Organisation, Participation, Partnership, Person, Seat
from .rules import cooperation_model_for
from .services import ensure_participant_bodies

G = OrganisationKind.GEMEENTE
ORGANISATIONS: dict[str, tuple[str, str, str]] = {
    # key: (name, kind, fictional CBS-like code)
    "aalstad": ("Gemeente Aalstad", G, "GM9901"),
    "beekdorp": ("Gemeente Beekdorp", G, "GM9902"),
    "cederveen": ("Gemeente Cederveen", G, "GM9903"),
    "dalwijk": ("Gemeente Dalwijk", G, "GM9904"),
    "eikenrode": ("Gemeente Eikenrode", G, "GM9905"),
    "fluitenberg": ("Gemeente Fluitenberg", G, "GM9906"),
    "zuidland": ("Provincie Zuidland", OrganisationKind.PROVINCIE, "PV99"),
    "dedijken": ("Waterschap De Dijken", OrganisationKind.WATERSCHAP, "WS9901"),
    "hogeschool": ("Hogeschool Zuidland", OrganisationKind.PRIVAAT, ""),
    "ondernemers": ("Ondernemersvereniging Zuidland", OrganisationKind.PRIVAAT, ""),
    "politie": ("Politie-eenheid Zuidland", OrganisationKind.OVERIG_PUBLIEK, ""),
    "om": ("Openbaar Ministerie Zuidland", OrganisationKind.OVERIG_PUBLIEK, ""),
}
SIX = ["aalstad", "beekdorp", "cederveen", "dalwijk", "eikenrode", "fluitenberg"]


@dataclass(frozen=True)
class PartnershipSpec:
    name: str
    legal_form: str
    participants: list[str]
    variants: tuple[str, ...] = ()
    centre: str = ""
    philosophy: str = ""
    domain: str = ""
    statutory: bool = False
    weight: str = NetworkWeight.ZWAAR
    council_powers: bool = True
    description: str = ""
    # partnership bodies: (kind, name)
    bodies: tuple[tuple[str, str], ...] = ()


PARTNERSHIPS: dict[str, PartnershipSpec] = {
    "ob": PartnershipSpec(
        "GGD Zuidland",
        LegalForm.OPENBAAR_LICHAAM,
        SIX,
        philosophy=Philosophy.OVERDRAGEN,
        domain="publieke gezondheid",
        statutory=True,
        description="Gemeentelijke gezondheidsdienst voor de zes gemeenten in Zuidland.",
        bodies=(
            (BodyKind.AB, "Algemeen bestuur GGD Zuidland"),
            (BodyKind.DB, "Dagelijks bestuur GGD Zuidland"),
            (BodyKind.COMMISSIE, "Auditcommissie GGD Zuidland"),
            (BodyKind.GEZAMENLIJKE_CONTRAMAL, "Gezamenlijke contramal GGD Zuidland"),
        ),
    ),
    "ob_lagen": PartnershipSpec(
        "Omgevingsdienst Zuidland",
        LegalForm.OPENBAAR_LICHAAM,
        ["aalstad", "beekdorp", "cederveen", "zuidland", "dedijken"],
        philosophy=Philosophy.OPDRAGEN,
        domain="vergunningverlening, toezicht en handhaving",
        statutory=True,
        bodies=(
            (BodyKind.AB, "Algemeen bestuur Omgevingsdienst Zuidland"),
            (BodyKind.DB, "Dagelijks bestuur Omgevingsdienst Zuidland"),
            (BodyKind.COMMISSIE, "Adviescommissie financiën Omgevingsdienst"),
            (BodyKind.GEZAMENLIJKE_CONTRAMAL, "Gezamenlijke contramal Omgevingsdienst"),
        ),
    ),
    "bvo": PartnershipSpec(
        "Belastingsamenwerking Zuidland",
        LegalForm.BEDRIJFSVOERINGSORGANISATIE,
        ["aalstad", "beekdorp", "dalwijk", "dedijken"],
        philosophy=Philosophy.OPDRAGEN,
        domain="belastingen en WOZ",
        bodies=(
            (BodyKind.BESTUUR, "Bestuur Belastingsamenwerking Zuidland"),
            (BodyKind.COMMISSIE, "Auditcommissie Belastingsamenwerking"),
            (BodyKind.GEZAMENLIJKE_CONTRAMAL, "Gezamenlijke contramal belastingen"),
        ),
    ),
    "centrum": PartnershipSpec(
        "Sociaal Domein Aalstad e.o.",
        LegalForm.CENTRUMREGELING,
        ["aalstad", "beekdorp", "eikenrode"],
        centre="aalstad",
        philosophy=Philosophy.OPDRAGEN,
        domain="sociaal domein",
        bodies=(
            (BodyKind.COMMISSIE, "Portefeuillehoudersoverleg Sociaal Domein"),
            (BodyKind.GEZAMENLIJKE_CONTRAMAL, "Gezamenlijke contramal sociaal domein"),
        ),
    ),
    "orgaan": PartnershipSpec(
        "Regionaal Archief Zuidland",
        LegalForm.GEMEENSCHAPPELIJK_ORGAAN,
        ["cederveen", "dalwijk", "fluitenberg"],
        philosophy=Philosophy.CO_CREATIE,
        domain="archief",
        bodies=(
            (BodyKind.BESTUUR, "Gemeenschappelijk orgaan Regionaal Archief"),
            (BodyKind.GEZAMENLIJKE_CONTRAMAL, "Ambtelijk overleg archief"),
        ),
    ),
    "zonder_meer": PartnershipSpec(
        "Leerplicht Beekdorp-Cederveen",
        LegalForm.REGELING_ZONDER_MEER,
        ["beekdorp", "cederveen"],
        philosophy=Philosophy.OPDRAGEN,
        domain="onderwijs",
        bodies=((BodyKind.COMMISSIE, "Bestuurlijk overleg leerplicht"),),
    ),
    "net_provincie": PartnershipSpec(
        "Bereikbaarheid Zuidland",
        LegalForm.CONVENANT,
        ["zuidland", "aalstad", "dalwijk", "dedijken"],
        philosophy=Philosophy.CO_CREATIE,
        domain="mobiliteit",
        bodies=(
            (BodyKind.BESTUUR, "Stuurgroep Bereikbaarheid Zuidland"),
            (BodyKind.GEZAMENLIJKE_CONTRAMAL, "Programmabureau Bereikbaarheid"),
        ),
    ),
    "net_triple_helix": PartnershipSpec(
        "Economic Board Zuidland",
        LegalForm.OVEREENKOMST,
        ["aalstad", "fluitenberg", "hogeschool", "ondernemers"],
        variants=(NetworkVariant.TRIPLE_HELIX,),
        philosophy=Philosophy.CO_CREATIE,
        domain="economie",
        bodies=(
            (BodyKind.BESTUUR, "Bestuur Economic Board Zuidland"),
            (BodyKind.COMMISSIE, "Werkgroep talent en arbeidsmarkt"),
        ),
    ),
    "net_keten": PartnershipSpec(
        "Zorg- en Veiligheidshuis Zuidland",
        LegalForm.CONVENANT,
        ["aalstad", "eikenrode", "politie", "om"],
        variants=(NetworkVariant.KETEN,),
        philosophy=Philosophy.CO_CREATIE,
        domain="zorg en veiligheid",
        bodies=(
            (BodyKind.BESTUUR, "Stuurgroep Zorg- en Veiligheidshuis"),
            (BodyKind.GEZAMENLIJKE_CONTRAMAL, "Ketenregie Zorg- en Veiligheidshuis"),
        ),
    ),
    "net": PartnershipSpec(
        "Woondeal Zuidland",
        LegalForm.AFSPRAKENSET,
        SIX,
        philosophy=Philosophy.CO_CREATIE,
        domain="wonen",
        weight=NetworkWeight.LICHT,
        council_powers=False,
        bodies=((BodyKind.BESTUUR, "Bestuurlijk overleg wonen Zuidland"),),
    ),
}

# key: (name, organisation key or ""); one person may have two keys (two hats)
PEOPLE: dict[str, tuple[str, str]] = {
    "burgemeester_aalstad": ("Marijke van Aalst", "aalstad"),
    "wethouder_aalstad": ("Joost Brinkhorst", "aalstad"),
    "wethouder_beekdorp": ("Fatima el Amrani", "beekdorp"),
    "wethouder_cederveen": ("Hendrik Cederlund", "cederveen"),
    "wethouder_dalwijk": ("Sanne Dalmeijer", "dalwijk"),
    "wethouder_eikenrode": ("Pieter Eikelboom", "eikenrode"),
    "wethouder_fluitenberg": ("Lotte Fluitman", "fluitenberg"),
    "gedeputeerde_zuidland": ("Rutger Zuidema", "zuidland"),
    "heemraad_dedijken": ("Ineke Dijkstra-Waal", "dedijken"),
    "raadslid_aalstad": ("Mohamed Aalbers", "aalstad"),
    "raadslid_beekdorp": ("Eva Beekman", "beekdorp"),
    "contramal_aalstad": ("Tessa Kortlever", "aalstad"),
    "contramal_beekdorp": ("Bram Veldhuis", "beekdorp"),
    "voorzitter_ggd": ("Marijke van Aalst", "aalstad"),
    "directeur_ggd": ("Karin Gezondheid-de Wit", ""),
    "directeur_omgevingsdienst": ("Olaf Omgever", ""),
    "directeur_belasting": ("Bea Taxateur", ""),
    "lector_hogeschool": ("Dr. Noor Kennis", "hogeschool"),
    "voorzitter_ondernemers": ("Gert Handelaar", "ondernemers"),
    "politiechef": ("Wim Blauw", "politie"),
    "officier": ("Ans Rechtvaardig", "om"),
}

# (partnership key, body kind, person key, role, represents organisation key or "")
SEATS: list[tuple[str, str, str, str, str]] = [
    # GGD: AB with one member per gemeente, DB of three, directeur as secretaris
    ("ob", BodyKind.AB, "voorzitter_ggd", SeatRole.VOORZITTER, "aalstad"),
    ("ob", BodyKind.AB, "wethouder_beekdorp", SeatRole.LID, "beekdorp"),
    ("ob", BodyKind.AB, "wethouder_cederveen", SeatRole.LID, "cederveen"),
    ("ob", BodyKind.AB, "wethouder_dalwijk", SeatRole.LID, "dalwijk"),
    ("ob", BodyKind.AB, "wethouder_eikenrode", SeatRole.LID, "eikenrode"),
    ("ob", BodyKind.AB, "wethouder_fluitenberg", SeatRole.LID, "fluitenberg"),
    ("ob", BodyKind.DB, "voorzitter_ggd", SeatRole.VOORZITTER, "aalstad"),
    ("ob", BodyKind.DB, "wethouder_beekdorp", SeatRole.PORTEFEUILLEHOUDER, "beekdorp"),
    ("ob", BodyKind.DB, "wethouder_dalwijk", SeatRole.PORTEFEUILLEHOUDER, "dalwijk"),
    ("ob", BodyKind.DB, "directeur_ggd", SeatRole.SECRETARIS, ""),
    ("ob", BodyKind.COMMISSIE, "wethouder_cederveen", SeatRole.VOORZITTER, "cederveen"),
    ("ob", BodyKind.GEZAMENLIJKE_CONTRAMAL, "contramal_aalstad", SeatRole.VOORZITTER, "aalstad"),
    ("ob", BodyKind.GEZAMENLIJKE_CONTRAMAL, "contramal_beekdorp", SeatRole.LID, "beekdorp"),
    # Omgevingsdienst: several layers of government
    ("ob_lagen", BodyKind.AB, "gedeputeerde_zuidland", SeatRole.VOORZITTER, "zuidland"),
    ("ob_lagen", BodyKind.AB, "wethouder_aalstad", SeatRole.LID, "aalstad"),
    ("ob_lagen", BodyKind.AB, "wethouder_beekdorp", SeatRole.LID, "beekdorp"),
    ("ob_lagen", BodyKind.AB, "wethouder_cederveen", SeatRole.LID, "cederveen"),
    ("ob_lagen", BodyKind.AB, "heemraad_dedijken", SeatRole.LID, "dedijken"),
    ("ob_lagen", BodyKind.DB, "gedeputeerde_zuidland", SeatRole.VOORZITTER, "zuidland"),
    ("ob_lagen", BodyKind.DB, "wethouder_aalstad", SeatRole.PORTEFEUILLEHOUDER, "aalstad"),
    ("ob_lagen", BodyKind.DB, "directeur_omgevingsdienst", SeatRole.SECRETARIS, ""),
    # Belastingsamenwerking: one bestuur
    ("bvo", BodyKind.BESTUUR, "wethouder_aalstad", SeatRole.VOORZITTER, "aalstad"),
    ("bvo", BodyKind.BESTUUR, "wethouder_beekdorp", SeatRole.LID, "beekdorp"),
    ("bvo", BodyKind.BESTUUR, "wethouder_dalwijk", SeatRole.LID, "dalwijk"),
    ("bvo", BodyKind.BESTUUR, "heemraad_dedijken", SeatRole.LID, "dedijken"),
    ("bvo", BodyKind.BESTUUR, "directeur_belasting", SeatRole.DIRECTEUR, ""),
    # Centrumregeling: consultation of portfolio holders
    ("centrum", BodyKind.COMMISSIE, "wethouder_aalstad", SeatRole.VOORZITTER, "aalstad"),
    ("centrum", BodyKind.COMMISSIE, "wethouder_beekdorp", SeatRole.LID, "beekdorp"),
    ("centrum", BodyKind.COMMISSIE, "wethouder_eikenrode", SeatRole.LID, "eikenrode"),
    ("orgaan", BodyKind.BESTUUR, "wethouder_cederveen", SeatRole.VOORZITTER, "cederveen"),
    ("orgaan", BodyKind.BESTUUR, "wethouder_dalwijk", SeatRole.LID, "dalwijk"),
    ("orgaan", BodyKind.BESTUUR, "wethouder_fluitenberg", SeatRole.LID, "fluitenberg"),
    ("zonder_meer", BodyKind.COMMISSIE, "wethouder_beekdorp", SeatRole.VOORZITTER, "beekdorp"),
    ("zonder_meer", BodyKind.COMMISSIE, "wethouder_cederveen", SeatRole.LID, "cederveen"),
    # Networks
    ("net_provincie", BodyKind.BESTUUR, "gedeputeerde_zuidland", SeatRole.VOORZITTER, "zuidland"),
    ("net_provincie", BodyKind.BESTUUR, "wethouder_aalstad", SeatRole.LID, "aalstad"),
    ("net_provincie", BodyKind.BESTUUR, "wethouder_dalwijk", SeatRole.LID, "dalwijk"),
    ("net_provincie", BodyKind.BESTUUR, "heemraad_dedijken", SeatRole.LID, "dedijken"),
    ("net_triple_helix", BodyKind.BESTUUR, "burgemeester_aalstad", SeatRole.VOORZITTER, "aalstad"),
    ("net_triple_helix", BodyKind.BESTUUR, "wethouder_fluitenberg", SeatRole.LID, "fluitenberg"),
    ("net_triple_helix", BodyKind.BESTUUR, "lector_hogeschool", SeatRole.LID, "hogeschool"),
    ("net_triple_helix", BodyKind.BESTUUR, "voorzitter_ondernemers", SeatRole.LID, "ondernemers"),
    ("net_keten", BodyKind.BESTUUR, "burgemeester_aalstad", SeatRole.VOORZITTER, "aalstad"),
    ("net_keten", BodyKind.BESTUUR, "wethouder_eikenrode", SeatRole.LID, "eikenrode"),
    ("net_keten", BodyKind.BESTUUR, "politiechef", SeatRole.LID, "politie"),
    ("net_keten", BodyKind.BESTUUR, "officier", SeatRole.LID, "om"),
    ("net", BodyKind.BESTUUR, "wethouder_aalstad", SeatRole.VOORZITTER, "aalstad"),
    ("net", BodyKind.BESTUUR, "wethouder_beekdorp", SeatRole.LID, "beekdorp"),
]
# Members of participants' own bodies: (partnership key, participant key, kind, person, role)
PARTICIPANT_SEATS: list[tuple[str, str, str, str, str]] = [
    ("ob", "aalstad", BodyKind.RAAD, "raadslid_aalstad", SeatRole.LID),
    ("ob", "aalstad", BodyKind.COLLEGE, "burgemeester_aalstad", SeatRole.VOORZITTER),
    ("ob", "aalstad", BodyKind.CONTRAMAL, "contramal_aalstad", SeatRole.LID),
    ("ob", "beekdorp", BodyKind.RAAD, "raadslid_beekdorp", SeatRole.LID),
    ("ob", "beekdorp", BodyKind.CONTRAMAL, "contramal_beekdorp", SeatRole.LID),
]


# How closely the raad of Aalstad follows its partnerships (Gids A7.2). Woondeal Zuidland is
# left open: the overview then shows a choice still to make.
ATTENTION_LEVELS: dict[tuple[str, str], str] = {
    ("ob", "aalstad"): AttentionLevel.INTENSIEF,
    ("centrum", "aalstad"): AttentionLevel.INTENSIEF,
    ("ob_lagen", "aalstad"): AttentionLevel.RAPPORTEURS,
    ("net_provincie", "aalstad"): AttentionLevel.RAPPORTEURS,
    ("net_keten", "aalstad"): AttentionLevel.RAPPORTEURS,
    ("bvo", "aalstad"): AttentionLevel.TAAKVERDELING,
    ("net_triple_helix", "aalstad"): AttentionLevel.TAAKVERDELING,
}


@dataclass
class Region:
    organisations: dict[str, Organisation] = field(default_factory=dict)
    partnerships: dict[str, Partnership] = field(default_factory=dict)
    participations: dict[tuple[str, str], Participation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)


def _email(name: str) -> str:
    words = re.split(r"[^a-z0-9-]+", name.lower())
    return ".".join(w for w in words if w.strip("-")) + "@zuidland.example"


@transaction.atomic
def seed_region() -> Region:
    """Create or update the demo region; idempotent."""
    region = Region()
    for key, (name, kind, code) in ORGANISATIONS.items():
        region.organisations[key], _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "cbs_code": code}
        )

    for key, spec in PARTNERSHIPS.items():
        partnership = _seed_partnership(spec)
        region.partnerships[key] = partnership
        for org_key in spec.participants:
            region.participations[(key, org_key)] = Participation.objects.get(
                partnership=partnership, organisation=region.organisations[org_key]
            )

    for key, (name, org_key) in PEOPLE.items():
        region.people[key], _ = Person.objects.update_or_create(
            name=name,
            defaults={
                "organisation": region.organisations[org_key] if org_key else None,
                "email": _email(name),
            },
        )

    for p_key, kind, person_key, role, represents in SEATS:
        body_name = dict(PARTNERSHIPS[p_key].bodies)[kind]
        body = Body.objects.get(partnership=region.partnerships[p_key], kind=kind, name=body_name)
        Seat.objects.update_or_create(
            body=body,
            person=region.people[person_key],
            role=role,
            defaults={
                "represents": region.participations[(p_key, represents)] if represents else None
            },
        )
    for p_key, org_key, kind, person_key, role in PARTICIPANT_SEATS:
        participation = region.participations[(p_key, org_key)]
        body = Body.objects.get(participation=participation, kind=kind)
        Seat.objects.update_or_create(
            body=body,
            person=region.people[person_key],
            role=role,
            defaults={"represents": participation},
        )
    for where, level in ATTENTION_LEVELS.items():
        # Only where nothing was chosen yet: a demo griffier's own choice survives a rerun.
        Participation.objects.filter(pk=region.participations[where].pk, attention_level="").update(
            attention_level=level
        )
    return region


def _seed_partnership(spec: PartnershipSpec) -> Partnership:
    organisations = {
        key: Organisation.objects.get(name=ORGANISATIONS[key][0]) for key in spec.participants
    }
    partnership = Partnership.objects.filter(name=spec.name).first()
    if partnership is not None:
        # Clear what a changed legal form may not have before changing it (database triggers).
        partnership.participations.filter(is_centre=True).update(is_centre=False)
        if spec.legal_form == LegalForm.BEDRIJFSVOERINGSORGANISATIE:
            partnership.bodies.filter(kind__in=[BodyKind.AB, BodyKind.DB]).delete()
    partnership, _ = Partnership.objects.update_or_create(
        name=spec.name,
        defaults={
            "cooperation_model": cooperation_model_for(spec.legal_form),
            "legal_form": spec.legal_form,
            "is_triple_helix": NetworkVariant.TRIPLE_HELIX in spec.variants,
            "is_chain": NetworkVariant.KETEN in spec.variants,
            "network_weight": spec.weight,
            "council_powers": spec.council_powers,
            "philosophy": spec.philosophy,
            "policy_domain": spec.domain,
            "is_statutory": spec.statutory,
            "description": spec.description,
        },
    )
    is_wgr = partnership.cooperation_model == CooperationModel.WGR
    for index, key in enumerate(spec.participants):
        Participation.objects.update_or_create(
            partnership=partnership,
            organisation=organisations[key],
            defaults={
                "is_centre": key == spec.centre,
                "since": date(2015 + index % 3, 1, 1),
                "voting_weight": 1 if is_wgr else None,
                "financial_contribution": Decimal(250_000 - 20_000 * index) if is_wgr else None,
            },
        )
    for kind, name in spec.bodies:
        # Any: the type checker would otherwise think these keys could fill `defaults`.
        lookup: dict[str, Any] = (
            {"kind": kind, "name": name} if kind == BodyKind.COMMISSIE else {"kind": kind}
        )
        Body.objects.update_or_create(partnership=partnership, **lookup, defaults={"name": name})
    ensure_participant_bodies(partnership)
    return partnership
