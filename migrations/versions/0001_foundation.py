"""foundation

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.models.base
from migrations.helpers import drop_insert_only, make_insert_only

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

INSERT_ONLY = ("versions", "clauses", "translations", "audit_events")


def upgrade() -> None:
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=320), nullable=False),
    sa.Column('action', sa.String(length=80), nullable=False),
    sa.Column('object_type', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.String(length=80), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_at'), ['at'], unique=False)

    op.create_table('member_states',
    sa.Column('iso3', sa.String(length=3), nullable=False),
    sa.Column('iso2', sa.String(length=2), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('name_ru', sa.String(length=200), nullable=False),
    sa.Column('name_kk', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('iso3', name=op.f('pk_member_states'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('state_iso3', sa.String(length=3), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['state_iso3'], ['member_states.iso3'], name=op.f('fk_users_state_iso3_member_states')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('auth_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('csrf_token', sa.String(length=64), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_auth_sessions_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auth_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_auth_sessions_token_hash'))
    )
    with op.batch_alter_table('auth_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auth_sessions_user_id'), ['user_id'], unique=False)

    op.create_table('drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('short_title', sa.String(length=200), nullable=False),
    sa.Column('authentic_lang', sa.String(length=5), nullable=False),
    sa.Column('working_langs', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('next_key_seq', sa.Integer(), nullable=False),
    sa.Column('source_name', sa.String(length=300), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_drafts_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts'))
    )
    op.create_table('draft_participants',
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('state_iso3', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_draft_participants_draft_id_drafts')),
    sa.ForeignKeyConstraint(['state_iso3'], ['member_states.iso3'], name=op.f('fk_draft_participants_state_iso3_member_states')),
    sa.PrimaryKeyConstraint('draft_id', 'state_iso3', name=op.f('pk_draft_participants'))
    )
    op.create_table('draft_shares',
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_draft_shares_draft_id_drafts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_draft_shares_user_id_users')),
    sa.PrimaryKeyConstraint('draft_id', 'user_id', name=op.f('pk_draft_shares'))
    )
    op.create_table('translations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('clause_key', sa.String(length=40), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.Column('heading', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source_hash', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_translations_created_by_id_users')),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_translations_draft_id_drafts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translations'))
    )
    with op.batch_alter_table('translations', schema=None) as batch_op:
        batch_op.create_index('ix_translations_lookup', ['draft_id', 'lang', 'clause_key'], unique=False)

    op.create_table('versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('clause_count', sa.Integer(), nullable=False),
    sa.Column('base_number', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_versions_created_by_id_users')),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_versions_draft_id_drafts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_versions')),
    sa.UniqueConstraint('draft_id', 'number', name='uq_versions_draft_number')
    )
    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_versions_draft_id'), ['draft_id'], unique=False)

    op.create_table('clauses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('parent_key', sa.String(length=40), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('depth', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('num_style', sa.String(length=20), nullable=False),
    sa.Column('num_pattern', sa.String(length=40), nullable=False),
    sa.Column('heading', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], name=op.f('fk_clauses_version_id_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clauses')),
    sa.UniqueConstraint('version_id', 'key', name='uq_clauses_version_key')
    )
    with op.batch_alter_table('clauses', schema=None) as batch_op:
        batch_op.create_index('ix_clauses_version_position', ['version_id', 'position'], unique=False)


    for table in INSERT_ONLY:
        make_insert_only(table)

def downgrade() -> None:
    for table in INSERT_ONLY:
        drop_insert_only(table)
    with op.batch_alter_table('clauses', schema=None) as batch_op:
        batch_op.drop_index('ix_clauses_version_position')

    op.drop_table('clauses')
    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_versions_draft_id'))

    op.drop_table('versions')
    with op.batch_alter_table('translations', schema=None) as batch_op:
        batch_op.drop_index('ix_translations_lookup')

    op.drop_table('translations')
    op.drop_table('draft_shares')
    op.drop_table('draft_participants')
    op.drop_table('drafts')
    with op.batch_alter_table('auth_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auth_sessions_user_id'))

    op.drop_table('auth_sessions')
    op.drop_table('users')
    op.drop_table('member_states')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_at'))
        batch_op.drop_index(batch_op.f('ix_audit_events_action'))

    op.drop_table('audit_events')
