"""The "notes" gettext catalogs: complete ru/kk, consistent placeholders, plural rules, tooling."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel import Locale

from app.core.i18n import catalogs
from app.core.i18n.catalogs import (
    PROJECT_ROOT,
    catalog_problems,
    extract_and_update,
    extract_messages,
    read_catalog,
    translations,
)
from app.core.notes.model import FORMS

PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])")
# suffixes a placeholder may carry: the name forms, "short", and the date cases
SUFFIXES = set(FORMS) | {"short", "attributive"}


def placeholders(text: str) -> list[tuple[str, str, str]]:
    """[(role, form, conversion)] of a gettext string; role is the part before the first "_"."""
    out = []
    for name, conv in PLACEHOLDER.findall(text):
        role, _, form = name.partition("_")
        out.append((role, form, conv))
    return out


def strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


def msgids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_catalog_has_no_empty_fuzzy_or_missing_entries(lang):
    problems = list(catalog_problems(lang))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_catalogs_hold_exactly_the_msgids_in_use(lang):
    used = {(m.context, m.key) for m in extract_messages()}
    catalog = read_catalog(lang)
    present = {(m.context, msgids(m)[0]) for m in catalog if m.id}
    assert used - present == set(), "run `make i18n` (python -m app.core.i18n.catalogs)"
    assert present - used == set(), "stale entries: run `make i18n` to mark them obsolete"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_translations_use_the_same_values_as_the_msgid(lang):
    for message in read_catalog(lang):
        if not message.id:
            continue
        expected_roles = {(role, conv) for role, _, conv in placeholders(msgids(message)[0])}
        for text in strings(message):
            assert "%" not in PLACEHOLDER.sub("", text).replace("%%", ""), f"stray % in {text!r}"
            found = placeholders(text)
            assert {(role, conv) for role, _, conv in found} == expected_roles, (
                f"{lang}: {text!r} must use the same values as {msgids(message)[0]!r}"
            )
            for role, form, _ in found:
                assert not form or form in SUFFIXES, f"{lang}: unknown form {form!r} in %({role}_{form})s"


def test_no_compiled_catalogs_in_the_repository():
    assert not list((PROJECT_ROOT / "locales").rglob("notes.mo"))


def test_catalogs_compile_in_memory():
    ru = translations("ru")
    assert ru.gettext("Enclosure:") == "Приложение:"
    assert ru.pgettext("enclosure, abbreviated", "on %(pages)d p.") == "на %(pages)d л."
    assert ru.ngettext("%(num)d page", "%(num)d pages", 1) == "на %(num)d листе"
    assert ru.ngettext("%(num)d page", "%(num)d pages", 5) == "на %(num)d листах"
    assert translations("kk").gettext("Enclosure:") == "Қосымша:"
    assert translations("en").gettext("Enclosure:") == "Enclosure:"  # en msgstrs may stay empty


@pytest.mark.parametrize(("lang", "order"), [("ru", ["one", "few", "many"]), ("kk", ["one", "other"]),
                                             ("en", ["one", "other"])])
def test_catalog_plural_rule_agrees_with_cldr(lang, order):
    catalog = read_catalog(lang)
    assert catalog.num_plurals == len(order)
    t = translations(lang)
    locale = Locale.parse(lang)
    for n in range(0, 1001):
        assert order[t.plural(n)] == locale.plural_form(n), f"{lang}: n={n}"


def _copy_tree(tmp_path: Path) -> Path:
    shutil.copytree(PROJECT_ROOT / "app" / "core" / "notes", tmp_path / "app" / "core" / "notes",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "locales").mkdir()
    shutil.copy(PROJECT_ROOT / "locales" / "babel-notes.cfg", tmp_path / "locales")
    for lang in ("en", "ru", "kk"):
        dest = tmp_path / "locales" / lang / "LC_MESSAGES"
        dest.mkdir(parents=True)
        shutil.copy(PROJECT_ROOT / "locales" / lang / "LC_MESSAGES" / "notes.po", dest)
    return tmp_path


def test_extract_and_update_keeps_translations_and_adds_new_msgids(tmp_path):
    root = _copy_tree(tmp_path)
    extract_and_update(root=root)
    before = {lang: (root / "locales" / lang / "LC_MESSAGES" / "notes.po").read_bytes() for lang in ("ru", "kk")}
    extract_and_update(root=root)
    for lang in ("ru", "kk"):  # idempotent: a second run leaves the files as they are
        assert (root / "locales" / lang / "LC_MESSAGES" / "notes.po").read_bytes() == before[lang]
    assert read_catalog("ru", locales_dir=root / "locales").get("Enclosure:").string == "Приложение:"

    template = root / "app" / "core" / "notes" / "templates" / "transmission.html"
    template.write_text(template.read_text(encoding="utf-8") + '\n{{ _("A brand new sentence.") }}\n',
                        encoding="utf-8")
    paths = extract_and_update(root=root)
    assert [p.parent.parent.name for p in paths] == ["en", "ru", "kk"]
    ru = read_catalog("ru", locales_dir=root / "locales")
    assert ru.get("A brand new sentence.").string == ""
    assert ru.get("Enclosure:").string == "Приложение:"
    problems = list(catalog_problems("ru", root=root))
    assert any("A brand new sentence." in p and "not translated" in p for p in problems)
    assert not list(root.rglob("*.mo"))


def test_checks_catch_fuzzy_empty_and_unknown_msgids(tmp_path):
    root = _copy_tree(tmp_path)
    po = root / "locales" / "kk" / "LC_MESSAGES" / "notes.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgstr "Қосымша:"', 'msgstr ""')
    text = text.replace('#, python-format\nmsgctxt "number line"', '#, fuzzy, python-format\nmsgctxt "number line"')
    po.write_text(text, encoding="utf-8")
    template = root / "app" / "core" / "notes" / "templates" / "silence.html"
    template.write_text(template.read_text(encoding="utf-8") + '\n{{ _("Used but not extracted yet.") }}\n',
                        encoding="utf-8")
    problems = "\n".join(catalog_problems("kk", root=root))
    assert "'Enclosure:' is not translated" in problems
    assert "'№%(number)s' is fuzzy" in problems
    assert "'Used but not extracted yet.'" in problems and "is not in the catalog" in problems


def test_main_check_mode_reports_ok(capsys):
    assert catalogs.main(["--check"]) == 0
