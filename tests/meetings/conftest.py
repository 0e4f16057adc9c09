from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.meetings.demo import CICA_STEPS, MINISTERIAL_COUNCIL


class Path:
    """Drives the approval path through the API, as the secretariat and the delegations would."""

    def __init__(self, flow):
        self.flow = flow
        self.c = flow.c
        self.officer = flow.officer
        self.h = flow.h
        self.d = flow.d

    def post(self, url, body=None, who=None, expect=(200, 201)):
        r = self.c.post(url, headers=who or self.officer, json=body or {})
        assert r.status_code in (expect if isinstance(expect, tuple) else (expect,)), r.text
        return r.json()

    def get(self, url, who=None, expect=200, **params):
        r = self.c.get(url, headers=who or self.officer, params=params)
        assert r.status_code == expect, r.text
        return r.json()

    def bodies(self):
        self.post("/api/v1/bodies", {"key": "cica-swg", "rank": 1})
        self.post("/api/v1/bodies", {"key": "cica-soc", "rank": 2})
        self.post("/api/v1/bodies", {"key": "cica-mc", "rank": 3, "forms": MINISTERIAL_COUNCIL})

    def cica_procedure(self):
        r = self.c.put(f"/api/v1/drafts/{self.d}/procedure", headers=self.officer, json={"steps": CICA_STEPS})
        assert r.status_code == 200, r.text
        return r.json()

    def meeting(self, body="cica-swg", days=1, version=None, **extra):
        starts = (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0)
        body = {"body": body, "title": extra.pop("title", f"Meeting of {body}"),
                "starts_at": starts.isoformat(), "place": "astana",
                "agenda": [{"draft_id": self.d, "version": version, "with_compilation": True}], **extra}
        return self.post("/api/v1/meetings", body, expect=201)

    def decide(self, meeting_id, kind, expect=201, **body):
        return self.post(f"/api/v1/meetings/{meeting_id}/decisions", {"kind": kind, "draft_id": self.d, **body},
                         expect=expect)

    def agree(self, meeting_id, keys, status="agreed", expect=200):
        return self.post(f"/api/v1/meetings/{meeting_id}/agreement",
                         {"draft_id": self.d, "clauses": [{"key": k, "status": status} for k in keys]}, expect=expect)

    def agreement(self, who=None):
        return self.get(f"/api/v1/drafts/{self.d}/agreement", who=who)

    def status(self):
        return self.get(f"/api/v1/drafts/{self.d}")["status"]


@pytest.fixture
def name_forms(engine, users):
    """The example name forms, loaded as `concord demo` loads them."""
    from app.db import transaction
    from app.notes.service import ensure_entities

    with transaction(engine) as s:
        ensure_entities(s)


@pytest.fixture
def path(flow, name_forms) -> Path:
    p = Path(flow)
    p.bodies()
    return p


@pytest.fixture
def sample_text(sample_text):
    """The approval path locks the text at approval, which is refused while its title still reads
    "DRAFT ..." (the final copy would open with it): these tests start from the text as it would
    be approved, its title block without the word DRAFT."""
    return sample_text.replace("**DRAFT\nMEMORANDUM", "**MEMORANDUM", 1)
