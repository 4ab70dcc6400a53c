"""The next ordinary migration runs: adding and removing a NOT NULL column with a default on
every table of the three apps works on SQLite (which rebuilds the table for it) and on
PostgreSQL, and leaves every trigger, index and constraint that was there."""

import pytest
from django.apps import apps
from django.db import connection, models

APPS = ("principles", "partnerships", "assessments")


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {name for (name,) in cursor.fetchall()}


def _constraints(table: str) -> set[str]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    # SQLite names the foreign keys and the primary key it rebuilds afresh; keep the rest.
    return {
        name for name, info in found.items() if not info["foreign_key"] and not info["primary_key"]
    }


def _tables() -> list[type[models.Model]]:
    found = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                found.append(model)
    return found


@pytest.mark.django_db(transaction=True)
def test_a_not_null_column_with_a_default_comes_and_goes_on_every_table():
    models_ = _tables()
    assert len(models_) >= 15
    triggers = _triggers()
    problems = []
    for model in models_:
        table = model._meta.db_table
        constraints = _constraints(table)
        field = models.PositiveSmallIntegerField(default=0)
        field.set_attributes_from_name("probe_priority")
        try:
            with connection.schema_editor() as editor:
                editor.add_field(model, field)
            with connection.schema_editor() as editor:
                editor.remove_field(model, field)
        except Exception as exc:  # every table is tried; all failures are reported
            problems.append(f"{table}: {type(exc).__name__}: {exc}")
            continue
        if _triggers() != triggers:
            problems.append(f"{table}: triggers {sorted(triggers ^ _triggers())} changed")
        lost = constraints - _constraints(table)
        if lost:
            problems.append(f"{table}: lost {sorted(lost)}")
    assert not problems, "\n".join(problems)
