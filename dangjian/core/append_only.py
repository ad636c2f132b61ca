"""Database triggers that refuse UPDATE and DELETE on append-only tables (audit log, 党费 ledger).

PostgreSQL: one plpgsql function, a BEFORE UPDATE OR DELETE row trigger per table; DELETE passes only inside a
whole-database maintenance transaction (core.audit.maintenance(): restore from backup). SQLite: two triggers
per table; DELETE passes only while the app's dangjian_maintenance() function says so (restore, flush).
Used by migrations core 0004 and dues 0003. TRUNCATE (PostgreSQL flush) fires no row trigger.
"""

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION dangjian_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('dangjian.maintenance', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
    MESSAGE = TG_ARGV[0] || '只能追加，不能修改或删除（表 ' || TG_TABLE_NAME || '）';
END
$$ LANGUAGE plpgsql;
"""


def install(schema_editor, tables: dict[str, str]) -> None:
    """tables: db_table -> what a user calls it (for the error message)."""
    conn = schema_editor.connection
    if conn.vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION)
        for table, label in tables.items():
            schema_editor.execute(f'DROP TRIGGER IF EXISTS {table}_append_only ON "{table}"')
            schema_editor.execute(
                f'CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON "{table}" '
                f"FOR EACH ROW EXECUTE FUNCTION dangjian_append_only('{label}')"
            )
    elif conn.vendor == "sqlite":
        for table, label in tables.items():
            schema_editor.execute(
                f'CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON "{table}" '
                f"BEGIN SELECT RAISE(ABORT, '{label}只能追加，不能修改'); END"
            )
            schema_editor.execute(
                f'CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON "{table}" '
                f"WHEN dangjian_maintenance() = 0 BEGIN SELECT RAISE(ABORT, '{label}只能追加，不能删除'); END"
            )


def remove(schema_editor, tables: dict[str, str]) -> None:
    conn = schema_editor.connection
    for table in tables:
        if conn.vendor == "postgresql":
            schema_editor.execute(f'DROP TRIGGER IF EXISTS {table}_append_only ON "{table}"')
        elif conn.vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
