"""Which themes and recommendations of the Gids apply to a partnership, and why not.

Pure: plain data in, plain data out, no ORM. `partnerships.selectors.applicability_for`
feeds it from the database. The rules (DESIGN.md "Applicability"):

- Part A for Wgr partnerships; Part B for network cooperation and for the
  gemeenschappelijk orgaan (the Gids places it with Part B).
- A13 only when a province or a water board takes part; A14 only for a centrumregeling.
- Recommendations specific to the AB/DB split do not apply where there is no such split:
  a bedrijfsvoeringsorganisatie (one bestuur), and Part A chapters assessed "mutatis
  mutandis" for a partnership under Part B.
- B13-B15 only for their network variant.
- A Part B recommendation that declares a Part A chapter applicable "mutatis mutandis" is
  not scored itself: that chapter's recommendations are, under the Part B theme, with the
  Part B text shown as context.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from .constants import CooperationModel, LegalForm, NetworkVariant, OrganisationKind

APPLICABLE = "applicable"
EXCLUDED = "excluded"

VARIANT_THEMES = {
    "B13": NetworkVariant.PROVINCIE,
    "B14": NetworkVariant.TRIPLE_HELIX,
    "B15": NetworkVariant.KETEN,
}
VARIANT_LABELS = {
    NetworkVariant.PROVINCIE: "een provincie met gemeenten en/of waterschappen",
    NetworkVariant.TRIPLE_HELIX: "triple-helixsamenwerking",
    NetworkVariant.KETEN: "ketensamenwerking",
}

REASON_PART_A_NETWORK = (
    "Deel A geldt voor gemeenschappelijke regelingen (Wgr); dit samenwerkingsverband is "
    "netwerksamenwerking en wordt getoetst aan deel B."
)
REASON_PART_A_ORGAAN = (
    "De Gids behandelt het gemeenschappelijk orgaan bij deel B (netwerksamenwerking); "
    "deel A geldt daarom niet."
)
REASON_PART_B_WGR = (
    "Deel B geldt voor netwerksamenwerking; dit samenwerkingsverband is een "
    "gemeenschappelijke regeling en wordt getoetst aan deel A."
)
REASON_A13 = (
    "Aandachtspunt A13 (meerdere bestuurslagen) geldt alleen als een provincie of een "
    "waterschap deelneemt; hier nemen alleen {kinds} deel."
)
REASON_A13_EMPTY = (
    "Aandachtspunt A13 (meerdere bestuurslagen) geldt alleen als een provincie of een "
    "waterschap deelneemt; er zijn nog geen deelnemers vastgelegd."
)
REASON_A14 = "Aandachtspunt A14 geldt alleen voor een centrumregeling; dit is een {form}."
REASON_VARIANT = "Thema {code} geldt alleen voor {variant}; {actual}."
REASON_ABDB_BVO = (
    "Deze aanbeveling gaat over de verhouding tussen algemeen en dagelijks bestuur; een "
    "bedrijfsvoeringsorganisatie heeft één bestuur."
)
REASON_ABDB_PART_B = (
    "Deze aanbeveling gaat over de verhouding tussen algemeen en dagelijks bestuur; bij "
    "netwerksamenwerking en bij een gemeenschappelijk orgaan is er geen algemeen en "
    "dagelijks bestuur."
)

KIND_PLURALS: dict[str, str] = {  # by kind value: the facts hold plain strings
    OrganisationKind.GEMEENTE: "gemeenten",
    OrganisationKind.PROVINCIE: "provincies",
    OrganisationKind.WATERSCHAP: "waterschappen",
    OrganisationKind.OVERIG_PUBLIEK: "andere openbare lichamen",
    OrganisationKind.PRIVAAT: "private partijen",
}


@dataclass(frozen=True)
class PartnershipFacts:
    name: str
    cooperation_model: str
    legal_form: str
    network_variant: str = ""
    participant_kinds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RecommendationFacts:
    code: str
    is_abdb_specific: bool = False
    refers_to: str | None = None  # the Part A theme code a Part B recommendation refers to


@dataclass(frozen=True)
class ThemeFacts:
    code: str  # "A1" ... "B15"
    recommendations: tuple[RecommendationFacts, ...] = ()

    @property
    def part(self) -> str:
        return self.code[0]


@dataclass(frozen=True)
class ThemeApplicability:
    code: str
    status: str  # APPLICABLE or EXCLUDED
    reason: str | None
    items: tuple[str, ...] = ()  # recommendation codes scored under this theme
    context: tuple[str, ...] = ()  # Part B recommendations shown as context, not scored
    refers_to: tuple[str, ...] = ()  # the Part A themes whose recommendations are scored here

    @property
    def applies(self) -> bool:
        return self.status == APPLICABLE


@dataclass(frozen=True)
class ExcludedItem:
    id: str
    theme: str
    reason: str


@dataclass(frozen=True)
class Applicability:
    partnership: str
    part: str  # "A" or "B"
    themes: list[ThemeApplicability]
    excluded_items: list[ExcludedItem] = field(default_factory=list)

    def applicable_themes(self) -> list[ThemeApplicability]:
        return [t for t in self.themes if t.applies]

    def item_pairs(self) -> list[tuple[str, str]]:
        """(recommendation code, theme code) for every scored item, in Gids order."""
        return [(item, t.code) for t in self.themes if t.applies for item in t.items]

    def theme(self, code: str) -> ThemeApplicability | None:
        return next((t for t in self.themes if t.code == code), None)

    def as_json(self) -> dict[str, object]:
        """The `applicability --json` contract (DESIGN.md)."""
        return {
            "partnership": self.partnership,
            "themes": [
                {"code": t.code, "status": t.status, "reason": t.reason, "items": list(t.items)}
                for t in self.themes
            ],
            "excluded_items": [{"id": e.id, "reason": e.reason} for e in self.excluded_items],
        }


def assessed_part(partnership: PartnershipFacts) -> str:
    if partnership.cooperation_model == CooperationModel.NETWORK:
        return "B"
    if partnership.legal_form == LegalForm.GEMEENSCHAPPELIJK_ORGAAN:
        return "B"
    return "A"


def _form_label(legal_form: str) -> str:
    try:
        return LegalForm(legal_form).label.lower()
    except ValueError:
        return legal_form


def _theme_exclusion(theme: ThemeFacts, partnership: PartnershipFacts, part: str) -> str | None:
    if theme.part != part:
        if theme.part == "B":
            return REASON_PART_B_WGR
        if partnership.legal_form == LegalForm.GEMEENSCHAPPELIJK_ORGAAN:
            return REASON_PART_A_ORGAAN
        return REASON_PART_A_NETWORK
    if theme.code == "A13" and not (
        partnership.participant_kinds & {OrganisationKind.PROVINCIE, OrganisationKind.WATERSCHAP}
    ):
        if not partnership.participant_kinds:
            return REASON_A13_EMPTY
        kinds = sorted(KIND_PLURALS.get(k, k) for k in partnership.participant_kinds)
        return REASON_A13.format(kinds=" en ".join(kinds))
    if theme.code == "A14" and partnership.legal_form != LegalForm.CENTRUMREGELING:
        return REASON_A14.format(form=_form_label(partnership.legal_form))
    if theme.code in VARIANT_THEMES and partnership.network_variant != VARIANT_THEMES[theme.code]:
        actual = (
            f"hier gaat het om {VARIANT_LABELS[NetworkVariant(partnership.network_variant)]}"
            if partnership.network_variant
            else "voor dit samenwerkingsverband is geen bijzondere netwerkvorm opgegeven"
        )
        return REASON_VARIANT.format(
            code=theme.code, variant=VARIANT_LABELS[VARIANT_THEMES[theme.code]], actual=actual
        )
    return None


def applicability(partnership: PartnershipFacts, themes: Sequence[ThemeFacts]) -> Applicability:
    """Every theme of the framework, applicable or excluded with a Dutch reason."""
    part = assessed_part(partnership)
    by_code = {t.code: t for t in themes}
    abdb_reason = None
    if partnership.legal_form == LegalForm.BEDRIJFSVOERINGSORGANISATIE:
        abdb_reason = REASON_ABDB_BVO
    elif part == "B":
        abdb_reason = REASON_ABDB_PART_B

    results: list[ThemeApplicability] = []
    excluded: list[ExcludedItem] = []
    for theme in themes:
        reason = _theme_exclusion(theme, partnership, part)
        if reason:
            results.append(ThemeApplicability(theme.code, EXCLUDED, reason))
            continue
        items: list[str] = []
        context: list[str] = []
        refers_to: list[str] = []
        for rec in theme.recommendations:
            if rec.refers_to and rec.refers_to in by_code:
                context.append(rec.code)
                refers_to.append(rec.refers_to)
                candidates = by_code[rec.refers_to].recommendations
            else:
                candidates = (rec,)
            for candidate in candidates:
                if candidate.is_abdb_specific and abdb_reason:
                    if all(e.id != candidate.code for e in excluded):
                        excluded.append(ExcludedItem(candidate.code, theme.code, abdb_reason))
                elif candidate.code not in items:
                    items.append(candidate.code)
        results.append(
            ThemeApplicability(
                theme.code, APPLICABLE, None, tuple(items), tuple(context), tuple(refers_to)
            )
        )
    return Applicability(
        partnership=partnership.name, part=part, themes=results, excluded_items=excluded
    )
