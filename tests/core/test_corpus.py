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
    "alma-ata-declaration-1991-ocr.txt": "signatories' initials (A. Mutalibov, B. Yeltsin, I. Karimov) become items A., B., C. and sections I., II., III.",
    "ga-res-80-1-palestine-participation.txt": "a running head inside item (a) ends the list: (b), (c) become (a), (b) and 2., 3. become items 1., 2.",
    "irena-statute-2009-excerpt.md": "an excerpt's numbering skip (Article IV, then Article XVIII) is renumbered Article V, VI, VII",
    "onchocerciasis-fund-agreement-1992.md": "'Section 1.01.' headings are not labels; the Memorandum after DONE at (PART I/II, bare '1' headings, 1.1., (i)) becomes 40 closing clauses",
    "nl-indonesia-cultural-agreement-1968.md": "IN WITNESS THEREOF ... DONE at on the same line as the last article is not read as a closing formula",
    "nl-unep-gpa-office-agreement.md": "'Article I' then 'Article 2' is renumbered Article 1, 2, ... 16; the annex after IN WITNESS WHEREOF becomes closing clauses",
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
