"""What a CSV import changes, in Dutch: the `--dry-run` of `python manage.py
import_partnerships` (DESIGN.md "Contracts other parts rely on") and the upload page's
preview, which saves only after confirmation.

    lines = preview_import(data)        # the dry run as text; raises ImportFailed
    preview = preview_changes(data)     # the same as an ImportPreview, nothing saved
    saved, preview = import_as_previewed(data, preview.fingerprint)

The import itself runs, in a transaction that is rolled back unless the caller keeps it: the
preview then shows exactly what the import would do and refuses exactly what it would refuse,
without a second copy of its rules. The partnerships of the file are read before and after
and compared.
"""

import difflib
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models.functions import Lower

from .csv_parse import Row, parse
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
        f"{_label(name)}: {_shown(name, before.fields[name])} → {_shown(name, after.fields[name])}"
        for name in FIELDS
        if before.fields[name] != after.fields[name]
    ]
    lines += [
        f"deelnemer erbij: {name}"
        for name in sorted(after.participants)
        if name not in before.participants
    ]
    lines += [
        f"deelnemer eraf: {name}"
        for name in sorted(before.participants)
        if name not in after.participants
    ]
    if _centre(before) != _centre(after):
        lines.append(f"centrumgemeente: {_centre(before) or EMPTY} → {_centre(after) or EMPTY}")
    return lines


@dataclass(frozen=True)
class PreviewItem:
    """One partnership or organisation the file creates or changes."""

    title: str  # "Nieuw samenwerkingsverband (regel 2): Economic Board"
    warnings: tuple[str, ...] = ()  # a name close to an existing one: perhaps a typing error
    details: tuple[str, ...] = ()  # the fields, participants and centre, one line each


@dataclass(frozen=True)
class ImportPreview:
    """Every change the import of one file makes, and a fingerprint of file and changes: a
    confirmation saves only when the import would still do what was shown."""

    items: tuple[PreviewItem, ...]
    created: int
    updated: int
    unchanged: int
    organisations: int
    removed: tuple[tuple[str, str], ...]  # (partnership, participant) that goes
    fingerprint: str

    @property
    def has_changes(self) -> bool:
        return bool(self.created or self.updated or self.organisations)

    @property
    def warnings(self) -> list[str]:
        return [warning for item in self.items for warning in item.warnings]

    @property
    def summary(self) -> str:
        """ "2 nieuw, 1 bijgewerkt, 3 ongewijzigd, 1 nieuwe organisatie" or "geen wijzigingen"."""
        if not self.has_changes:
            return "geen wijzigingen"
        organisations = "nieuwe organisatie" if self.organisations == 1 else "nieuwe organisaties"
        return (
            f"{self.created} nieuw, {self.updated} bijgewerkt, {self.unchanged} ongewijzigd, "
            f"{self.organisations} {organisations}"
        )

    def lines(self) -> list[str]:
        """The changes as plain text, one line each, details indented."""
        return [
            line
            for item in self.items
            for line in [item.title, *(f"  {text}" for text in (*item.warnings, *item.details))]
        ]


def _new_partnership(row: Row, state: _State, partnership_names: list[str]) -> PreviewItem:
    similar = _near_miss(state.name, partnership_names)
    return PreviewItem(
        title=f"Nieuw samenwerkingsverband (regel {row.line}): {state.name}",
        warnings=(f"lijkt op het bestaande samenwerkingsverband '{similar}'",) if similar else (),
        details=(
            # The legal form says the cooperation model.
            *(
                f"{_label(name)}: {_shown(name, state.fields[name])}"
                for name in FIELDS
                if name != "cooperation_model"
            ),
            "deelnemers: " + ", ".join(sorted(state.participants)),
        ),
    )


def _fingerprint(data: bytes, items: list[PreviewItem]) -> str:
    digest = hashlib.sha256(data)
    for item in items:
        digest.update("\n".join((item.title, *item.warnings, *item.details, "")).encode())
    return digest.hexdigest()


def _run(data: bytes, max_rows: int | None, keep: Callable[[ImportPreview], bool]) -> ImportPreview:
    """Import the file and read what changed; keep it only when `keep(preview)` says so.
    Raises ImportFailed with the import's own errors (and then saves nothing)."""
    rows = parse(data, max_rows=max_rows)
    keys = [row.name.lower() for row in rows]
    partnership_names = list(Partnership.objects.values_list("name", flat=True))
    organisation_names = list(Organisation.objects.values_list("name", flat=True))
    before = _states(keys)
    with transaction.atomic():
        result = import_partnerships(data, max_rows=max_rows)
        after = _states(keys)
        updated = {name.lower() for name in result.updated}
        items: list[PreviewItem] = []
        removed: list[tuple[str, str]] = []
        for row, key in zip(rows, keys, strict=True):
            if key not in before:
                items.append(_new_partnership(row, after[key], partnership_names))
            elif key in updated:
                old, new = before[key], after[key]
                items.append(
                    PreviewItem(
                        title=f"Bijgewerkt (regel {row.line}): {new.name}",
                        details=tuple(_changes(old, new)),
                    )
                )
                gone = sorted(set(old.participants) - set(new.participants))
                removed += [(new.name, name) for name in gone]
        for name in result.organisations_created:
            similar = _near_miss(name, organisation_names)
            items.append(
                PreviewItem(
                    title=f"Nieuwe organisatie: {name}",
                    warnings=(f"lijkt op de bestaande organisatie '{similar}'",) if similar else (),
                )
            )
        preview = ImportPreview(
            items=tuple(items),
            created=len(result.created),
            updated=len(result.updated),
            unchanged=len(result.unchanged),
            organisations=len(result.organisations_created),
            removed=tuple(removed),
            fingerprint=_fingerprint(data, items),
        )
        if not keep(preview):
            transaction.set_rollback(True)
    return preview


def preview_changes(data: bytes, max_rows: int | None = None) -> ImportPreview:
    """What importing this file would change. Saves nothing; raises ImportFailed as the
    import does."""
    return _run(data, max_rows, keep=lambda preview: False)


def import_as_previewed(
    data: bytes, fingerprint: str, max_rows: int | None = None
) -> tuple[bool, ImportPreview]:
    """Import the file if it still makes exactly the changes of the preview with this
    fingerprint: (True, what was saved). Otherwise, because the stored data changed since,
    save nothing: (False, what the import would do now). Raises ImportFailed."""
    preview = _run(data, max_rows, keep=lambda preview: preview.fingerprint == fingerprint)
    return preview.fingerprint == fingerprint, preview


def preview_import(data: bytes, max_rows: int | None = None) -> list[str]:
    """The dry run as text: every change, one Dutch line each, and a summary as the last
    line. Saves nothing; raises ImportFailed with the import's own errors."""
    preview = preview_changes(data, max_rows=max_rows)
    return [*preview.lines(), f"Proefimport: {preview.summary}. Er is niets opgeslagen."]
