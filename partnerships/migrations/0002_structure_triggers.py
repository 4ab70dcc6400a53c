"""Database triggers for the two rules that span tables (hand-written).

The database refuses:
(a) a participation with is_centre = true in a partnership that is not a centrumregeling
    (insert and update);
(b) changing a partnership's legal form away from centrumregeling while it has a centre;
(c) a body of kind 'ab' or 'db' on a bedrijfsvoeringsorganisatie (insert and update);
(d) changing a partnership's legal form to bedrijfsvoeringsorganisatie while it has an AB or DB.

SQLite raises SQLITE_CONSTRAINT_TRIGGER and PostgreSQL SQLSTATE 23514 (check_violation):
both reach Django as django.db.IntegrityError. On PostgreSQL the child triggers take a
share lock on the partnership row, so a concurrent change of the legal form waits for them.
Forms and the importer check the same rules first (partnerships/rules.py), in Dutch.
"""

from django.db import migrations

SQLITE_CREATE = [
    # (a) centre only in a centrumregeling
    """
    CREATE TRIGGER partnerships_participation_centre_insert
    BEFORE INSERT ON partnerships_participation
    WHEN NEW.is_centre
     AND (SELECT legal_form FROM partnerships_partnership WHERE id = NEW.partnership_id)
         <> 'centrumregeling'
    BEGIN
        SELECT RAISE(ABORT, 'participation_centre_requires_centrumregeling');
    END;
    """,
    """
    CREATE TRIGGER partnerships_participation_centre_update
    BEFORE UPDATE OF is_centre, partnership_id ON partnerships_participation
    WHEN NEW.is_centre
     AND (SELECT legal_form FROM partnerships_partnership WHERE id = NEW.partnership_id)
         <> 'centrumregeling'
    BEGIN
        SELECT RAISE(ABORT, 'participation_centre_requires_centrumregeling');
    END;
    """,
    # (c) no AB/DB on a bedrijfsvoeringsorganisatie
    """
    CREATE TRIGGER partnerships_body_abdb_insert
    BEFORE INSERT ON partnerships_body
    WHEN NEW.kind IN ('ab', 'db')
     AND (SELECT legal_form FROM partnerships_partnership WHERE id = NEW.partnership_id)
         = 'bedrijfsvoeringsorganisatie'
    BEGIN
        SELECT RAISE(ABORT, 'body_no_abdb_on_bedrijfsvoeringsorganisatie');
    END;
    """,
    """
    CREATE TRIGGER partnerships_body_abdb_update
    BEFORE UPDATE OF kind, partnership_id ON partnerships_body
    WHEN NEW.kind IN ('ab', 'db')
     AND (SELECT legal_form FROM partnerships_partnership WHERE id = NEW.partnership_id)
         = 'bedrijfsvoeringsorganisatie'
    BEGIN
        SELECT RAISE(ABORT, 'body_no_abdb_on_bedrijfsvoeringsorganisatie');
    END;
    """,
    # (b) and (d) the partnership's legal form must keep fitting its children
    """
    CREATE TRIGGER partnerships_partnership_form_centre
    BEFORE UPDATE OF legal_form ON partnerships_partnership
    WHEN NEW.legal_form <> 'centrumregeling'
     AND EXISTS (SELECT 1 FROM partnerships_participation
                 WHERE partnership_id = NEW.id AND is_centre)
    BEGIN
        SELECT RAISE(ABORT, 'partnership_with_centre_must_be_centrumregeling');
    END;
    """,
    """
    CREATE TRIGGER partnerships_partnership_form_abdb
    BEFORE UPDATE OF legal_form ON partnerships_partnership
    WHEN NEW.legal_form = 'bedrijfsvoeringsorganisatie'
     AND EXISTS (SELECT 1 FROM partnerships_body
                 WHERE partnership_id = NEW.id AND kind IN ('ab', 'db'))
    BEGIN
        SELECT RAISE(ABORT, 'partnership_with_abdb_cannot_be_bedrijfsvoeringsorganisatie');
    END;
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS partnerships_participation_centre_insert;",
    "DROP TRIGGER IF EXISTS partnerships_participation_centre_update;",
    "DROP TRIGGER IF EXISTS partnerships_body_abdb_insert;",
    "DROP TRIGGER IF EXISTS partnerships_body_abdb_update;",
    "DROP TRIGGER IF EXISTS partnerships_partnership_form_centre;",
    "DROP TRIGGER IF EXISTS partnerships_partnership_form_abdb;",
]

POSTGRES_CREATE = [
    """
    CREATE OR REPLACE FUNCTION partnerships_participation_centre_check() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE form varchar;
    BEGIN
        IF NEW.is_centre THEN
            SELECT legal_form INTO form FROM partnerships_partnership
             WHERE id = NEW.partnership_id FOR SHARE;
            IF form IS DISTINCT FROM 'centrumregeling' THEN
                RAISE EXCEPTION 'participation_centre_requires_centrumregeling'
                    USING ERRCODE = 'check_violation',
                          DETAIL = 'Alleen een centrumregeling heeft een centrumgemeente.';
            END IF;
        END IF;
        RETURN NEW;
    END;
    $$;
    """,
    """
    CREATE TRIGGER partnerships_participation_centre
    BEFORE INSERT OR UPDATE OF is_centre, partnership_id ON partnerships_participation
    FOR EACH ROW EXECUTE FUNCTION partnerships_participation_centre_check();
    """,
    """
    CREATE OR REPLACE FUNCTION partnerships_body_abdb_check() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE form varchar;
    BEGIN
        IF NEW.kind IN ('ab', 'db') AND NEW.partnership_id IS NOT NULL THEN
            SELECT legal_form INTO form FROM partnerships_partnership
             WHERE id = NEW.partnership_id FOR SHARE;
            IF form = 'bedrijfsvoeringsorganisatie' THEN
                RAISE EXCEPTION 'body_no_abdb_on_bedrijfsvoeringsorganisatie'
                    USING ERRCODE = 'check_violation',
                          DETAIL = 'Een bedrijfsvoeringsorganisatie heeft één bestuur.';
            END IF;
        END IF;
        RETURN NEW;
    END;
    $$;
    """,
    """
    CREATE TRIGGER partnerships_body_abdb
    BEFORE INSERT OR UPDATE OF kind, partnership_id ON partnerships_body
    FOR EACH ROW EXECUTE FUNCTION partnerships_body_abdb_check();
    """,
    """
    CREATE OR REPLACE FUNCTION partnerships_partnership_form_check() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.legal_form IS DISTINCT FROM OLD.legal_form THEN
            IF NEW.legal_form <> 'centrumregeling' AND EXISTS (
                SELECT 1 FROM partnerships_participation
                 WHERE partnership_id = NEW.id AND is_centre
            ) THEN
                RAISE EXCEPTION 'partnership_with_centre_must_be_centrumregeling'
                    USING ERRCODE = 'check_violation',
                          DETAIL = 'Dit samenwerkingsverband heeft een centrumgemeente.';
            END IF;
            IF NEW.legal_form = 'bedrijfsvoeringsorganisatie' AND EXISTS (
                SELECT 1 FROM partnerships_body
                 WHERE partnership_id = NEW.id AND kind IN ('ab', 'db')
            ) THEN
                RAISE EXCEPTION 'partnership_with_abdb_cannot_be_bedrijfsvoeringsorganisatie'
                    USING ERRCODE = 'check_violation',
                          DETAIL = 'Dit samenwerkingsverband heeft een AB of DB.';
            END IF;
        END IF;
        RETURN NEW;
    END;
    $$;
    """,
    """
    CREATE TRIGGER partnerships_partnership_form
    BEFORE UPDATE OF legal_form ON partnerships_partnership
    FOR EACH ROW EXECUTE FUNCTION partnerships_partnership_form_check();
    """,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS partnerships_participation_centre ON partnerships_participation;",
    "DROP TRIGGER IF EXISTS partnerships_body_abdb ON partnerships_body;",
    "DROP TRIGGER IF EXISTS partnerships_partnership_form ON partnerships_partnership;",
    "DROP FUNCTION IF EXISTS partnerships_participation_centre_check();",
    "DROP FUNCTION IF EXISTS partnerships_body_abdb_check();",
    "DROP FUNCTION IF EXISTS partnerships_partnership_form_check();",
]

STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRES_CREATE, POSTGRES_DROP),
}


def _run(schema_editor, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def create_triggers(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise RuntimeError(f"No structure triggers written for database vendor {vendor!r}.")
    _run(schema_editor, STATEMENTS[vendor][0])


def drop_triggers(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor in STATEMENTS:
        _run(schema_editor, STATEMENTS[vendor][1])


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers),
    ]
