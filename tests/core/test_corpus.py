"""The corpus of real texts (tests/data/corpus): every text imports with the number labels
written in its source and without losing a word.

The expectations are written by hand from the sources (see tests/data/corpus/SOURCES.md);
``python tests/data/corpus/report.py`` prints the differences in full. Texts the current
parser gets wrong are listed in XFAIL with the reason; the marks are strict, so a text that
starts passing fails the run until its entry is removed here.
"""

from __future__ import annotations

import pytest

from tests.data.corpus.corpus import compare, expectation, names, run

# file -> why it fails today (see the lead's parser rewrite, issue 9). Remove an entry when
# the file passes.
XFAIL: dict[str, str] = {
    "ga-res-80-1-palestine-participation.txt": "a running head inside item (a) is kept as text (running-head removal is off until it is a fixed point of canonical text -> import)",
    "ga-res-80-16-ict-security.txt": "the running head cuts paragraph 2 (running-head removal is off)",
    "ga-res-80-4-cuba-embargo.txt": "the running head cuts a recital (running-head removal is off)",
    "alma-ata-declaration-1991-ocr.txt": "signatories' initials 'A. Mutalibov', 'I. Karimov' read as items A., B., C. and sections I., II., III.; initials lost",
    "alma-ata-declaration-1991-typed.docx": "signature table not read as 11 signature blocks; initials 'A. Mutalibov' .. 'I. Karimov' read as items A.-I. and sections I., II.; initials lost",
    "embc-agreement-1969.md": "'(a)take' (no space) not a label; '4. (a)' keeps '(a)' as text; the Annex after IN WITNESS WHEREOF becomes closing clauses",
    "ga-res-80-9-trafficking-declaration-excerpt.txt": "ParseError: a resolution adopting an annexed declaration (one unnumbered operative paragraph, then 'Annex' and 'We ...' paragraphs 1.-26.) 'does not read as an agreement'",
    "nl-esro-ans-satellite-exchange-of-letters-1973.md": "ParseError: an agreement by exchange of letters (Nr. I with paragraphs 1.-8., Nr. II) 'does not read as an agreement'",
    "nl-unep-gpa-office-agreement.md": "'Article I' then 'Article 2' is renumbered Article 1, 2, ... 16; the annex after IN WITNESS WHEREOF becomes closing clauses",
    "nl-unu-intech-memorandum-1989.md": "ParseError: bare roman headings '###I' .. '###VIII' are not sections and 'a)The' is not a label, so the text 'does not read as an agreement'",
    "nl-us-air-fares-exchange-of-letters-1977.md": "ParseError: an exchange of letters ('Nr. I', 'Nr. II') 'does not read as an agreement'",
    "onchocerciasis-fund-agreement-1992.md": "'Section 1.01.' headings are text; Article VIII renumbered III; the Memorandum after DONE at (PART I/II, '1', 1.1., (i)) becomes 40 closing clauses",
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
