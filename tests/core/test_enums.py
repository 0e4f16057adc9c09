"""Roles and statuses are StrEnums: each member is its stored string, so values read back from
the database, sent in JSON or typed in a URL compare equal to the members."""

from __future__ import annotations

import json

from app.core import lifecycle
from app.core.enums import DecisionKind, DraftStatus, ProposalStatus, Role
from app.models import DECISION_KINDS, DRAFT_STATUSES, PROPOSAL_STATUSES, ROLES


def test_members_are_the_strings_stored():
    assert ROLES == ("admin", "secretariat", "translator", "delegate", "observer")
    assert "delegate" in ROLES and Role("observer") is Role.OBSERVER
    assert json.dumps({"role": Role.ADMIN}) == '{"role": "admin"}'
    assert f"{ProposalStatus.ACCEPTED_MODIFIED}" == "accepted_modified" and str(Role.ADMIN) == "admin"
    assert {"submitted": 1}[ProposalStatus.SUBMITTED] == 1  # same hash as the string
    assert DECISION_KINDS == ("agreed_ad_referendum", "approved", "returned", "deferred")
    assert set(PROPOSAL_STATUSES) >= {"draft", "submitted", "withdrawn", "superseded"}


def test_the_lifecycle_and_the_model_know_the_same_statuses_in_the_same_order():
    assert lifecycle.STATUSES == DRAFT_STATUSES == tuple(DraftStatus)
    assert set(lifecycle.LABELS) == set(DraftStatus)
    assert "open" in lifecycle.Procedure().allowed("drafting")  # a plain string, as read from the database
    assert DecisionKind.RETURNED in lifecycle.STATUSES


def test_every_proposal_status_has_its_words_for_the_reader():
    from app.core.word.labels import PROPOSAL_STATUS, Labels

    assert set(PROPOSAL_STATUS) == set(ProposalStatus)
    assert Labels("ru").status(ProposalStatus.ACCEPTED_MODIFIED) != "accepted with modifications"


def test_a_role_given_as_a_member_is_stored_and_read_back_as_its_word(client, engine):
    from sqlalchemy import select

    from app.accounts.service import create_user
    from app.db import transaction
    from app.models import User

    with transaction(engine) as s:
        create_user(s, "enum@example.org", "a-long-password-1", Role.TRANSLATOR)
    with transaction(engine) as s:
        role = s.execute(select(User.role).where(User.email == "enum@example.org")).scalar_one()
    assert type(role) is str and role == Role.TRANSLATOR
    token = client.post("/api/v1/auth/token", data={"username": "enum@example.org",
                                                    "password": "a-long-password-1"}).json()["access_token"]
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["role"] == "translator"
