"""Notes verbales: facts in, the note in en/ru/kk out (text, HTML, Word).

    from app.core.notes import render_note, note_text, note_html, note_docx
    from app.core.notes.data import reference_facts

    facts = reference_facts()                 # note NCT/CT/708
    print(note_text(render_note(facts, "ru")))
    docx_bytes = note_docx(facts)             # en, ru, kk one after another

Pure core: no database, no web framework, no I/O beyond reading the templates and the
gettext catalogs of the "notes" domain.
"""

from .docx import note_docx
from .layout import DEFAULT_LAYOUTS, NoteLayout
from .model import (
    FORMS,
    KIND_RULES,
    KINDS,
    Entity,
    Meeting,
    MissingForm,
    NameForms,
    NoteError,
    NoteFacts,
    NoteFactsError,
    NoteRef,
    entities_from_dict,
    entities_to_dict,
)
from .register import RegisterError, is_taken, next_number, parse_number
from .render import Block, RenderedNote, missing_forms, note_html, note_text, render_note

__all__ = [
    "DEFAULT_LAYOUTS", "FORMS", "KINDS", "KIND_RULES", "Block", "Entity", "Meeting", "MissingForm", "NameForms",
    "NoteError", "NoteFacts", "NoteFactsError", "NoteLayout", "NoteRef", "RegisterError", "RenderedNote",
    "entities_from_dict", "entities_to_dict", "is_taken", "missing_forms", "next_number", "note_docx",
    "note_html", "note_text", "parse_number", "render_note",
]
