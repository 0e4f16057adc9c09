"""Gettext catalogs: load .po files, compile them in memory, keep them up to date.

Only the .po files are in the repository (``locales/<lang>/LC_MESSAGES/<domain>.po``);
:func:`translations` reads one with Babel and compiles it in memory into a
:class:`gettext.GNUTranslations` (no .mo files are written or committed). Fuzzy and
untranslated entries are left out of the compiled catalog, so they fall back to the
English msgid — the tests in ``tests/core/test_i18n_catalogs.py`` fail on them for ru/kk.

:func:`extract_and_update` is what ``make i18n`` runs for the notes domain
(``python -m app.core.i18n.catalogs``): extract the msgids from ``app/core/notes``
(Python and Jinja templates, mapping in ``locales/babel-notes.cfg``) and update the en,
ru and kk ``notes.po``, keeping existing translations (changed msgids come back as fuzzy
suggestions for the translator; obsolete ones are kept as ``#~`` entries).
"""

from __future__ import annotations

import gettext
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, check_and_call_extract_file
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from . import LANGUAGES, check_language

PROJECT_ROOT = Path(__file__).resolve().parents[3]
LOCALES_DIR = PROJECT_ROOT / "locales"
COMMENT_TAGS = ("Translators:",)

#: domain -> (source directory or directories/files relative to the project root, mapping file in locales/)
DOMAINS = {
    "notes": ("app/core/notes", "babel-notes.cfg"),  # the notes verbales
    "messages": (("app/web", "app/core/clauses/messages.py"), "babel-web.cfg"),  # the pages and import reports
    "errors": ("app/errors", "babel-errors.cfg"),  # error messages (API and pages)
    "meetings": ("app/meetings", "babel-meetings.cfg"),  # notifications of the approval path
    "exports": ("app/core/word", "babel-exports.cfg"),  # Word exports and comparisons
}


def po_path(lang: str, domain: str = "notes", locales_dir: Path | None = None) -> Path:
    return (locales_dir or LOCALES_DIR) / check_language(lang) / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(lang: str, domain: str = "notes", locales_dir: Path | None = None) -> Catalog:
    path = po_path(lang, domain, locales_dir)
    with path.open("rb") as f:
        return read_po(f, locale=lang, domain=domain)


def compile_catalog(catalog: Catalog) -> gettext.GNUTranslations:
    """Compile a Babel catalog in memory (fuzzy and empty entries are skipped)."""
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


@lru_cache(maxsize=32)
def _translations(lang: str, domain: str, locales_dir: Path) -> gettext.GNUTranslations:
    return compile_catalog(read_catalog(lang, domain, locales_dir))


def translations(lang: str, domain: str = "notes", locales_dir: Path | None = None) -> gettext.GNUTranslations:
    """The compiled catalog of ``domain`` for ``lang`` (cached; see :func:`clear_cache`)."""
    return _translations(check_language(lang), domain, (locales_dir or LOCALES_DIR).resolve())


def clear_cache() -> None:
    _translations.cache_clear()


# -- extraction ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Extracted:
    msgid: str | tuple[str, str]  # (singular, plural) for ngettext
    context: str | None
    locations: tuple[tuple[str, int], ...]
    comments: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.msgid if isinstance(self.msgid, str) else self.msgid[0]


def extract_messages(domain: str = "notes", root: Path | None = None) -> list[Extracted]:
    """The msgids used in the code and templates of ``domain`` (in source order).

    Walks only the domain's source directory; the mapping's patterns are relative to the
    project root (as for ``pybabel extract -F locales/babel-notes.cfg ... <dir>`` run there).
    """
    root = root or PROJECT_ROOT
    source, cfg = DOMAINS[domain]
    with (root / "locales" / cfg).open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found: dict[tuple[object, str | None], Extracted] = {}
    sources = (source,) if isinstance(source, str) else source
    files = sorted(p for s in sources for p in ([root / s] if (root / s).is_file() else (root / s).rglob("*"))
                   if p.is_file() and not any(part.startswith((".", "_")) and part != p.name
                                              for part in p.relative_to(root).parts))
    for path in files:
        for filename, lineno, message, comments, context in check_and_call_extract_file(
            path, method_map, options_map, None, DEFAULT_KEYWORDS, COMMENT_TAGS, True, dirpath=root,
        ):
            msgid = message if isinstance(message, str) else (message[0], message[1])
            location = (Path(filename).as_posix(), lineno)
            prev = found.get((msgid, context))
            if prev:
                found[(msgid, context)] = Extracted(msgid, context, (*prev.locations, location),
                                                    (*prev.comments, *comments))
            else:
                found[(msgid, context)] = Extracted(msgid, context, (location,), tuple(comments))
    return list(found.values())


def template_catalog(domain: str = "notes", root: Path | None = None) -> Catalog:
    """What ``pybabel extract`` would write as the .pot."""
    template = Catalog(project="Concord", domain=domain, fuzzy=False)
    for m in extract_messages(domain, root):
        template.add(m.msgid, None, list(m.locations), auto_comments=list(m.comments), context=m.context)
    return template


def extract_and_update(root: Path | None = None, langs: tuple[str, ...] = LANGUAGES,
                       domain: str = "notes") -> list[Path]:
    """Extract the msgids of ``domain`` and update (or create) its .po file for each language.

    Existing translations are kept; new msgids come in empty, changed ones as fuzzy
    suggestions. Returns the paths written (a file whose messages did not change is left
    alone, so its dates do not churn). No .mo files are produced.
    """
    root = root or PROJECT_ROOT
    template = template_catalog(domain, root)
    written = []
    for lang in langs:
        path = po_path(lang, domain, root / "locales")
        if path.exists():
            with path.open("rb") as f:
                catalog = read_po(f, locale=lang, domain=domain)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, domain=domain, project="Concord", version="0.1",
                              copyright_holder="Concord", msgid_bugs_address="", fuzzy=False)
        catalog.update(template)
        buf = io.BytesIO()
        write_po(buf, catalog, width=100, sort_output=False, include_previous=False)
        data = buf.getvalue()
        if not path.exists() or _without_dates(path.read_bytes()) != _without_dates(data):
            path.write_bytes(data)
            written.append(path)
    return written


def _without_dates(po: bytes) -> bytes:
    """A .po file without its creation/revision date lines (so unchanged catalogs are not rewritten)."""
    return b"\n".join(line for line in po.splitlines()
                      if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:')))


# -- checks ----------------------------------------------------------------------------------


def catalog_problems(lang: str, domain: str = "notes", root: Path | None = None) -> Iterator[str]:
    """Empty, fuzzy or missing translations of ``domain`` in ``lang`` (one line each)."""
    root = root or PROJECT_ROOT
    catalog = read_catalog(lang, domain, root / "locales")
    if catalog.fuzzy:
        yield f"{lang}: the catalog header is marked fuzzy"
    for message in catalog:
        if not message.id:
            continue
        where = f"{lang}: {message.id if isinstance(message.id, str) else message.id[0]!r}"
        if message.fuzzy:
            yield f"{where} is fuzzy"
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if not strings or any(not s for s in strings):
            yield f"{where} is not translated"
    for m in extract_messages(domain, root):
        if catalog.get(m.msgid if isinstance(m.msgid, str) else m.msgid[0], context=m.context) is None:
            yield f"{lang}: {m.key!r} (used at {m.locations[0][0]}:{m.locations[0][1]}) is not in the catalog"


def main(argv: list[str] | None = None) -> int:
    """``python -m app.core.i18n.catalogs [--check]``: update every domain's catalogs and list
    what is left to translate in ru/kk; with ``--check`` only check (exit 1 on problems)."""
    argv = sys.argv[1:] if argv is None else argv
    if "--check" not in argv:
        for domain in DOMAINS:
            written = extract_and_update(domain=domain)
            for p in written:
                print(f"updated {p.relative_to(PROJECT_ROOT)}")
            if not written:
                print(f"{domain} catalogs are up to date")
    problems = [p for domain in DOMAINS for lang in LANGUAGES if lang != "en"
                for p in catalog_problems(lang, domain)]
    for problem in problems:
        print(f"to translate: {problem}", file=sys.stderr)
    return 1 if problems and "--check" in argv else 0


if __name__ == "__main__":
    raise SystemExit(main())
