"""The daily-work pages through the HTTP client: what each user sees and can do, and that a form
the service refuses comes back with the user's text (and nothing stored)."""

from __future__ import annotations

import html
import re

from app.models import AuditEvent, Cosponsor, Proposal, Translation, Version
from tests.conftest import PASSWORD


def _login(client, email, next_="/"):
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token, "next": next_})


def _csrf(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _etag(page_html, pid):
    """The ETag the decision form of proposal ``pid`` carries (the proposal as the page showed it)."""
    form = re.search(rf'action="/proposals/{pid}/decide".*?</form>', page_html, re.S)[0]
    return html.unescape(re.search(r'name="etag" value="([^"]+)"', form)[1])


def _audit_count(db):
    return db.query(AuditEvent).count()


# --- /docs offline ----------------------------------------------------------------------------


def test_api_docs_load_every_asset_from_concord_itself(client):
    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200
        urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
        assert "<script>" not in page.text  # no inline script (Content-Security-Policy)
        for u in urls:
            r = client.get(u)
            assert r.status_code == 200 and len(r.content) > 100, u
    assert "SwaggerUIBundle" in client.get("/static/apidocs/vendor/swagger-ui-bundle.js").text
    assert client.get("/openapi.json").status_code == 200


# --- the draft page ---------------------------------------------------------------------------


def test_draft_page_has_contents_versions_languages_counts_and_word_links(flow, db):
    flow.open()
    c11 = flow.clause("1.1")
    flow.propose("KAZ", kind="replace", clause_key=c11["key"], proposed_text=c11["text"] + " Amended.")
    _login(flow.c, "kaz@example.org")
    page = flow.c.get(f"/drafts/{flow.d}")
    assert page.status_code == 200
    toc = re.search(r'<nav class="toc".*?</nav>', page.text, re.S).group(0)
    assert "Purpose and Objectives of the MoU" in toc and 'href="#c' in toc
    assert '<select id="v" name="v">' in page.text and '<select id="lang" name="lang">' in page.text
    assert "1 proposal on 1.1" in page.text
    for kind in ("signature", "parallel", "compilation"):
        assert f"/export/{kind}.docx?version=1" in page.text
    links = re.findall(r'class="propose-link"[^>]*>([^<]+)<', page.text)
    assert "Propose a change to 1.1" in links and len(links) == len(set(links))  # unique link names
    # a clause without a translation is shown in English and says so, in its own language
    ru = flow.c.get(f"/drafts/{flow.d}?lang=ru&ui=ru")
    assert re.search(r'class="clause[^"]*tr-missing"[^>]*lang="en"', ru.text)
    assert "перевод отсутствует" in ru.text
    assert "Предложить изменение положения 1.1" in ru.text
    # the title and the untranslated headings of the contents are English, and marked so for the reader
    assert re.search(r'<h1><span lang="en">[^<]+</span></h1>', ru.text)
    toc = re.search(r'<nav class="toc".*?</nav>', ru.text, re.S).group(0)
    assert re.search(r'<a href="#c[^"]*" lang="en">[^<]*Purpose and Objectives of the MoU', toc)
    assert '<h1><span lang="en">' not in page.text  # an English page does not mark its own language


def test_switching_language_keeps_the_query_and_login_keeps_it_too(flow, client):
    _login(flow.c, "kaz@example.org")
    page = flow.c.get(f"/drafts/{flow.d}?v=1&lang=ru")
    assert 'href="?v=1&amp;lang=ru&amp;ui=kk"' in page.text
    flow.c.cookies.clear()
    r = flow.c.get(f"/drafts/{flow.d}?v=1&lang=kk", headers={"accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/login?next=%2Fdrafts%2F{flow.d}%3Fv%3D1%26lang%3Dkk"
    login = flow.c.get(r.headers["location"])
    token = _csrf(login.text)
    r = flow.c.post("/login", data={"email": "kaz@example.org", "password": PASSWORD, "csrf_token": token,
                                    "next": f"/drafts/{flow.d}?v=1&lang=kk"}, follow_redirects=False)
    assert r.headers["location"] == f"/drafts/{flow.d}?v=1&lang=kk"


# --- proposing --------------------------------------------------------------------------------


def test_delegate_inserts_before_a_heading_rewords_a_heading_and_comments(flow, db):
    flow.open()
    s1 = flow.section("1")
    _login(flow.c, "kaz@example.org")
    form = flow.c.get(f"/drafts/{flow.d}/propose?clause={s1['key']}")
    assert 'id="proposed_heading"' in form.text  # headings can be changed too
    token = _csrf(form.text)
    r = flow.c.post(f"/drafts/{flow.d}/propose", data={
        "csrf_token": token, "clause_key": s1["key"], "kind": "insert_before", "quoted_text": s1["text"],
        "proposed_text": "A new opening clause.", "rationale": "Context.", "action": "draft"}, follow_redirects=False)
    assert r.status_code == 303
    r = flow.c.post(f"/drafts/{flow.d}/propose", data={
        "csrf_token": token, "clause_key": s1["key"], "kind": "replace", "quoted_text": s1["text"],
        "quoted_heading": s1["heading"], "proposed_heading": "Purpose", "proposed_text": s1["text"],
        "action": "submit"}, follow_redirects=False)
    assert r.status_code == 303
    r = flow.c.post(f"/drafts/{flow.d}/propose", data={
        "csrf_token": token, "clause_key": "", "kind": "comment", "rationale": "A general remark.",
        "action": "submit"}, follow_redirects=False)
    assert r.status_code == 303
    ps = db.query(Proposal).order_by(Proposal.id).all()
    assert [(p.kind, p.position, p.status) for p in ps] == [
        ("insert", "before", "draft"), ("replace", None, "submitted"), ("comment", None, "submitted")]
    assert ps[1].proposed_heading == "Purpose"
    listing = flow.c.get(f"/drafts/{flow.d}/proposals")
    assert "Insert a new clause before 1" in listing.text and "General comment" in listing.text
    assert "Made on version 1." in listing.text


def test_live_preview_and_the_no_script_preview_show_the_redline(flow):
    flow.open()
    c11 = flow.clause("1.1")
    _login(flow.c, "kaz@example.org")
    token = _csrf(flow.c.get(f"/drafts/{flow.d}/propose?clause={c11['key']}").text)
    new = c11["text"].replace("non-legally binding", "voluntary")
    frag = flow.c.post(f"/drafts/{flow.d}/propose/preview", data={"csrf_token": token, "clause_key": c11["key"],
                                                                  "proposed_text": new})
    assert frag.status_code == 200 and "voluntary" in frag.text and "[insertion start]" in frag.text
    page = flow.c.post(f"/drafts/{flow.d}/propose", data={"csrf_token": token, "clause_key": c11["key"],
                                                          "kind": "replace", "quoted_text": c11["text"],
                                                          "proposed_text": new, "action": "preview"})
    assert page.status_code == 200 and "<ins>" in page.text and new in page.text


def test_an_expired_csrf_token_keeps_the_text_and_stores_nothing(flow, db):
    flow.open()
    c11 = flow.clause("1.1")
    _login(flow.c, "kaz@example.org")
    mine = "Wording typed in a tab opened before logging in again."
    r = flow.c.post(f"/drafts/{flow.d}/propose?ui=ru", data={
        "csrf_token": "from-an-older-session", "clause_key": c11["key"], "kind": "replace",
        "quoted_text": c11["text"], "proposed_text": mine, "rationale": "Keep me too.", "action": "submit"})
    assert r.status_code == 403 and mine in r.text and "Keep me too." in r.text
    assert "ничего не было сделано" in r.text
    assert db.query(Proposal).count() == 0


def test_window_closed_meanwhile_keeps_the_text_and_rolls_back(flow, db):
    flow.open()
    c11 = flow.clause("1.1")
    _login(flow.c, "kaz@example.org")
    token = _csrf(flow.c.get(f"/drafts/{flow.d}/propose?clause={c11['key']}").text)
    flow.c.post(f"/api/v1/drafts/{flow.d}/window/close", headers=flow.officer)
    before = _audit_count(db)
    mine = "Text written while the window closed."
    r = flow.c.post(f"/drafts/{flow.d}/propose?ui=kk", data={
        "csrf_token": token, "clause_key": c11["key"], "kind": "replace", "quoted_text": c11["text"],
        "proposed_text": mine, "action": "submit"})
    assert r.status_code == 409 and mine in r.text and 'role="alert"' in r.text
    assert 'lang="en"' in r.text  # the service's own explanation is marked as English
    assert db.query(Proposal).count() == 0 and _audit_count(db) == before


def test_editing_with_a_stale_etag_keeps_the_text(flow, db):
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", submit=False, kind="replace", clause_key=c11["key"], proposed_text=c11["text"] + " A.")
    _login(flow.c, "kaz@example.org")
    form = flow.c.get(f"/proposals/{p['id']}/edit")
    token, etag = _csrf(form.text), html.unescape(re.search(r'name="etag" value="([^"]+)"', form.text).group(1))
    # meanwhile a colleague edits it through the API
    cur = flow.c.get(f"/api/v1/proposals/{p['id']}", headers=flow.h["KAZ"])
    flow.c.patch(f"/api/v1/proposals/{p['id']}", headers={**flow.h["KAZ"], "If-Match": cur.headers["etag"]},
                 json={"rationale": "Colleague's rationale."})
    mine = c11["text"] + " My edit."
    r = flow.c.post(f"/proposals/{p['id']}/edit", data={"csrf_token": token, "etag": etag,
                                                         "proposed_text": mine, "rationale": "Mine."})
    assert r.status_code == 412 and mine in r.text and "Colleague&#39;s rationale." in r.text
    assert db.get(Proposal, p["id"]).rationale == "Colleague's rationale."
    # saving again from the returned form works: it carries the new ETag
    r = flow.c.post(f"/proposals/{p['id']}/edit", data={"csrf_token": _csrf(r.text),
                                                         "etag": html.unescape(re.search(r'name="etag" value="([^"]+)"', r.text)[1]),
                                                         "proposed_text": mine, "rationale": "Mine."},
                    follow_redirects=False)
    assert r.status_code == 303
    db.expire_all()
    assert db.get(Proposal, p["id"]).proposed_text == mine


def test_withdraw_asks_for_confirmation(flow, db):
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"], proposed_text=c11["text"] + " A.")
    _login(flow.c, "kaz@example.org")
    listing = flow.c.get(f"/drafts/{flow.d}/proposals")
    assert f'href="/proposals/{p["id"]}/withdraw"' in listing.text
    r = flow.c.post(f"/proposals/{p['id']}/withdraw", data={"csrf_token": _csrf(listing.text)},
                    follow_redirects=False)
    assert r.status_code == 303 and db.get(Proposal, p["id"]).status == "submitted"  # not without confirming
    confirm = flow.c.get(f"/proposals/{p['id']}/withdraw")
    assert "Yes, withdraw proposal" in confirm.text
    flow.c.post(f"/proposals/{p['id']}/withdraw", data={"csrf_token": _csrf(confirm.text), "confirm": "yes"})
    db.expire_all()
    assert db.get(Proposal, p["id"]).status == "withdrawn"
    _login(flow.c, "officer@example.org")
    assert f'action="/proposals/{p["id"]}/decide"' not in flow.c.get(f"/drafts/{flow.d}/proposals").text


def test_invite_a_cosponsor_who_accepts(flow, db):
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"], proposed_text=c11["text"] + " A.")
    _login(flow.c, "kaz@example.org")
    listing = flow.c.get(f"/drafts/{flow.d}/proposals")
    flow.c.post(f"/proposals/{p['id']}/invite", data={"csrf_token": _csrf(listing.text), "states": ["IND"]})
    assert db.get(Cosponsor, (p["id"], "IND")).status == "invited"
    _login(flow.c, "ind@example.org")
    home = flow.c.get("/?ui=kk")
    assert f"/drafts/{flow.d}/proposals#p{p['id']}" in home.text
    listing = flow.c.get(f"/drafts/{flow.d}/proposals")
    flow.c.post(f"/proposals/{p['id']}/accept-invitation", data={"csrf_token": _csrf(listing.text)})
    db.expire_all()
    assert db.get(Cosponsor, (p["id"], "IND")).status == "accepted"


# --- the officer --------------------------------------------------------------------------------


def test_decision_has_no_default_and_a_refusal_keeps_the_reason(flow, db):
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.act(flow.propose("KAZ", submit=False, kind="comment", clause_key=c11["key"], rationale="Hm.")["id"],
                 "submit", flow.h["KAZ"])
    _login(flow.c, "officer@example.org")
    page = flow.c.get(f"/drafts/{flow.d}/proposals?ui=ru")
    form = re.search(rf'<form method="post" action="/proposals/{p["id"]}/decide".*?</form>', page.text, re.S)[0]
    assert 'type="radio" id="d{}-noted" name="decision"'.format(p["id"]) in form and "checked" not in form
    assert '<select id="decision' not in form
    assert "value=\"accepted\"" not in form  # a comment cannot be accepted: not offered
    before = _audit_count(db)
    r = flow.c.post(f"/proposals/{p['id']}/decide?ui=ru", data={"csrf_token": _csrf(page.text),
                                                                 "etag": _etag(page.text, p["id"]),
                                                                 "decision": "merged", "reason": "My long reason."})
    assert r.status_code == 422 and "My long reason." in r.text and 'value="merged" required checked' in r.text
    assert db.get(Proposal, p["id"]).status == "submitted" and _audit_count(db) == before
    r = flow.c.post(f"/proposals/{p['id']}/decide", data={"csrf_token": _csrf(page.text), "decision": "noted",
                                                          "etag": _etag(page.text, p["id"]),
                                                          "reason": "Noted."}, follow_redirects=False)
    assert r.status_code == 303
    page = flow.c.get(f"/drafts/{flow.d}/proposals?ui=en")
    assert f"Change the decision on #{p['id']}" in page.text  # an explicit act, folded away


def test_filters_are_controls_and_conflicts_are_side_by_side(flow):
    flow.open()
    c11 = flow.clause("1.1")
    flow.propose("KAZ", kind="replace", clause_key=c11["key"], proposed_text="KAZ wording.")
    flow.propose("IND", kind="delete", clause_key=c11["key"])
    _login(flow.c, "officer@example.org")
    page = flow.c.get(f"/drafts/{flow.d}/proposals?state=IND")
    assert '<option value="IND" selected>' in page.text
    assert "Delete 1.1" in page.text and "KAZ wording." in page.text  # the conflict table shows both
    assert re.search(r'<table class="list sbs">.*KAZ wording\..*</table>', page.text, re.S)
    assert page.text.count('class="proposal"') == 1


def test_window_open_extend_close_from_the_page(flow, db):
    _login(flow.c, "officer@example.org")
    page = flow.c.get(f"/drafts/{flow.d}/proposals")
    token = _csrf(page.text)
    r = flow.c.post(f"/drafts/{flow.d}/window/open", data={"csrf_token": token, "deadline": "2020-01-01T10:00"})
    assert r.status_code == 422 and 'value="2020-01-01T10:00"' in r.text
    r = flow.c.post(f"/drafts/{flow.d}/window/open", data={"csrf_token": token, "deadline": "2099-01-01T10:00"},
                    follow_redirects=False)
    assert r.status_code == 303
    page = flow.c.get(f"/drafts/{flow.d}/proposals")
    assert "1 January 2099" in page.text
    flow.c.post(f"/drafts/{flow.d}/window/extend", data={"csrf_token": token, "deadline": "2099-02-01T10:00"})
    assert "1 February 2099" in flow.c.get(f"/drafts/{flow.d}/proposals").text
    flow.c.post(f"/drafts/{flow.d}/window/close", data={"csrf_token": token, "confirm": "yes"})
    assert "Not open for proposals." in flow.c.get(f"/drafts/{flow.d}/proposals").text


def test_consolidate_from_the_page_previews_then_creates(flow, db):
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"],
                     proposed_text=c11["text"].replace("non-legally binding", "voluntary"))
    flow.decide(p["id"])
    _login(flow.c, "officer@example.org")
    page = flow.c.get(f"/drafts/{flow.d}/consolidate?picked=1&pick={p['id']}")
    assert page.status_code == 200 and "Version 2 as it would read" in page.text and "voluntary" in page.text
    assert "<ins" in page.text
    r = flow.c.post(f"/drafts/{flow.d}/consolidate", data={"csrf_token": _csrf(page.text), "base": "1",
                                                           "pick": str(p["id"]), "label": "Second draft"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith(f"/drafts/{flow.d}?v=2")
    assert "Version 2 was created" in flow.c.get(r.headers["location"]).text
    assert db.query(Version).filter_by(draft_id=flow.d, number=2).one().label == "Second draft"
    # the same form sent again (another tab): refused, shown again, nothing stored
    r = flow.c.post(f"/drafts/{flow.d}/consolidate", data={"csrf_token": _csrf(page.text), "base": "1",
                                                           "pick": str(p["id"]), "label": "Again"})
    assert r.status_code in (409, 422) and "Again" in r.text
    assert db.query(Version).filter_by(draft_id=flow.d).count() == 2


def test_conflicts_and_re_anchoring_notes_read_in_the_readers_language(flow):
    """Two accepted wordings of 1.1 conflict: the officer reads why in Kazakh; after one is
    consolidated, the delegate whose pending proposal was carried over reads its note in Russian
    (Concord stores these sentences as codes, not English)."""
    flow.open()
    c11 = flow.clause("1.1")
    a = flow.propose("KAZ", kind="replace", clause_key=c11["key"],
                     proposed_text=c11["text"].replace("non-legally binding", "voluntary"))
    b = flow.propose("IND", kind="replace", clause_key=c11["key"], proposed_text=c11["text"] + " It is open.")
    c = flow.propose("CHN", kind="replace", clause_key=c11["key"], proposed_text=c11["text"] + " Reviewed.")
    flow.decide(a["id"])
    flow.decide(b["id"])
    _login(flow.c, "officer@example.org")
    kk = flow.c.get(f"/drafts/{flow.d}/consolidate?picked=1&pick={a['id']}&pick={b['id']}&ui=kk").text
    assert "бір ереженің екі түрлі жаңа тұжырымы" in kk or "екі түрлі" in kk, kk[:3000]
    assert "two different new wordings" not in kk
    flow.decide(b["id"], decision="rejected", redecide=True, reason="One wording.")
    flow.consolidate(proposals=[a["id"]])
    _login(flow.c, "chn@example.org")
    ru = flow.c.get(f"/drafts/{flow.d}/proposals?ui=ru").text
    assert "Положение 1.1 изменено в версии 2" in ru, ru[:3000]
    assert "Clause 1.1" not in ru and flow.get(c["id"])["anchor"]["note"].startswith("Clause 1.1 changed in version 2")


def test_party_names_as_typed_are_marked_with_their_language_on_a_russian_approval_page(flow):
    import html

    from app.meetings.demo import CICA_STEPS

    parties = ["Republic of Kazakhstan", "United Nations Office of Counter-Terrorism"]
    r = flow.c.put(f"/api/v1/drafts/{flow.d}/procedure", headers=flow.officer,
                   json={"steps": CICA_STEPS, "parties": parties})
    assert r.status_code == 200, r.text
    _login(flow.c, "officer@example.org")
    page = html.unescape(flow.c.get(f"/drafts/{flow.d}/approval?ui=ru", headers={"accept": "text/html"}).text)
    for name in parties:  # English inside the Russian page, said so for screen readers and spell checkers
        assert page.count(f'<span lang="en">{name}</span>') == 2  # among the parties and those still to sign


# --- the translator -----------------------------------------------------------------------------


def test_translator_sees_the_source_change_and_updates_a_stale_clause(flow, users, db):
    users.make("tr@example.org", "translator")
    c11 = flow.clause("1.1")
    flow.c.put(f"/api/v1/drafts/{flow.d}/versions/1/clauses/{c11['key']}/translations/kk", headers=flow.officer,
               json={"text": "Ескі аударма.", "heading": ""})
    flow.open()
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"],
                     proposed_text=c11["text"].replace("non-legally binding", "voluntary"))
    flow.decide(p["id"])
    flow.consolidate()
    _login(flow.c, "tr@example.org")
    home = flow.c.get("/")
    assert f"/drafts/{flow.d}/translate?lang=kk" in home.text
    page = flow.c.get(f"/drafts/{flow.d}/translate?lang=kk&ui=kk")
    assert page.status_code == 200
    item = re.search(rf'<article class="tr-item tr-stale" id="t-{c11["key"]}".*?</article>', page.text, re.S)[0]
    assert "Ескі аударма." in item and "voluntary" in item and "<del>" in item
    r = flow.c.post(f"/drafts/{flow.d}/translate", data={"csrf_token": _csrf(page.text), "lang": "kk",
                                                         "clause_key": c11["key"], "text": "Жаңа аударма."},
                    follow_redirects=False)
    assert r.status_code == 303
    assert db.query(Translation).filter_by(clause_key=c11["key"], lang="kk").order_by(Translation.id.desc()
                                                                                      ).first().text == "Жаңа аударма."
    page = flow.c.get(f"/drafts/{flow.d}/translate?lang=kk")
    assert f'id="t-{c11["key"]}"' not in page.text
    # a form from an older session is refused and keeps what was typed
    c12 = flow.clause("1.2")
    r = flow.c.post(f"/drafts/{flow.d}/translate", data={"csrf_token": "old", "lang": "kk",
                                                         "clause_key": c12["key"], "text": "Мәтін сақталады"})
    assert r.status_code == 403 and "Мәтін сақталады" in r.text
    assert db.query(Translation).filter_by(clause_key=c12["key"]).count() == 0


def test_compare_can_show_the_changes_only(flow):
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"],
                     proposed_text=c11["text"].replace("non-legally binding", "voluntary"))
    flow.decide(p["id"])
    flow.consolidate()
    _login(flow.c, "kaz@example.org")
    every = flow.c.get(f"/drafts/{flow.d}/compare?from=1&to=2&only=all").text
    changes = flow.c.get(f"/drafts/{flow.d}/compare?from=1&to=2&only=changes").text
    assert "voluntary" in changes and "Areas of Cooperation" in every and "Areas of Cooperation" not in changes
    assert '<option value="changes" selected>' in changes


def test_the_redline_styles_are_a_stylesheet_not_inline(flow):
    _login(flow.c, "kaz@example.org")
    page = flow.c.get(f"/drafts/{flow.d}/compare?from=1&to=1")
    assert '<link rel="stylesheet" href="/assets/redline.css">' in page.text and "<style" not in page.text
    css = flow.c.get("/assets/redline.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css") and ".cmp" in css.text


def test_no_page_has_inline_script_style_or_handlers(flow):
    """For a Content-Security-Policy without 'unsafe-inline': scripts and styles are static files."""
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"], proposed_text=c11["text"] + " A.")
    flow.decide(p["id"])
    d = flow.d
    pages = {"officer@example.org": ["/", f"/drafts/{d}", f"/drafts/{d}/proposals", f"/drafts/{d}/consolidate",
                                     f"/drafts/{d}/translate?lang=ru", f"/drafts/{d}/compare?from=1&to=1",
                                     "/audit", "/docs", "/redoc"],
             "kaz@example.org": ["/", f"/drafts/{d}/propose?clause={c11['key']}", f"/proposals/{p['id']}/withdraw"]}
    for email, paths in pages.items():
        _login(flow.c, email)
        for path in paths:
            html_ = flow.c.get(path).text
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html_), path
            assert not re.search(r"<style|\sstyle=|\son[a-z]+=", html_), path


def test_word_upload_makes_draft_proposals_to_review_edit_or_discard_then_submit(flow, db):
    from tests.data.docx_import.word_edits import TrackedEdits

    flow.open()
    c11 = flow.clause("1.1")
    exported = flow.c.get(f"/api/v1/drafts/{flow.d}/export/signature.docx", headers=flow.h["KAZ"]).content
    ed = TrackedEdits(exported)
    ed.replace(ed.find("1.1\t"), "non-legally binding", "voluntary")
    ed.delete(ed.find("2.4\t"))
    _login(flow.c, "kaz@example.org")
    form = flow.c.get(f"/drafts/{flow.d}/proposals/import?ui=ru")
    assert '<input id="file" name="file" type="file"' in form.text
    r = flow.c.post(f"/drafts/{flow.d}/proposals/import", data={"csrf_token": _csrf(form.text)},
                    files={"file": ("ours.docx", ed.bytes(), "application/octet-stream")})
    assert r.status_code == 200 and "2 проекта предложений" in r.text
    ps = db.query(Proposal).order_by(Proposal.id).all()
    assert [(p.kind, p.status, p.source) for p in ps] == [("replace", "draft", "docx"), ("delete", "draft", "docx")]
    assert f'href="/proposals/{ps[0].id}/edit"' in r.text
    # discard one (withdraw), submit the other from the list
    flow.c.post(f"/proposals/{ps[1].id}/withdraw", data={"csrf_token": _csrf(r.text), "confirm": "yes"})
    flow.c.post(f"/proposals/{ps[0].id}/submit", data={"csrf_token": _csrf(r.text)})
    db.expire_all()
    assert [p.status for p in db.query(Proposal).order_by(Proposal.id)] == ["submitted", "withdrawn"]
    assert db.get(Proposal, ps[0].id).clause_key == c11["key"]
    # a file without tracked changes is refused on the page, in the reader's language
    r = flow.c.post(f"/drafts/{flow.d}/proposals/import", data={"csrf_token": _csrf(r.text)},
                    files={"file": ("plain.docx", exported, "application/octet-stream")})
    assert r.status_code == 422 and 'role="alert"' in r.text and "Ничего не сохранено" in r.text
