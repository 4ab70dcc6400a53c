"""Dropping the database triggers and trigger functions that earlier migrations wrote.

Rules and derived values live in Python now. The triggers did not survive SQLite's table
rebuilds (an ordinary AddField rebuilds the table and fails or loses them) and repeated the
rules in two SQL dialects. Used by the migrations that removed them; kept importable so
that those migrations keep running on a fresh database.
"""

from typing import Any


def drop_all_with_prefix(schema_editor: Any, prefix: str) -> None:
    """Drop every trigger (and on PostgreSQL every function) whose name starts with prefix."""
    connection = schema_editor.connection
    pattern = prefix.replace("_", "\\_") + "%"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s ESCAPE '\\'",
                [pattern],
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal AND t.tgname LIKE %s",
                [pattern],
            )
            for name, table in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')
            cursor.execute(
                "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                " WHERE n.nspname = current_schema() AND p.proname LIKE %s",
                [pattern],
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP FUNCTION IF EXISTS "{name}"() CASCADE')
