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


def test_0004_keeps_the_numbers_existing_versions_showed(db_url):
    """Drafts stored before labels were data keep exactly the numbers they showed: the
    migration writes them as labels and recomputes the version hashes, which cover labels."""
    from pathlib import Path

    from sqlalchemy.orm import Session

    from app.core.clauses.parse import parse_text
    from app.core.clauses.tree import KeyAllocator, renumber
    from app.drafts import repository as repo
    from app.drafts.service import load_document, store_version
    from app.models import Draft, Version

    engine = sa.create_engine(db_url)
    text = (Path(__file__).parent.parent / "drafts" / "cica-unoct-mou-2024.md").read_text(encoding="utf-8")
    keys = KeyAllocator()
    doc = renumber(parse_text(text, keys))  # the labels position gives: what 0003 showed
    with Session(engine) as s:
        d = Draft(title="MoU", next_key_seq=keys.next_seq)
        s.add(d)
        s.flush()
        v = store_version(s, d, doc, label="v1", user=None, number=1)
        s.commit()
        vid, want_hash = v.id, v.hash
        shown = [(c.key, c.number) for c in doc.walk()]
    downgrade(db_url, "0003")
    with engine.connect() as c:
        assert "label" not in {col["name"] for col in sa.inspect(c).get_columns("clauses")}
    upgrade(db_url)
    with Session(engine) as s:
        v = s.get(Version, vid)
        back = load_document(s, v)
        assert [(c.key, c.number) for c in back.walk()] == shown
        assert v.hash == want_hash == back.version_hash()
        assert repo.clause_rows(s, vid)[21][5] == "1:"  # "1: Purpose ...": the label as it was shown
        s.rollback()
    with engine.begin() as c:  # still insert-only afterwards
        try:
            c.execute(sa.text("UPDATE clauses SET label = 'x'"))
        except sa.exc.DatabaseError:
            pass
        else:
            raise AssertionError("clauses must stay insert-only")
    engine.dispose()
