"""`make i18n`: extract messages from code and templates and update the en/ru/kk catalogs.

Two domains: "messages" (web pages, from babel-web.cfg) and "notes" (the notes verbales,
from the notes core). Existing translations are kept; new msgids arrive empty and the
catalog test fails until a translator fills them in.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .config import PROJECT_ROOT

LANGS = ("en", "ru", "kk")
DOMAINS = {"messages": "locales/babel-web.cfg", "notes": "locales/babel-notes.cfg"}


def run(cmd: list[str]) -> None:
    print("+", " ".join(cmd))
    subprocess.run(cmd, check=True, cwd=PROJECT_ROOT)


def main() -> int:
    pybabel = str(Path(sys.executable).with_name("pybabel"))
    for domain, cfg in DOMAINS.items():
        if not (PROJECT_ROOT / cfg).exists():
            continue
        pot = f"var/{domain}.pot"
        (PROJECT_ROOT / "var").mkdir(exist_ok=True)
        run([pybabel, "extract", "-F", cfg, "-k", "_", "-k", "ngettext:1,2", "-k", "N_", "--no-location",
             "--sort-output", "-o", pot, "."])
        for lang in LANGS:
            po = PROJECT_ROOT / "locales" / lang / "LC_MESSAGES" / f"{domain}.po"
            action = "update" if po.exists() else "init"
            run([pybabel, action, "-D", domain, "-i", pot, "-d", "locales", "-l", lang]
                + (["--no-fuzzy-matching", "--ignore-obsolete"] if action == "update" else []))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
