"""Cached reads (app/readcache.py) never show a stale answer: a new translation shows at once;
the ETag answers 304; and visibility is checked every time."""

from __future__ import annotations


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n["children"])


def test_a_translation_shows_in_the_next_read_of_the_tree(flow, users):
    users.make("tr@example.org", "translator")
    tr = users.headers("tr@example.org")
    url = f"/api/v1/drafts/{flow.d}/versions/1?lang=ru"
    first = flow.c.get(url, headers=flow.officer)
    assert first.status_code == 200 and first.headers["ETag"]
    again = flow.c.get(url, headers={**flow.officer, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.content
    c11 = flow.clause("1.1")
    r = flow.c.put(f"/api/v1/drafts/{flow.d}/versions/1/clauses/{c11['key']}/translations/ru", headers=tr,
                   json={"heading": "", "text": "Новый перевод пункта 1.1."})
    assert r.status_code == 200, r.text
    after = flow.c.get(url, headers={**flow.officer, "If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != first.headers["ETag"]
    node = next(n for n in _walk(after.json()["clauses"]) if n["key"] == c11["key"])
    assert node["text"] == "Новый перевод пункта 1.1." and node["translation"] == "current"


def test_a_cached_comparison_stays_private_and_follows_a_new_translation(flow, users):
    a, _b, _c = flow.two_versions()
    url = f"/api/v1/drafts/{flow.d}/compare?from=1&to=2"
    first = flow.c.get(url, headers=flow.officer).json()
    reasons = {p.get("rationale") for c in first["clauses"] for p in c["provenance"]}
    assert "Clearer wording." in reasons
    assert flow.c.get(url, headers=flow.officer).json() == first  # the cached answer is the same answer
    # an observer the draft is not shared with is refused, even though the answer is cached
    users.make("obs@example.org", "observer")
    assert flow.c.get(url, headers=users.headers("obs@example.org")).status_code in (403, 404)
    # a translation changes the Russian comparison at once
    ru = flow.c.get(url + "&lang=ru", headers=flow.officer).json()
    users.make("tr@example.org", "translator")
    c = next(x for x in ru["clauses"] if x["status"] != "unchanged" and x["new_key"])
    r = flow.c.put(f"/api/v1/drafts/{flow.d}/versions/2/clauses/{c['new_key']}/translations/ru",
                   headers=users.headers("tr@example.org"), json={"heading": c["new_heading"] and "Заголовок",
                                                                 "text": "Обновленный перевод."})
    assert r.status_code == 200, r.text
    ru2 = flow.c.get(url + "&lang=ru", headers=flow.officer).json()
    assert next(x for x in ru2["clauses"] if x["new_key"] == c["new_key"])["new_text"] == "Обновленный перевод."


def test_a_viewer_who_may_not_see_the_draft_gets_404_not_the_cached_answer(flow, users):
    """The tree and the comparison are in the cache (and the outsider even sends their ETag):
    visibility is still checked first, so the answer is 404, never the body nor a 304."""
    flow.two_versions()
    users.make("outsider@example.org", "observer")
    outsider = users.headers("outsider@example.org")
    for url in (f"/api/v1/drafts/{flow.d}/versions/2", f"/api/v1/drafts/{flow.d}/compare?from=1&to=2"):
        cached = flow.c.get(url, headers=flow.officer)
        assert cached.status_code == 200 and cached.headers["ETag"]
        for headers in (outsider, {**outsider, "If-None-Match": cached.headers["ETag"]}):
            r = flow.c.get(url, headers=headers)
            assert r.status_code == 404, (url, r.status_code)
            assert "clauses" not in r.text and r.headers.get("ETag") != cached.headers["ETag"]


def test_a_new_version_is_served_at_once_with_its_own_etag(flow):
    url1 = f"/api/v1/drafts/{flow.d}/versions/1"
    first = flow.c.get(url1, headers=flow.officer)
    assert first.status_code == 200
    assert flow.c.get(f"/api/v1/drafts/{flow.d}/versions/2", headers=flow.officer).status_code == 404
    flow.two_versions()
    listed = {v["number"]: v for v in flow.c.get(f"/api/v1/drafts/{flow.d}/versions", headers=flow.officer).json()}
    second = flow.c.get(f"/api/v1/drafts/{flow.d}/versions/2",
                        headers={**flow.officer, "If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200 and second.headers["ETag"] != first.headers["ETag"]
    assert second.json()["hash"] == listed[2]["hash"] != first.json()["hash"]
    assert "The Participants may exchange staff." in second.text
    # version 1 is unchanged by it: same bytes, same ETag, 304 with it
    again = flow.c.get(url1, headers={**flow.officer, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_the_comparison_answers_304_to_its_etag_and_changes_it_with_a_translation(flow, users):
    flow.two_versions()
    url = f"/api/v1/drafts/{flow.d}/compare?from=1&to=2&lang=ru"
    first = flow.c.get(url, headers=flow.officer)
    assert first.status_code == 200 and first.headers["ETag"]
    same = flow.c.get(url, headers={**flow.officer, "If-None-Match": first.headers["ETag"]})
    assert same.status_code == 304 and not same.content
    c = next(x for x in first.json()["clauses"] if x["status"] != "unchanged" and x["new_key"])
    users.make("tr@example.org", "translator")
    r = flow.c.put(f"/api/v1/drafts/{flow.d}/versions/2/clauses/{c['new_key']}/translations/ru",
                   headers=users.headers("tr@example.org"),
                   json={"heading": c["new_heading"] and "Заголовок", "text": "Новый текст."})
    assert r.status_code == 200, r.text
    after = flow.c.get(url, headers={**flow.officer, "If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != first.headers["ETag"]
    assert next(x for x in after.json()["clauses"] if x["new_key"] == c["new_key"])["new_text"] == "Новый текст."
