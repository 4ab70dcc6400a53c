"""What a CSV import would change, in Dutch, without saving anything: the `--dry-run` of
`python manage.py import_partnerships` (DESIGN.md "Contracts other parts rely on").

    lines = preview_import(data)   # bytes of the file; raises ImportFailed as the import does

The import itself runs, in a transaction that is rolled back afterwards: the preview then
shows exactly what the import would do and refuses exactly what it would refuse, without a
second copy of its rules. The partnerships of the file are read before and after and
compared.
"""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models.functions import Lower

from .csv_parse import parse
from .importer import import_partnerships
from .models import Organisation, Participation, Partnership

# The partnership's fields a file sets, in the order the preview lists them.
FIELDS = (
    "cooperation_model",
    "legal_form",
    "is_triple_helix",
    "is_chain",
    "network_weight",
    "council_powers",
    "philosophy",
    "policy_domain",
    "is_statutory",
)
# How alike two names must be to be mentioned as a possible typing error (difflib's ratio).
NEAR_MISS = 0.85
EMPTY = "(leeg)"


@dataclass(frozen=True)
class _State:
    name: str
    fields: dict[str, object]
    participants: dict[str, bool]  # organisation name -> is the centre


def _states(keys: Iterable[str]) -> dict[str, _State]:
    """The stored partnerships with these lower-case names, by lower-case name."""
    partnerships = list(
        Partnership.objects.annotate(key=Lower("name"))
        .filter(key__in=list(keys))
        .values("pk", "name", *FIELDS)
    )
    participants: dict[int, dict[str, bool]] = {p["pk"]: {} for p in partnerships}
    for partnership_id, organisation, is_centre in Participation.objects.filter(
        partnership_id__in=participants
    ).values_list("partnership_id", "organisation__name", "is_centre"):
        participants[partnership_id][organisation] = is_centre
    return {
        p["name"].lower(): _State(
            name=p["name"],
            fields={name: p[name] for name in FIELDS},
            participants=participants[p["pk"]],
        )
        for p in partnerships
    }


def _shown(field_name: str, value: object) -> str:
    """A value as the pages show it: the choice's label, ja/nee, or (leeg)."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    field = Partnership._meta.get_field(field_name)
    labels = {str(key): str(label) for key, label in getattr(field, "flatchoices", [])}
    text = labels.get(str(value), str(value or ""))
    return text or EMPTY


def _label(field_name: str) -> str:
    return str(Partnership._meta.get_field(field_name).verbose_name)  # type: ignore[union-attr]


def _near_miss(name: str, existing: Iterable[str]) -> str | None:
    by_key = {e.lower(): e for e in existing}
    found = difflib.get_close_matches(name.lower(), list(by_key), n=1, cutoff=NEAR_MISS)
    return by_key[found[0]] if found else None


def _centre(state: _State) -> str:
    return next((name for name, is_centre in state.participants.items() if is_centre), "")


def _changes(before: _State, after: _State) -> list[str]:
    lines = [
        f"  {_label(name)}: {_shown(name, before.fields[name])} → "
        f"{_shown(name, after.fields[name])}"
        for name in FIELDS
        if before.fields[name] != after.fields[name]
    ]
    lines += [
        f"  deelnemer erbij: {name}"
        for name in sorted(after.participants)
        if name not in before.participants
    ]
    lines += [
        f"  deelnemer eraf: {name}"
        for name in sorted(before.participants)
        if name not in after.participants
    ]
    if _centre(before) != _centre(after):
        lines.append(f"  centrumgemeente: {_centre(before) or EMPTY} → {_centre(after) or EMPTY}")
    return lines


def preview_import(data: bytes, max_rows: int | None = None) -> list[str]:
    """Every change the import of this file would make, one Dutch line each, and a summary
    as the last line. Saves nothing; raises ImportFailed with the import's own errors."""
    rows = parse(data, max_rows=max_rows)
    keys = [row.name.lower() for row in rows]
    partnership_names = list(Partnership.objects.values_list("name", flat=True))
    organisation_names = list(Organisation.objects.values_list("name", flat=True))
    before = _states(keys)
    with transaction.atomic():
        result = import_partnerships(data, max_rows=max_rows)
        after = _states(keys)
        transaction.set_rollback(True)

    lines: list[str] = []
    unchanged = 0
    for row, key in zip(rows, keys, strict=True):
        new = after[key]
        if key not in before:
            lines.append(f"Nieuw samenwerkingsverband (regel {row.line}): {new.name}")
            similar = _near_miss(new.name, partnership_names)
            if similar:
                lines.append(f"  lijkt op het bestaande samenwerkingsverband '{similar}'")
            # The legal form says the cooperation model.
            lines += [
                f"  {_label(name)}: {_shown(name, new.fields[name])}"
                for name in FIELDS
                if name != "cooperation_model"
            ]
            lines.append("  deelnemers: " + ", ".join(sorted(new.participants)))
            continue
        changes = _changes(before[key], new)
        if changes:
            lines.append(f"Bijgewerkt (regel {row.line}): {new.name}")
            lines += changes
        else:
            unchanged += 1
    for name in result.organisations_created:
        line = f"Nieuwe organisatie: {name}"
        similar = _near_miss(name, organisation_names)
        if similar:
            line += f" (lijkt op de bestaande organisatie '{similar}')"
        lines.append(line)
    lines.append(
        f"Proefimport: {len(result.created)} nieuw, {len(result.updated) - unchanged} "
        f"bijgewerkt, {unchanged} ongewijzigd, {len(result.organisations_created)} nieuwe "
        "organisaties. Er is niets opgeslagen."
    )
    return lines
