"""The closed sets of words Concord stores: roles, statuses and kinds, as ``StrEnum``s.

A member is its string (``Role.ADMIN == "admin"``, hashes alike, formats as ``admin``,
serialises to JSON and binds to SQL as the string), so the columns stay ``String`` and a
value read back from the database compares equal to the member. The tuples the models
export (``ROLES``, ``DRAFT_STATUSES``, ...) are ``tuple(Enum)`` in definition order.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    SECRETARIAT = "secretariat"
    TRANSLATOR = "translator"
    DELEGATE = "delegate"
    OBSERVER = "observer"


class DraftStatus(StrEnum):
    """The lifecycle (:mod:`app.core.lifecycle`), in its order; ``returned`` last."""

    DRAFTING = "drafting"
    OPEN = "open"
    UNDER_REVIEW = "under_review"
    ON_AGENDA = "on_agenda"
    AGREED_AD_REFERENDUM = "agreed_ad_referendum"
    APPROVED = "approved"
    FINAL = "final"
    SIGNED = "signed"
    IN_FORCE = "in_force"
    RETURNED = "returned"


class ProposalStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    ACCEPTED = "accepted"
    ACCEPTED_MODIFIED = "accepted_modified"
    REJECTED = "rejected"
    MERGED = "merged"
    NOTED = "noted"
    SUPERSEDED = "superseded"


class DecisionKind(StrEnum):
    """What a meeting decides on a draft on its agenda."""

    AGREED_AD_REFERENDUM = "agreed_ad_referendum"
    APPROVED = "approved"
    RETURNED = "returned"
    DEFERRED = "deferred"


class NoteStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
