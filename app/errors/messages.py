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
    "already_decided": N_("Proposal {id} is already decided ({status}); to change the decision, send "
                          "\"redecide\": true with the reason for the change."),
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
    # Idempotency-Key (app/idempotency.py)
    "idempotency_key_invalid": N_("The Idempotency-Key header must be 1 to 255 visible ASCII characters."),
    "idempotency_key_reused": N_("This Idempotency-Key was already used for a different request; send a new key "
                                 "with a new request."),
    "idempotency_in_progress": N_("A request with this Idempotency-Key is still being carried out; try again in a "
                                  "moment."),
    "idempotency_answer_lost": N_("The request with this Idempotency-Key was carried out, but its answer was lost; "
                                  "read the current state instead of repeating it."),
}


def render(msgid: str | None, text: str, params: dict, lang: str) -> str:
    """A coded message (``msgid``) translated and formatted, or a free text (translated if known)."""
    source = msgid or text
    out = source
    if lang and lang != "en":
        try:
            from ..core.i18n.catalogs import translations

            out = translations(lang, "errors").gettext(source)
        except (OSError, ValueError, LookupError):
            out = source
    if msgid and params:
        try:
            return out.format(**params)
        except (KeyError, IndexError, ValueError):
            return source.format_map({**{k: "" for k in _names(source)}, **params})
    return out


def _names(s: str) -> list[str]:
    import string

    return [f for _, f, _, _ in string.Formatter().parse(s) if f]
