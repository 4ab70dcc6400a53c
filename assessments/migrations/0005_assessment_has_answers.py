"""Whether an assessment has any answer, kept by the database (hand-written triggers).

assessments_assessment.has_answers is set when answers are inserted and recomputed when
answers are deleted, on every path (the services, the admin, taking answers over into a new
round, bulk loads, a psql session). The overview needs it for every draft of a hundred
partnerships (a started draft is "Concept", an untouched one "Niet begonnen"); before, it
looked into the answers of each draft (issue 8). Django never writes it (Assessment.save
leaves it out). An answer never moves to another assessment, so updates need no trigger.

PostgreSQL: statement-level triggers with transition tables, so that a bulk insert (COPY of
millions of answers by seed_scale, bulk_create of a theme) updates each assessment once,
and only those not yet marked. SQLite: row-level triggers.
"""

import importlib

from django.db import migrations, models

# SQLite adds a NOT NULL column by rebuilding the table, and the rebuilt table has none of
# the old one's triggers: the round tally's (migration 0002) are put back after it, both
# ways.
round_tally = importlib.import_module("assessments.migrations.0002_round_tally")

SQLITE_CREATE = [
    """
    CREATE TRIGGER assessments_has_answers_insert
    AFTER INSERT ON assessments_answer
    BEGIN
        UPDATE assessments_assessment SET has_answers = 1
         WHERE id = NEW.assessment_id AND NOT has_answers;
    END;
    """,
    """
    CREATE TRIGGER assessments_has_answers_delete
    AFTER DELETE ON assessments_answer
    BEGIN
        UPDATE assessments_assessment
           SET has_answers = EXISTS (
                   SELECT 1 FROM assessments_answer WHERE assessment_id = OLD.assessment_id)
         WHERE id = OLD.assessment_id;
    END;
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS assessments_has_answers_insert;",
    "DROP TRIGGER IF EXISTS assessments_has_answers_delete;",
]

POSTGRES_CREATE = [
    """
    CREATE FUNCTION assessments_has_answers_insert() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE assessments_assessment SET has_answers = true
         WHERE id IN (SELECT DISTINCT assessment_id FROM added) AND NOT has_answers;
        RETURN NULL;
    END;
    $$;
    """,
    """
    CREATE TRIGGER assessments_has_answers_insert
    AFTER INSERT ON assessments_answer
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION assessments_has_answers_insert();
    """,
    """
    CREATE FUNCTION assessments_has_answers_delete() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE assessments_assessment a
           SET has_answers = EXISTS (
                   SELECT 1 FROM assessments_answer u WHERE u.assessment_id = a.id)
         WHERE a.id IN (SELECT DISTINCT assessment_id FROM removed) AND a.has_answers;
        RETURN NULL;
    END;
    $$;
    """,
    """
    CREATE TRIGGER assessments_has_answers_delete
    AFTER DELETE ON assessments_answer
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION assessments_has_answers_delete();
    """,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS assessments_has_answers_insert ON assessments_answer;",
    "DROP TRIGGER IF EXISTS assessments_has_answers_delete ON assessments_answer;",
    "DROP FUNCTION IF EXISTS assessments_has_answers_insert();",
    "DROP FUNCTION IF EXISTS assessments_has_answers_delete();",
]

STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRES_CREATE, POSTGRES_DROP),
}

BACKFILL = """
    UPDATE assessments_assessment
       SET has_answers = EXISTS (
               SELECT 1 FROM assessments_answer u WHERE u.assessment_id = assessments_assessment.id)
"""


def restore_round_tally(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for statement in round_tally.SQLITE_DROP + round_tally.SQLITE_CREATE:
            schema_editor.execute(statement, params=None)


def create_triggers(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise RuntimeError(f"No has_answers triggers written for database vendor {vendor!r}.")
    restore_round_tally(apps, schema_editor)
    schema_editor.execute(BACKFILL, params=None)
    for statement in STATEMENTS[vendor][0]:
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor in STATEMENTS:
        for statement in STATEMENTS[vendor][1]:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0004_partnership_summary"),
    ]

    operations = [
        # Undone last: puts the tally triggers back after the column is removed again.
        migrations.RunPython(migrations.RunPython.noop, restore_round_tally, elidable=False),
        migrations.AddField(
            model_name="assessment",
            name="has_answers",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="heeft antwoorden"
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
