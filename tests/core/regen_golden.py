"""Golden files of the parser tests: the outline of the tree each sample text reads into.

Each input has its golden file next to it, ``<input>.outline`` (one line per clause: kind,
number, [style pattern], heading or start of text; indented by depth):

- the house-style samples ``tests/data/styles/*`` and the sample drafts ``drafts/*.md``
  (checked by ``tests/core/test_parse.py``);
- the corpus of real texts ``tests/data/corpus/*`` (checked by ``tests/core/test_corpus.py``;
  the hand-written ``*.expect.json`` stays the gate of what is right, the outline shows the
  whole tree for review).

A change of the parser that changes a tree fails those tests until the golden files are
regenerated, on purpose, and the difference reviewed in the commit::

    .venv/bin/python -m tests.core.regen_golden          # or: make golden
    git diff -- '*.outline'
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STYLES = ROOT / "tests" / "data" / "styles"
DRAFTS = ROOT / "drafts"
CORPUS = ROOT / "tests" / "data" / "corpus"
SUFFIX = ".outline"


def outline(doc, width: int = 48) -> str:
    """One line per clause: kind, number, [style pattern], heading or start of text."""
    lines = []
    for c, _, depth in doc.walk_with_parent():
        words = (c.heading or c.text).replace("\n", " / ")
        if len(words) > width:
            words = words[:width].rstrip() + "…"
        style = f" [{c.num_style} {c.num_pattern}]" if c.num_style != "none" else ""
        num = f" {c.number}" if c.number else ""
        lines.append(f"{'  ' * depth}{c.kind}{num}{style}: {words}")
    return "\n".join(lines)


def golden_path(source: Path) -> Path:
    return source.with_name(source.name + SUFFIX)


def style_samples() -> list[Path]:
    return sorted(p for p in STYLES.iterdir() if p.is_file() and p.suffix != SUFFIX)


def draft_samples() -> list[Path]:
    return sorted(DRAFTS.glob("*.md"))


def corpus_texts() -> list[Path]:
    from tests.data.corpus.corpus import names

    return [CORPUS / n for n in names()]


def current(source: Path) -> str:
    """The outline the parser gives ``source`` today (or the refusal, for a corpus text it
    refuses)."""
    from app.core.clauses.parse import ParseError, parse_text

    if source.parent == CORPUS:
        from tests.data.corpus.corpus import parse

        try:
            doc, _ = parse(source.name)
        except ParseError as exc:
            return f"ParseError: {exc}"
        return outline(doc, width=60)
    return outline(parse_text(source.read_text(encoding="utf-8")))


def golden(source: Path) -> str:
    return golden_path(source).read_text(encoding="utf-8").rstrip("\n")


def all_sources() -> Iterator[Path]:
    yield from style_samples()
    yield from draft_samples()
    yield from corpus_texts()


def main(argv: list[str]) -> int:
    changed = 0
    for source in all_sources():
        path = golden_path(source)
        text = current(source) + "\n"
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8")
            changed += 1
            print(f"{'updated' if old is not None else 'created'} {path.relative_to(ROOT)}")
    print(f"{changed} golden file(s) written; review them with: git diff -- '*{SUFFIX}'")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
