"""The authorization matrix as a declared table: routes × roles × objects; every cell must match.

Objects: ``multi`` is a draft between KAZ (A) and IND (B), shared with one observer; ``bilateral``
is a draft between KAZ (A) and CHN only. TUR (C) takes part in neither. ``a_draft`` is KAZ's
unsubmitted proposal on ``multi``, ``b_draft`` IND's; ``a_sub`` is KAZ's submitted proposal on
``multi``, ``bi_sub`` KAZ's submitted proposal on ``bilateral``. ``note_multi`` and ``note_bi``
are issued notes of the two drafts, ``note_wip`` an unissued note of ``multi``.

Cells: an HTTP status, or ``in``/``out`` for "the object is (not) in this list or export".
"""

from __future__ import annotations

import copy
import io
import zipfile
from datetime import UTC, datetime, timedelta

import pytest

from app.core.notes.data import REFERENCE_NOTE

ROLES = ("admin", "secr", "transl", "delA", "delB", "delC", "obs+", "obs-", "anon")

MATRIX = """
route                      object      admin secr  transl delA  delB  delC  obs+  obs-  anon
GET  draft                 multi       200   200   200    200   200   404   200   404   401
GET  draft                 bilateral   200   200   200    200   404   404   404   404   401
LIST drafts                multi       in    in    in     in    in    out   in    out   401
LIST drafts                bilateral   in    in    in     in    out   out   out   out   401
GET  version               multi       200   200   200    200   200   404   200   404   401
GET  version               bilateral   200   200   200    200   404   404   404   404   401
GET  proposal              a_draft     404   404   404    200   404   404   404   404   401
GET  proposal              b_draft     404   404   404    404   200   404   404   404   401
GET  proposal              a_sub       200   200   200    200   200   404   200   404   401
GET  proposal              bi_sub      200   200   200    200   404   404   404   404   401
LIST proposals             a_draft     out   out   out    in    out   404   out   404   401
LIST proposals             b_draft     out   out   out    out   in    404   out   404   401
LIST proposals             a_sub       in    in    in     in    in    404   in    404   401
EXPORT compilation         a_draft     out   out   out    in    out   404   out   404   401
EXPORT compilation         a_sub       in    in    in     in    in    404   in    404   401
GET  note                  note_multi  200   200   200    200   200   404   200   404   401
GET  note                  note_bi     200   200   200    200   404   404   404   404   401
GET  note                  note_wip    200   200   200    404   404   404   404   404   401
LIST notes                 note_bi     in    in    in     in    out   out   out   out   401
PATCH draft                multi       200   200   403    403   403   404   403   404   401
PATCH draft                bilateral   200   200   403    403   404   404   404   404   401
DECIDE proposal            a_sub       200   200   403    403   403   403   403   403   401
GET  audit                 -           200   200   403    403   403   403   403   403   401
"""

TEXT = ("MEMORANDUM OF UNDERSTANDING\n\nWHEREAS the Parties wish to cooperate;\n\nHave agreed as follows:\n\n"
        "Article 1\nPurpose\n\n1. The Parties shall cooperate.\n\n2. The Parties shall meet once a year.\n")


def _table():
    lines = [ln.split() for ln in MATRIX.strip().splitlines()]
    head = lines[0]
    assert tuple(head[2:]) == ROLES
    return [((ln[0], ln[1], ln[2]), dict(zip(ROLES, ln[3:], strict=True))) for ln in lines[1:]]


class World:
    def __init__(self, client, users, officer):
        self.c = client
        self.h: dict[str, dict] = {"secr": officer, "anon": {}}
        for role, email, kind, state in (("admin", "admin@x.org", "admin", None),
                                         ("transl", "tr@x.org", "translator", None),
                                         ("delA", "kaz@x.org", "delegate", "KAZ"),
                                         ("delB", "ind@x.org", "delegate", "IND"),
                                         ("delC", "tur@x.org", "delegate", "TUR"),
                                         ("delCHN", "chn@x.org", "delegate", "CHN"),
                                         ("obs+", "obs1@x.org", "observer", None),
                                         ("obs-", "obs2@x.org", "observer", None)):
            users.make(email, kind, state=state)
            self.h[role] = users.headers(email)
        self.ids: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        for name, parts in (("multi", ["KAZ", "IND"]), ("bilateral", ["KAZ", "CHN"])):
            r = client.post("/api/v1/drafts", headers=officer, json={"text": TEXT, "participants": parts,
                                                                      "title": f"MoU {name}"})
            assert r.status_code == 201, r.text
            self.ids[name] = r.json()["id"]
            deadline = (datetime.now(UTC) + timedelta(days=7)).isoformat()
            assert client.post(f"/api/v1/drafts/{self.ids[name]}/window", headers=officer,
                               json={"deadline": deadline}).status_code == 201
        obs = client.get("/api/v1/auth/me", headers=self.h["obs+"]).json()["id"]
        assert client.post(f"/api/v1/drafts/{self.ids['multi']}/shares/{obs}", headers=officer).status_code == 204
        key = self.clause_key(self.ids["multi"])
        for name, who, draft, submit in (("a_draft", "delA", "multi", False), ("b_draft", "delB", "multi", False),
                                         ("a_sub", "delA", "multi", True), ("bi_sub", "delA", "bilateral", True)):
            text = f"The Parties shall cooperate closely {name.replace('_', '')}word."
            r = client.post(f"/api/v1/drafts/{self.ids[draft]}/proposals", headers=self.h[who],
                            json={"kind": "replace", "clause_key": self.clause_key(self.ids[draft]) if draft != "multi"
                                  else key, "proposed_text": text, "rationale": f"secret {name}",
                                  "submit": submit})
            assert r.status_code == 201, r.text
            self.ids[name] = r.json()["id"]
            self.texts[name] = f"{name.replace('_', '')}word"
        from app.notes.service import ensure_entities  # noqa: F401  (loaded by the fixture below)

        for name, draft, issue in (("note_multi", "multi", True), ("note_bi", "bilateral", True),
                                   ("note_wip", "multi", False)):
            body = {**copy.deepcopy(REFERENCE_NOTE), "draft_id": self.ids[draft]}
            body = {k: v for k, v in body.items() if v is not None}
            body.pop("number", None)
            r = client.post("/api/v1/notes", headers=officer, json=body)
            assert r.status_code == 201, r.text
            self.ids[name] = r.json()["id"]
            if issue:
                tag = client.get(f"/api/v1/notes/{self.ids[name]}", headers=officer).headers["ETag"]
                r = client.post(f"/api/v1/notes/{self.ids[name]}/issue", headers={**officer, "If-Match": tag})
                assert r.status_code == 200, r.text

    def clause_key(self, draft_id):
        tree = self.c.get(f"/api/v1/drafts/{draft_id}/versions/1", headers=self.h["secr"]).json()

        def walk(nodes):
            for x in nodes:
                yield x
                yield from walk(x["children"])

        return next(x["key"] for x in walk(tree["clauses"]) if x["text"].startswith("The Parties shall cooperate"))

    def cell(self, route, role, obj) -> str:
        c, h, ids = self.c, self.h[role], self.ids
        verb, what = route
        if (verb, what) == ("GET", "draft"):
            return str(c.get(f"/api/v1/drafts/{ids[obj]}", headers=h).status_code)
        if (verb, what) == ("LIST", "drafts"):
            r = c.get("/api/v1/drafts", headers=h)
            return str(r.status_code) if r.status_code != 200 else \
                ("in" if ids[obj] in [d["id"] for d in r.json()] else "out")
        if (verb, what) == ("GET", "version"):
            return str(c.get(f"/api/v1/drafts/{ids[obj]}/versions/1", headers=h).status_code)
        if (verb, what) == ("GET", "proposal"):
            return str(c.get(f"/api/v1/proposals/{ids[obj]}", headers=h).status_code)
        if (verb, what) == ("LIST", "proposals"):
            r = c.get(f"/api/v1/drafts/{ids['multi']}/proposals", headers=h)
            return str(r.status_code) if r.status_code != 200 else \
                ("in" if ids[obj] in [p["id"] for p in r.json()] else "out")
        if (verb, what) == ("EXPORT", "compilation"):
            r = c.get(f"/api/v1/drafts/{ids['multi']}/export/compilation.docx", headers=h,
                      params=[("status", s) for s in ("draft", "submitted", "withdrawn")])
            if r.status_code != 200:
                return str(r.status_code)
            xml = zipfile.ZipFile(io.BytesIO(r.content)).read("word/document.xml").decode()
            return "in" if self.texts[obj] in xml else "out"
        if (verb, what) == ("GET", "note"):
            return str(c.get(f"/api/v1/notes/{ids[obj]}", headers=h).status_code)
        if (verb, what) == ("LIST", "notes"):
            r = c.get("/api/v1/notes", headers=h)
            if r.status_code != 200:
                return str(r.status_code)
            items = r.json()["items"] if isinstance(r.json(), dict) else r.json()
            return "in" if ids[obj] in [n["id"] for n in items] else "out"
        if (verb, what) == ("PATCH", "draft"):
            tag = c.get(f"/api/v1/drafts/{ids[obj]}", headers=self.h["secr"]).headers["ETag"]
            return str(c.patch(f"/api/v1/drafts/{ids[obj]}", headers={**h, "If-Match": tag},
                               json={"short_title": f"by {role}"}).status_code)
        if (verb, what) == ("DECIDE", "proposal"):
            tag = c.get(f"/api/v1/proposals/{ids[obj]}", headers=self.h["secr"]).headers["ETag"]
            return str(c.post(f"/api/v1/proposals/{ids[obj]}/decide", headers={**h, "If-Match": tag},
                              json={"decision": "noted", "reason": f"by {role}", "redecide": True}).status_code)
        if (verb, what) == ("GET", "audit"):
            return str(c.get("/api/v1/audit", headers=h).status_code)
        raise AssertionError(f"no driver for {route}")


@pytest.fixture
def world(client, users, officer, name_forms):
    return World(client, users, officer)


@pytest.fixture
def name_forms(engine, users):
    from app.db import transaction
    from app.notes.service import ensure_entities

    with transaction(engine) as s:
        ensure_entities(s)


def test_every_cell_of_the_authorization_matrix(world):
    mismatches = []
    cells = 0
    for (verb, what, obj), expected in _table():
        for role in ROLES:
            got = world.cell((verb, what), role, obj)
            cells += 1
            if got != expected[role]:
                mismatches.append(f"{verb} {what} {obj} as {role}: expected {expected[role]}, got {got}")
    assert not mismatches, "\n".join(mismatches)
    assert cells == len(_table()) * len(ROLES)


def test_delegates_own_draft_proposal_text_never_reaches_the_secretariat(world):
    """What the table's a_draft cells mean for the delegation: the rationale stays within KAZ."""
    for role in ("admin", "secr", "transl", "delB", "obs+"):
        r = world.c.get(f"/api/v1/drafts/{world.ids['multi']}/proposals", headers=world.h[role])
        assert "secret a_draft" not in r.text, role
    r = world.c.get(f"/api/v1/drafts/{world.ids['multi']}/proposals", headers=world.h["delA"])
    assert "secret a_draft" in r.text
