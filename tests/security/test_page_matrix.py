"""The authorization matrix of the pages and of the meetings API, as declared tables: every page
(GET) tried for every role on every object it can name, every form (POST) for every role that
must be refused (and a refused form changes nothing stored), every meetings API route likewise.

Objects are those of tests/security/test_authorization_matrix.py (``multi``: KAZ and IND, shared
with observer obs+; ``bilateral``: KAZ and CHN; TUR (delC) in neither), plus ``m_multi`` and
``m_bi``, a meeting with each draft on its agenda. Cells: an HTTP status; ``in``/``out`` for "the
object's link is (not) on this list page" or "(not) in this API list" or, for FORM rows, "the
proposal's form (or the link to it) is (not) on its draft's proposals page"; ``-`` for a role the form
is meant for (its success is tried by tests/test_web_*.py, not here).

What a user gets, declared: a page or form of an object the user may not read is 404 (it does not
say the object exists); a page or form of a readable object that is another role's (the decide,
consolidate, renumber, translate, import forms; a proposal's edit and withdraw forms are its own
state's delegates'; the propose form a delegate's) is 403, before any check of what was typed;
anonymous requests go to the login page (303). This is DESIGN.md's rule: the secretariat and the
translators see every draft, a delegate the drafts of their state, an observer what is shared with
them; a state's unsubmitted proposal is its delegates' only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from app.models import AuditEvent
from tests.conftest import PASSWORD
from tests.security.test_authorization_matrix import ROLES, World, name_forms  # noqa: F401

HTML = {"accept": "text/html"}
EMAILS = {"admin": "admin@x.org", "secr": "officer@example.org", "transl": "tr@x.org", "delA": "kaz@x.org",
          "delB": "ind@x.org", "delC": "tur@x.org", "obs+": "obs1@x.org", "obs-": "obs2@x.org"}


class PageWorld(World):
    def __init__(self, app, client, users, officer):
        super().__init__(client, users, officer)
        for key, rank in (("cica-swg", 1),):
            r = client.post("/api/v1/bodies", headers=officer, json={"key": key, "rank": rank})
            assert r.status_code == 201, r.text
        starts = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0).isoformat()
        for name, draft in (("m_multi", "multi"), ("m_bi", "bilateral")):
            r = client.post("/api/v1/meetings", headers=officer, json={
                "body": "cica-swg", "title": f"Meeting {name}", "starts_at": starts, "place": "astana",
                "agenda": [{"draft_id": self.ids[draft], "version": None, "with_compilation": True}]})
            assert r.status_code == 201, r.text
            self.ids[name] = r.json()["id"]
        self.web: dict[str, TestClient] = {}
        for role, email in EMAILS.items():
            c = TestClient(app)
            page = c.get("/login")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
            r = c.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token, "next": "/"},
                       follow_redirects=False)
            assert r.status_code == 303, r.text
            self.web[role] = c
        self.web["anon"] = TestClient(app)

    def csrf(self, role):
        if role == "anon":
            return "x"
        return re.search(r'name="csrf_token" value="([^"]+)"', self.web[role].get("/", headers=HTML).text)[1]


@pytest.fixture
def pworld(app, client, users, officer, name_forms):  # noqa: F811
    return PageWorld(app, client, users, officer)



PAGES = """
route                                object      admin secr  transl delA  delB  delC  obs+  obs-  anon
GET  /                               -           200   200   200    200   200   200   200   200   303
LIST /                               multi       in    in    in     in    in    out   in    out   303
LIST /                               bilateral   in    in    in     in    out   out   out   out   303
GET  /audit                          -           200   200   403    403   403   403   403   403   303
GET  /drafts/import                  -           200   200   403    403   403   403   403   403   303
GET  /meetings                       -           200   200   200    200   200   200   200   200   303
LIST /meetings                       m_multi     in    in    in     in    in    out   in    out   303
LIST /meetings                       m_bi        in    in    in     in    out   out   out   out   303
GET  /notes                          -           200   200   200    403   403   403   403   403   303
GET  /drafts/{d}                     multi       200   200   200    200   200   404   200   404   303
GET  /drafts/{d}                     bilateral   200   200   200    200   404   404   404   404   303
GET  /drafts/{d}/approval            multi       200   200   200    200   200   404   200   404   303
GET  /drafts/{d}/approval            bilateral   200   200   200    200   404   404   404   404   303
GET  /drafts/{d}/compare             multi       200   200   200    200   200   404   200   404   303
GET  /drafts/{d}/compare             bilateral   200   200   200    200   404   404   404   404   303
GET  /drafts/{d}/consolidate         multi       200   200   403    403   403   404   403   404   303
GET  /drafts/{d}/consolidate         bilateral   200   200   403    403   404   404   404   404   303
GET  /drafts/{d}/proposals           multi       200   200   200    200   200   404   200   404   303
GET  /drafts/{d}/proposals           bilateral   200   200   200    200   404   404   404   404   303
GET  /drafts/{d}/proposals/import    multi       403   403   403    200   200   404   403   404   303
GET  /drafts/{d}/proposals/import    bilateral   403   403   403    200   404   404   404   404   303
GET  /drafts/{d}/propose             multi       403   403   403    200   200   404   403   404   303
GET  /drafts/{d}/propose             bilateral   403   403   403    200   404   404   404   404   303
GET  /drafts/{d}/renumber            multi       200   200   403    403   403   404   403   404   303
GET  /drafts/{d}/renumber            bilateral   200   200   403    403   404   404   404   404   303
GET  /drafts/{d}/translate           multi       200   200   200    403   403   404   403   404   303
GET  /drafts/{d}/translate           bilateral   200   200   200    403   404   404   404   404   303
GET  /drafts/{d}/versions/import     multi       200   200   403    403   403   404   403   404   303
GET  /drafts/{d}/versions/import     bilateral   200   200   403    403   404   404   404   404   303
GET  /meetings/{m}                   m_multi     200   200   200    200   200   404   200   404   303
GET  /meetings/{m}                   m_bi        200   200   200    200   404   404   404   404   303
GET  /notes/{n}                      note_multi  200   200   200    200   200   404   200   404   303
GET  /notes/{n}                      note_bi     200   200   200    200   404   404   404   404   303
GET  /notes/{n}                      note_wip    200   200   200    404   404   404   404   404   303
FORM /proposals/{p}/decide           a_sub       in    in    out    out   out   404   out   404   303
FORM /proposals/{p}/decide           bi_sub      in    in    out    out   404   404   404   404   303
FORM /proposals/{p}/edit             a_draft     out   out   out    in    out   404   out   404   303
FORM /proposals/{p}/edit             a_sub       out   out   out    out   out   404   out   404   303
FORM /proposals/{p}/withdraw         a_sub       out   out   out    in    out   404   out   404   303
FORM /proposals/{p}/withdraw         bi_sub      out   out   out    in    404   404   404   404   303
GET  /proposals/{p}/edit             a_draft     404   404   404    200   404   404   404   404   303
GET  /proposals/{p}/edit             b_draft     404   404   404    404   200   404   404   404   303
GET  /proposals/{p}/edit             a_sub       403   403   403    200   403   404   403   404   303
GET  /proposals/{p}/edit             bi_sub      403   403   403    200   404   404   404   404   303
GET  /proposals/{p}/withdraw         a_draft     404   404   404    200   404   404   404   404   303
GET  /proposals/{p}/withdraw         b_draft     404   404   404    404   200   404   404   404   303
GET  /proposals/{p}/withdraw         a_sub       403   403   403    200   403   404   403   404   303
GET  /proposals/{p}/withdraw         bi_sub      403   403   403    200   404   404   404   404   303
POST /drafts/import                  -           -     -     403    403   403   403   403   403   303
POST /drafts/{d}/approval/silence    multi       -     -     403    403   403   404   403   404   303
POST /drafts/{d}/approval/silence    bilateral   -     -     403    403   404   404   404   404   303
POST /drafts/{d}/consolidate         multi       -     -     403    403   403   404   403   404   303
POST /drafts/{d}/consolidate         bilateral   -     -     403    403   404   404   404   404   303
POST /drafts/{d}/proposals           multi       403   403   403    -     -     404   403   404   303
POST /drafts/{d}/proposals           bilateral   403   403   403    -     404   404   404   404   303
POST /drafts/{d}/propose             multi       403   403   403    -     -     404   403   404   303
POST /drafts/{d}/propose             bilateral   403   403   403    -     404   404   404   404   303
POST /drafts/{d}/propose/preview     multi       403   403   403    -     -     404   403   404   303
POST /drafts/{d}/propose/preview     bilateral   403   403   403    -     404   404   404   404   303
POST /drafts/{d}/proposals/import    multi       403   403   403    -     -     404   403   404   303
POST /drafts/{d}/proposals/import    bilateral   403   403   403    -     404   404   404   404   303
POST /drafts/{d}/renumber            multi       -     -     403    403   403   404   403   404   303
POST /drafts/{d}/renumber            bilateral   -     -     403    403   404   404   404   404   303
POST /drafts/{d}/share               multi       -     -     403    403   403   404   403   404   303
POST /drafts/{d}/share               bilateral   -     -     403    403   404   404   404   404   303
POST /drafts/{d}/translate           multi       -     -     -      403   403   404   403   404   303
POST /drafts/{d}/translate           bilateral   -     -     -      403   404   404   404   404   303
POST /drafts/{d}/versions/import     multi       -     -     403    403   403   404   403   404   303
POST /drafts/{d}/versions/import     bilateral   -     -     403    403   404   404   404   404   303
POST /drafts/{d}/window/close        multi       -     -     403    403   403   404   403   404   303
POST /drafts/{d}/window/close        bilateral   -     -     403    403   404   404   404   404   303
POST /meetings                       -           -     -     403    403   403   403   403   403   303
POST /meetings/bodies                -           -     -     403    403   403   403   403   403   303
POST /meetings/{m}/attendance        m_multi     -     -     403    403   403   404   403   404   303
POST /meetings/{m}/attendance        m_bi        -     -     403    403   404   404   404   404   303
POST /notes                          -           -     -     403    403   403   403   403   403   303
POST /notes/{n}/issue                note_wip    -     -     403    404   404   404   404   404   303
POST /proposals/{p}/decide           a_draft     404   404   404    403   404   404   404   404   303
POST /proposals/{p}/decide           a_sub       -     -     403    403   403   404   403   404   303
POST /proposals/{p}/decide           bi_sub      -     -     403    403   404   404   404   404   303
POST /proposals/{p}/edit             a_draft     404   404   404    -     404   404   404   404   303
POST /proposals/{p}/edit             a_sub       403   403   403    -     403   404   403   404   303
POST /proposals/{p}/edit             bi_sub      403   403   403    -     404   404   404   404   303
POST /proposals/{p}/withdraw         a_draft     404   404   404    -     404   404   404   404   303
POST /proposals/{p}/withdraw         a_sub       403   403   403    -     403   404   403   404   303
POST /proposals/{p}/withdraw         bi_sub      403   403   403    -     404   404   404   404   303
"""

MEETINGS_API = """
route                                                  object   admin secr  transl delA  delB  delC  obs+  obs-  anon
LIST /api/v1/meetings                                  m_multi  in    in    in     in    in    out   in    out   401
LIST /api/v1/meetings                                  m_bi     in    in    in     in    out   out   out   out   401
GET  /api/v1/meetings/{m}                              m_multi  200   200   200    200   200   404   200   404   401
GET  /api/v1/meetings/{m}                              m_bi     200   200   200    200   404   404   404   404   401
PUT  /api/v1/meetings/{m}/attendance                   m_multi  200   200   403    403   403   404   403   404   401
PUT  /api/v1/meetings/{m}/attendance                   m_bi     200   200   403    403   404   404   404   404   401
POST /api/v1/meetings                                  -        -     -     403    403   403   403   403   403   401
POST /api/v1/meetings/{m}/agenda                       m_multi  -     -     403    403   403   404   403   404   401
POST /api/v1/meetings/{m}/agenda                       m_bi     -     -     403    403   404   404   404   404   401
POST /api/v1/meetings/{m}/convening-note               m_multi  -     -     403    403   403   404   403   404   401
POST /api/v1/meetings/{m}/convening-note               m_bi     -     -     403    403   404   404   404   404   401
POST /api/v1/meetings/{m}/decisions                    m_multi  -     -     403    403   403   404   403   404   401
POST /api/v1/meetings/{m}/decisions                    m_bi     -     -     403    403   404   404   404   404   401
POST /api/v1/meetings/{m}/agreement                    m_multi  -     -     403    403   403   404   403   404   401
POST /api/v1/meetings/{m}/agreement                    m_bi     -     -     403    403   404   404   404   404   401
POST /api/v1/meetings/{m}/brackets                     m_multi  -     -     403    403   403   404   403   404   401
POST /api/v1/meetings/{m}/brackets                     m_bi     -     -     403    403   404   404   404   404   401
POST /api/v1/meetings/{m}/brackets/1/resolve           m_multi  -     -     403    403   403   404   403   404   401
POST /api/v1/meetings/{m}/brackets/1/resolve           m_bi     -     -     403    403   404   404   404   404   401
"""


@dataclass(frozen=True)
class Row:
    verb: str
    path: str
    obj: str
    cells: dict[str, str]


def rows(table: str) -> list[Row]:
    lines = [ln.split() for ln in table.strip().splitlines()]
    assert tuple(lines[0][2:]) == ROLES
    return [Row(ln[0], ln[1], ln[2], dict(zip(ROLES, ln[3:], strict=True))) for ln in lines[1:]]


def url(w: PageWorld, path: str, obj: str) -> str:
    for mark in ("{d}", "{m}", "{n}", "{p}"):
        path = path.replace(mark, str(w.ids[obj]))
    return path


def fingerprint(db) -> tuple:
    """What a refused request must leave as it was: the audit trail (every write records an event)
    and the counts of what a form could create."""
    from sqlalchemy import func, select

    from app.models import Meeting, Note, Proposal, Version

    db.expire_all()
    return tuple(db.scalar(select(func.count()).select_from(m)) for m in (AuditEvent, Meeting, Note, Proposal, Version))


def _form(w: PageWorld, role: str, target: str) -> dict:
    """Everything any of the forms asks for, well-formed, so that a refusal is the gate's, not the form's;
    but the window's close form without its confirmation box and the consolidate form with no proposal
    picked: the role is refused before what was (not) ticked is checked."""
    later = (datetime.now() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    return {"csrf_token": w.csrf(role), "decision": "noted", "kind": "replace",
            "clause_key": w.clause_key(w.ids["multi"]), "proposed_text": "The Parties shall meet.", "rationale": "x",
            "present": "KAZ", "action": "submit", "lang": "ru", "text": "x", "body": "cica-swg", "key": "cica-x",
            "rank": "5", "starts_at": later, "deadline": later, "place": "astana", "draft_id": str(w.ids["multi"]),
            "user_id": "1", "timezone": "Asia/Almaty", "base": "1",
            **({"confirm": "yes"} if target.endswith("/withdraw") else {})}


def page_cell(w: PageWorld, row: Row, role: str) -> str:
    c = w.web[role]
    if row.verb == "FORM":  # is the form (or the link to it) on the proposals page of its draft?
        draft = "bilateral" if row.obj.startswith("bi") else "multi"
        r = c.get(f"/drafts/{w.ids[draft]}/proposals", headers=HTML, follow_redirects=False)
        if r.status_code != 200:
            return str(r.status_code)
        return "in" if f'"{url(w, row.path, row.obj)}' in r.text else "out"
    if row.verb == "LIST":
        r = c.get(row.path, headers=HTML, follow_redirects=False)
        if r.status_code != 200:
            return str(r.status_code)
        link = f'href="{"/drafts" if row.path == "/" else "/meetings"}/{w.ids[row.obj]}"'
        return "in" if link in r.text else "out"
    target = url(w, row.path, row.obj) if row.obj != "-" else row.path
    if row.verb == "GET":
        return str(c.get(target, headers=HTML, follow_redirects=False).status_code)
    files = {"file": ("a.docx", b"PK", "application/octet-stream")} if target.endswith("/import") else None
    return str(c.post(target, data=_form(w, role, target), files=files, headers=HTML, follow_redirects=False).status_code)


def api_cell(w: PageWorld, row: Row, role: str) -> str:
    c, h = w.c, w.h[role]
    if row.verb == "LIST":
        r = c.get(row.path, headers=h)
        return str(r.status_code) if r.status_code != 200 else \
            ("in" if w.ids[row.obj] in [m["id"] for m in r.json()] else "out")
    target = url(w, row.path, row.obj) if row.obj != "-" else row.path
    if row.verb == "GET":
        return str(c.get(target, headers=h).status_code)
    d, key = w.ids["multi" if row.obj != "m_bi" else "bilateral"], None
    key = w.clause_key(d)
    later = (datetime.now(UTC) + timedelta(days=5)).replace(microsecond=0).isoformat()
    body = {
        "attendance": {"present": ["KAZ"]},
        "agenda": {"draft_id": d},
        "convening-note": {"date": datetime.now(UTC).date().isoformat()},
        "decisions": {"kind": "deferred", "draft_id": d},
        "agreement": {"draft_id": d, "clauses": [{"key": key, "status": "agreed"}]},
        "brackets": {"draft_id": d, "clause_key": key, "text": "cooperate", "alternatives": [{"text": "work"}]},
        "resolve": {"alternative": None},
        "meetings": {"body": "cica-swg", "title": "x", "starts_at": later, "place": "astana", "agenda": []},
    }[row.path.rsplit("/", 1)[-1]]
    return str(c.request(row.verb, target, headers=h, json=body).status_code)


def _try(w: PageWorld, db, table: str, cell) -> tuple[list[str], int]:
    mismatches, tried = [], 0
    for row in rows(table):
        for role in ROLES:
            expected = row.cells[role]
            if expected == "-":
                continue
            refused = row.verb not in ("GET", "LIST") and not expected.startswith("2")
            before = fingerprint(db) if refused else None
            got = cell(w, row, role)
            tried += 1
            if got != expected:
                mismatches.append(f"{row.verb} {row.path} {row.obj} as {role}: expected {expected}, got {got}")
            if before is not None and got == expected and fingerprint(db) != before:
                mismatches.append(f"{row.verb} {row.path} {row.obj} as {role}: refused ({got}) but something changed")
    return mismatches, tried


def test_every_cell_of_the_page_matrix(pworld, db):
    mismatches, tried = _try(pworld, db, PAGES, page_cell)
    assert not mismatches, "\n".join(mismatches)
    assert tried == sum(1 for r in rows(PAGES) for v in r.cells.values() if v != "-")


def test_every_cell_of_the_meetings_api_matrix(pworld, db):
    mismatches, tried = _try(pworld, db, MEETINGS_API, api_cell)
    assert not mismatches, "\n".join(mismatches)
    assert tried == sum(1 for r in rows(MEETINGS_API) for v in r.cells.values() if v != "-")


def test_every_page_and_meetings_route_of_the_app_has_rows(app):
    """A page or meetings API route added without rows here fails (routes that name no object, or
    are the user's own — login, logout, notifications — are listed as such)."""
    from tests.security.test_route_coverage import app_routes

    own = {"GET /login", "POST /login", "POST /logout", "POST /notifications/read", "GET /assets/redline.css",
           "GET /docs", "GET /redoc", "GET /openapi.json"}
    covered = set()
    for r in rows(PAGES):
        path = (r.path.replace("{d}", "{draft_id}").replace("{m}", "{meeting_id}").replace("{n}", "{note_id}")
                .replace("{p}", "{proposal_id}"))
        verb = "GET" if r.verb in ("LIST", "FORM") else r.verb
        covered.add(f"{verb} {path}")
    for r in rows(MEETINGS_API):
        covered.add(f"{'GET' if r.verb == 'LIST' else r.verb} {r.path.replace('{m}', '{meeting_id}')}")
    generic = {"POST /drafts/{draft_id}/approval/{part}": "/drafts/{draft_id}/approval/silence",
               "POST /drafts/{draft_id}/window/{action}": "/drafts/{draft_id}/window/close",
               "POST /meetings/{meeting_id}/{part}": "/meetings/{meeting_id}/attendance",
               "POST /proposals/{proposal_id}/{action}": "/proposals/{proposal_id}/withdraw",
               "POST /api/v1/meetings/{meeting_id}/brackets/{bracket_id}/resolve":
               "/api/v1/meetings/{meeting_id}/brackets/1/resolve"}
    pages = {r for r in app_routes(app) if not r.startswith("MOUNT") and
             (not r.split()[1].startswith("/api/") or r.split()[1].startswith("/api/v1/meetings"))}
    missing = sorted(r for r in pages - own if r not in covered and
                     not (r in generic and f"{r.split()[0]} {generic[r]}" in covered))
    assert not missing, "routes without rows: " + ", ".join(missing)


def test_a_refused_form_says_why_in_the_readers_language(pworld):
    """The 403 of a form that is another role's names the rule, in English or in Russian as asked."""
    c, d = pworld.web["delA"], pworld.ids["multi"]
    en = c.get(f"/drafts/{d}/translate", headers={**HTML, "accept-language": "en"})
    ru = c.get(f"/drafts/{d}/translate", headers={**HTML, "accept-language": "ru"})
    assert en.status_code == ru.status_code == 403
    assert "may not translate clauses" in en.text
    assert "may not" not in ru.text and "translate clauses" not in ru.text and "Ваша роль" in ru.text
