"""Every route has a row: a declared table of every API route and every page with the rule that
guards it, checked against the app's routes (a new route without a row fails), and each rule
tried on every route it names: anonymous requests are refused everywhere but the public
routes, and a delegate of a state outside a bilateral draft, or an observer it is not shared
with, finds neither the draft nor anything of it (404) on any route that names it."""

from __future__ import annotations

import pytest

from tests.security.test_authorization_matrix import World, name_forms  # noqa: F401  (fixture)

# Every route: method, path, what an anonymous request gets, and what a delegate of a state that
# takes no part in the bilateral draft and an observer it is not shared with get when the route
# names the draft, its proposal or its note ("404/422": refused without saying whether it exists,
# the body being checked first; "403": a role refusal, whatever the object; "-": the route names no
# such object, or is a page — pages are signed in by cookie: covered for anonymous requests here, for
# every signed-in role in tests/security/test_page_matrix.py, as are the meetings API routes).
ROUTES = """
GET    /                                                                             401   -
GET    /api/v1/audit                                                                 401   -
POST   /api/v1/auth/logout                                                           401   -
GET    /api/v1/auth/me                                                               401   -
POST   /api/v1/auth/token                                                            422   -
GET    /api/v1/bodies                                                                401   -
POST   /api/v1/bodies                                                                401   -
GET    /api/v1/drafts                                                                401   -
POST   /api/v1/drafts                                                                401   -
POST   /api/v1/drafts/import                                                         401   -
GET    /api/v1/drafts/{draft_id}                                                     401   404
PATCH  /api/v1/drafts/{draft_id}                                                     401   404
GET    /api/v1/drafts/{draft_id}/agreement                                           401   404
GET    /api/v1/drafts/{draft_id}/compare                                             401   404/422
GET    /api/v1/drafts/{draft_id}/decisions                                           401   404
GET    /api/v1/drafts/{draft_id}/export/{kind}.docx                                  401   404
GET    /api/v1/drafts/{draft_id}/procedure                                           401   404
PUT    /api/v1/drafts/{draft_id}/procedure                                           401   404
GET    /api/v1/drafts/{draft_id}/proposals                                           401   404
POST   /api/v1/drafts/{draft_id}/proposals                                           401   404/422
GET    /api/v1/drafts/{draft_id}/proposals/conflicts                                 401   403
POST   /api/v1/drafts/{draft_id}/proposals/import                                    401   404/422
POST   /api/v1/drafts/{draft_id}/shares/{user_id}                                    401   404
GET    /api/v1/drafts/{draft_id}/signatures                                          401   404
POST   /api/v1/drafts/{draft_id}/signatures                                          401   404/422
GET    /api/v1/drafts/{draft_id}/silence                                             401   404
POST   /api/v1/drafts/{draft_id}/silence                                             401   404/422
POST   /api/v1/drafts/{draft_id}/silence/objections                                  401   404/422
POST   /api/v1/drafts/{draft_id}/transition                                          401   404/422
GET    /api/v1/drafts/{draft_id}/versions                                            401   404
POST   /api/v1/drafts/{draft_id}/versions                                            401   404/422
POST   /api/v1/drafts/{draft_id}/versions/import                                     401   404/422
POST   /api/v1/drafts/{draft_id}/versions/renumber                                   401   404/422
GET    /api/v1/drafts/{draft_id}/versions/{number}                                   401   404
GET    /api/v1/drafts/{draft_id}/versions/{number}/changes                           401   404
PUT    /api/v1/drafts/{draft_id}/versions/{number}/clauses/{key}/translations/{lang} 401   404
GET    /api/v1/drafts/{draft_id}/versions/{number}/text                              401   404
GET    /api/v1/drafts/{draft_id}/window                                              401   404
PATCH  /api/v1/drafts/{draft_id}/window                                              401   404/422
POST   /api/v1/drafts/{draft_id}/window                                              401   404/422
POST   /api/v1/drafts/{draft_id}/window/close                                        401   404
GET    /api/v1/due                                                                   401   -
GET    /api/v1/meetings                                                              401   -
POST   /api/v1/meetings                                                              401   -
GET    /api/v1/meetings/{meeting_id}                                                 401   -
POST   /api/v1/meetings/{meeting_id}/agenda                                          401   -
POST   /api/v1/meetings/{meeting_id}/agreement                                       401   -
PUT    /api/v1/meetings/{meeting_id}/attendance                                      401   -
POST   /api/v1/meetings/{meeting_id}/brackets                                        401   -
POST   /api/v1/meetings/{meeting_id}/brackets/{bracket_id}/resolve                   401   -
POST   /api/v1/meetings/{meeting_id}/convening-note                                  401   -
POST   /api/v1/meetings/{meeting_id}/decisions                                       401   -
GET    /api/v1/member-states                                                         401   -
GET    /api/v1/name-forms                                                            401   -
GET    /api/v1/name-forms/{key}                                                      401   -
PUT    /api/v1/name-forms/{key}                                                      401   -
GET    /api/v1/notes                                                                 401   -
POST   /api/v1/notes                                                                 401   -
GET    /api/v1/notes/next-number                                                     401   -
GET    /api/v1/notes/{note_id}                                                       401   404
PATCH  /api/v1/notes/{note_id}                                                       401   404
GET    /api/v1/notes/{note_id}.docx                                                  401   404
POST   /api/v1/notes/{note_id}/issue                                                 401   404
GET    /api/v1/notifications                                                         401   -
GET    /api/v1/proposals/{proposal_id}                                               401   404
PATCH  /api/v1/proposals/{proposal_id}                                               401   404
POST   /api/v1/proposals/{proposal_id}/accept-invitation                             401   403/404
POST   /api/v1/proposals/{proposal_id}/decide                                        401   404/422
POST   /api/v1/proposals/{proposal_id}/decline-invitation                            401   403/404
POST   /api/v1/proposals/{proposal_id}/invite                                        401   404/422
POST   /api/v1/proposals/{proposal_id}/submit                                        401   404
POST   /api/v1/proposals/{proposal_id}/withdraw                                      401   404
POST   /api/v1/proposals/{proposal_id}/{action}                                      401   404
GET    /assets/redline.css                                                           200   -
GET    /audit                                                                        401   -
GET    /docs                                                                         200   -
GET    /drafts/import                                                                401   -
POST   /drafts/import                                                                401   -
GET    /drafts/{draft_id}                                                            401   -
GET    /drafts/{draft_id}/approval                                                   401   -
POST   /drafts/{draft_id}/approval/{part}                                            401   -
GET    /drafts/{draft_id}/compare                                                    401   -
GET    /drafts/{draft_id}/consolidate                                                401   -
POST   /drafts/{draft_id}/consolidate                                                401   -
GET    /drafts/{draft_id}/proposals                                                  401   -
POST   /drafts/{draft_id}/proposals                                                  401   -
GET    /drafts/{draft_id}/proposals/import                                           401   -
POST   /drafts/{draft_id}/proposals/import                                           401   -
GET    /drafts/{draft_id}/propose                                                    401   -
POST   /drafts/{draft_id}/propose                                                    401   -
POST   /drafts/{draft_id}/propose/preview                                            401   -
GET    /drafts/{draft_id}/renumber                                                   401   -
POST   /drafts/{draft_id}/renumber                                                   401   -
POST   /drafts/{draft_id}/share                                                      401   -
GET    /drafts/{draft_id}/translate                                                  401   -
POST   /drafts/{draft_id}/translate                                                  401   -
GET    /drafts/{draft_id}/versions/import                                            401   -
POST   /drafts/{draft_id}/versions/import                                            401   -
POST   /drafts/{draft_id}/window/{action}                                            401   -
GET    /login                                                                        200   -
POST   /login                                                                        403   -
POST   /logout                                                                       401   -
GET    /meetings                                                                     401   -
POST   /meetings                                                                     401   -
POST   /meetings/bodies                                                              401   -
GET    /meetings/{meeting_id}                                                        401   -
POST   /meetings/{meeting_id}/{part}                                                 401   -
GET    /notes                                                                        401   -
POST   /notes                                                                        401   -
GET    /notes/{note_id}                                                              401   -
POST   /notes/{note_id}/issue                                                        401   -
POST   /notifications/read                                                           401   -
GET    /openapi.json                                                                 200   -
POST   /proposals/{proposal_id}/decide                                               401   -
GET    /proposals/{proposal_id}/edit                                                 401   -
POST   /proposals/{proposal_id}/edit                                                 401   -
GET    /proposals/{proposal_id}/withdraw                                             401   -
POST   /proposals/{proposal_id}/{action}                                             401   -
GET    /redoc                                                                        200   -
MOUNT  /static                                                                       -     -
MOUNT  /static/apidocs/vendor                                                        -     -
"""


def _walk(routes, prefix=""):
    for r in routes:
        ctx = getattr(r, "include_context", None)
        if ctx is not None:  # an included router (FastAPI keeps it as one route)
            yield from _walk(r.original_router.routes, prefix + ctx.prefix)
        elif getattr(r, "methods", None):
            for m in sorted(r.methods - {"HEAD"}):
                yield f"{m} {prefix}{r.path}"
        elif hasattr(r, "path"):
            yield f"MOUNT {prefix}{r.path}"


def app_routes(app) -> set[str]:
    return set(_walk(app.routes))


def table() -> dict[str, tuple[str, str]]:
    out = {}
    for line in ROUTES.strip().splitlines():
        method, path, anon, outsider = line.split()
        out[f"{method} {path}"] = (anon, outsider)
    return out


@pytest.fixture
def world(client, users, officer, name_forms):  # noqa: F811
    return World(client, users, officer)


def _url(world, path: str) -> str:
    ids = world.ids
    fill = {"draft_id": ids["bilateral"], "proposal_id": ids["bi_sub"], "note_id": ids["note_bi"], "number": 1,
            "key": world.clause_key(ids["bilateral"]), "lang": "ru", "kind": "signature", "user_id": 1,
            "meeting_id": 999, "bracket_id": 1, "part": "agenda", "action": "submit"}
    for name, value in fill.items():
        path = path.replace("{" + name + "}", str(value))
    return path


def _call(world, route: str, who: str) -> str:
    method, path = route.split()
    body = {"json": {}} if path.startswith("/api/") else {"data": {}}
    r = world.c.request(method, _url(world, path), headers=world.h[who], follow_redirects=False,
                        **(body if method != "GET" else {}))
    return str(r.status_code)


def test_every_route_of_the_app_has_a_row_and_every_row_a_route(app):
    """A route added without its row (or a row left behind by a removed route) fails here."""
    routes, rows = app_routes(app), set(table())
    assert not routes - rows, "routes without a row in ROUTES: " + ", ".join(sorted(routes - rows))
    assert not rows - routes, "rows of ROUTES the app does not have: " + ", ".join(sorted(rows - routes))


def test_each_route_answers_anonymous_and_outside_requests_as_its_row_says(world):
    mismatches = []
    rows = sorted(table().items(), key=lambda kv: "logout" in kv[0])  # logging out last: it ends the session
    for route, (anon, outsider) in rows:
        if route.startswith("MOUNT"):
            continue
        got = _call(world, route, "anon")
        if got != anon:
            mismatches.append(f"{route} anonymous: expected {anon}, got {got}")
        if outsider == "-":
            continue
        for who in ("delC", "obs-"):
            got = _call(world, route, who)
            if got not in outsider.split("/"):
                mismatches.append(f"{route} as {who} on the bilateral draft: expected {outsider}, got {got}")
    assert not mismatches, "\n".join(mismatches)
