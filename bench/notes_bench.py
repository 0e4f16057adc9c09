"""Notes benchmark: the reference note NCT/CT/708 rendered in en, ru and kk.

Rows: compiling the three "notes" catalogs from .po (cold start, once per process), one
note in three languages to structure + text + HTML, and the trilingual .docx.

``run()`` returns rows ``(name, median_ms, note)`` and prints nothing;
``python -m bench.notes_bench`` prints them as a table.
"""

from __future__ import annotations

from app.core.i18n import LANGUAGES
from app.core.i18n.catalogs import clear_cache, translations
from app.core.notes import note_docx, note_html, note_text, render_note
from app.core.notes.data import reference_facts
from bench.timing import median_ms

Row = tuple[str, float, str]




def run(runs: int = 21) -> list[Row]:
    facts = reference_facts()

    def load_catalogs() -> None:
        clear_cache()
        for lang in LANGUAGES:
            translations(lang)

    def three_languages() -> None:
        for lang in LANGUAGES:
            note = render_note(facts, lang)
            note_text(note)
            note_html(note)

    rows: list[Row] = [
        ("compile en/ru/kk notes catalogs from .po (cold, once per process)",
         median_ms(load_catalogs, runs=max(3, runs // 3)), "target ≤ 50 ms"),
    ]
    load_catalogs()
    rows.append(("render note NCT/CT/708 in en+ru+kk (structure, text, HTML)",
                 median_ms(three_languages, runs=runs), "target ≤ 20 ms"))
    rows.append(("  of which: render_note, one language (ru)",
                 median_ms(lambda: render_note(facts, "ru"), runs=runs), ""))
    docx = note_docx(facts)
    rows.append((f"note NCT/CT/708 as trilingual .docx ({len(docx) // 1024} KiB)",
                 median_ms(lambda: note_docx(facts), runs=runs), "target ≤ 150 ms"))
    return rows


def main() -> int:
    print(f"{'benchmark':72s} {'median':>10s}  note")
    print("-" * 110)
    for name, ms, note in run():
        print(f"  {name:70s} {ms:9.1f} ms  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
