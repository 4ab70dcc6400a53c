"""The two rules that span tables (a centre only in a centrumregeling; no AB or DB on a
bedrijfsvoeringsorganisatie) are checked in Python now, under a lock on the partnership's row
(partnerships/structure.py). Their triggers of 0002 go: SQLite drops a table's triggers when
it rebuilds the table for an ordinary AddField."""

import importlib

from django.db import migrations

from config.db_triggers import drop_all_with_prefix


def drop_triggers(apps, schema_editor) -> None:
    drop_all_with_prefix(schema_editor, "partnerships_")


def restore_triggers(apps, schema_editor) -> None:
    importlib.import_module("partnerships.migrations.0002_structure_triggers").create_triggers(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0003_field_input_rules"),
        ("assessments", "0007_facts_not_caches"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, restore_triggers, elidable=False),
    ]
