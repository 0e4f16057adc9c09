"""More coded error messages (gettext domain ``errors``): the note register and the name forms
(with the notes core's own refusals, app/core/notes), accounts, comparisons, exports, the draft
archive and the page-only refusals of the web pages. Merged into ``MESSAGES`` by
app/errors/messages.py; extracted with it into ``locales/<lang>/LC_MESSAGES/errors.po``.

Words inside these messages that are codes of the notes core (the kind of a note or of an entity,
a grammatical form, a language) are given as :class:`Term` values (``term_params``), so they read
in the reader's language while programs get the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .messages import N_, AppErrorLike, Localized, _gettext

MORE_MESSAGES: dict[str, str] = {
    # the name forms (app/notes/service.py)
    "name_forms_not_found": N_("There are no name forms '{key}'."),
    "name_forms_invalid": N_("The name forms cannot be saved: {problems}."),
    "forms_lang_unknown": N_("unknown language '{lang}' (expected {langs})"),
    "forms_form_unknown": N_("forms.{lang}: unknown form '{form}' (expected one of {forms})"),
    "forms_multiline": N_("forms.{lang}.{form}: only the {first} and {second} forms take several lines"),
    "entity_key_unusable": N_("'{key}' is not a usable key: lower-case letters, digits, '.', '_' and '-', at "
                              "most 80 characters, e.g. 'cica-soc'."),
    "entity_kind_unknown": N_("Unknown kind of entity '{value}'; use one of {kinds}."),
    "name_forms_not_yet": N_("There are no name forms '{key}' yet; send the PUT without If-Match to create them."),
    "name_forms_raced": N_("Name forms '{key}' were just created by someone else; reload them."),
    # the note register (app/notes/service.py)
    "note_series_invalid": N_("series: {reason}."),
    "note_number_invalid": N_("number: {reason}."),
    "note_number_bad_series": N_("bad note number '{number}': {reason}"),
    "note_number_not_in_series": N_("number: {number} is not a number of series {series}."),
    "note_number_taken": N_("Number {number} is already in the register (note {id} of {date}); the next free "
                            "number in {series} is {free}."),
    "note_number_raced": N_("Number {number} was just taken by another note; reload the register and try again."),
    "note_kind_unknown": N_("Unknown kind of note '{value}'."),
    "note_invalid": N_("The note cannot be saved: {problems}."),
    "note_slot_no_forms": N_("{where}: there are no name forms '{key}' (see /api/v1/name-forms)"),
    "note_slot_wrong_kind": N_("{where}: '{key}' is a {found}, not a {wanted}"),
    "note_no_draft": N_("draft_id: there is no draft {id}"),
    "note_version_missing": N_("version: draft {id} has no version {number}"),
    "note_version_without_draft": N_("version: give the draft_id of the draft too"),
    "note_draft_needed": N_("draft_id: a {note_kind} note concerns a draft; give the draft's id"),
    "note_ref_unknown": N_("{where}: there is no note {id} in the register"),
    "note_ref_date_mismatch": N_("{where}: note {number} is in the register dated {date}, not {given}"),
    "note_ref_self": N_("{where}: a note cannot refer to itself"),
    "note_ref_later": N_("{where}: note {number} of {date} is later than this note ({own})"),
    "note_ref_twice": N_("{where}: note {number} is referred to twice"),
    "note_deadline_before": N_("deadline: {deadline} is before the note's date ({date})"),
    "note_facts_invalid": N_("The facts do not make a note: {reason}."),
    "note_issued_unchangeable": N_("Note {number} was issued on {when}; an issued note cannot be changed."),
    "note_fields_not_null": N_("{fields}: cannot be null."),
    "note_already_issued": N_("Note {number} was already issued on {when}."),
    "note_refs_pending_one": N_("Note {number} refers to {pending}, not issued yet; issue it first."),
    "note_refs_pending": N_("Note {number} refers to {pending}, not issued yet; issue them first."),
    "note_forms_missing": N_("Note {number} cannot be issued: {count} name form(s) missing: {missing}. Fill them "
                             "in with PUT /api/v1/name-forms/{{key}}."),
    "note_unwritable": N_("Note {number} cannot be written: {reason}."),
    "note_unwritable_in": N_("Note {number} cannot be written in {language}: {missing}. Fill it in with PUT "
                             "/api/v1/name-forms/{key}."),
    "note_lang_unsupported": N_("Unsupported language '{lang}'; notes are written in {langs}."),
    # the notes core (app/core/notes: RegisterError, NoteFactsError, MissingForm)
    "register_invalid": N_("{reason}"),
    "register_bad_series": N_("bad note series '{series}': expected e.g. 'NCT/CT'"),
    "register_bad_number": N_("bad note number '{number}': expected <series>/<digits>"),
    "register_number_start": N_("note numbers start at 1"),
    "note_core_error": N_("the note cannot be written: {reason}"),
    "note_form_missing": N_("{language} {form_name} form of {entity_kind} '{label}' is missing (entity key "
                            "'{key}', forms['{lang}']['{form}'])"),
    "facts_problems": N_("{note_kind} note {number}: {problems}"),
    "facts_kind_unknown": N_("unknown note kind '{value}'; expected one of {kinds}"),
    "facts_entity_unknown": N_("unknown entity '{key}'"),
    "facts_form_unknown": N_("unknown form '{form}' in '{lang}' forms of '{key}'"),
    "facts_form_not_text": N_("form {lang}/{form} of '{key}' is not text"),
    "facts_no_number": N_("the note has no number"),
    "facts_no_addressee": N_("the note has no addressee"),
    "facts_title_needed": N_("a draft title is required"),
    "facts_deadline_needed": N_("a deadline is required"),
    "facts_references_unused": N_("references to earlier notes are not used"),
    "facts_meetings_unused": N_("meetings are not used"),
    "facts_meetings_exactly": N_("exactly {expected} meeting(s) expected, got {count}"),
    "facts_meetings_at_most": N_("at most {expected} meeting(s) expected, got {count}"),
    "facts_meetings_at_least": N_("at least {expected} meeting(s) expected, got {count}"),
    "facts_agenda_unused": N_("an agenda is not used"),
    "facts_enclosure_pages": N_("enclosure_pages must be at least 1"),
    "facts_enclosure_style": N_("enclosure_style must be one of {styles}"),
    # accounts (app/accounts)
    "email_invalid": N_("'{email}' is not an e-mail address."),
    "role_unknown": N_("Unknown role '{value}'; roles are: {roles}."),
    "password_too_short": N_("A password needs at least {min} characters."),
    "delegate_state_needed": N_("A delegate must be bound to one member state (--state ISO3)."),
    "member_state_unknown": N_("Unknown member state '{state}': use an ISO 3166-1 alpha-3 code such as KAZ."),
    "state_only_delegates": N_("Only delegates are bound to a member state."),
    "user_exists": N_("A user with e-mail {email} already exists."),
    "lang_unknown_use": N_("Unknown language '{lang}'; use one of {langs}."),
    # comparisons (app/compare)
    "match_mode_unknown": N_("match must be one of {modes}."),
    "preview_other_draft": N_("Proposal {id} is not about this draft."),
    "preview_other_version": N_("Proposal {id} is anchored to version {version}, not {number}."),
    "proposal_ids_invalid": N_("`proposals` is a comma-separated list of proposal ids."),
    "compare_format_unknown": N_("Unknown format '{format}'; use json, html or docx."),
    "compare_to_needed": N_("Give `to` (a version number) or `proposals` (ids to preview)."),
    # exports (app/exports)
    "draft_no_version": N_("Draft {id} has no version."),
    "proposal_status_unknown": N_("Unknown status {statuses}; use: {known}."),
    "export_clause_unknown": N_("No clause '{ref}' in version {number} (give a number such as 2.1 or a key)."),
    "export_range_backwards": N_("The clause range is backwards."),
    "redline_one_version": N_("A redline needs two versions: this draft has only one (give `from` and `to`)."),
    "export_unknown": N_("Unknown export '{export}'; use signature, parallel, compilation, redline or edit."),
    # the draft archive (app/archive.py, the CLI)
    "archive_unreadable": N_("Not a Concord draft archive: {reason}"),
    "archive_not_zip": N_("the file is not a zip archive"),
    "archive_no_manifest": N_("it has no manifest.json"),
    "archive_bad_manifest": N_("its manifest.json is not a list of the archived files"),
    "archive_format_unknown": N_("Unknown archive format {format}; expected {expected}."),
    "archive_file_missing": N_("{name}.jsonl is missing from the archive."),
    "archive_file_damaged": N_("{name}.jsonl does not match the manifest's hash: the archive is damaged."),
    "archive_rows_mismatch": N_("{name}.jsonl has {count} rows, the manifest says {expected}."),
    "archive_event_altered": N_("Audit event {id} in the archive does not match its hash: the archive was "
                                "altered."),
    "archive_not_empty": N_("The database already holds drafts; restore an archive into an empty database."),
    "archive_restore_differs": N_("The restored {name} differ from the archive ({diff}); nothing was restored."),
    # page-only refusals (app/web)
    "from_not_a_number": N_("`from` is a version number."),
    "deadline_format": N_("Give the deadline as a date and a time."),
    "window_close_confirm": N_("Tick the box to confirm that the window closes now."),
    "page_action_unknown": N_("Unknown action '{action}'."),
    "clause_not_current": N_("No such clause in the current version."),
    "pick_accepted_needed": N_("Choose at least one accepted proposal."),
    "invite_states_needed": N_("Choose at least one state to invite."),
    "form_date_invalid": N_("`{field}` is not a date."),
    "note_kind_needed": N_("Choose the kind of note."),
    "note_date_needed": N_("Give the date of the note."),
}

#: the kinds of note (app.core.notes.KINDS)
NOTE_KIND_WORDS: dict[str, str] = {
    "transmission": N_("transmission"), "invitation": N_("invitation"), "convening": N_("convening"),
    "silence": N_("silence"), "signature": N_("signature"),
}
#: the kinds of entity (app.models.ENTITY_KINDS)
ENTITY_KIND_WORDS: dict[str, str] = {
    "organisation": N_("organisation"), "addressee": N_("addressee"), "body": N_("body"),
    "title": N_("draft title"), "place": N_("place"), "agenda item": N_("agenda item"),
}
#: the forms of a name (app.core.notes.FORMS), as the English sentence names them
FORM_WORDS: dict[str, str] = {
    "nominative": N_("nominative"), "genitive": N_("genitive"), "dative": N_("dative"),
    "accusative": N_("accusative"), "instrumental": N_("instrumental"), "prepositional": N_("prepositional"),
    "locative": N_("locative"), "ablative": N_("ablative"),
    "short_nominative": N_("short nominative"), "short_genitive": N_("short genitive"),
    "short_dative": N_("short dative"), "short_accusative": N_("short accusative"),
    "short_instrumental": N_("short instrumental"), "short_prepositional": N_("short prepositional"),
    "short_locative": N_("short locative"), "short_ablative": N_("short ablative"),
    "attribute": N_("attribute"), "head": N_("head"), "letterhead": N_("letterhead"),
    "address_block": N_("address block"),
}
#: the languages of the notes, named in a message
LANGUAGE_WORDS: dict[str, str] = {"en": N_("English"), "ru": N_("Russian"), "kk": N_("Kazakh")}
OR = N_(" or ")

#: which param names of the notes core's errors are words of which table
TERM_PARAMS: dict[str, dict[str, str]] = {
    "note_kind": NOTE_KIND_WORDS, "entity_kind": ENTITY_KIND_WORDS, "found": ENTITY_KIND_WORDS,
    "wanted": ENTITY_KIND_WORDS, "form_name": FORM_WORDS, "language": LANGUAGE_WORDS,
}


class Term(AppErrorLike):
    """A word of a message that is a code of its own table (a kind of note, a form of a name...), kept
    apart from ``WORDS`` whose keys it could share ("title"); several codes are joined with "or"."""

    def __init__(self, table: Mapping[str, str], *codes: str):
        self.table, self.codes = table, codes

    def message(self, lang: str = "en") -> str:
        _ = _gettext(lang)
        return _(OR).join(_(self.table[c]) if c in self.table else c for c in self.codes)

    def plain(self):
        return self.codes[0] if len(self.codes) == 1 else list(self.codes)


def term_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """The params of a notes-core error as the errors' renderer wants them: words as :class:`Term`,
    a label in each language as :class:`Localized`; nested core errors are left to the caller."""
    out: dict[str, Any] = {}
    for k, v in params.items():
        table = TERM_PARAMS.get(k)
        if table is not None and isinstance(v, str):
            out[k] = Term(table, v)
        elif table is not None and isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
            out[k] = Term(table, *v)
        elif isinstance(v, dict) and v and all(isinstance(x, str) for x in v.values()):
            out[k] = Localized(v)
        else:
            out[k] = v
    return out
