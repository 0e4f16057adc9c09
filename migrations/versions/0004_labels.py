"""labels: number labels become stored text; drafts get a numbering policy

Revision ID: 0004
Revises: 0003

Until now a clause's number was derived from its position. It is now part of the text
(DESIGN.md, "numbers are data"): ``clauses.label`` holds the label as written. Existing
versions keep exactly the numbers they showed: their labels are computed here, once, by the
positional rule they were shown with (frozen below, independent of the application code),
and their version hashes, which now cover the labels, are recomputed. Versions and clauses
stay insert-only: the triggers are lifted for this one backfill and put back.

``drafts.numbering_policy``: how a clause inserted during negotiation is labelled
("bis": "2.5 bis" after "2.5", the default; "position": renumber at once).
``proposals.proposed_label``: the label an insertion asks for, as its proposer typed it.
"""
from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa
from alembic import op

from migrations.helpers import drop_insert_only, make_insert_only

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _counter(style: str, n: int, parent_core: str) -> str:
    if style == "decimal":
        return str(n)
    if style == "outline":
        return f"{parent_core}.{n}" if parent_core else str(n)
    if style == "lower-roman":
        return _roman(n)
    if style == "upper-roman":
        return _roman(n).upper()
    if style in ("lower-alpha", "upper-alpha"):
        s = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return s.upper() if style == "upper-alpha" else s
    return ""


def _positional(rows: list[dict]) -> dict[int, str]:
    """The labels the rows were shown with (the pre-0004 rule): row id -> label."""
    children: dict[str | None, list[dict]] = {}
    for r in rows:
        children.setdefault(r["parent_key"], []).append(r)
    out: dict[int, str] = {}

    def rec(parent: str | None, parent_core: str) -> None:
        counters: dict[tuple[str, str], int] = {}
        for r in children.get(parent, []):
            core = ""
            style, pattern = r["num_style"], r["num_pattern"]
            if style not in ("none", "bullet"):
                k = (style, pattern if style != "outline" else "")
                counters[k] = counters.get(k, 0) + 1
                core = _counter(style, counters[k], parent_core)
                out[r["id"]] = pattern.replace("{}", core) if pattern else core
            elif style == "bullet":
                out[r["id"]] = pattern.strip() or "-"
            rec(r["key"], core or parent_core)

    rec(None, "")
    return out


def _content_hash(kind: str, heading: str, text: str) -> str:
    return hashlib.sha256(json.dumps([kind, heading, text], ensure_ascii=False).encode("utf-8")).hexdigest()


def _version_hash(rows: list[dict], labels: dict[int, str]) -> str:
    h = hashlib.sha256()
    for r in rows:  # document order
        row = [r["key"], r["parent_key"], r["depth"], r["num_style"], r["num_pattern"], labels.get(r["id"], ""),
               _content_hash(r["kind"], r["heading"], r["text"])]
        h.update(json.dumps(row, ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def upgrade() -> None:
    op.add_column("clauses", sa.Column("label", sa.String(length=100), nullable=False, server_default=""))
    op.add_column("drafts", sa.Column("numbering_policy", sa.String(length=20), nullable=False,
                                      server_default="bis"))
    op.add_column("proposals", sa.Column("proposed_label", sa.String(length=100), nullable=True))
    bind = op.get_bind()
    versions = bind.execute(sa.text("SELECT id FROM versions ORDER BY id")).scalars().all()
    if not versions:
        return
    drop_insert_only("clauses")
    drop_insert_only("versions")
    for vid in versions:
        rows = [dict(r._mapping) for r in bind.execute(sa.text(
            "SELECT id, key, parent_key, depth, kind, num_style, num_pattern, heading, text FROM clauses "
            "WHERE version_id = :v ORDER BY position"), {"v": vid})]
        labels = _positional(rows)
        for rid, lab in labels.items():
            bind.execute(sa.text("UPDATE clauses SET label = :l WHERE id = :i"), {"l": lab, "i": rid})
        bind.execute(sa.text("UPDATE versions SET hash = :h WHERE id = :v"),
                     {"h": _version_hash(rows, labels), "v": vid})
    make_insert_only("clauses")
    make_insert_only("versions")


def downgrade() -> None:
    # plain DROP COLUMN (SQLite >= 3.35 and PostgreSQL): a batch copy of drafts would break its
    # foreign keys, and of clauses would lose its triggers
    op.execute("ALTER TABLE proposals DROP COLUMN proposed_label")
    op.execute("ALTER TABLE drafts DROP COLUMN numbering_policy")
    op.execute("ALTER TABLE clauses DROP COLUMN label")
