"""Every locale has complete catalogs: no empty, fuzzy or missing entries in ru and kk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po"))


def test_every_language_has_every_domain():
    domains = {p.stem for p in CATALOGS}
    assert "messages" in domains
    for domain in domains:
        for lang in ("en", "ru", "kk"):
            assert (ROOT / "locales" / lang / "LC_MESSAGES" / f"{domain}.po").exists(), (lang, domain)


@pytest.mark.parametrize("path", [p for p in CATALOGS if p.parts[-3] in ("ru", "kk")], ids=lambda p: "/".join(p.parts[-3:]))
def test_no_empty_or_fuzzy_entries(path):
    with path.open("rb") as f:
        cat = read_po(f, locale=path.parts[-3])
    bad = []
    for m in cat:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(s and s.strip() for s in strings):
            bad.append(m.id)
    assert not bad, f"untranslated or fuzzy in {path}: {bad}"


def test_catalogs_cover_every_extracted_message(tmp_path):
    """Re-extract from the code and templates: every msgid must be in the ru and kk catalogs."""
    pybabel = str(Path(sys.executable).with_name("pybabel"))
    for cfg in sorted((ROOT / "locales").glob("babel-*.cfg")):
        domain = {"babel-web": "messages", "babel-notes": "notes", "babel-errors": "errors",
                  "babel-meetings": "meetings", "babel-exports": "exports"}[cfg.stem]
        pot = tmp_path / f"{domain}.pot"
        subprocess.run([pybabel, "extract", "-F", str(cfg), "-k", "_", "-k", "ngettext:1,2", "-k", "N_",
                        "-o", str(pot), "."], check=True, cwd=ROOT)
        with pot.open("rb") as f:
            wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
        for lang in ("ru", "kk"):
            with (ROOT / "locales" / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as f:
                have = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
            assert not wanted - have, f"{lang}/{domain}.po lacks: {sorted(wanted - have)}"


def test_every_catalog_reads_without_a_warning():
    """A catalog that merged badly (a msgid with no msgstr, an entry cut in two) still loads,
    with a warning and the wrong text: every .po file must read cleanly."""
    import contextlib
    import io
    from pathlib import Path

    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parent.parent / "locales"
    problems = {}
    for po in sorted(root.glob("*/LC_MESSAGES/*.po")):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out), po.open("rb") as fh:
            read_po(fh, abort_invalid=False)
        if out.getvalue().strip():
            problems[str(po.relative_to(root))] = out.getvalue().strip()[:300]
    assert not problems, problems
