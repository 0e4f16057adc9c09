"""JSON and HTML output of a comparison (serialize.py, html.py)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from app.core.compare import REDLINE_CSS, compare, render_inline, render_side_by_side, to_json
from app.core.compare.serialize import SCHEMA

from .compare_builders import A, B, C, D, F, doc, para, sec


def pair():
    old = doc(
        sec("c1", "Purpose", para("c2", A), para("c3", B), para("c4", C)),
        sec("c5", "Final", para("c6", D)),
    )
    new = doc(
        sec("c1", "Purpose", para("c9", F), para("c2", A.replace("their national law", "applicable law")), para("c3", B)),
        sec("c5", "Final", para("c6", D), para("c4", C)),
    )
    return old, new


def test_json_shape():
    old, new = pair()
    result = compare(old, new, from_label="Version 1", to_label="Version 2")
    data = to_json(result)
    json.dumps(data, ensure_ascii=False)  # plain data only
    assert data["schema"] == SCHEMA
    assert (data["from"], data["to"], data["lang"], data["matched_by"]) == ("Version 1", "Version 2", "en", "key")
    assert data["counts"] == {
        "unchanged": 3, "modified": 1, "inserted": 1, "deleted": 0, "moved": 1, "renumbered": 1, "source_changed": 0,
            "total": 7,
    }
    first = data["clauses"][0]
    assert list(first) == [
        "status", "kind", "key", "old_key", "new_key", "old_number", "new_number", "old_parent_key",
        "new_parent_key", "depth", "old_heading", "new_heading", "old_text", "new_text", "heading_ops",
        "text_ops", "moved", "renumbered", "similarity", "split_from", "merged_into", "provenance",
        "source_changed", "source_heading_ops", "source_text_ops", "translation",
    ]
    modified = next(c for c in data["clauses"] if c["status"] == "modified")
    assert modified["key"] == "c2" and modified["old_number"] == "1.1" and modified["new_number"] == "1.2"
    assert ["delete", "their national"] in modified["text_ops"] and ["insert", "applicable"] in modified["text_ops"]
    assert modified["renumbered"] is True and modified["moved"] is False
    inserted = data["clauses"][1]
    assert inserted["status"] == "inserted" and inserted["old_key"] is None and inserted["text_ops"] == [["insert", F]]
    moved = next(c for c in data["clauses"] if c["status"] == "moved")
    assert (moved["key"], moved["old_parent_key"], moved["new_parent_key"], moved["moved"]) == ("c4", "c1", "c5", True)


def test_json_carries_provenance():
    old, new = pair()
    result = compare(old, new)
    result.clauses[2].provenance.append({"proposal_id": 12, "state": "KAZ"})
    assert to_json(result)["clauses"][2]["provenance"] == [{"proposal_id": 12, "state": "KAZ"}]


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.sr_text: list[str] = []
        self._sr = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.stack.append(tag)
        if ("class", "cmp-sr") in attrs:
            self._sr += 1

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()
        if tag == "span" and self._sr:
            self._sr -= 1

    def handle_data(self, data):
        if self._sr:
            self.sr_text.append(data)


def parse(html: str) -> _Collect:
    p = _Collect()
    p.feed(html)
    p.close()
    assert p.stack == []  # well nested
    return p


def test_inline_html_marks_changes_without_relying_on_colour():
    old, new = pair()
    html = render_inline(compare(old, new))
    p = parse(html)
    assert "ins" in p.tags and "del" in p.tags
    assert "<del><span class=\"cmp-sr\">[deletion start] </span>their national" in html
    assert "<ins><span class=\"cmp-sr\">[insertion start] </span>applicable" in html
    assert any("insertion end" in t for t in p.sr_text)
    # status badges in words
    assert ">Inserted</span>" in html and ">Modified</span>" in html and ">Moved</span>" in html
    assert "(was 1.3)" in html  # the moved clause's old number
    assert 'lang="en"' in html
    assert "style=" not in html  # classes only: fine under a strict CSP


def test_html_escapes_everything():
    evil = '<script>alert("x")</script> & <b>'
    old = doc(sec("c1", "Purpose", para("c2", "Plain text.")))
    new = doc(sec("c1", "<i>Purpose</i>", para("c2", evil)))
    for html in (render_inline(compare(old, new)), render_side_by_side(compare(old, new, from_label="<v1>"))):
        assert "<script>" not in html and "<b>" not in html and "<i>" not in html and "<v1>" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in html
        parse(html)


def test_side_by_side_table():
    old, new = pair()
    html = render_side_by_side(compare(old, new, from_label="Version 1", to_label="Version 2"))
    p = parse(html)
    assert p.tags[:2] == ["table", "caption"]
    assert "<caption>Changes from Version 1 to Version 2</caption>" in html
    assert html.count('scope="col"') == 3 and html.count('scope="row"') == 7
    rows = re.findall(r"<tr class=\"cmp-(\w+)\".*?</tr>", html)
    assert rows == ["unchanged", "inserted", "modified", "renumbered", "unchanged", "unchanged", "moved"]
    inserted_row = re.search(r'<tr class="cmp-inserted".*?</tr>', html).group(0)
    assert '<td class="cmp-empty"><span class="cmp-sr">none</span></td>' in inserted_row
    modified_row = re.search(r'<tr class="cmp-modified".*?</tr>', html).group(0)
    old_cell, new_cell = re.findall(r"<td>(.*?)</td>", modified_row, re.S)
    assert "<del>" in old_cell and "<ins>" not in old_cell
    assert "<ins>" in new_cell and "<del>" not in new_cell


def test_labels_can_be_translated_and_lang_is_set():
    old, new = pair()
    result = compare(old, new, lang="ru")
    html = render_inline(result, labels={"inserted": "Вставлено", "ins_start": "[начало вставки]"})
    assert 'lang="ru"' in html and ">Вставлено</span>" in html and "[начало вставки]" in html


def test_split_and_merge_notes_name_the_other_clause():
    first, second = A.split(" in accordance")
    old = doc(sec("c1", "Purpose", para("c2", A), para("c3", B)))
    new = doc(sec("c1", "Purpose", para("c2", first + "."), para("c7", "This is in accordance" + second), para("c3", B)))
    html = render_inline(compare(old, new))
    assert "split from 1.1" in html


def test_css_underlines_insertions_and_strikes_deletions():
    assert "text-decoration:underline" in REDLINE_CSS
    assert "text-decoration:line-through" in REDLINE_CSS
    assert ".cmp-sr{" in REDLINE_CSS and ".cmp-depth-3{" in REDLINE_CSS
