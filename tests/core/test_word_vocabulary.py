"""One OOXML vocabulary: the namespaces and tag names live in app/core/word/ooxml.py; the reader,
the writers, the tracked-changes walk and the proposals importer use it (no second set of names),
and app/core/word/tracked.py reads through the public walk (app/core/word/walk.py)."""

from __future__ import annotations

import re
from pathlib import Path

from app.core.word import tracked, walk
from tests.data.docx.make_samples import build_docx, p, r

ROOT = Path(__file__).resolve().parents[2]
USERS = [*sorted((ROOT / "app/core/word").rglob("*.py")), ROOT / "app/proposals/docx_import.py"]


def test_namespaces_and_tag_helpers_are_defined_once():
    for path in USERS:
        if path.name == "ooxml.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert "schemas.openxmlformats.org" not in source and "schemas.microsoft.com" not in source, path
        assert not re.search(r"^def _?w\(", source, re.M), path
        assert not re.search(r"^W_[A-Z_]+ = ", source, re.M), path


def test_tracked_reads_through_the_public_walk():
    source = (ROOT / "app/core/word/tracked.py").read_text(encoding="utf-8")
    assert not re.search(r"\b_(load|Raw|Walker)\b", source)
    data = build_docx(p(r("Kept "), '<w:ins w:id="1" w:author="KAZ" w:date="2024-06-01T00:00:00Z">'
                        '<w:r><w:t>added</w:t></w:r></w:ins>'))
    both = tracked.walk(data)
    assert [x.new_text for x in both.revisions] == ["Kept added"] and both.comments == []
    assert [x.old_text for x in tracked.read_revisions(data)] == ["Kept "]
    assert [raw.text(True) for raw in walk.load(data).raws] == ["Kept added"]
