"""proposals

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.models.base
from migrations.helpers import drop_insert_only, make_insert_only

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

INSERT_ONLY = ("proposal_anchor_events", "version_changes")


def upgrade() -> None:
    op.create_table('proposal_windows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('opened_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('deadline', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_proposal_windows_draft_id_drafts')),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], name=op.f('fk_proposal_windows_opened_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_windows'))
    )
    with op.batch_alter_table('proposal_windows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_windows_draft_id'), ['draft_id'], unique=False)

    op.create_table('proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('state_iso3', sa.String(length=3), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('base_version', sa.Integer(), nullable=False),
    sa.Column('current_version', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('clause_key', sa.String(length=40), nullable=True),
    sa.Column('position', sa.String(length=12), nullable=True),
    sa.Column('anchor_key', sa.String(length=40), nullable=True),
    sa.Column('new_clause_kind', sa.String(length=20), nullable=True),
    sa.Column('quoted_text', sa.Text(), nullable=False),
    sa.Column('quoted_heading', sa.Text(), nullable=False),
    sa.Column('proposed_text', sa.Text(), nullable=False),
    sa.Column('proposed_heading', sa.Text(), nullable=True),
    sa.Column('patch', sa.Text(), nullable=False),
    sa.Column('translations', sa.JSON(), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('anchor_status', sa.String(length=20), nullable=False),
    sa.Column('anchor_note', sa.Text(), nullable=False),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.Column('modified_text', sa.Text(), nullable=True),
    sa.Column('modified_heading', sa.Text(), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('meeting_ref', sa.String(length=200), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('consolidated_in', sa.Integer(), nullable=True),
    sa.Column('new_key', sa.String(length=40), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_proposals_author_id_users')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_proposals_decided_by_id_users')),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_proposals_draft_id_drafts')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['proposals.id'], name=op.f('fk_proposals_merged_into_id_proposals')),
    sa.ForeignKeyConstraint(['state_iso3'], ['member_states.iso3'], name=op.f('fk_proposals_state_iso3_member_states')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposals'))
    )
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.create_index('ix_proposals_draft_clause', ['draft_id', 'clause_key'], unique=False)
        batch_op.create_index('ix_proposals_draft_status', ['draft_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_state_iso3'), ['state_iso3'], unique=False)

    op.create_table('proposal_anchor_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('from_version', sa.Integer(), nullable=False),
    sa.Column('to_version', sa.Integer(), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('old_text', sa.Text(), nullable=False),
    sa.Column('new_text', sa.Text(), nullable=False),
    sa.Column('at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_anchor_events_proposal_id_proposals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_anchor_events'))
    )
    with op.batch_alter_table('proposal_anchor_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_anchor_events_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('proposal_cosponsors',
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('state_iso3', sa.String(length=3), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('invited_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('responded_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_cosponsors_proposal_id_proposals')),
    sa.ForeignKeyConstraint(['state_iso3'], ['member_states.iso3'], name=op.f('fk_proposal_cosponsors_state_iso3_member_states')),
    sa.PrimaryKeyConstraint('proposal_id', 'state_iso3', name=op.f('pk_proposal_cosponsors'))
    )
    op.create_table('version_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('clause_key', sa.String(length=40), nullable=False),
    sa.Column('change', sa.String(length=10), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=True),
    sa.Column('state_iso3', sa.String(length=3), nullable=True),
    sa.Column('decided_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_version_changes_proposal_id_proposals')),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], name=op.f('fk_version_changes_version_id_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_version_changes'))
    )
    with op.batch_alter_table('version_changes', schema=None) as batch_op:
        batch_op.create_index('ix_version_changes_version', ['version_id', 'clause_key'], unique=False)


    for table in INSERT_ONLY:
        make_insert_only(table)

def downgrade() -> None:
    for table in INSERT_ONLY:
        drop_insert_only(table)
    with op.batch_alter_table('version_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_version_changes_version')

    op.drop_table('version_changes')
    op.drop_table('proposal_cosponsors')
    with op.batch_alter_table('proposal_anchor_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_anchor_events_proposal_id'))

    op.drop_table('proposal_anchor_events')
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposals_state_iso3'))
        batch_op.drop_index('ix_proposals_draft_status')
        batch_op.drop_index('ix_proposals_draft_clause')

    op.drop_table('proposals')
    with op.batch_alter_table('proposal_windows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_windows_draft_id'))

    op.drop_table('proposal_windows')
