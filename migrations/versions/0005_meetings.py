"""meetings: bodies, meetings, agenda, attendance, decisions, clause agreement, brackets, silence
procedures, signatures, scheduled jobs, notifications

Revision ID: 0005
Revises: 0004

``meeting_decisions``, ``clause_agreements`` and ``silence_objections`` are insert-only (triggers).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.models.base
from migrations.helpers import drop_insert_only, make_insert_only

revision = '0005'
down_revision = "0004"
branch_labels = None
depends_on = None

INSERT_ONLY = ("meeting_decisions", "clause_agreements", "silence_objections")


def upgrade() -> None:
    op.create_table('scheduled_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('run_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('done_by', sa.String(length=120), nullable=False),
    sa.Column('done_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scheduled_jobs')),
    sa.UniqueConstraint('key', name=op.f('uq_scheduled_jobs_key'))
    )
    with op.batch_alter_table('scheduled_jobs', schema=None) as batch_op:
        batch_op.create_index('ix_scheduled_jobs_due', ['status', 'run_at'], unique=False)

    op.create_table('bodies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['key'], ['note_entities.key'], name=op.f('fk_bodies_key_note_entities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bodies')),
    sa.UniqueConstraint('key', name=op.f('uq_bodies_key'))
    )
    op.create_table('draft_procedures',
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('steps', sa.JSON(), nullable=False),
    sa.Column('entry_rule', sa.String(length=40), nullable=False),
    sa.Column('entry_days', sa.Integer(), nullable=False),
    sa.Column('term_years', sa.Integer(), nullable=False),
    sa.Column('notice_days', sa.Integer(), nullable=False),
    sa.Column('reminder_days', sa.Integer(), nullable=False),
    sa.Column('parties', sa.JSON(), nullable=False),
    sa.Column('approved_version', sa.Integer(), nullable=True),
    sa.Column('approved_hash', sa.String(length=64), nullable=True),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_draft_procedures_draft_id_drafts')),
    sa.PrimaryKeyConstraint('draft_id', name=op.f('pk_draft_procedures'))
    )
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=True),
    sa.Column('event', sa.String(length=40), nullable=False),
    sa.Column('message', sa.String(length=60), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('read_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('emailed_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_notifications_draft_id_drafts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_user', ['user_id', 'id'], unique=False)

    op.create_table('signatures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('party', sa.String(length=200), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('signatory', sa.String(length=200), nullable=False),
    sa.Column('signatory_title', sa.String(length=300), nullable=False),
    sa.Column('notified_on', sa.Date(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_signatures_draft_id_drafts')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_signatures_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatures')),
    sa.UniqueConstraint('draft_id', 'party', name='uq_signatures_draft_party')
    )
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('starts_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('timezone', sa.String(length=60), nullable=False),
    sa.Column('place_key', sa.String(length=80), nullable=True),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('online_url', sa.String(length=500), nullable=False),
    sa.Column('convening_note_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_meetings_body_id_bodies')),
    sa.ForeignKeyConstraint(['convening_note_id'], ['notes.id'], name=op.f('fk_meetings_convening_note_id_notes')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_meetings_created_by_id_users')),
    sa.ForeignKeyConstraint(['place_key'], ['note_entities.key'], name=op.f('fk_meetings_place_key_note_entities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_body_id'), ['body_id'], unique=False)
        batch_op.create_index('ix_meetings_starts_at', ['starts_at'], unique=False)

    op.create_table('silence_procedures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('version_hash', sa.String(length=64), nullable=False),
    sa.Column('step', sa.String(length=30), nullable=False),
    sa.Column('deadline', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('note_id', sa.Integer(), nullable=True),
    sa.Column('started_by_id', sa.Integer(), nullable=True),
    sa.Column('started_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_silence_procedures_draft_id_drafts')),
    sa.ForeignKeyConstraint(['note_id'], ['notes.id'], name=op.f('fk_silence_procedures_note_id_notes')),
    sa.ForeignKeyConstraint(['started_by_id'], ['users.id'], name=op.f('fk_silence_procedures_started_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_silence_procedures'))
    )
    with op.batch_alter_table('silence_procedures', schema=None) as batch_op:
        batch_op.create_index('ix_silence_procedures_draft', ['draft_id'], unique=False)

    op.create_table('agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('with_compilation', sa.Boolean(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_agenda_items_draft_id_drafts')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_agenda_items_meeting_id_meetings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items')),
    sa.UniqueConstraint('meeting_id', 'position', name='uq_agenda_items_meeting_position')
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index('ix_agenda_items_draft', ['draft_id'], unique=False)

    op.create_table('attendance',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('state_iso3', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_attendance_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['state_iso3'], ['member_states.iso3'], name=op.f('fk_attendance_state_iso3_member_states')),
    sa.PrimaryKeyConstraint('meeting_id', 'state_iso3', name=op.f('pk_attendance'))
    )
    op.create_table('brackets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('clause_key', sa.String(length=40), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('bracketed_text', sa.Text(), nullable=False),
    sa.Column('alternatives', sa.JSON(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('resolved_with', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_brackets_draft_id_drafts')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_brackets_meeting_id_meetings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_brackets'))
    )
    with op.batch_alter_table('brackets', schema=None) as batch_op:
        batch_op.create_index('ix_brackets_draft_key', ['draft_id', 'clause_key'], unique=False)

    op.create_table('clause_agreements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('clause_key', sa.String(length=40), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_clause_agreements_draft_id_drafts')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_clause_agreements_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_clause_agreements_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clause_agreements'))
    )
    with op.batch_alter_table('clause_agreements', schema=None) as batch_op:
        batch_op.create_index('ix_clause_agreements_draft_key', ['draft_id', 'clause_key'], unique=False)

    op.create_table('silence_objections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('state_iso3', sa.String(length=3), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['silence_procedures.id'], name=op.f('fk_silence_objections_procedure_id_silence_procedures')),
    sa.ForeignKeyConstraint(['state_iso3'], ['member_states.iso3'], name=op.f('fk_silence_objections_state_iso3_member_states')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_silence_objections_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_silence_objections'))
    )
    with op.batch_alter_table('silence_objections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_silence_objections_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('meeting_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('instructions', sa.Text(), nullable=False),
    sa.Column('status_before', sa.String(length=30), nullable=False),
    sa.Column('status_after', sa.String(length=30), nullable=False),
    sa.Column('text_hash', sa.String(length=64), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_meeting_decisions_agenda_item_id_agenda_items')),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_meeting_decisions_draft_id_drafts')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_decisions_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_meeting_decisions_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_decisions'))
    )
    with op.batch_alter_table('meeting_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_decisions_draft_id'), ['draft_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_decisions_meeting_id'), ['meeting_id'], unique=False)
    for table in INSERT_ONLY:
        make_insert_only(table)


def downgrade() -> None:
    for table in INSERT_ONLY:
        drop_insert_only(table)
    with op.batch_alter_table('meeting_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_decisions_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_decisions_draft_id'))

    op.drop_table('meeting_decisions')
    with op.batch_alter_table('silence_objections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_silence_objections_procedure_id'))

    op.drop_table('silence_objections')
    with op.batch_alter_table('clause_agreements', schema=None) as batch_op:
        batch_op.drop_index('ix_clause_agreements_draft_key')

    op.drop_table('clause_agreements')
    with op.batch_alter_table('brackets', schema=None) as batch_op:
        batch_op.drop_index('ix_brackets_draft_key')

    op.drop_table('brackets')
    op.drop_table('attendance')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_index('ix_agenda_items_draft')

    op.drop_table('agenda_items')
    with op.batch_alter_table('silence_procedures', schema=None) as batch_op:
        batch_op.drop_index('ix_silence_procedures_draft')

    op.drop_table('silence_procedures')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index('ix_meetings_starts_at')
        batch_op.drop_index(batch_op.f('ix_meetings_body_id'))

    op.drop_table('meetings')
    op.drop_table('signatures')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user')

    op.drop_table('notifications')
    op.drop_table('draft_procedures')
    op.drop_table('bodies')
    with op.batch_alter_table('scheduled_jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_scheduled_jobs_due')

    op.drop_table('scheduled_jobs')
