"""The corpus of real texts (tests/data/corpus): every text imports with the number labels
written in its source and without losing a word.

The expectations are written by hand from the sources (see tests/data/corpus/SOURCES.md);
``python tests/data/corpus/report.py`` prints the differences in full. Texts the current
parser gets wrong are listed in XFAIL with the reason; the marks are strict, so a text that
starts passing fails the run until its entry is removed here.
"""

from __future__ import annotations

import pytest

from app.core.clauses.parse import parse_text
from app.core.clauses.render import render_text
from tests.core import regen_golden as golden
from tests.data.corpus.corpus import HERE, compare, expectation, names, parse, run

# file -> why it fails today (see the lead's parser rewrite, issue 9). Remove an entry when
# the file passes.
XFAIL: dict[str, str] = {
}


def _params():
    out = []
    for name in names():
        marks = [pytest.mark.xfail(strict=True, reason=XFAIL[name])] if name in XFAIL else []
        out.append(pytest.param(name, marks=marks, id=name))
    return out


def test_xfail_list_names_existing_files():
    assert set(XFAIL) <= set(names()), set(XFAIL) - set(names())


@pytest.mark.parametrize("name", _params())
def test_corpus_text(name: str):
    res = run(name)
    diffs = compare(res, expectation(name))
    assert not diffs, f"{name}:\n" + "\n".join(diffs)


def _shape(nodes) -> list[tuple]:
    return [(c.kind, c.num_style, c.num_pattern, c.label, c.heading, c.text, _shape(c.children)) for c in nodes]


@pytest.mark.parametrize("name", [n for n in names() if n not in XFAIL])
def test_corpus_canonical_text_reads_back(name: str):
    """What Concord stores for a real text reads back as it is: its canonical text imports
    to the same tree, labels, headings and texts (running heads, annexes and parts included)."""
    doc, _ = parse(name)
    text = render_text(doc)
    again = parse_text(text)
    assert _shape(again.clauses) == _shape(doc.clauses)
    assert render_text(again) == text


@pytest.mark.parametrize("name", names())
def test_corpus_outline_is_its_golden_file(name: str):
    """The whole tree of each text, for review: a change shows in the golden file's diff
    (regenerate on purpose: python -m tests.core.regen_golden)."""
    assert golden.current(HERE / name) == golden.golden(HERE / name)
