"""Load the Gids fixture into the database: idempotent, never deletes anything."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import models, transaction

from .models import Actor, Framework, Part, PracticalItem, Question, Recommendation, Theme

GIDS_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "gids.json"
GIDS_SOURCE = Path(settings.BASE_DIR) / "fixtures" / "source" / "gids-2021.txt"
# Our own plain-Dutch questions, one per recommendation, in a fixture of their own: the Gids
# fixture is rebuilt from the source text, the questions are written by hand.
QUESTIONS_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "gids-vragen.json"

# Model, fixture label, and the field that (with the framework) identifies a row.
_MODELS: tuple[tuple[type[models.Model], str], ...] = (
    (Framework, "principles.framework"),
    (Part, "principles.part"),
    (Theme, "principles.theme"),
    (Actor, "principles.actor"),
    (Recommendation, "principles.recommendation"),
    (PracticalItem, "principles.practicalitem"),
    (Question, "principles.question"),
)


def fixture_json(rows: Sequence[dict[str, object]]) -> str:
    """The fixture file's text: stable, readable, UTF-8."""
    return json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class LoadSummary:
    framework: str
    counts: dict[str, int]  # fixture label -> rows of that framework after loading
    created: int
    updated: int
    unchanged: int
    stale: int  # rows of the framework that the fixture no longer contains (kept)


def _key(obj: models.Model) -> str:
    if isinstance(obj, Question):
        return obj.recommendation.code
    code: str | None = getattr(obj, "code", None)
    slug: str = getattr(obj, "slug", "")
    return code or slug


def _snapshot(slug: str) -> dict[tuple[str, str], tuple[object, ...]]:
    """Every row of one framework, by (model, code), with its field values."""
    snapshot: dict[tuple[str, str], tuple[object, ...]] = {}
    filters = {
        Framework: {"slug": slug},
        Part: {"framework__slug": slug},
        Theme: {"part__framework__slug": slug},
        Actor: {"framework__slug": slug},
        Recommendation: {"theme__part__framework__slug": slug},
        PracticalItem: {"recommendation__theme__part__framework__slug": slug},
        Question: {"recommendation__theme__part__framework__slug": slug},
    }
    for model, label in _MODELS:
        fields = [f.attname for f in model._meta.concrete_fields]
        queryset = model._default_manager.filter(**filters[model])
        if model is Recommendation:
            queryset = queryset.prefetch_related("actors")
        if model is Question:
            queryset = queryset.select_related("recommendation")
        for obj in queryset:
            values: tuple[object, ...] = tuple(getattr(obj, name) for name in fields)
            if isinstance(obj, Recommendation):
                values += (tuple(sorted(a.pk for a in obj.actors.all())),)
            snapshot[(label, _key(obj))] = values
    return snapshot


def _row_key(row: dict[str, Any]) -> tuple[str, str]:
    fields = row["fields"]
    if row["model"] == "principles.question":  # keyed by its recommendation's natural key
        return row["model"], str(fields["recommendation"][-1])
    return row["model"], str(fields.get("code") or fields.get("slug"))


def _fixture_keys(path: Path, questions: Path | None) -> tuple[str, bool, set[tuple[str, str]]]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    framework = next(row["fields"] for row in rows if row["model"] == "principles.framework")
    slug, is_current = framework["slug"], bool(framework.get("is_current"))
    if questions is not None:
        rows += json.loads(questions.read_text(encoding="utf-8"))
    return slug, is_current, {_row_key(row) for row in rows}


def load_gids(
    *, path: Path = GIDS_FIXTURE, questions: Path | None = QUESTIONS_FIXTURE
) -> LoadSummary:
    """Load or update the framework from the fixture in one transaction.

    loaddata matches rows by natural key, so a second run updates the same rows;
    nothing is deleted, so answers that point at recommendations are never touched.
    A fixture marked is_current makes its framework the current one. `questions` is the
    fixture of our plain-Dutch questions, loaded after the Gids (None: the Gids alone).
    """
    slug, is_current, fixture_keys = _fixture_keys(path, questions)
    with transaction.atomic():
        before = _snapshot(slug)
        if is_current:  # only one framework is current; this one takes over
            Framework.objects.exclude(slug=slug).filter(is_current=True).update(is_current=False)
        call_command("loaddata", str(path), verbosity=0)
        if questions is not None:
            call_command("loaddata", str(questions), verbosity=0)
        after = _snapshot(slug)
    created = sum(1 for key in fixture_keys if key not in before)
    updated = sum(1 for key in fixture_keys if key in before and before[key] != after.get(key))
    counts = {label: 0 for _, label in _MODELS}
    for label, _code in after:
        counts[label] += 1
    return LoadSummary(
        framework=slug,
        counts=counts,
        created=created,
        updated=updated,
        unchanged=len(fixture_keys) - created - updated,
        stale=len(set(after) - fixture_keys),
    )
