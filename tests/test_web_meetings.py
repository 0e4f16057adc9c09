"""The approval path in the pages, through the HTTP client: the secretariat convenes meetings,
puts the draft on the agenda, records attendance, agreement clause by clause with brackets, and
decisions; a step out of order is refused in the reader's language naming the missing step, with
what was typed kept; delegates read the same records without forms; silence, final text,
signatures and entry into force."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta

import pytest

from app.meetings.demo import CICA_STEPS
from app.models import ClauseAgreement, Draft, Meeting, MeetingDecision, Signature, SilenceProcedure
from tests.meetings.conftest import name_forms  # noqa: F401  (fixture)
from tests.test_web_pages import _csrf, _login

HTML = {"accept": "text/html"}


@pytest.fixture
def sample_text(sample_text):
    """As approved: the title block without the word DRAFT (see tests/meetings/conftest.py)."""
    return sample_text.replace("**DRAFT\nMEMORANDUM", "**MEMORANDUM", 1)


def draft_title(r) -> str:
    return re.search(r'<p class="meta"><a href="/drafts/\d+"><span lang="en">([^<]*)</span>', r.text)[1]


def _text(page) -> str:
    inline = re.sub(r"</?span[^>]*>", "", page.text)  # a span (e.g. lang="en" around a name) is not a break
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", inline)))


def _later(days=3) -> str:
    return (datetime.now() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


class Officer:
    def __init__(self, flow, db):
        self.flow, self.c, self.db = flow, flow.c, db

    def page(self, url, **kw):
        r = self.c.get(url, headers=HTML, **kw)
        assert r.status_code == 200, r.text[:2000]
        return r

    def post(self, url, data, page_url=None, expect=303):
        token = _csrf(self.c.get(page_url or url, headers=HTML).text)
        r = self.c.post(url, data={"csrf_token": token, **data}, headers=HTML, follow_redirects=False)
        assert r.status_code == expect, _text(r)[:3000]
        return r

    def bodies(self):
        for key, rank in (("cica-swg", 1), ("cica-soc", 2)):
            self.post("/meetings/bodies", {"key": key, "rank": str(rank)}, "/meetings")

    def meeting(self, body, days=3):
        r = self.post("/meetings", {"body": body, "starts_at": _later(days), "timezone": "Asia/Almaty",
                                    "place": "astana", "draft_id": str(self.flow.d), "with_compilation": "yes"},
                      "/meetings")
        return r.headers["location"].split("?")[0]


@pytest.fixture
def officer_pages(flow, name_forms, db):  # noqa: F811
    r = flow.c.put(f"/api/v1/drafts/{flow.d}/procedure", headers=flow.officer, json={"steps": CICA_STEPS})
    assert r.status_code == 200, r.text
    _login(flow.c, "officer@example.org")
    o = Officer(flow, db)
    o.bodies()
    return o


def test_officer_convenes_a_meeting_with_its_agenda_and_attendance(officer_pages, db):
    o = officer_pages
    page = o.page("/meetings")
    assert "CICA Special Working Group" in page.text and "CICA Senior Officials Committee" in page.text
    url = o.meeting("cica-swg")
    m = db.query(Meeting).one()
    assert m.place_key == "astana" and m.timezone == "Asia/Almaty"
    page = o.page(url)
    assert "CICA Special Working Group" in page.text and "Astana" in page.text
    assert f"/api/v1/drafts/{o.flow.d}/export/compilation.docx?version=1" in page.text  # with the compilation
    o.post(f"{url}/attendance", {"present": ["KAZ", "IND"]}, url)
    page = o.page(url + "?ui=ru")
    assert "Казахстан" in page.text and "Индия" in page.text and "Присутствуют" in page.text
    # the meetings list in Kazakh: the body's name and the date in Kazakh
    kk = o.page("/meetings?ui=kk")
    assert "Астана қаласы" in kk.text and "Асия" not in kk.text


def test_a_meeting_without_place_or_online_is_refused_and_keeps_the_form(officer_pages, db):
    o = officer_pages
    token = _csrf(o.page("/meetings").text)
    r = o.c.post("/meetings", headers=HTML, data={"csrf_token": token, "body": "cica-swg", "starts_at": _later(),
                                                  "title": "Second reading of the MoU", "place": ""})
    assert r.status_code == 422
    assert "A meeting needs a place, or to be held online." in _text(r)
    assert 'value="Second reading of the MoU"' in r.text
    assert db.query(Meeting).count() == 0
    r = o.c.post("/meetings?ui=ru", headers=HTML, data={"csrf_token": token, "body": "cica-swg",
                                                        "starts_at": "tomorrow", "place": "astana"})
    assert r.status_code == 422 and "Укажите дату и время заседания." in _text(r)


def test_a_step_out_of_order_is_refused_naming_the_missing_step_in_the_readers_language(officer_pages, db):
    o = officer_pages
    soc = o.meeting("cica-soc")
    item = db.query(Meeting).one()
    from app.models import AgendaItem

    agenda_id = db.query(AgendaItem).filter_by(meeting_id=item.id).one().id
    data = {"agenda_item_id": str(agenda_id), "kind": "approved", "instructions": "Approve as it stands."}
    r = o.post(f"{soc}/decisions", data, soc, expect=409)
    text = _text(r)
    assert "the step “agreed ad referendum” (CICA Special Working Group) must come first" in text
    assert "Approve as it stands." in r.text  # what was typed is kept
    assert db.query(MeetingDecision).count() == 0 and db.get(Draft, o.flow.d).status == "drafting"
    token = _csrf(o.page(soc).text)
    r = o.c.post(f"{soc}/decisions?ui=ru", headers=HTML, data={"csrf_token": token, **data})
    assert r.status_code == 409
    assert "сначала должен быть сделан шаг «согласован ad referendum» (Специальная рабочая группа СВМДА)" in _text(r)
    r = o.c.post(f"{soc}/decisions?ui=kk", headers=HTML, data={"csrf_token": token, **data})
    assert "Специальная рабочая группа" not in _text(r) and "ad referendum келісілді" in _text(r)
    # returned for revision needs instructions: said in Russian, nothing stored
    r = o.c.post(f"{soc}/decisions?ui=ru", headers=HTML,
                 data={"csrf_token": token, "agenda_item_id": str(agenda_id), "kind": "returned"})
    assert r.status_code == 422 and "Текст, возвращённый на доработку, требует указаний" in _text(r)
    assert db.query(MeetingDecision).count() == 0


def test_clause_agreement_brackets_and_the_working_groups_decision(officer_pages, db):
    o = officer_pages
    c11, c12 = o.flow.clause("1.1"), o.flow.clause("1.2")
    swg = o.meeting("cica-swg")
    m = db.query(Meeting).one()
    page = o.page(swg)
    total = int(re.search(r"0 of (\d+) paragraphs agreed", page.text)[1])
    assert total > 20
    r = o.post(f"{swg}/agreement?ui=ru", {"draft_id": str(o.flow.d), "clauses": [c11["key"]]}, swg, expect=422)
    assert "для отмеченных положений" in _text(r) and f'value="{c11["key"]}" aria-label="1.1" checked' in r.text
    o.page("/meetings?ui=en")
    o.post(f"{swg}/agreement", {"draft_id": str(o.flow.d), "clauses": [c11["key"]], "status": "agreed"}, swg)
    word = c12["text"].split()[3]
    o.post(f"{swg}/brackets", {"draft_id": str(o.flow.d), "clause_key": c12["key"], "text": word,
                               "alt0_text": word, "alt0_states": ["KAZ"], "alt1_label": "Alt B",
                               "alt1_text": "should", "alt1_states": ["IND", "CHN"]}, swg)
    # the draft page shows the progress and the bracketed clause with its alternatives
    draft = o.page(f"/drafts/{o.flow.d}")
    assert f"1 of {total} paragraphs agreed" in draft.text and "Version 1 — <span>Initial text</span>" in draft.text
    progress = re.search(r'id="agreement-progress">(.*?)</p>', draft.text, re.S)[1]
    assert f'href="#{c12["key"]}"' in progress and ">1.2<" in progress
    assert "Alt B" in draft.text and "«should» (CHN, IND)" in html.unescape(draft.text)
    ru = o.page(f"/drafts/{o.flow.d}?ui=ru")
    assert f"Согласовано 1 из {total} пунктов" in ru.text and "Первоначальный текст" in ru.text
    o.page("/meetings?ui=en")  # back to English (the choice is kept in a cookie)
    # agreeing the whole text ad referendum is refused while brackets remain
    from app.models import AgendaItem

    agenda_id = db.query(AgendaItem).filter_by(meeting_id=m.id).one().id
    r = o.post(f"{swg}/decisions", {"agenda_item_id": str(agenda_id), "kind": "agreed_ad_referendum"}, swg,
               expect=409)
    assert "square brackets in 1 clause(s)" in _text(r)
    from app.models import Bracket

    b = db.query(Bracket).one()
    o.post(f"{swg}/resolve", {"bracket_id": str(b.id), "alternative": "1"}, swg)
    o.post(f"{swg}/decisions", {"agenda_item_id": str(agenda_id), "kind": "agreed_ad_referendum"}, swg)
    db.expire_all()
    assert db.get(Draft, o.flow.d).status == "agreed_ad_referendum"
    page = o.page(swg)
    assert f"{total} of {total} paragraphs agreed" in page.text
    assert "Agreed ad referendum" in page.text
    assert db.query(ClauseAgreement).filter_by(status="agreed").count() >= total


def test_delegates_read_the_records_without_forms_and_others_are_refused(officer_pages, users, db):
    o = officer_pages
    swg = o.meeting("cica-swg")
    o.post(f"{swg}/attendance", {"present": ["KAZ"]}, swg)
    users.make("obs@example.org", "observer")
    _login(o.c, "kaz@example.org")
    page = o.page(swg + "?ui=ru")
    assert "Казахстан" in page.text and 'action="' + swg not in page.text
    assert "Созвать заседание" not in o.page("/meetings?ui=ru").text
    r = o.c.post(f"{swg}/attendance?ui=ru", headers=HTML,
                 data={"csrf_token": _csrf(page.text), "present": ["KAZ", "IND"]})
    assert r.status_code == 403
    assert "Ваша роль (делегат) не позволяет: записывать заседания, присутствие и решения." in _text(r)
    assert "record meetings" not in r.text  # no English inside the Russian sentence
    approval = o.page(f"/drafts/{o.flow.d}/approval")
    assert f'action="/drafts/{o.flow.d}/approval/silence"' not in approval.text
    _login(o.c, "obs@example.org")
    r = o.c.get(swg + "?ui=kk", headers=HTML)
    assert r.status_code == 404 and "отырысы табылмады." in _text(r)
    assert o.c.get(f"/drafts/{o.flow.d}/approval", headers=HTML).status_code == 404


def test_silence_broken_by_a_delegate_with_an_objection(officer_pages, db):
    o = officer_pages
    r = o.c.post(f"/api/v1/drafts/{o.flow.d}/transition", headers=o.flow.officer, json={"to": "under_review"})
    assert r.status_code == 200, r.text
    approval = f"/drafts/{o.flow.d}/approval"
    # a deadline in the past is refused, in Kazakh, with the date kept
    token = _csrf(o.page(approval).text)
    past = (datetime.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    r = o.c.post(approval + "/silence?ui=kk", headers=HTML, data={"csrf_token": token, "deadline": past})
    assert r.status_code == 422 and f'value="{past}"' in r.text
    assert "Мерзім болашақта болуы керек." in _text(r)
    o.post(approval + "/silence", {"deadline": _later(5), "step": "agreed_ad_referendum"}, approval)
    assert db.query(SilenceProcedure).one().status == "running"
    _login(o.c, "kaz@example.org")
    page = o.page(approval + "?ui=ru")
    assert "Нарушить молчание" in page.text
    r = o.c.post(approval + "/objection?ui=ru", headers=HTML,
                 data={"csrf_token": _csrf(page.text), "reason": "Пункт 2.3 требует обсуждения."},
                 follow_redirects=False)
    assert r.status_code == 303
    db.expire_all()
    assert db.query(SilenceProcedure).one().status == "broken"
    page = o.page(approval + "?ui=ru")
    assert "Казахстан нарушил(а) молчание: Пункт 2.3 требует обсуждения." in _text(page)
    assert "нарушена" in page.text
    # a second objection: no procedure is running any more, said in Russian, the reason kept
    r = o.c.post(approval + "/objection?ui=ru", headers=HTML,
                 data={"csrf_token": _csrf(page.text), "reason": "Ещё одно возражение."})
    assert r.status_code == 409 and "Процедура молчания по этому проекту не проводится." in _text(r)
    assert "Ещё одно возражение." in r.text


def test_approval_final_text_signatures_and_entry_into_force(officer_pages, db):
    o = officer_pages
    from app.models import AgendaItem

    swg = o.meeting("cica-swg")
    item = db.query(AgendaItem).one()
    o.post(f"{swg}/decisions", {"agenda_item_id": str(item.id), "kind": "agreed_ad_referendum"}, swg)
    soc = o.meeting("cica-soc", days=5)
    item2 = db.query(AgendaItem).filter(AgendaItem.id != item.id).one()
    o.post(f"{soc}/decisions", {"agenda_item_id": str(item2.id), "kind": "approved"}, soc)
    approval = f"/drafts/{o.flow.d}/approval"
    page = o.page(approval)
    # signatures before the final text: refused naming the step
    assert f'action="/drafts/{o.flow.d}/approval/signatures"' in page.text
    parties = re.findall(r'<option value="([^"]+)" >', page.text.split('id="sig-party"')[1].split("</select>")[0])
    assert len(parties) == 2, parties
    sig = {"party": parties[0], "signed_on": "2026-03-01", "place": "Astana", "signatory": "K. Tokayev",
           "title": "Executive Director"}
    r = o.post(approval + "/signatures", sig, approval, expect=409)
    assert "the step “final” must come first" in _text(r) and 'value="K. Tokayev"' in r.text
    o.post(approval + "/final", {"confirm": "yes"}, approval)
    o.post(approval + "/signatures", sig, approval)
    o.post(approval + "/signatures", {**sig, "party": parties[1], "signed_on": "2026-03-04", "place": "New York",
                                      "signatory": "V. Voronkov", "title": "Under-Secretary-General"}, approval)
    db.expire_all()
    assert db.query(Signature).count() == 2 and db.get(Draft, o.flow.d).status == "in_force"
    page = o.page(approval + "?ui=ru")
    text = _text(page)
    assert "4 марта 2026 года" in text  # entry into force: the date of the last signature
    assert "3 марта 2031 года" in text  # five years
    assert "Статус: вступил в силу" in text
    kk = _text(o.page(approval + "?ui=kk"))
    assert "2031 жылғы 3 наурыз" in kk


def test_home_lists_meetings_and_silence_ahead_and_the_convening_note_is_made_from_the_meeting(officer_pages, db):
    from app.models import Note

    o = officer_pages
    swg = o.meeting("cica-swg")
    m = db.query(Meeting).one()
    home = o.page("/?ui=ru")
    ahead = re.search(r'aria-labelledby="due-ahead">(.*?)</section>', home.text, re.S)[1]
    assert f'href="/meetings/{m.id}"' in ahead and "Специальная рабочая группа СВМДА" in ahead
    r = o.post(f"{swg}/convening", {"date": "2026-12-01", "number": "NCT/CT/900"}, swg)
    note = db.query(Note).one()
    assert r.headers["location"] == f"/notes/{note.id}" and note.kind == "convening" and note.number == "NCT/CT/900"
    page = o.page(swg + "?ui=en")
    assert f'href="/notes/{note.id}"' in page.text and f'action="{swg}/convening"' not in page.text
    # a delegate sees the meeting ahead on the home page too, in Kazakh
    _login(o.c, "kaz@example.org")
    home = o.page("/?ui=kk")
    assert f'href="/meetings/{m.id}"' in home.text and "Алдағы отырыстар мен мерзімдер" in home.text


def test_returned_for_revision_reopens_the_draft_on_a_new_version(officer_pages, db):
    from app.models import AgendaItem, ProposalWindow, Version

    o = officer_pages
    r = o.c.post(f"/api/v1/drafts/{o.flow.d}/transition", headers=o.flow.officer, json={"to": "under_review"})
    assert r.status_code == 200, r.text
    swg = o.meeting("cica-swg")
    item = db.query(AgendaItem).one()
    o.post(f"{swg}/decisions", {"agenda_item_id": str(item.id), "kind": "deferred"}, swg)
    o.post(f"{swg}/decisions", {"agenda_item_id": str(item.id), "kind": "returned",
                                "instructions": "Align section 2 with the UNGCTS pillars.",
                                "deadline": _later(20)}, swg)
    db.expire_all()
    assert db.get(Draft, o.flow.d).status == "open"
    assert db.query(Version).filter_by(draft_id=o.flow.d).count() == 2
    assert db.query(ProposalWindow).filter_by(draft_id=o.flow.d, version_number=2).count() == 1
    page = _text(o.page(swg + "?ui=ru"))
    assert "Рассмотрение отложено" in page and "Возвращён на доработку" in page
    assert "Align section 2 with the UNGCTS pillars." in page
    draft = _text(o.page(f"/drafts/{o.flow.d}?ui=ru"))
    assert f"Возвращён на доработку (заседание {item.meeting_id}): Align section 2" in draft


def test_absurd_input_gets_a_clear_4xx_not_a_500(officer_pages, db):
    o = officer_pages
    swg = o.meeting("cica-swg")
    token = _csrf(o.page(swg).text)
    cases = [
        ("/meetings", {"body": "cica-swg", "starts_at": "0001-01-01T00:00", "place": "astana"}),
        ("/meetings", {"body": "cica-swg", "starts_at": _later(), "place": "astana",
                       "draft_id": "99999999999999999999999"}),
        ("/meetings", {"body": "no-such-body", "starts_at": _later(), "place": "astana"}),
        ("/meetings", {"body": "cica-swg", "starts_at": _later(), "timezone": "Mars/Olympus", "place": "astana"}),
        (f"{swg}/agenda", {"draft_id": "99999999999", "version": "99999999999999999999"}),
        (f"{swg}/decisions", {"agenda_item_id": "99999999999999999999", "kind": "approved"}),
        (f"{swg}/decisions", {"agenda_item_id": "1", "kind": "abolished"}),
        (f"{swg}/resolve", {"bracket_id": "99999999999999999999", "alternative": "1"}),
        (f"{swg}/brackets", {"draft_id": str(o.flow.d), "clause_key": "c99999", "text": "x", "alt0_text": "y"}),
        (f"{swg}/attendance", {"present": ["XXX"]}),
        (f"/drafts/{o.flow.d}/approval/signatures", {"party": "Nobody", "signed_on": "9999-12-31", "place": "x",
                                                    "signatory": "y", "title": "z"}),
        (f"/drafts/{o.flow.d}/approval/silence", {"deadline": "9999-12-31T23:59"}),
        (f"{swg}/nonsense", {}),
    ]
    for url, data in cases:
        r = o.c.post(url, headers=HTML, data={"csrf_token": token, **data})
        assert 400 <= r.status_code < 500, (url, data, r.status_code, _text(r)[-500:])
    assert db.query(MeetingDecision).count() == 0 and db.query(Meeting).count() == 1


def test_the_secretariat_sets_the_approval_steps_in_the_page(officer_pages, db):
    from app.models import AgendaItem, DraftProcedure

    o = officer_pages
    approval = f"/drafts/{o.flow.d}/approval"
    page = o.page(approval)
    assert 'id="aar-required" name="aar" value="required" required checked' in page.text  # CICA: required
    r = o.post(approval + "/procedure?ui=ru", {"aar_body": "cica-swg"}, approval, expect=422)
    assert "Укажите, согласуется ли текст сначала ad referendum." in _text(r)
    o.page("/meetings?ui=en")
    o.post(approval + "/procedure", {"aar": "skip", "approved_body": "cica-soc"}, approval)
    db.expire_all()
    steps = db.query(DraftProcedure).filter_by(draft_id=o.flow.d).one().steps
    assert steps == [{"status": "approved", "required": True, "body": "cica-soc"}]
    soc = o.meeting("cica-soc")
    item = db.query(AgendaItem).one()
    o.post(f"{soc}/decisions", {"agenda_item_id": str(item.id), "kind": "approved"}, soc)
    db.expire_all()
    assert db.get(Draft, o.flow.d).status == "approved"
    assert f'action="{approval}/procedure"' not in o.page(approval).text  # approved: the steps are history


def test_approval_refusals_read_in_russian_on_the_page_as_in_the_api(officer_pages, db):
    """The page shows the coded refusal from the catalog, its words translated: the same sentence as the
    API's detail for a Russian reader, nothing stored, what was typed kept."""
    o = officer_pages
    flow = o.flow
    approval = f"/drafts/{flow.d}/approval"
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/transition", headers=flow.officer, json={"to": "under_review"})
    assert r.status_code == 200, r.text
    o.post(approval + "/silence", {"deadline": _later(5)}, approval)
    token = _csrf(o.page(approval).text)
    r = o.c.post(approval + "/silence?ui=ru", headers=HTML, data={"csrf_token": token, "deadline": _later(9)})
    assert r.status_code == 409
    api = flow.c.post(f"/api/v1/drafts/{flow.d}/silence", headers={**flow.officer, "Accept-Language": "ru"},
                      json={"deadline": (datetime.now() + timedelta(days=9)).astimezone().isoformat()})
    assert api.json()["code"] == "silence_running"
    main = r.text.split("<main", 1)[1].split("</main>")[0]
    # nothing in English but the draft's title and the parties' names (as typed, marked with their language)
    marked = re.findall(r'lang="en">([^<]*)<', main)
    assert api.json()["detail"] in _text(r) and marked[0] == draft_title(r)
    assert all(html.unescape(m) in html.unescape(draft_title(r)) or "Office" in m or "Secretariat" in m
               for m in marked), marked
    assert db.query(SilenceProcedure).count() == 1
    # a party that is not one, on the final text: the parties named, in Russian; the form keeps its values
    db.query(SilenceProcedure).delete()
    db.commit()
    for step in ("agreed_ad_referendum", "approved", "final"):
        r = flow.c.post(f"/api/v1/drafts/{flow.d}/transition", headers=flow.officer, json={"to": step})
        assert r.status_code == 200, r.text
    r = o.c.post(approval + "/signatures?ui=ru", headers=HTML,
                 data={"csrf_token": token, "party": "Atlantis", "signed_on": "2025-01-10", "place": "Astana",
                       "signatory": "K. Tokayev", "title": "President"})
    assert r.status_code == 422
    assert "«Atlantis» не является стороной этого соглашения; стороны:" in _text(r)
    assert 'value="K. Tokayev"' in r.text and db.query(Signature).count() == 0


def test_a_refused_step_leaves_nothing_stored(officer_pages, db):
    """The service flushed the meeting before it found the agenda's version missing: the page rolls
    back before it shows the form again, so neither the meeting nor its audit event is stored."""
    from app.models import AuditEvent

    o = officer_pages
    token = _csrf(o.page("/meetings").text)
    events = db.query(AuditEvent).count()
    r = o.c.post("/meetings?ui=ru", headers=HTML,
                 data={"csrf_token": token, "body": "cica-swg", "starts_at": _later(), "place": "astana",
                       "title": "Third reading", "draft_id": str(o.flow.d), "version": "99"})
    assert r.status_code == 422 and f"У проекта {o.flow.d} нет версии 99." in _text(r)
    assert 'value="Third reading"' in r.text
    db.expire_all()
    assert db.query(Meeting).count() == 0 and db.query(AuditEvent).count() == events


def test_the_secretariat_sets_entry_into_force_term_and_parties_in_the_page(officer_pages, db):
    """Issue 10 item 5 in the page: the rule, term, notice, reminder and parties; bad values come back in the
    reader's language with what was typed kept and nothing stored; delegates see the values, no form."""
    from app.models import DraftProcedure

    o = officer_pages
    approval = f"/drafts/{o.flow.d}/approval"
    page = o.page(approval)
    assert f'action="{approval}/terms"' in page.text
    assert 'id="rule-last_signature" name="entry_rule" value="last_signature" required checked' in page.text
    assert 'name="term_years" type="number" min="1" max="100" required inputmode="numeric" value="5"' in page.text
    token = _csrf(page.text)
    typed = {"csrf_token": token, "entry_rule": "days_after_last_notification", "entry_days": "30",
             "term_years": "150", "notice_days": "90", "reminder_days": "120", "parties": "Republic of Kazakhstan\nIndia"}
    r = o.c.post(approval + "/terms?ui=ru", headers=HTML, data=typed)
    assert r.status_code == 422 and "Срок действия — целое число лет от 1 до 100." in _text(r)
    assert 'value="150"' in r.text and 'value="30"' in r.text and "Republic of Kazakhstan\nIndia</textarea>" in r.text
    assert 'id="rule-days_after_last_notification" name="entry_rule" value="days_after_last_notification" required checked' \
        in r.text
    db.expire_all()
    assert db.query(DraftProcedure).filter_by(draft_id=o.flow.d).one().term_years == 5  # nothing stored
    # the notification rule without its days: the service's coded refusal, in Kazakh, the form kept
    r = o.c.post(approval + "/terms?ui=kk", headers=HTML, data={**typed, "term_years": "10", "entry_days": "0"})
    assert r.status_code == 422 and "күн санын көрсету керек (1 немесе одан көп)" in _text(r)
    assert 'value="10"' in r.text
    db.expire_all()
    assert db.query(DraftProcedure).filter_by(draft_id=o.flow.d).one().entry_rule == "last_signature"
    r = o.c.post(approval + "/terms", headers=HTML, data={**typed, "term_years": "10"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("?saved=terms#terms")
    db.expire_all()
    row = db.query(DraftProcedure).filter_by(draft_id=o.flow.d).one()
    assert (row.entry_rule, row.entry_days, row.term_years, row.notice_days, row.reminder_days, row.parties) == (
        "days_after_last_notification", 30, 10, 90, 120, ["Republic of Kazakhstan", "India"])
    api = o.c.get(f"/api/v1/drafts/{o.flow.d}/procedure", headers=o.flow.officer).json()
    assert api["term_years"] == 10 and api["parties"] == ["Republic of Kazakhstan", "India"]
    # the values in Russian for everyone; a delegate reads them with no form, and may not post one
    ru = _text(o.page(approval + "?ui=ru"))
    assert "правило: через 30 дн. после последнего уведомления" in ru and "10 лет" in ru
    assert "Republic of Kazakhstan; India" in ru
    _login(o.c, "kaz@example.org")
    page = o.page(approval + "?ui=ru")
    assert "10 лет" in _text(page) and "Republic of Kazakhstan; India" in _text(page)
    assert f'action="{approval}/terms"' not in page.text
    r = o.c.post(approval + "/terms", headers=HTML, data={**typed, "csrf_token": _csrf(page.text), "term_years": "3"})
    assert r.status_code == 403
    db.expire_all()
    assert db.query(DraftProcedure).filter_by(draft_id=o.flow.d).one().term_years == 10
