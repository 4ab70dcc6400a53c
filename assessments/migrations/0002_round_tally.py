"""A round's tally of submitted assessments, kept by the database (hand-written triggers).

assessments_assessmentround.submitted_count and .last_submitted_at are recomputed from
assessments_assessment whenever an assessment is inserted, deleted, or changes its status,
submission time or round: every path (the services, the admin, bulk loads, a psql session)
keeps them right. Django never writes them (AssessmentRound.save leaves them out).
"""

from django.db import migrations, models

RECOUNT = """
    UPDATE assessments_assessmentround
       SET submitted_count = (
               SELECT COUNT(*) FROM assessments_assessment
                WHERE round_id = {ref}.round_id AND status = 'submitted'),
           last_submitted_at = (
               SELECT MAX(submitted_at) FROM assessments_assessment
                WHERE round_id = {ref}.round_id AND status = 'submitted')
     WHERE id = {ref}.round_id;
"""

SQLITE_CREATE = [
    f"""
    CREATE TRIGGER assessments_round_tally_insert
    AFTER INSERT ON assessments_assessment
    BEGIN {RECOUNT.format(ref="NEW")} END;
    """,
    f"""
    CREATE TRIGGER assessments_round_tally_delete
    AFTER DELETE ON assessments_assessment
    BEGIN {RECOUNT.format(ref="OLD")} END;
    """,
    f"""
    CREATE TRIGGER assessments_round_tally_update
    AFTER UPDATE OF status, submitted_at, round_id ON assessments_assessment
    BEGIN {RECOUNT.format(ref="OLD")} {RECOUNT.format(ref="NEW")} END;
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS assessments_round_tally_insert;",
    "DROP TRIGGER IF EXISTS assessments_round_tally_delete;",
    "DROP TRIGGER IF EXISTS assessments_round_tally_update;",
]

POSTGRES_CREATE = [
    f"""
    CREATE FUNCTION assessments_round_tally() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            {RECOUNT.format(ref="OLD")}
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            {RECOUNT.format(ref="NEW")}
        END IF;
        RETURN NULL;
    END;
    $$;
    """,
    """
    CREATE TRIGGER assessments_round_tally
    AFTER INSERT OR DELETE OR UPDATE OF status, submitted_at, round_id
    ON assessments_assessment
    FOR EACH ROW EXECUTE FUNCTION assessments_round_tally();
    """,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS assessments_round_tally ON assessments_assessment;",
    "DROP FUNCTION IF EXISTS assessments_round_tally();",
]

STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRES_CREATE, POSTGRES_DROP),
}

BACKFILL = """
    UPDATE assessments_assessmentround
       SET submitted_count = (
               SELECT COUNT(*) FROM assessments_assessment a
                WHERE a.round_id = assessments_assessmentround.id AND a.status = 'submitted'),
           last_submitted_at = (
               SELECT MAX(a.submitted_at) FROM assessments_assessment a
                WHERE a.round_id = assessments_assessmentround.id AND a.status = 'submitted');
"""


def create_triggers(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise RuntimeError(f"No tally triggers written for database vendor {vendor!r}.")
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
        ("assessments", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessmentround",
            name="last_submitted_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="laatst ingediend"
            ),
        ),
        migrations.AddField(
            model_name="assessmentround",
            name="submitted_count",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="ingediende zelfevaluaties"
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
