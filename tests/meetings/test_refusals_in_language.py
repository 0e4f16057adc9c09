"""The approval path's refusals carry a stable code and read in the client's language: the API's
``detail`` in Russian or Kazakh (Accept-Language, or ?lang=), with the statuses, steps and bodies
inside the sentence translated too, and ``code``/``params`` the same whatever the language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest


def _soon(days: float = 1) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


def _in(path, lang: str) -> dict:
    return {**path.officer, "Accept-Language": lang}


def test_a_step_out_of_order_names_the_missing_step_and_its_body_in_russian_and_kazakh(path):
    path.cica_procedure()
    path.post(f"/api/v1/drafts/{path.d}/transition", {"to": "under_review"})
    url = f"/api/v1/drafts/{path.d}/transition"
    ru = path.c.post(url, headers=_in(path, "ru"), json={"to": "approved"})
    kk = path.c.post(url, headers=_in(path, "kk-KZ,kk;q=0.9"), json={"to": "approved"})
    en = path.c.post(url, headers=path.officer, json={"to": "approved"})
    assert ru.status_code == kk.status_code == en.status_code == 409
    assert ru.json()["code"] == kk.json()["code"] == en.json()["code"] == "transition_missing_step"
    assert ru.json()["params"] == en.json()["params"]  # codes for programs, in any language
    assert ru.json()["params"]["missing"] == "agreed_ad_referendum" and ru.json()["params"]["body"] == (
        "CICA Special Working Group")
    assert ru.json()["detail"].startswith("Проект в статусе «на рассмотрении» не может получить статус «утверждён»: "
                                          "сначала должен быть сделан шаг «согласован ad referendum» "
                                          "(Специальная рабочая группа СВМДА)")
    assert "возвращён на доработку" in ru.json()["detail"]  # the next steps, translated
    assert "under_review" not in ru.json()["detail"] and "cica-swg" not in ru.json()["detail"]
    kd = kk.json()["detail"]
    assert "«қаралуда» мәртебесіндегі жоба «бекітілді» бола алмайды" in kd and "ad referendum келісілді" in kd
    assert "under" not in kd and "Специальная" not in kd
    assert "the step “agreed ad referendum” (CICA Special Working Group) must come first" in en.json()["detail"]
    # ?lang= says the same as the header
    q = path.c.post(url + "?lang=ru", headers=path.officer, json={"to": "approved"})
    assert q.json()["detail"] == ru.json()["detail"]


def test_silence_already_running_is_refused_in_the_readers_language(path):
    path.post(f"/api/v1/drafts/{path.d}/transition", {"to": "under_review"})
    path.post(f"/api/v1/drafts/{path.d}/silence", {"deadline": _soon(5)}, expect=201)
    url = f"/api/v1/drafts/{path.d}/silence"
    ru = path.c.post(url, headers=_in(path, "ru"), json={"deadline": _soon(6)})
    kk = path.c.post(url, headers=_in(path, "kk"), json={"deadline": _soon(6)})
    assert ru.status_code == kk.status_code == 409
    assert ru.json() == {"detail": "По этому проекту уже проводится процедура молчания.", "code": "silence_running"}
    assert kk.json() == {"detail": "Бұл жоба бойынша үнсіздік рәсімі жүріп жатыр.", "code": "silence_running"}


def test_bracketed_clauses_are_refused_naming_them_in_russian_and_kazakh(path):
    m = path.meeting("cica-swg", days=2)
    key = path.agreement()["clauses"][0]["key"]
    word = _clause_text(path, key).split()[0]
    path.post(f"/api/v1/meetings/{m['id']}/brackets",
              {"draft_id": path.d, "clause_key": key, "text": word,
               "alternatives": [{"text": word, "states": ["KAZ"]}, {"text": "Alt", "states": ["CHN"]}]}, expect=201)
    body = {"draft_id": path.d, "clauses": [{"key": key, "status": "agreed"}]}
    ru = path.c.post(f"/api/v1/meetings/{m['id']}/agreement", headers=_in(path, "ru"), json=body)
    assert ru.status_code == 409 and ru.json()["code"] == "clauses_bracketed"
    assert ru.json()["detail"] == f"В положении(-ях) {key} ещё есть квадратные скобки; урегулируйте их до согласования."
    # the whole text agreed ad referendum while a bracket is open: the same refusal, in Kazakh
    kk = path.c.post(f"/api/v1/meetings/{m['id']}/decisions", headers=_in(path, "kk"),
                     json={"kind": "agreed_ad_referendum", "draft_id": path.d})
    assert kk.status_code == 409 and kk.json()["code"] == "text_bracketed"
    assert kk.json()["params"] == {"count": 1, "keys": key}
    assert kk.json()["detail"] == (f"Мәтінде әлі де 1 ережеде тік жақшалар бар ({key}); мәтінді ad referendum "
                                   "келісуден бұрын оларды реттеңіз.")


def _clause_text(path, key: str) -> str:
    def walk(nodes):
        for x in nodes:
            yield x
            yield from walk(x["children"])

    return next(x["text"] for x in walk(path.flow.tree()["clauses"]) if x["key"] == key)


@pytest.mark.parametrize("lang,detail", [
    ("ru", "«Atlantis» не является стороной этого соглашения; стороны: A; B."),
    ("kk", "«Atlantis» бұл келісімнің тарапы емес; тараптар: A; B."),
])
def test_not_a_party_is_refused_in_the_readers_language(path, lang, detail):
    path.c.put(f"/api/v1/drafts/{path.d}/procedure", headers=path.officer, json={"parties": ["A", "B"]})
    sig = {"party": "Atlantis", "signed_on": "2025-01-10", "place": "Astana", "signatory": "X", "title": "Minister"}
    url = f"/api/v1/drafts/{path.d}/signatures"
    # before the final text: the status is named in the reader's language, not as a code
    early = path.c.post(url, headers=_in(path, lang), json=sig)
    assert early.status_code == 409 and early.json()["code"] == "signature_not_final"
    assert "drafting" not in early.json()["detail"]
    assert ("«подготовка»" if lang == "ru" else "«әзірлеу»") in early.json()["detail"]
    for step in ("under_review", "approved", "final"):
        path.post(f"/api/v1/drafts/{path.d}/transition", {"to": step})
    r = path.c.post(url, headers=_in(path, lang), json=sig)
    assert r.status_code == 422 and r.json()["code"] == "not_a_party"
    assert r.json()["detail"] == detail and r.json()["params"] == {"party": "Atlantis", "parties": "A; B"}


def test_a_silence_objection_after_the_deadline_gives_the_deadline_in_the_readers_language():
    """The deadline inside the sentence is a date, shown in the reader's language and the organisation's zone."""
    from app.errors import Conflict

    err = Conflict(code="silence_ended", when=datetime(2026, 3, 1, 6, 0, tzinfo=UTC))
    assert err.message("ru") == "Срок молчания истёк 1 марта 2026, 11:00 (Asia/Almaty); возражения больше не принимаются."
    assert err.detail.startswith("Silence ended at the deadline, 1 March 2026, 11:00 (Asia/Almaty)")
    assert err.body("kk")["params"] == {"when": "2026-03-01T06:00:00+00:00"}
