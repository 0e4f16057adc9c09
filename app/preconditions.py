"""The one If-Match check (optimistic locking at the HTTP edge), used by every conditional write.

- no header: 428 (``if_match_required``) when the write needs one;
- ``*``: refused (412, ``if_match_star``): a client must show which version it read;
- otherwise one of the listed entity tags must match the current one, compared weakly
  (``W/"x"`` and ``"x"`` are the same tag); else 412 (``if_match_failed``).

The check reads the row as the transaction sees it; the row's version column
(``version_id_col``) still catches a writer that commits in between (see app.concurrency).
"""

from __future__ import annotations

from .errors import PreconditionFailed, PreconditionRequired


def _opaque(tag: str) -> str:
    tag = tag.strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    return tag.strip()


def parse_if_match(if_match: str | None) -> list[str]:
    return [_opaque(t) for t in (if_match or "").split(",") if t.strip()]


def check_if_match(current: str, if_match: str | None, *, what: str, required: bool = True,
                   failed: str | None = None) -> None:
    """Raise unless ``if_match`` names ``current`` (the object's ETag). ``what`` names the object
    in the messages ("draft 3"); ``failed`` replaces the 412 text (free text, kept as it is)."""
    tags = parse_if_match(if_match)
    if not tags:
        if required:
            raise PreconditionRequired(code="if_match_required", what=what)
        return
    if "*" in tags:
        raise PreconditionFailed(code="if_match_star", what=what)
    if _opaque(current) not in tags:
        if failed:
            raise PreconditionFailed(failed, code="if_match_failed", what=what)
        raise PreconditionFailed(code="if_match_failed", what=what[:1].upper() + what[1:])
