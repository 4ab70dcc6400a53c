"""The audit trail: who changed which field, from what to what, and when.

django-simple-history keeps a historical row per save (HistoricalRecords on the model); this
module turns those rows into plain change records for templates/includes/history.html. A few
queries per call (the history rows with their users, one per referenced model), never one per
record. Callers fetch the item through the access helpers first: the trail of an item is
visible to whoever may see the item.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.db.models import QuerySet
from django.utils import dateformat, timezone

from .models import Partnership

EMPTY = "—"
ACTIONS = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}
ALWAYS_EXCLUDED = {"id", "history_id", "history_date", "history_user", "history_type"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ChangeRecord:
    at: datetime
    user: str
    action: str  # "+", "~" or "-"
    changes: list[FieldChange] = field(default_factory=list)
    subject: str = ""  # what changed, when one list covers several items (e.g. "A1.2")
    reason: str = ""

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)


# A virtual field: shown under `label`, computed from several real fields of one record.
Combined = tuple[str, Sequence[str], Callable[..., str]]


def user_label(user: AbstractBaseUser | None) -> str:
    if user is None:
        return "onbekend"
    full: str = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


# str() of a referenced object, by its model and primary key.
FkLabels = dict[tuple[type[models.Model], object], str]


def _display(model_field: models.Field[Any, Any], value: object, fk_labels: FkLabels) -> str:
    if value is None or value == "":
        return EMPTY
    if model_field.is_relation:
        return fk_labels.get((_related_model(model_field), value), f"#{value}")
    if model_field.flatchoices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return dateformat.format(timezone.localtime(value), "j-n-Y H:i")
    if isinstance(value, date):
        return dateformat.format(value, "j-n-Y")
    return str(value)


def _related_model(model_field: models.Field[Any, Any]) -> type[models.Model]:
    """The model a relation points to: a model class once the apps are loaded (the stubs
    also allow the unresolved "self" of a model's definition)."""
    return cast(type[models.Model], model_field.related_model)


def _fk_labels(
    records: Sequence[models.Model], fields: Sequence[models.Field[Any, Any]]
) -> FkLabels:
    """str() of every referenced object, one query per referenced model."""
    wanted: dict[type[models.Model], set[object]] = defaultdict(set)
    for f in fields:
        if f.is_relation:
            for r in records:
                value = getattr(r, f.attname)
                if value is not None:
                    wanted[_related_model(f)].add(value)
    labels: FkLabels = {}
    for model, pks in wanted.items():
        for pk, obj in model._default_manager.in_bulk(pks).items():
            labels[(model, pk)] = str(obj)
    return labels


def change_records(
    history: QuerySet[Any],  # historical rows: models that simple_history makes at run time
    model: type[models.Model],
    *,
    exclude: Iterable[str] = (),
    combined: Sequence[Combined] = (),
    fallback_user: str | None = None,
    subject: Callable[[models.Model], str] | None = None,
) -> list[ChangeRecord]:
    """Change records, newest first, from historical rows of `model` (any number of objects).

    exclude: fields never shown (timestamps, counters). combined: virtual fields built from
    several real ones (their parts are then not shown on their own). fallback_user: a user
    field on the model naming who saved the row, used when the history has no user (a save
    outside a request). subject: labels each record with the item it belongs to."""
    hidden = set(exclude) | ALWAYS_EXCLUDED
    for _, parts, _ in combined:
        hidden |= set(parts)
    fields = [f for f in model._meta.concrete_fields if f.name not in hidden]
    rows = list(history.select_related("history_user").order_by("history_date", "history_id"))
    labels = _fk_labels(rows, fields)
    users: Mapping[Any, AbstractBaseUser] = {}
    if fallback_user:
        ids = {getattr(r, f"{fallback_user}_id") for r in rows if r.history_user_id is None}
        ids.discard(None)
        users = get_user_model()._default_manager.in_bulk(ids)

    last: dict[object, models.Model] = {}
    records: list[ChangeRecord] = []
    for row in rows:
        previous = last.get(row.id)
        changes: list[FieldChange] = []
        if row.history_type != "-":
            for f in fields:
                new = getattr(row, f.attname)
                old = getattr(previous, f.attname) if previous is not None else None
                if previous is None and new in (None, ""):
                    continue
                if previous is None or old != new:
                    changes.append(
                        FieldChange(
                            str(f.verbose_name),
                            _display(f, old, labels) if previous is not None else EMPTY,
                            _display(f, new, labels),
                        )
                    )
            for label, parts, render in combined:
                new = render(*(getattr(row, p) for p in parts))
                old = render(*(getattr(previous, p) for p in parts)) if previous else EMPTY
                if previous is None or old != new:
                    changes.insert(0, FieldChange(label, old, new))
        last[row.id] = row
        if row.history_type == "~" and not changes:
            continue  # a save that changed nothing visible
        user = row.history_user
        if user is None and fallback_user:
            user = users.get(getattr(row, f"{fallback_user}_id"))
        records.append(
            ChangeRecord(
                at=row.history_date,
                user=user_label(user),
                action=row.history_type,
                changes=changes,
                subject=subject(row) if subject else "",
                reason=getattr(row, "history_change_reason", "") or "",
            )
        )
    records.reverse()
    return records


def partnership_history(partnership: Partnership) -> list[ChangeRecord]:
    """Every change of the partnership's own fields, newest first."""
    return change_records(partnership.history.all(), Partnership)
