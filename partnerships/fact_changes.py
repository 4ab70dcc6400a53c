"""A change of what decides applicability (the legal form, the network facts, the
participants) of a partnership that already has rounds: what it changes, and who may make it.

Such a change never touches existing rounds (they keep what applied when they opened), but
it changes every round after it, and who may read the partnership's submitted assessments.
So only the partnership's directeur or a beheerder makes it, after a confirmation page that
shows what changes; the partnership page tells everybody else.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User

from principles.models import Framework, Theme

from .access import can_open_rounds
from .applicability import PartnershipFacts, changed_facts
from .models import Organisation, Partnership
from .selectors import applicability_for, partnership_facts

MSG_NOT_YOURS = (
    "Dit samenwerkingsverband heeft al evaluatierondes. Alleen de directeur van het "
    "samenwerkingsverband of een beheerder kan daarom {what} wijzigen: dat verandert welke "
    "aanbevelingen in de volgende rondes gelden. Er is niets opgeslagen."
)


@dataclass(frozen=True)
class FactChange:
    """What a proposed change of the partnership's facts changes. Empty (falsy) when none of
    the facts that decide applicability changes."""

    changed: list[str]  # Dutch labels of the changed facts: "de vorm", ...
    themes_gained: list[str]  # "A14 Bijzonderheden bij de Centrumregeling"
    themes_lost: list[str]
    items_gained: list[str]  # recommendation codes
    items_lost: list[str]
    organisations_added: list[str]  # they gain access to the submitted assessments
    organisations_removed: list[str]  # they lose it

    def __bool__(self) -> bool:
        return bool(self.changed)

    @property
    def what(self) -> str:
        labels = self.changed
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " en " + labels[-1]


def has_rounds(partnership: Partnership) -> bool:
    """Whether the partnership has assessment rounds (the assessments app's reverse relation:
    partnerships does not import assessments)."""
    rounds = getattr(partnership, "rounds", None)
    return partnership.pk is not None and rounds is not None and rounds.exists()


def may_change_facts(user: User | AnonymousUser, partnership: Partnership) -> bool:
    """The directeur of this partnership, or a beheerder: who opens its rounds."""
    return can_open_rounds(user, partnership)


def proposed_facts(
    partnership: Partnership, cleaned: dict[str, Any], organisations: Iterable[Organisation]
) -> PartnershipFacts:
    """The facts after the edit: the partnership form's cleaned data and the organisations
    that stay or become participants."""
    variants = {"triple_helix": cleaned.get("is_triple_helix"), "keten": cleaned.get("is_chain")}
    return PartnershipFacts(
        name=partnership.name,
        cooperation_model=partnership.cooperation_model,
        legal_form=str(cleaned.get("legal_form") or partnership.legal_form),
        participant_kinds=frozenset(o.kind for o in organisations),
        network_variants=frozenset(v for v, on in variants.items() if on),
        network_weight=str(cleaned.get("network_weight") or partnership.network_weight),
        council_powers=bool(cleaned.get("council_powers")),
        is_statutory=bool(cleaned.get("is_statutory")),
    )


def _theme_labels(framework: Framework, codes: Sequence[str]) -> list[str]:
    titles = dict(Theme.objects.filter(part__framework=framework).values_list("code", "title"))
    return [f"{code} {titles.get(code, '')}".strip() for code in codes]


def fact_change(
    partnership: Partnership, proposed: PartnershipFacts, organisations: Iterable[Organisation]
) -> FactChange:
    """Compare the stored partnership (read again from the database: the form has already
    written its data onto the instance) with the proposed facts, under the current Gids."""
    stored = Partnership.objects.get(pk=partnership.pk)
    now = partnership_facts(stored)
    changed = changed_facts(now, proposed)
    before_orgs = dict(stored.participations.values_list("organisation_id", "organisation__name"))
    after_orgs = {o.pk: o.name for o in organisations}
    added = sorted(name for pk, name in after_orgs.items() if pk not in before_orgs)
    removed = sorted(name for pk, name in before_orgs.items() if pk not in after_orgs)
    if not changed:
        return FactChange([], [], [], [], [], added, removed)
    framework = Framework.objects.current()
    before = applicability_for(stored, framework)
    after = applicability_for(stored, framework, facts=proposed)
    themes_before = {t.code for t in before.applicable_themes()}
    themes_after = {t.code for t in after.applicable_themes()}
    order = [t.code for t in before.themes]
    items_before = {code for code, _ in before.item_pairs()}
    items_after = {code for code, _ in after.item_pairs()}
    return FactChange(
        changed=changed,
        themes_gained=_theme_labels(
            framework, [c for c in order if c in themes_after - themes_before]
        ),
        themes_lost=_theme_labels(
            framework, [c for c in order if c in themes_before - themes_after]
        ),
        items_gained=sorted(items_after - items_before, key=_code_key),
        items_lost=sorted(items_before - items_after, key=_code_key),
        organisations_added=added,
        organisations_removed=removed,
    )


def _code_key(code: str) -> tuple[str, int, int]:
    part, _, rest = code.partition(".")
    return (part[0], int(part[1:]), int(rest or 0))


def needs_confirmation(change: FactChange) -> bool:
    """A change of the facts, or of who takes part (and so who reads the assessments)."""
    return bool(change) or bool(change.organisations_added or change.organisations_removed)


def changes_since_latest_round(latest_snapshot: object, now: PartnershipFacts) -> list[str]:
    """What of the facts changed since the latest round opened (the facts its applicability
    snapshot stored), in Dutch; empty without a round or without a change."""
    facts = latest_snapshot.get("facts") if isinstance(latest_snapshot, dict) else None
    if not facts:
        return []
    return changed_facts(PartnershipFacts.from_json(facts), now)
