"""The facts of a partnership that applicability reads, and the named conditions on them
that the rules table (`applicability_rules.py`) uses: each condition reads one fact and has
a code and the fact's Dutch name for the generated documentation."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from .constants import (
    FORMS_WITHOUT_OWN_BODIES,
    CooperationModel,
    LegalForm,
    NetworkVariant,
    NetworkWeight,
    OrganisationKind,
)


@dataclass(frozen=True)
class PartnershipFacts:
    """Everything applicability reads of a partnership: plain values, so that a round can
    store them when it opens and a kind of partnership can key a cache."""

    name: str
    cooperation_model: str
    legal_form: str
    participant_kinds: frozenset[str] = frozenset()
    network_variants: frozenset[str] = frozenset()
    network_weight: str = NetworkWeight.ZWAAR
    council_powers: bool = True
    is_statutory: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "cooperation_model": self.cooperation_model,
            "legal_form": self.legal_form,
            "participant_kinds": sorted(self.participant_kinds),
            "network_variants": sorted(self.network_variants),
            "network_weight": self.network_weight,
            "council_powers": self.council_powers,
            "is_statutory": self.is_statutory,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "PartnershipFacts":
        return cls(
            name=str(data["name"]),
            cooperation_model=str(data["cooperation_model"]),
            legal_form=str(data["legal_form"]),
            participant_kinds=frozenset(data.get("participant_kinds", ())),
            network_variants=frozenset(data.get("network_variants", ())),
            network_weight=str(data.get("network_weight", NetworkWeight.ZWAAR)),
            council_powers=bool(data.get("council_powers", True)),
            is_statutory=bool(data.get("is_statutory", False)),
        )

    def without_name(self) -> "PartnershipFacts":
        """The kind of partnership: what applicability depends on."""
        return replace(self, name="")


@dataclass(frozen=True)
class Condition:
    code: str
    fact: str  # the partnership fact it reads, in Dutch, for the docs
    holds: Callable[[PartnershipFacts], bool]


SEVERAL_LAYERS = {OrganisationKind.PROVINCIE, OrganisationKind.WATERSCHAP}
GOVERNMENTS = {OrganisationKind.GEMEENTE, OrganisationKind.PROVINCIE, OrganisationKind.WATERSCHAP}


def _kinds(f: PartnershipFacts) -> frozenset[str]:
    return f.participant_kinds


def _form(f: PartnershipFacts) -> str:
    return f.legal_form


def _is_network(f: PartnershipFacts) -> bool:
    return f.cooperation_model == CooperationModel.NETWORK


def _part_b(f: PartnershipFacts) -> bool:
    return _is_network(f) or _form(f) == LegalForm.GEMEENSCHAPPELIJK_ORGAAN


def _several_layers(f: PartnershipFacts) -> bool:
    kinds = _kinds(f)
    return bool(kinds & SEVERAL_LAYERS) and len(kinds & GOVERNMENTS) >= 2


NETWORK = Condition("netwerk", "vorm", _is_network)
ORGAAN = Condition(
    "gemeenschappelijk_orgaan", "vorm", lambda f: _form(f) == LegalForm.GEMEENSCHAPPELIJK_ORGAAN
)
PART_A = Condition("deel_a", "vorm", lambda f: not _part_b(f))
PART_B = Condition("deel_b", "vorm", _part_b)
NO_PROVINCE_OR_WATER_BOARD = Condition(
    "geen_provincie_of_waterschap",
    "soorten deelnemers",
    lambda f: not (_kinds(f) & SEVERAL_LAYERS),
)
NOT_SEVERAL_LAYERS = Condition(
    "niet_meerdere_overheidslagen",
    "soorten deelnemers",
    lambda f: not _several_layers(f),
)
NOT_CENTRUMREGELING = Condition(
    "geen_centrumregeling", "vorm", lambda f: _form(f) != LegalForm.CENTRUMREGELING
)
NOT_TRIPLE_HELIX = Condition(
    "geen_triple_helix",
    "netwerkvarianten",
    lambda f: NetworkVariant.TRIPLE_HELIX not in f.network_variants,
)
NOT_CHAIN = Condition(
    "geen_ketensamenwerking",
    "netwerkvarianten",
    lambda f: NetworkVariant.KETEN not in f.network_variants,
)
BVO = Condition(
    "bedrijfsvoeringsorganisatie",
    "vorm",
    lambda f: _form(f) == LegalForm.BEDRIJFSVOERINGSORGANISATIE,
)
NO_OWN_BODIES = Condition(
    "geen_eigen_bestuur",
    "vorm",
    lambda f: _form(f) in FORMS_WITHOUT_OWN_BODIES,
)
CENTRUMREGELING = Condition(
    "centrumregeling", "vorm", lambda f: _form(f) == LegalForm.CENTRUMREGELING
)
ZONDER_MEER = Condition(
    "regeling_zonder_meer", "vorm", lambda f: _form(f) == LegalForm.REGELING_ZONDER_MEER
)
STATUTORY = Condition("wettelijk_verplicht", "wettelijk verplicht", lambda f: f.is_statutory)
LIGHT = Condition("licht", "zwaarte", lambda f: f.network_weight == NetworkWeight.LICHT)
NO_COUNCIL_POWERS = Condition(
    "geen_bevoegdheden_politieke_organen",
    "bevoegdheden van de politieke organen",
    lambda f: not f.council_powers,
)
ALWAYS = Condition("altijd", "—", lambda f: True)

CONDITIONS = (
    NETWORK,
    ORGAAN,
    PART_A,
    PART_B,
    NO_PROVINCE_OR_WATER_BOARD,
    NOT_SEVERAL_LAYERS,
    NOT_CENTRUMREGELING,
    NOT_TRIPLE_HELIX,
    NOT_CHAIN,
    BVO,
    NO_OWN_BODIES,
    CENTRUMREGELING,
    ZONDER_MEER,
    STATUTORY,
    LIGHT,
    NO_COUNCIL_POWERS,
    ALWAYS,
)
