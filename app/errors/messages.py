"""The coded error messages (gettext domain ``errors``) and their rendering in a language.

Each code maps to an English msgid with ``{named}`` placeholders; ``make i18n`` extracts
them into ``locales/<lang>/LC_MESSAGES/errors.po``.
"""

from __future__ import annotations


def N_(s: str) -> str:  # noqa: N802  (the gettext marker for extraction)
    return s


MESSAGES: dict[str, str] = {
    # generic, one per class
    "bad_request": N_("The request is not valid."),
    "not_authenticated": N_("Authentication required."),
    "forbidden": N_("You may not do this."),
    "not_found": N_("Not found."),
    "conflict": N_("This conflicts with the current state; reload and try again."),
    "precondition_failed": N_("It was changed by someone else since you read it; reload it and try again."),
    "too_large": N_("The request is too large."),
    "unsupported_media": N_("This kind of file is not accepted here."),
    "invalid": N_("The request is not valid."),
    "precondition_required": N_("This change needs an If-Match header with the ETag from your last read "
                                "(read it first)."),
    "too_many_requests": N_("Too many requests; try again later."),
    "internal": N_("Internal error; it has been logged."),
    # authentication and permissions
    "token_invalid": N_("Your token is invalid or has expired; log in again."),
    "csrf_failed": N_("Missing or wrong CSRF token; reload the page and try again."),
    "login_failed": N_("Incorrect e-mail or password."),
    "login_throttled": N_("Too many failed logins; try again in {seconds} seconds."),
    "role_forbidden": N_("Your role ({role}) may not {what}."),
    "delegates_only": N_("Only delegates of {state} can act on this proposal."),
    # missing objects
    "draft_not_found": N_("Draft {id} not found."),
    "proposal_not_found": N_("Proposal {id} not found."),
    "note_not_found": N_("Note {id} not found."),
    "version_not_found": N_("Draft {id} has no version {number}."),
    "no_route": N_("No such page or endpoint: {path}"),
    "method_not_allowed": N_("Method {method} is not allowed on {path}"),
    # optimistic locking and concurrency
    "if_match_required": N_("Changing {what} needs an If-Match header with its ETag (read it first)."),
    "if_match_failed": N_("{what} was changed by someone else since you read it; reload it and try again."),
    "if_match_star": N_("If-Match: * is not accepted here; send the ETag you read."),
    "concurrent_change": N_("Someone else changed this at the same moment; reload it and try again."),
    "database_busy": N_("The record is being changed by someone else right now; try again in a moment."),
    "duplicate": N_("This was just created by someone else; reload and try again."),
    "already_decided": N_("Proposal {id} is already decided ({status}). Changing a decision is an explicit act "
                          "with its own reason: use “Change the decision” on the proposal (in the API, send "
                          "\"redecide\": true with the reason for the change)."),
    # validation and limits
    "validation": N_("Invalid request: {errors}"),
    "number_out_of_range": N_("A number in the request is out of range."),
    "nul_character": N_("The text in {field} contains a NUL character, which is not allowed."),
    "control_character": N_("The text in {field} contains a control character (U+{codepoint}), which is not "
                            "allowed."),
    "body_too_large": N_("The request body is larger than the {limit} bytes accepted here."),
    "too_many_clauses": N_("A draft may hold at most {limit} clauses; this text has {count}."),
    "text_too_long": N_("A clause may hold at most {limit} characters; clause {key} has {count}."),
    "bad_json": N_("The request body is not valid JSON."),
    # renumbering (the editorial act)
    "renumber_stale_base": N_("Version {number} is now the latest; renumber from version {number}, not {base}."),
    "renumber_nothing": N_("The labels of version {number} already follow their position; there is nothing to "
                           "renumber."),
    "renumber_raced": N_("Another change of this draft made version {number} first; reload and renumber again."),
    # a revised text imported as the next version (app/drafts/reimport.py)
    "reimport_locked": N_("The draft is {status}: its text is locked, so no revised text can become its next version."),
    "reimport_unreadable": N_("The file “{name}” could not be read as a revised text, so nothing was stored: {reason}"),
    "reimport_unknown_attribution": N_("“{value}” is neither a party nor a participant of this draft; attribute "
                                       "the revised text to one of: {allowed}."),
    "reimport_base_required": N_("Say which version the revised text was checked against (base_version: the "
                                 "current version is {latest}); preview the file first."),
    "reimport_stale_base": N_("The file was checked against version {base}, but version {latest} is now the "
                              "current one; preview the file again against version {latest}."),
    "reimport_no_change": N_("The file says exactly what version {number} says; no new version was made."),
    "reimport_race": N_("Another change of this draft made version {number} first; reload the draft and upload "
                        "the file again."),
    # importing a text (the parser's refusals: app/core/clauses/parse.py PARSE_MESSAGES)
    "parse_not_utf8": N_("The file is not UTF-8 text."),
    "parse_nul_bytes": N_("This is not a text file: it contains NUL bytes. Upload the draft as .txt, .md or .docx."),
    "parse_empty": N_("The text is empty."),
    "parse_control_characters": N_("This does not look like text: it is full of control characters (is it a binary file, or "
              "text in the wrong encoding?)."),
    "parse_empty_markup": N_("The text is empty once its formatting is removed."),
    "parse_too_short": N_("This text does not read as an agreement: it has only {words} words. A draft needs at "
              "least two of: recitals, an enacting formula, articles or sections, numbered paragraphs, "
              "a closing formula or signatures."),
    "parse_no_structure": N_("This text does not read as an agreement: it has no recitals, enacting formula, articles,"
              " numbered paragraphs or closing formula. A draft needs at least two of: recitals, an "
              "enacting formula, articles or sections, numbered paragraphs, a closing formula or "
              "signatures."),
    "parse_only_recitals": N_("This text does not read as an agreement: it has recitals and nothing else an agreement "
              "has. A draft needs at least two of: recitals, an enacting formula, articles or sections,"
              " numbered paragraphs, a closing formula or signatures."),
    "parse_only_formula": N_("This text does not read as an agreement: it has an enacting formula (such as “Have "
              "agreed as follows:”) and nothing else an agreement has. A draft needs at least two of: "
              "recitals, an enacting formula, articles or sections, numbered paragraphs, a closing "
              "formula or signatures."),
    "parse_only_sections": N_("This text does not read as an agreement: it has articles or sections and nothing else an"
              " agreement has. A draft needs at least two of: recitals, an enacting formula, articles "
              "or sections, numbered paragraphs, a closing formula or signatures."),
    "parse_only_paragraphs": N_("This text does not read as an agreement: it has numbered paragraphs and nothing else an "
              "agreement has. A draft needs at least two of: recitals, an enacting formula, articles or"
              " sections, numbered paragraphs, a closing formula or signatures."),
    "parse_only_closing": N_("This text does not read as an agreement: it has a closing formula or signatures and "
              "nothing else an agreement has. A draft needs at least two of: recitals, an enacting "
              "formula, articles or sections, numbered paragraphs, a closing formula or signatures."),
    "parse_only_letter": N_("This text does not read as an agreement: it has the salutation of a letter and nothing "
                            "else an agreement has. A draft needs at least two of: recitals, an enacting formula, "
                            "articles or sections, numbered paragraphs, a closing formula or signatures."),
    "import_unexplained": N_("The import would change the text without saying why, so nothing was stored: "
                             "{summary}. Send the file to the Concord team with this message."),
    # the lifecycle (app/core/lifecycle.py) and the approval path (app/meetings/service.py)
    "transition_missing_step": N_("A draft that is “{current}” cannot become “{to}”: the step “{missing}” must come "
                                  "first; next steps: {next}."),
    "transition_missing_step_by": N_("A draft that is “{current}” cannot become “{to}”: the step “{missing}” ({body}) "
                                     "must come first; next steps: {next}."),
    "transition_refused": N_("A draft that is “{current}” cannot become “{to}”; next steps: {next}."),
    "unknown_status": N_("Unknown status “{status}”; statuses are: {known}."),
    "lifecycle_invalid": N_("The procedure is not valid: {reason}."),
    "procedure_last_step": N_("the last approval step must be “approved”"),
    "procedure_step_twice": N_("an approval step is listed twice"),
    "procedure_unknown_step": N_("unknown approval step “{step}”; steps are {steps}"),
    "procedure_approved_optional": N_("the “approved” step cannot be optional"),
    "procedure_steps_invalid": N_("steps: {reason}."),
    "procedure_status_not_step": N_("The draft is {status}, which is not a step of that procedure."),
    "entry_days_needed": N_("The rule “a number of days after the last ratification notification” needs that number "
                            "of days (1 or more)."),
    "text_locked": N_("The draft is {status}: its text is locked."),
    "final_title_needed": N_("The title still reads “{found}”: the signature copy of the final text would open with "
                             "“DRAFT”. Give the final title first (consolidate a version whose title block is the "
                             "final title, as an editorial change, and change the draft's title), then make it final."),
    "timezone_unknown": N_("Unknown time zone “{tz}”; use an IANA name such as Asia/Almaty."),
    "meeting_not_found": N_("Meeting {id} not found."),
    "body_exists": N_("There is already a body “{key}”."),
    "body_names_missing": N_("A new body needs its name (the nominative form) in {langs}."),
    "name_forms_not_body": N_("The name forms “{key}” are a {kind}, not a body."),
    "name_forms_exist": N_("The name forms “{key}” exist already; change them with PUT /api/v1/name-forms/{key}."),
    "body_unknown": N_("There is no body “{key}” (see GET /api/v1/bodies)."),
    "place_unknown": N_("There are no name forms of a place “{place}” (see /api/v1/name-forms)."),
    "meeting_place_needed": N_("A meeting needs a place, or to be held online."),
    "states_unknown": N_("Unknown member state(s): {states}."),
    "convening_note_exists": N_("Meeting {id} already has its convening note ({note})."),
    "decision_not_on_agenda": N_("That draft is not on this meeting's agenda; choose an item of the agenda of meeting "
                                 "{meeting} (or put the draft on its agenda first)."),
    "returned_needs_instructions": N_("A text returned for revision needs instructions: say what is to be revised."),
    "agenda_version_stale": N_("Version {agenda} is on the agenda but version {latest} is now current; put the "
                               "current version on the agenda first."),
    "text_bracketed": N_("The text still has square brackets in {count} clause(s) ({keys}); resolve them before "
                         "agreeing it ad referendum."),
    "decision_unknown": N_("Unknown decision “{kind}”."),
    "draft_not_on_agenda": N_("Draft {id} is not on the agenda of meeting {meeting}."),
    "agreement_invalid": N_("Nothing was recorded: {problems}."),
    "agreement_no_clause": N_("version {number} has no clause “{key}”"),
    "agreement_not_counted": N_("clause {key} ({kind}) is not agreed on its own"),
    "clauses_bracketed": N_("Clause(s) {keys} still have square brackets; resolve them before agreeing."),
    "clause_not_in_version": N_("Version {number} has no clause “{key}”."),
    "bracket_text_not_in_clause": N_("“{text}” is not in the text of clause {clause}: copy the words to bracket from "
                                     "the clause."),
    "bracket_states_not_participants": N_("Alternative {index}: {states} do(es) not take part in this draft."),
    "bracket_not_found": N_("Bracket {id} not found."),
    "bracket_resolved": N_("Bracket {id} is already resolved."),
    "bracket_choice_range": N_("Choose an alternative from 0 to {last}."),
    "silence_running": N_("A silence procedure is already running on this draft."),
    "silence_step_refused": N_("A silence procedure cannot make this text “{step}”: {reason}"),
    "deadline_past": N_("The deadline must be in the future."),
    "silence_note_invalid": N_("Note {id} is not a silence note of this draft."),
    "silence_delegates_only": N_("Only a delegate of a participating state can break silence."),
    "objection_reason_needed": N_("An objection needs its reason: say why your state objects."),
    "silence_not_running": N_("No silence procedure is running on this draft."),
    "silence_status": N_("The silence procedure is {status}."),
    "silence_ended": N_("Silence ended at the deadline, {when}; objections are no longer possible."),
    "signature_not_final": N_("Signatures are recorded on the final text; the draft is “{status}”."),
    "signature_final_first": N_("Signatures are recorded on the final text; the draft is “{status}”: the step "
                                "“final” must come first."),
    "not_a_party": N_("“{party}” is not a party to this agreement; the parties are: {parties}."),
    "already_signed": N_("{party} has already signed."),
    # Idempotency-Key (app/idempotency.py)
    "idempotency_key_invalid": N_("The Idempotency-Key header must be 1 to 255 visible ASCII characters."),
    "idempotency_key_reused": N_("This Idempotency-Key was already used for a different request; send a new key "
                                 "with a new request."),
    "idempotency_in_progress": N_("A request with this Idempotency-Key is still being carried out; try again in a "
                                  "moment."),
    "idempotency_answer_lost": N_("The request with this Idempotency-Key was carried out, but its answer was lost; "
                                  "read the current state instead of repeating it."),
    # proposals: the window, proposing, submitting, co-sponsors, decisions, consolidation (app/proposals)
    "window_version_not_current": N_("Only the current version ({latest}) can be opened for proposals, not "
                                     "version {version}."),
    "window_already_open": N_("Version {version} is already open for proposals until {deadline}; extend or "
                              "close that window instead."),
    "window_none_open": N_("This draft has no open proposal window."),
    "new_deadline_past": N_("The new deadline must be in the future."),
    "window_not_open": N_("This draft is not open for proposals."),
    "window_closed": N_("The window for proposals closed on {when}."),
    "window_deadline_passed": N_("The window for proposals closed on {when} (the deadline)."),
    "window_version_moved": N_("The window was opened on version {version}; version {latest} is now current"
                               " and is not open for proposals."),
    "window_refused": N_("{reason} Nothing was stored."),
    "delegates_propose_only": N_("Only a member state's delegate can propose amendments for that state."),
    "delegates_import_only": N_("Only a member state's delegate can import proposals for that state."),
    "proposal_kind_unknown": N_("Unknown kind of proposal '{kind}'; use one of {kinds}."),
    "comment_text_needed": N_("A comment needs its text (in `rationale`)."),
    "clause_key_needed": N_("Say which clause the proposal is about (`clause_key`)."),
    "proposal_clause_unknown": N_("Version has no clause '{key}'."),
    "quoted_text_mismatch": N_("The quoted text does not match clause {clause} of the base version; it may "
                               "have changed. Reload the current text and propose again."),
    "wording_empty": N_("New wording is empty; to remove the clause, propose its deletion."),
    "wording_unchanged": N_("The proposed wording is the same as the current text."),
    "insert_position_needed": N_("An insertion needs `position`: before, after or last_child."),
    "new_clause_empty": N_("The new clause has no text."),
    "new_clause_kind_invalid": N_("A new clause cannot be of kind '{kind}'."),
    "move_position_needed": N_("A move needs `position`: before, after or last_child."),
    "move_anchor_unknown": N_("Where to move it: version has no clause '{key}'."),
    "move_into_itself": N_("A clause cannot be moved next to or inside itself."),
    "translation_lang_not_working": N_("'{lang}' is not a working language of this draft ({langs})."),
    "translations_not_texts": N_("Translations are texts, by language code."),
    "proposal_base_stale": N_("Proposals are made against the current version ({latest}), not version "
                              "{base}."),
    "submit_not_draft": N_("Proposal {id} is {status}; only a draft proposal can be submitted."),
    "submit_version_stale": N_("Proposal {id} was made against version {version}; version {latest} is "
                               "current."),
    "submit_anchor_first": N_("Proposal {id} {anchor}: update it before submitting."),
    "withdraw_too_late": N_("Proposal {id} is {status} and can no longer be withdrawn."),
    "edit_not_draft": N_("Proposal {id} is {status}; only a draft (or one needing attention) can be edited."),
    "field_not_editable": N_("'{field}' cannot be edited."),
    "invite_too_late": N_("Proposal {id} is {status}; co-sponsors can no longer be invited."),
    "state_unknown": N_("Unknown member state '{state}'."),
    "cosponsor_own": N_("A state cannot co-sponsor its own proposal."),
    "state_not_participant": N_("{state} does not take part in this draft."),
    "cosponsor_not_invited": N_("{state} has not been invited to co-sponsor proposal {id}."),
    "proposal_is": N_("Proposal {id} is {status}."),
    "decision_choice_unknown": N_("Unknown decision '{decision}'; use one of {decisions}."),
    "decide_not_submitted": N_("Proposal {id} is {status}; only submitted proposals are decided."),
    "already_consolidated": N_("Proposal {id} is already part of version {version}."),
    "decision_reason_needed": N_("A decision needs a reason."),
    "comment_no_text_change": N_("A comment changes no text: note it (or reject it)."),
    "accept_anchor_first": N_("Proposal {id} {anchor}; it cannot be accepted as it stands."),
    "modify_kind_refused": N_("Only new wording or a new clause can be accepted with modifications."),
    "modified_text_needed": N_("Give the secretariat's wording (`modified_text`)."),
    "merged_into_needed": N_("Say which other proposal of this draft it is merged into (`merged_into`)."),
    "merge_target_closed": N_("Proposal {id} is {status}; nothing can be merged into it."),
    "editorial_kind_unknown": N_("Unknown editorial change '{kind}'."),
    "editorial_position_needed": N_("An editorial insertion or move needs `position`: before, after or "
                                    "last_child."),
    "proposals_not_together": N_("These proposals cannot all be applied together."),
    "proposal_not_applicable": N_("A proposal cannot be applied to version {number}: {reason}."),
    "consolidate_stale_base": N_("Version {latest} already exists (created {created}); consolidate from "
                                 "version {latest}, not {base}."),
    "not_draft_proposals": N_("Not proposals of this draft: {ids}."),
    "consolidate_problems": N_("Some chosen proposals cannot be consolidated."),
    "nothing_to_consolidate": N_("Nothing to consolidate: no accepted proposal and no editorial change."),
    "changes_conflict": N_("{count} conflict(s) between the changes; resolve them first."),
    "change_not_applicable": N_("A change cannot be applied: {reason}."),
    "consolidate_no_change": N_("These changes leave the text as it is; no new version was made."),
    "consolidate_raced": N_("Another consolidation of this draft made version {number} first; reload."),
    "consolidate_proposals_changed": N_("Some proposals were changed while this version was being "
                                        "consolidated; nothing was stored. Try again."),
    "proposal_action_unknown": N_("Unknown action '{action}'; use submit, withdraw, invite, "
                                  "accept-invitation, decline-invitation or decide."),
    # drafts: languages, translations, participants, sharing, uploaded files (app/drafts)
    "draft_lang_unknown": N_("Unknown language '{lang}' for this draft; it has: {known}."),
    "authentic_not_translation": N_("'{lang}' is the authentic language of this draft; change its text by a"
                                    " proposal, not as a translation."),
    "version_clause_unknown": N_("Version {number} has no clause '{key}'."),
    "translation_empty": N_("The translation is empty."),
    "translation_heading_needed": N_("This clause has a heading; give its translation too."),
    "lang_unknown_known": N_("Unknown language '{lang}'; Concord knows: {known}."),
    "lang_unknown": N_("Unknown language '{lang}'."),
    "share_observers_only": N_("Drafts are shared with observers only; give an observer's user id."),
    "upload_too_large": N_("The file is larger than the limit of {mb} MB."),
    "upload_empty": N_("The file '{name}' is empty."),
    "upload_pdf": N_("'{name}' is a PDF; import a .txt, .md or .docx file."),
    "upload_zip": N_("'{name}' is a zip package, not a text file; if it is a Word document, name it .docx."),
    "upload_not_utf8": N_("'{name}' is not UTF-8 text (a binary file?); save it as UTF-8 text or .docx."),
    "upload_binary": N_("'{name}' is a binary file, not text."),
    "upload_looks_binary": N_("'{name}' looks like a binary file, not text."),
    "upload_no_text": N_("The file '{name}' has no text."),
    "upload_word_only": N_("'{name}': Concord imports .txt, .md and .docx (Word) files only."),
    "upload_type_unsupported": N_("'{name}': unsupported file type; Concord imports .txt, .md and .docx "
                                  "files."),
    # importing proposals from a Word document with tracked changes (app/proposals/docx_import.py)
    "docx_no_tracked_changes": N_("No tracked changes found in the document's text (formatting changes are "
                                  "not amendments): turn on Track Changes (Word: Review > Track Changes; "
                                  "LibreOffice: Edit > Track Changes > Record Changes) before editing, then"
                                  " upload it again."),
    "docx_all_others": N_("Every tracked change and comment in this document is someone else's (Concord's "
                          "redline, the secretariat or another member state); none of them is made into a "
                          "proposal of your state, and nothing was stored. Make your own changes with Track"
                          " Changes on and upload it again."),
    "docx_unrelated": N_("This document does not match version {version} of the draft: only {coverage}% of "
                         "its text (before your changes) was found in it. Export the current version "
                         "(signature.docx), make your changes there with Track Changes on, and upload that;"
                         " nothing was stored."),
    "docx_nothing_made": N_("None of the tracked changes could be made into proposals; nothing was stored. "
                            "See the reasons for each paragraph."),
}


class Word(str):
    """A param value that is itself a word of the interface (a status, a step, a decision): shown
    through :data:`WORDS` in the reader's language at render time; programs get the code."""


class Words(tuple):
    """Several words (e.g. the next steps), joined with commas once translated; none: "none"."""


class Localized(dict):
    """A name from the data in each language (``{"en": ..., "ru": ..., "kk": ...}``), e.g. a body's name."""

    def pick(self, lang: str) -> str:
        return str(self.get(lang) or self.get("en") or next(iter(self.values()), ""))


#: params whose (plain string) values are words when :data:`WORDS` knows them, whatever the code
WORD_PARAMS = ("status", "current", "to", "missing", "step", "next", "role", "what", "kind")

#: the words that appear inside messages (codes stored as data), in English; translated in errors.po
WORDS: dict[str, str] = {
    # the lifecycle (app.core.lifecycle.STATUSES)
    "drafting": N_("drafting"), "open": N_("open for proposals"), "under_review": N_("under review"),
    "on_agenda": N_("on a meeting's agenda"), "agreed_ad_referendum": N_("agreed ad referendum"),
    "approved": N_("approved"), "final": N_("final"), "signed": N_("signed"), "in_force": N_("in force"),
    "returned": N_("returned for revision"),
    # proposals (the statuses a decided proposal may have)
    "submitted": N_("submitted"), "withdrawn": N_("withdrawn"), "accepted": N_("accepted"),
    "accepted_modified": N_("accepted with modifications"), "rejected": N_("rejected"),
    "merged": N_("merged into another proposal"), "noted": N_("noted"), "superseded": N_("superseded"),
    "draft": N_("a draft of its delegation"),
    # the silence procedure
    "running": N_("running"), "broken": N_("broken by an objection"), "agreed": N_("over: agreed"),
    "void": N_("void (the text changed)"),
    # where a proposal stands against its clause (Proposal.anchor_status)
    "needs_attention": N_("needs attention (its clause changed)"),
    "orphaned": N_("is orphaned (its clause is gone)"),
    # clause kinds (app.core.clauses.tree)
    "title": N_("title"), "party": N_("party"), "recital": N_("recital"), "formula": N_("enacting formula"),
    "section": N_("section"), "paragraph": N_("paragraph"), "item": N_("item"), "text": N_("text"),
    "closing": N_("closing formula"), "signature": N_("signature block"),
    # roles (app.accounts.permissions)
    "admin": N_("admin"), "secretariat": N_("secretariat"), "translator": N_("translator"),
    "delegate": N_("delegate"), "observer": N_("observer"),
    # what a role may not do (the ``what`` of ``role_forbidden``, app.accounts.permissions.require_role)
    **{w: w for w in (
        N_("change drafts"), N_("change notes"), N_("change the proposal window"), N_("consolidate versions"),
        N_("convene meetings"), N_("create bodies"), N_("decide on proposals"), N_("edit name forms"),
        N_("import drafts"), N_("open drafts for proposals"), N_("read the audit log"), N_("read the name forms"),
        N_("read the note register"), N_("record meetings, attendance and decisions"), N_("record signatures"),
        N_("register notes"), N_("review conflicting proposals"), N_("start a silence procedure"),
        N_("translate clauses"), N_("make the text final"), N_("work with the register of notes"),
        N_("import a revised text as the next version"), N_("renumber a draft"))},
}
NONE_WORD = N_("none")


def _gettext(lang: str):
    if not lang or lang == "en":
        return lambda s: s
    try:
        from ..core.i18n.catalogs import translations

        return translations(lang, "errors").gettext
    except (OSError, ValueError, LookupError):
        return lambda s: s


def _value(name: str, value, lang: str, _):
    """One param as the reader reads it: words translated, names in the language, dates local."""
    from datetime import date, datetime

    if isinstance(value, AppErrorLike):
        return value.message(lang)
    if isinstance(value, Localized):
        return value.pick(lang)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, AppErrorLike) for v in value):
        return "; ".join(v.message(lang) for v in value)
    if isinstance(value, Words) or (name in WORD_PARAMS and isinstance(value, (list, tuple))):
        return ", ".join(_word(str(v), _) for v in value) or _(NONE_WORD)
    if isinstance(value, Word) or (name in WORD_PARAMS and isinstance(value, str) and value in WORDS):
        return _word(str(value), _)
    if isinstance(value, datetime):
        return _local(value, lang)
    if isinstance(value, date):
        from babel.dates import format_date

        return format_date(value, "long", locale=lang or "en")
    return value


def _word(code: str, _) -> str:
    return _(WORDS[code]) if code in WORDS else code


def _local(dt, lang: str) -> str:
    from zoneinfo import ZoneInfo

    from babel.dates import format_datetime

    from ..config import get_settings

    tz = get_settings().display_timezone
    return f"{format_datetime(dt.astimezone(ZoneInfo(tz)), 'd MMMM y, HH:mm', locale=lang or 'en')} ({tz})"


class AppErrorLike:
    """What a nested error param offers (an error inside another one's message, e.g. the lifecycle's reason)."""

    def message(self, lang: str = "en") -> str:  # pragma: no cover - an interface
        raise NotImplementedError


def plain(value):
    """A param as programs get it in the JSON body: codes, not words; ISO dates; no nested objects."""
    from datetime import date

    if hasattr(value, "plain"):  # e.g. the request's field problems: their English text
        return value.plain()
    if isinstance(value, AppErrorLike):
        return getattr(value, "code", None)
    if isinstance(value, Localized):
        return value.pick("en")
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return None


def render(msgid: str | None, text: str, params: dict, lang: str) -> str:
    """A coded message (``msgid``) translated and formatted, or a free text (translated if known).

    Params that are words (:class:`Word`, :class:`Words`, or a value of :data:`WORD_PARAMS` that
    :data:`WORDS` knows), names (:class:`Localized`), dates and nested errors are rendered in
    ``lang`` too, so a Russian sentence does not carry English statuses."""
    _ = _gettext(lang)
    source = msgid or text
    out = _(source)
    if msgid and params:
        values = {k: _value(k, v, lang, _) for k, v in params.items()}
        try:
            return out.format(**values)
        except (KeyError, IndexError, ValueError):
            return source.format_map({**{k: "" for k in _names(source)}, **values})
    return out


def _names(s: str) -> list[str]:
    import string

    return [f for _, f, _, _ in string.Formatter().parse(s) if f]


from .more_messages import MORE_MESSAGES  # noqa: E402  (codes of app/errors/more_messages.py, imported last)

MESSAGES.update(MORE_MESSAGES)
