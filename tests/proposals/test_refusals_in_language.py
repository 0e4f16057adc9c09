"""The proposal workflow's refusals carry a stable code and read in the client's language (issues 12
and 13): the API's ``detail`` in Russian or Kazakh, the same ``code`` and ``params`` in every
language, and the pages show the same sentence in the reader's language (not marked as English)."""

from __future__ import annotations

import html
import re

from tests.test_web_pages import _csrf, _etag, _login


def _ask(flow, method: str, url: str, who: dict, body: dict, headers: dict | None = None) -> dict:
    """The same request in English, Russian and Kazakh: {lang: response}."""
    out = {}
    for lang in ("en", "ru", "kk"):
        out[lang] = flow.c.request(method, url, headers={**who, **(headers or {}), "Accept-Language": lang}, json=body)
    return out


def _same_code(answers: dict, status: int, code: str) -> dict:
    for r in answers.values():
        assert r.status_code == status, r.text
        assert r.json()["code"] == code
    en, ru, kk = (answers[lang].json() for lang in ("en", "ru", "kk"))
    assert en.get("params") == ru.get("params") == kk.get("params")  # codes for programs, whatever the language
    assert len({en["detail"], ru["detail"], kk["detail"]}) == 3  # three sentences, not one English text
    return {lang: answers[lang].json()["detail"] for lang in answers}


def test_proposal_refusals_read_in_russian_and_kazakh_with_a_stable_code(flow):
    versions = f"/api/v1/drafts/{flow.d}/versions"
    d = _same_code(_ask(flow, "POST", versions, flow.officer, {"base_version": 1}), 422, "nothing_to_consolidate")
    assert d["en"] == "Nothing to consolidate: no accepted proposal and no editorial change."
    assert d["ru"] == "Нечего сводить: нет ни принятых предложений, ни редакционных изменений."
    assert d["kk"] == "Біріктіретін ештеңе жоқ: қабылданған ұсыныс та, редакциялық өзгеріс те жоқ."

    flow.open()
    c11 = flow.clause("1.1")
    proposals = f"/api/v1/drafts/{flow.d}/proposals"
    wrong = {"kind": "replace", "clause_key": c11["key"], "quoted_text": "Something else entirely",
             "proposed_text": "x", "submit": True}
    answers = _ask(flow, "POST", proposals, flow.h["KAZ"], wrong)
    d = _same_code(answers, 409, "quoted_text_mismatch")
    assert answers["ru"].json()["params"] == {"clause": "1.1"}
    assert d["ru"].startswith("Приведённый текст не совпадает с положением 1.1 базовой версии")
    assert d["kk"].startswith("Келтірілген мәтін негізгі нұсқаның 1.1 ережесіне сәйкес келмейді")

    pid = flow.propose("KAZ", kind="replace", clause_key=c11["key"], proposed_text=c11["text"] + " Amended.")["id"]
    decide = f"/api/v1/proposals/{pid}/decide"
    blank = {"decision": "accepted", "reason": "   "}
    d = _same_code(_ask(flow, "POST", decide, flow.officer, blank, {"If-Match": flow.etag(pid)}), 422,
                   "decision_reason_needed")
    assert (d["ru"], d["kk"]) == ("Решение должно быть обосновано.", "Шешімнің негіздемесі болуы керек.")

    flow.decide(pid, "accepted", reason="Agreed.")
    again = {"decision": "rejected", "reason": "Second thoughts."}
    answers = _ask(flow, "POST", decide, flow.officer, again, {"If-Match": flow.etag(pid)})
    d = _same_code(answers, 409, "already_decided")
    assert answers["ru"].json()["params"] == {"id": pid, "status": "accepted"}
    assert "принято" in d["ru"] and "accepted" not in d["ru"]  # the status is a word of the reader's language

    r = flow.c.post(f"/api/v1/drafts/{flow.d}/window/close", headers=flow.officer)
    assert r.status_code == 200
    late = {"kind": "comment", "clause_key": c11["key"], "rationale": "late", "submit": True}
    answers = _ask(flow, "POST", proposals, flow.h["KAZ"], late)
    d = _same_code(answers, 409, "window_closed")
    params = answers["en"].json()["params"]
    assert params["reason"] == "window_closed" and params["when"][:4].isdigit()  # an ISO instant for programs
    assert d["en"].startswith("The window for proposals closed on ") and d["en"].endswith(" Nothing was stored.")
    assert d["ru"].startswith("Окно для предложений закрылось ") and d["ru"].endswith("Ничего не сохранено.")
    assert d["kk"].startswith("Ұсыныстар терезесі ") and d["kk"].endswith("Ештеңе сақталмады.")
    assert "Asia/Almaty" in d["ru"] and "closed" not in d["ru"]


def test_the_decision_form_without_a_reason_says_so_in_russian(flow):
    flow.open()
    c11 = flow.clause("1.1")
    pid = flow.propose("KAZ", kind="replace", clause_key=c11["key"], proposed_text=c11["text"] + " Amended.")["id"]
    _login(flow.c, "officer@example.org")
    page = flow.c.get(f"/drafts/{flow.d}/proposals?ui=ru", headers={"accept": "text/html"})
    r = flow.c.post(f"/proposals/{pid}/decide?ui=ru", headers={"accept": "text/html"}, data={
        "csrf_token": _csrf(page.text), "etag": _etag(page.text, pid), "decision": "accepted", "reason": "  "})
    assert r.status_code == 422
    alert = re.search(r'<div class="error" role="alert">(.*?)</div>', r.text, re.S)[1]
    assert "<p>Решение должно быть обосновано.</p>" in html.unescape(alert)  # not marked lang="en"
    assert "A decision needs a reason" not in r.text


def test_why_a_consolidation_is_refused_reads_in_the_officers_language(flow):
    """Each chosen proposal that cannot go into the next version, and a change that cannot be applied,
    say why in Russian or Kazakh (issue 12): the reasons are codes with params, not English sentences."""
    versions = f"/api/v1/drafts/{flow.d}/versions"
    flow.open()
    c11 = flow.clause("1.1")
    pid = flow.propose("KAZ", kind="replace", clause_key=c11["key"], proposed_text=c11["text"] + " Amended.")["id"]
    answers = _ask(flow, "POST", versions, flow.officer, {"base_version": 1, "proposals": [pid]})
    _same_code(answers, 409, "consolidate_problems")
    problems = {lang: answers[lang].json()["conflicts"] for lang in answers}
    assert [p["code"] for p in problems["ru"]] == ["consolidate_not_accepted"]
    assert problems["ru"][0]["params"] == problems["en"][0]["params"] == {"id": pid, "status": "submitted"}
    assert problems["en"][0]["reason"] == f"proposal {pid} is not accepted"
    assert problems["ru"][0]["reason"] == f"предложение {pid} не принято"
    assert problems["kk"][0]["reason"] == f"{pid} ұсынысы қабылданбаған"

    itself = {"base_version": 1, "editorial": [{"kind": "move", "key": c11["key"], "anchor": c11["key"],
                                                 "position": "after"}]}
    answers = _ask(flow, "POST", versions, flow.officer, itself)
    d = _same_code(answers, 409, "change_not_applicable")
    assert answers["en"].json()["params"] == {"reason": "edit_move_self"}
    assert d["en"] == "A change cannot be applied: a clause cannot be moved relative to itself."
    assert "пункт нельзя перенести относительно самого себя" in d["ru"] and "moved" not in d["ru"]
    assert "тармақты өзіне қатысты ауыстыруға болмайды" in d["kk"]
    with_versions = flow.c.get(versions, headers=flow.officer).json()
    assert len(with_versions["items"] if isinstance(with_versions, dict) else with_versions) == 1  # nothing stored


def test_why_the_window_is_shut_reads_in_the_readers_language(flow):
    """``GET /drafts/{id}/window`` says why a draft takes no proposals in the client's language, with a
    stable ``reason_code`` for programs, and its local deadline written in that language."""
    url = f"/api/v1/drafts/{flow.d}/window"
    answers = {lang: flow.c.get(url, headers={**flow.h["KAZ"], "Accept-Language": lang}).json()
               for lang in ("en", "ru", "kk")}
    assert {a["reason_code"] for a in answers.values()} == {"window_not_open"}
    assert answers["en"]["reason"] == "This draft is not open for proposals."
    assert len({a["reason"] for a in answers.values()}) == 3 and "proposals" not in answers["ru"]["reason"]

    flow.open()
    assert flow.c.post(f"{url}/close", headers=flow.officer).status_code == 200
    answers = {lang: flow.c.get(url, headers={**flow.h["KAZ"], "Accept-Language": lang}).json()
               for lang in ("en", "ru", "kk")}
    assert {a["reason_code"] for a in answers.values()} == {"window_closed"} and not answers["ru"]["open"]
    assert answers["en"]["reason"].startswith("The window for proposals closed on ")
    assert answers["ru"]["reason"].startswith("Окно для предложений закрылось ")
    assert answers["kk"]["reason"].startswith("Ұсыныстар терезесі ")
    assert answers["en"]["deadline"] == answers["ru"]["deadline"]  # the instant itself is one ISO value
    assert answers["en"]["deadline_local"] != answers["ru"]["deadline_local"]  # month names in the language
