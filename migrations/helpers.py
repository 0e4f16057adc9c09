"""Helpers shared by migrations: insert-only tables enforced by database triggers."""

from __future__ import annotations

from alembic import op


def make_insert_only(table: str) -> None:
    """Refuse UPDATE and DELETE on ``table`` in the database itself (SQLite and PostgreSQL)."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for what in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{what.lower()} BEFORE {what} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is insert-only: rows cannot be changed or deleted'); END"
            )
    else:
        op.execute(
            f"""CREATE OR REPLACE FUNCTION {table}_insert_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{table} is insert-only: rows cannot be changed or deleted'; END;
            $$ LANGUAGE plpgsql"""
        )
        op.execute(
            f"CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_insert_only()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_insert_only()"
        )


def drop_insert_only(table: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_insert_only ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {table}_insert_only()")
