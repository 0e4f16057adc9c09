"""Sentences Concord writes are stored as a code with params, not as English text.

proposals.anchor_note_code/anchor_note_params (the note a proposal gets when it is re-anchored to
a new version) and versions.label_code/label_params (the label Concord gives version 1, "Initial
text", and a version returned for revision by a meeting), so that pages show them in the reader's
language. The English text columns stay (the API's ``anchor.note`` and a version's ``label``).
Existing rows are converted by their known English wording, once, here; a label a person typed
keeps no code.

Revision ID: 0009
Revises: 0008
"""
from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

from migrations.helpers import drop_insert_only, make_insert_only

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The wordings app/proposals and app/meetings wrote before this revision (a copy: a migration
# does not import the application).
NOTES = [(re.compile(p), code) for p, code in [
    (r"^Clause (?P<clause>.+), where it was to be moved, was deleted in version (?P<n>\d+)\.$",
     "anchor_move_target_deleted"),
    (r"^Clause (?P<clause>.+) was deleted in version (?P<n>\d+)\.$", "anchor_deleted"),
    (r"^Clause (?P<clause>.+) was changed in version (?P<n>\d+) after its deletion was proposed; confirm the "
     r"proposal\.$", "anchor_delete_changed"),
    (r"^Clause (?P<clause>.+) changed in version (?P<n>\d+); the amendment still applies and was carried over\.$",
     "anchor_applied"),
    (r"^Clause (?P<clause>.+) changed in version (?P<n>\d+) and the amendment no longer applies cleanly; compare "
     r"the old and new text and update it\.$", "anchor_conflict"),
]]
LABELS = [(re.compile(p), code) for p, code in [
    (r"^Initial text$", "version_initial"),
    (r"^Returned for revision \(meeting (?P<m>\d+)\): (?P<text>.*)$", "version_returned"),
    (r"^Updated to reflect the proposals of Member States$", "version_consolidated"),
    (r"^Consolidated text$", "version_consolidated_text"),
    (r"^Renumbered$", "version_renumbered"),
    (r"^Revised text of (?P<who>.+) \((?P<file>[^()]*)\)$", "version_revised_of_file"),
    (r"^Revised text \((?P<file>[^()]*)\)$", "version_revised_file"),
    (r"^Revised text of (?P<who>.+)$", "version_revised_of"),
    (r"^Revised text$", "version_revised"),
]]


def code_of(text: str, patterns) -> tuple[str, dict] | None:
    for pattern, code in patterns:
        m = pattern.match(text or "")
        if m is not None:
            params = {k: (int(v) if k in ("n", "m") else v) for k, v in m.groupdict().items()}
            return code, params
    return None


def upgrade() -> None:
    op.add_column("proposals", sa.Column("anchor_note_code", sa.String(length=40), nullable=False,
                                         server_default=""))
    op.add_column("proposals", sa.Column("anchor_note_params", sa.JSON(), nullable=True))
    op.add_column("versions", sa.Column("label_code", sa.String(length=40), nullable=False, server_default=""))
    op.add_column("versions", sa.Column("label_params", sa.JSON(), nullable=True))
    bind = op.get_bind()
    for pid, note in bind.execute(sa.text("SELECT id, anchor_note FROM proposals WHERE anchor_note <> ''")):
        found = code_of(note, NOTES)
        if found:
            bind.execute(sa.text("UPDATE proposals SET anchor_note_code = :c, anchor_note_params = :p WHERE id = :i")
                         .bindparams(sa.bindparam("p", type_=sa.JSON)), {"c": found[0], "p": found[1], "i": pid})
    labelled = [(vid, found) for vid, label in bind.execute(sa.text("SELECT id, label FROM versions"))
                if (found := code_of(label, LABELS))]
    if labelled:
        drop_insert_only("versions")
        for vid, (code, params) in labelled:
            bind.execute(sa.text("UPDATE versions SET label_code = :c, label_params = :p WHERE id = :i")
                         .bindparams(sa.bindparam("p", type_=sa.JSON)), {"c": code, "p": params, "i": vid})
        make_insert_only("versions")


def downgrade() -> None:
    # plain DROP COLUMN (SQLite >= 3.35 and PostgreSQL): a batch copy would lose the triggers
    op.execute("ALTER TABLE versions DROP COLUMN label_params")
    op.execute("ALTER TABLE versions DROP COLUMN label_code")
    op.execute("ALTER TABLE proposals DROP COLUMN anchor_note_params")
    op.execute("ALTER TABLE proposals DROP COLUMN anchor_note_code")
