"""Alembic is the only source of the schema: upgrade -> downgrade -> upgrade on both databases."""

from __future__ import annotations

import sqlalchemy as sa

from app.migrate import downgrade, upgrade
from app.models import Base


def test_upgrade_downgrade_upgrade(db_url):
    engine = sa.create_engine(db_url)
    upgrade(db_url)  # already at head: a no-op
    downgrade(db_url, "base")
    assert set(sa.inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(db_url)
    tables = set(sa.inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    engine.dispose()


def test_models_match_the_migrations(db_url):
    """Autogenerate finds nothing to do: the ORM models and the migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []
