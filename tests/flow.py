from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest


class Flow:
    """Drives the amendment workflow through the API, as the people involved would."""

    def __init__(self, client, users, officer, draft):
        self.c = client
        self.users = users
        self.officer = officer
        self.draft = draft
        self.d = draft["id"]
        self.h = {}
        for iso3 in ("KAZ", "IND", "CHN"):
            email = f"{iso3.lower()}@example.org"
            users.make(email, "delegate", state=iso3)
            self.h[iso3] = users.headers(email)

    def tree(self, n=None, who=None):
        n = n or self.latest()
        return self.c.get(f"/api/v1/drafts/{self.d}/versions/{n}", headers=who or self.officer).json()

    def latest(self):
        return self.c.get(f"/api/v1/drafts/{self.d}/versions", headers=self.officer).json()[-1]["number"]

    def clause(self, number, n=None):
        def walk(nodes):
            for x in nodes:
                yield x
                yield from walk(x["children"])

        return next(x for x in walk(self.tree(n)["clauses"]) if x["number"] == number and x["kind"] != "section")

    def section(self, number, n=None):
        return next(x for x in self.tree(n)["clauses"] if x["kind"] == "section" and x["number"] == number)

    def open(self, days=7):
        deadline = (datetime.now(UTC) + timedelta(days=days)).isoformat()
        r = self.c.post(f"/api/v1/drafts/{self.d}/window", headers=self.officer, json={"deadline": deadline})
        assert r.status_code == 201, r.text
        return r.json()

    def propose(self, state, submit=True, expect=201, **body):
        r = self.c.post(f"/api/v1/drafts/{self.d}/proposals", headers=self.h[state], json={**body, "submit": submit})
        assert r.status_code == expect, r.text
        return r.json()

    def act(self, pid, action, who, expect=200, **body):
        r = self.c.post(f"/api/v1/proposals/{pid}/{action}", headers=who, json=body)
        assert r.status_code == expect, r.text
        return r.json()

    def etag(self, pid, who=None):
        return self.c.get(f"/api/v1/proposals/{pid}", headers=who or self.officer).headers["ETag"]

    def decide(self, pid, decision="accepted", expect=200, **kw):
        """Decide as the officer, with If-Match from a fresh read (as a client does)."""
        headers = {**self.officer, "If-Match": self.etag(pid)}
        r = self.c.post(f"/api/v1/proposals/{pid}/decide", headers=headers,
                        json={"decision": decision, "reason": kw.pop("reason", "Agreed."), **kw})
        assert r.status_code == expect, r.text
        return r.json()

    def two_versions(self):
        """Version 2 of the CICA draft: 1.1 reworded (KAZ), a clause inserted in 2 (IND), 2.3
        deleted (CHN); returns the three proposals."""
        self.open()
        c11, c23 = self.clause("1.1"), self.clause("2.3")
        s2 = self.section("2")
        a = self.propose("KAZ", kind="replace", clause_key=c11["key"], rationale="Clearer wording.",
                         proposed_text=c11["text"].replace("non-legally binding", "voluntary"))
        b = self.propose("IND", kind="insert", clause_key=s2["key"], position="last_child",
                         proposed_text="The Participants may exchange staff.", rationale="Staff exchanges.")
        c = self.propose("CHN", kind="delete", clause_key=c23["key"], rationale="Redundant.")
        for p in (a, b, c):
            self.decide(p["id"])
        self.consolidate()
        return a, b, c

    def consolidate(self, expect=201, **body):
        body.setdefault("base_version", self.latest())
        r = self.c.post(f"/api/v1/drafts/{self.d}/versions", headers=self.officer, json=body)
        assert r.status_code == expect, r.text
        return r.json()

    def get(self, pid, who=None):
        return self.c.get(f"/api/v1/proposals/{pid}", headers=who or self.officer).json()


@pytest.fixture
def flow(client, users, officer, cica_draft):
    return Flow(client, users, officer, cica_draft)
