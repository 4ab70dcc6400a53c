"""A summary row per partnership for the overview, kept by the database (hand-written
triggers).

assessments_partnershipsummary holds, per partnership, the distinct kinds of its
participants, its current round (latest opens_on, then highest id) and its open next steps
(count and earliest due date). Every trigger recomputes the whole row of the partnerships
it touches ("refresh"): on participations (insert, delete, moving), on an organisation's
kind, on rounds (insert, delete, opens_on, moving), on next steps (insert, delete, status,
due date, moving) and, on deleting a partnership, removes its row. Django never writes it.

On PostgreSQL a refresh first takes a transaction-level advisory lock per partnership, so
two transactions that add steps to one partnership at the same time count one after the
other: the count runs in a new statement, whose snapshot sees what the first committed.
Without it, the second upsert would wait for the first and then write its own, older count
(tests/test_summary.py shows both steps counted). SQLite has one writer at a time.
"""

from django.db import migrations, models
import django.db.models.deletion

OPEN_STEP = "('open', 'bezig')"  # NextStepStatus.OPEN, .BEZIG (tests/test_summary.py checks)


def refresh(where: str, kinds: str) -> str:
    """Upsert the summary of the partnerships p matching `where`."""
    steps = f"""
        FROM assessments_nextstep s
        JOIN assessments_assessmentround r ON r.id = s.round_id
       WHERE r.partnership_id = p.id AND s.status IN {OPEN_STEP}"""
    return f"""
    INSERT INTO assessments_partnershipsummary
           (partnership_id, participant_kinds, current_round_id, open_steps, first_open_due)
    SELECT p.id,
           COALESCE((SELECT {kinds}
                       FROM partnerships_participation pp
                       JOIN partnerships_organisation o ON o.id = pp.organisation_id
                      WHERE pp.partnership_id = p.id), ''),
           (SELECT r.id FROM assessments_assessmentround r
             WHERE r.partnership_id = p.id
             ORDER BY r.opens_on DESC, r.id DESC LIMIT 1),
           (SELECT COUNT(*) {steps}),
           (SELECT MIN(s.due_on) {steps})
      FROM partnerships_partnership p
     WHERE {where}
    ON CONFLICT (partnership_id) DO UPDATE SET
           participant_kinds = excluded.participant_kinds,
           current_round_id = excluded.current_round_id,
           open_steps = excluded.open_steps,
           first_open_due = excluded.first_open_due;
    """


SQLITE_KINDS = "group_concat(DISTINCT o.kind)"
POSTGRES_KINDS = "string_agg(DISTINCT o.kind, ',')"


def sqlite_refresh(where: str) -> str:
    return refresh(where, SQLITE_KINDS)


ROUND_OF = "(SELECT partnership_id FROM assessments_assessmentround WHERE id = {ref}.round_id)"
OF_ORGANISATION = (
    "p.id IN (SELECT partnership_id FROM partnerships_participation WHERE organisation_id = NEW.id)"
)
STEP_MOVED = "p.id IN ({old}, {new})".format(
    old=ROUND_OF.format(ref="OLD"), new=ROUND_OF.format(ref="NEW")
)

SQLITE_CREATE = [
    f"""
    CREATE TRIGGER assessments_summary_participation_insert
    AFTER INSERT ON partnerships_participation
    BEGIN {sqlite_refresh("p.id = NEW.partnership_id")} END;
    """,
    f"""
    CREATE TRIGGER assessments_summary_participation_delete
    AFTER DELETE ON partnerships_participation
    BEGIN {sqlite_refresh("p.id = OLD.partnership_id")} END;
    """,
    f"""
    CREATE TRIGGER assessments_summary_participation_update
    AFTER UPDATE OF partnership_id, organisation_id ON partnerships_participation
    BEGIN {sqlite_refresh("p.id IN (OLD.partnership_id, NEW.partnership_id)")} END;
    """,
    f"""
    CREATE TRIGGER assessments_summary_organisation_kind
    AFTER UPDATE OF kind ON partnerships_organisation
    BEGIN {sqlite_refresh(OF_ORGANISATION)} END;
    """,
    f"""
    CREATE TRIGGER assessments_summary_round_insert
    AFTER INSERT ON assessments_assessmentround
    BEGIN {sqlite_refresh("p.id = NEW.partnership_id")} END;
    """,
    f"""
    CREATE TRIGGER assessments_summary_round_delete
    AFTER DELETE ON assessments_assessmentround
    BEGIN {sqlite_refresh("p.id = OLD.partnership_id")} END;
    """,
    f"""
    CREATE TRIGGER assessments_summary_round_update
    AFTER UPDATE OF opens_on, partnership_id ON assessments_assessmentround
    BEGIN {sqlite_refresh("p.id IN (OLD.partnership_id, NEW.partnership_id)")} END;
    """,
    f"""
    CREATE TRIGGER assessments_summary_step_insert
    AFTER INSERT ON assessments_nextstep
    BEGIN {sqlite_refresh("p.id = " + ROUND_OF.format(ref="NEW"))} END;
    """,
    f"""
    CREATE TRIGGER assessments_summary_step_delete
    AFTER DELETE ON assessments_nextstep
    BEGIN {sqlite_refresh("p.id = " + ROUND_OF.format(ref="OLD"))} END;
    """,
    f"""
    CREATE TRIGGER assessments_summary_step_update
    AFTER UPDATE OF status, due_on, round_id ON assessments_nextstep
    BEGIN {sqlite_refresh(STEP_MOVED)} END;
    """,
    """
    CREATE TRIGGER assessments_summary_partnership_delete
    AFTER DELETE ON partnerships_partnership
    BEGIN
        DELETE FROM assessments_partnershipsummary WHERE partnership_id = OLD.id;
    END;
    """,
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS assessments_summary_{name};"
    for name in (
        "participation_insert",
        "participation_delete",
        "participation_update",
        "organisation_kind",
        "round_insert",
        "round_delete",
        "round_update",
        "step_insert",
        "step_delete",
        "step_update",
        "partnership_delete",
    )
]

# PostgreSQL: one refresh function taking the partnership ids, one trigger function per table.
POSTGRES_CREATE = [
    f"""
    CREATE FUNCTION assessments_summary_refresh(ids bigint[]) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
        -- One refresh per partnership at a time; the count below runs after the lock, in a
        -- new snapshot that sees what a concurrent refresh of the same partnership committed.
        PERFORM pg_advisory_xact_lock(hashtext('assessments_partnershipsummary'),
                                      (id % 2147483647)::integer)
           FROM unnest(ids) AS id WHERE id IS NOT NULL ORDER BY id;
        {refresh("p.id = ANY(ids)", POSTGRES_KINDS)}
    END;
    $$;
    """,
    """
    -- For a row with a partnership_id (participations, rounds): its partnership, before and after.
    CREATE FUNCTION assessments_summary_of_child() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM assessments_summary_refresh(ARRAY[NEW.partnership_id]);
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM assessments_summary_refresh(ARRAY[OLD.partnership_id]);
        ELSE
            PERFORM assessments_summary_refresh(ARRAY[OLD.partnership_id, NEW.partnership_id]);
        END IF;
        RETURN NULL;
    END;
    $$;
    """,
    """
    CREATE TRIGGER assessments_summary_participation
    AFTER INSERT OR DELETE OR UPDATE OF partnership_id, organisation_id
    ON partnerships_participation
    FOR EACH ROW EXECUTE FUNCTION assessments_summary_of_child();
    """,
    """
    CREATE FUNCTION assessments_summary_of_organisation() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.kind IS DISTINCT FROM OLD.kind THEN
            PERFORM assessments_summary_refresh(ARRAY(
                SELECT partnership_id FROM partnerships_participation
                 WHERE organisation_id = NEW.id));
        END IF;
        RETURN NULL;
    END;
    $$;
    """,
    """
    CREATE TRIGGER assessments_summary_organisation
    AFTER UPDATE OF kind ON partnerships_organisation
    FOR EACH ROW EXECUTE FUNCTION assessments_summary_of_organisation();
    """,
    """
    CREATE TRIGGER assessments_summary_round
    AFTER INSERT OR DELETE OR UPDATE OF opens_on, partnership_id
    ON assessments_assessmentround
    FOR EACH ROW EXECUTE FUNCTION assessments_summary_of_child();
    """,
    """
    CREATE FUNCTION assessments_summary_of_step() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        ids bigint[] := '{}';
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            ids := ids || (SELECT partnership_id FROM assessments_assessmentround
                            WHERE id = OLD.round_id);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            ids := ids || (SELECT partnership_id FROM assessments_assessmentround
                            WHERE id = NEW.round_id);
        END IF;
        PERFORM assessments_summary_refresh(ids);
        RETURN NULL;
    END;
    $$;
    """,
    """
    CREATE TRIGGER assessments_summary_step
    AFTER INSERT OR DELETE OR UPDATE OF status, due_on, round_id
    ON assessments_nextstep
    FOR EACH ROW EXECUTE FUNCTION assessments_summary_of_step();
    """,
    """
    CREATE FUNCTION assessments_summary_of_partnership() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM assessments_partnershipsummary WHERE partnership_id = OLD.id;
        RETURN NULL;
    END;
    $$;
    """,
    """
    CREATE TRIGGER assessments_summary_partnership
    AFTER DELETE ON partnerships_partnership
    FOR EACH ROW EXECUTE FUNCTION assessments_summary_of_partnership();
    """,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS assessments_summary_participation ON partnerships_participation;",
    "DROP TRIGGER IF EXISTS assessments_summary_organisation ON partnerships_organisation;",
    "DROP TRIGGER IF EXISTS assessments_summary_round ON assessments_assessmentround;",
    "DROP TRIGGER IF EXISTS assessments_summary_step ON assessments_nextstep;",
    "DROP TRIGGER IF EXISTS assessments_summary_partnership ON partnerships_partnership;",
    "DROP FUNCTION IF EXISTS assessments_summary_of_child();",
    "DROP FUNCTION IF EXISTS assessments_summary_of_organisation();",
    "DROP FUNCTION IF EXISTS assessments_summary_of_step();",
    "DROP FUNCTION IF EXISTS assessments_summary_of_partnership();",
    "DROP FUNCTION IF EXISTS assessments_summary_refresh(bigint[]);",
]

STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP, sqlite_refresh("1 = 1")),
    "postgresql": (POSTGRES_CREATE, POSTGRES_DROP, refresh("TRUE", POSTGRES_KINDS)),
}


def create_triggers(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise RuntimeError(f"No summary triggers written for database vendor {vendor!r}.")
    create, _drop, backfill = STATEMENTS[vendor]
    schema_editor.execute(backfill, params=None)
    for statement in create:
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor in STATEMENTS:
        for statement in STATEMENTS[vendor][1]:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_open_step_indexes"),
        ("partnerships", "0002_structure_triggers"),
    ]

    operations = [
        migrations.CreateModel(
            name="PartnershipSummary",
            fields=[
                (
                    "partnership",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="summary",
                        serialize=False,
                        to="partnerships.partnership",
                        verbose_name="samenwerkingsverband",
                    ),
                ),
                (
                    "participant_kinds",
                    models.CharField(default="", max_length=200, verbose_name="soorten deelnemers"),
                ),
                (
                    "open_steps",
                    models.PositiveIntegerField(default=0, verbose_name="open vervolgstappen"),
                ),
                (
                    "first_open_due",
                    models.DateField(null=True, verbose_name="eerste gereed-op van een open stap"),
                ),
                (
                    "current_round",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="assessments.assessmentround",
                        verbose_name="huidige ronde",
                    ),
                ),
            ],
            options={
                "verbose_name": "stand van een samenwerkingsverband",
                "verbose_name_plural": "standen van samenwerkingsverbanden",
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
