"""notes: the note register (notes verbales), their references, and the name forms (entities)

Revision ID: 0003
Revises: 0002

An issued note is frozen in the database too: triggers refuse UPDATE and DELETE of an
issued row of ``notes`` and any change to the ``note_references`` of an issued note.
The name forms are seeded by ``concord demo`` (app.notes.demo), not here: migrations
hold the schema only.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.models.base

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('note_entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('forms', sa.JSON(), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_note_entities')),
    sa.UniqueConstraint('key', name=op.f('uq_note_entities_key'))
    )
    op.create_table('notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('series', sa.String(length=60), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('place_key', sa.String(length=80), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.Column('facts', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('entities', sa.JSON(), nullable=True),
    sa.Column('issued_hash', sa.String(length=64), nullable=True),
    sa.Column('issued_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_notes_created_by_id_users')),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_notes_draft_id_drafts')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_notes_issued_by_id_users')),
    sa.ForeignKeyConstraint(['place_key'], ['note_entities.key'], name=op.f('fk_notes_place_key_note_entities')),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], name=op.f('fk_notes_version_id_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notes')),
    sa.UniqueConstraint('series', 'seq', name='uq_notes_series_seq')
    )
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.create_index('ix_notes_draft_kind', ['draft_id', 'kind'], unique=False)

    op.create_table('note_references',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('note_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('ref_note_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['note_id'], ['notes.id'], name=op.f('fk_note_references_note_id_notes')),
    sa.ForeignKeyConstraint(['ref_note_id'], ['notes.id'], name=op.f('fk_note_references_ref_note_id_notes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_note_references')),
    sa.UniqueConstraint('note_id', 'position', name='uq_note_references_note_position')
    )
    with op.batch_alter_table('note_references', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_note_references_ref_note_id'), ['ref_note_id'], unique=False)

    freeze_issued_notes()


def downgrade() -> None:
    unfreeze_issued_notes()
    with op.batch_alter_table('note_references', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_note_references_ref_note_id'))

    op.drop_table('note_references')
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_index('ix_notes_draft_kind')

    op.drop_table('notes')
    op.drop_table('note_entities')


_FROZEN = "note is issued: it cannot be changed"


def freeze_issued_notes() -> None:
    """Issued notes (and their references) refuse changes, in SQLite and PostgreSQL."""
    if op.get_bind().dialect.name == "sqlite":
        for what in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER notes_issued_no_{what.lower()} BEFORE {what} ON notes "
                       f"WHEN OLD.status = 'issued' BEGIN SELECT RAISE(ABORT, '{_FROZEN}'); END")
        for what, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            op.execute(f"CREATE TRIGGER note_references_issued_no_{what.lower()} BEFORE {what} ON note_references "
                       f"WHEN (SELECT status FROM notes WHERE id = {row}.note_id) = 'issued' "
                       f"BEGIN SELECT RAISE(ABORT, '{_FROZEN}'); END")
        return
    op.execute(f"""CREATE OR REPLACE FUNCTION notes_issued_frozen() RETURNS trigger AS $$
        BEGIN
            IF OLD.status = 'issued' THEN RAISE EXCEPTION '{_FROZEN}'; END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END; $$ LANGUAGE plpgsql""")
    op.execute("CREATE TRIGGER notes_issued_frozen BEFORE UPDATE OR DELETE ON notes "
               "FOR EACH ROW EXECUTE FUNCTION notes_issued_frozen()")
    op.execute(f"""CREATE OR REPLACE FUNCTION note_references_issued_frozen() RETURNS trigger AS $$
        BEGIN
            IF TG_OP <> 'INSERT' AND (SELECT status FROM notes WHERE id = OLD.note_id) = 'issued' THEN
                RAISE EXCEPTION '{_FROZEN}';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            IF (SELECT status FROM notes WHERE id = NEW.note_id) = 'issued' THEN RAISE EXCEPTION '{_FROZEN}'; END IF;
            RETURN NEW;
        END; $$ LANGUAGE plpgsql""")
    op.execute("CREATE TRIGGER note_references_issued_frozen BEFORE INSERT OR UPDATE OR DELETE ON note_references "
               "FOR EACH ROW EXECUTE FUNCTION note_references_issued_frozen()")


def unfreeze_issued_notes() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for what in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS notes_issued_no_{what}")
        for what in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS note_references_issued_no_{what}")
        return
    op.execute("DROP TRIGGER IF EXISTS notes_issued_frozen ON notes")
    op.execute("DROP TRIGGER IF EXISTS note_references_issued_frozen ON note_references")
    op.execute("DROP FUNCTION IF EXISTS notes_issued_frozen()")
    op.execute("DROP FUNCTION IF EXISTS note_references_issued_frozen()")
