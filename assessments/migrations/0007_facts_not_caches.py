"""The database keeps facts, not caches: the triggers of 0002, 0004 and 0005 go, and with them
the columns and the table only they wrote (a round's tally, an assessment's has_answers, the
partnership summary). The overview reads the same facts with ORM annotations.

Undoing this migration puts the columns, the table and the triggers back and fills them."""

import importlib

from django.db import migrations, models

from config.db_triggers import drop_all_with_prefix


def drop_triggers(apps, schema_editor) -> None:
    drop_all_with_prefix(schema_editor, "assessments_")


def restore_triggers(apps, schema_editor) -> None:
    for name in ("0002_round_tally", "0004_partnership_summary", "0005_assessment_has_answers"):
        module = importlib.import_module(f"assessments.migrations.{name}")
        module.create_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0006_field_input_rules"),
        ("partnerships", "0003_field_input_rules"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, restore_triggers, elidable=False),
        migrations.DeleteModel(name="PartnershipSummary"),
        migrations.RemoveField(model_name="assessmentround", name="submitted_count"),
        migrations.RemoveField(model_name="assessmentround", name="last_submitted_at"),
        migrations.RemoveField(model_name="assessment", name="has_answers"),
    ]
