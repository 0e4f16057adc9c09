"""The approval path's refusals as the pages show them: a sentence in the reader's language.

The meetings service raises plain (English) errors whose wording is stable; a step taken out
of order carries the lifecycle's facts (``extra``: the status, the step asked for, the missing
step and the next steps). Here each known wording is matched once and rendered from the
``messages`` catalog with its values, statuses and bodies translated, so that a refused
decision says, in Russian or Kazakh, which step must come first. An unknown wording falls back
to :func:`app.web.common.refusal_message` (the English text, marked ``lang="en"``)."""

from __future__ import annotations

import re

from fastapi import Request

from ..errors import AppError
from .common import gettext_for, refusal_message
from .i18n import negotiate
from .labels import N_

# (pattern on the English detail, msgid with the same named groups)
PATTERNS: list[tuple[re.Pattern, str]] = [(re.compile(p), m) for p, m in [
    (r"^A draft that is (?P<current>\w+) cannot become (?P<to>\w+): the step '(?P<missing>\w+)' \([^)]*?"
     r"(?: by (?P<body>[\w-]+))?\) must come first; next steps: (?P<next>[^.]*)\.$",
     N_("A draft that is “%(current)s” cannot become “%(to)s”: the step “%(missing)s”%(body)s must come first. "
        "Possible next steps: %(next)s.")),
    (r"^A draft that is (?P<current>\w+) cannot become (?P<to>\w+); next steps: (?P<next>[^.]*)\.$",
     N_("A draft that is “%(current)s” cannot become “%(to)s”. Possible next steps: %(next)s.")),
    (r"^The text still has square brackets in (?P<n>\d+) clause\(s\) \((?P<keys>[^)]*)\)",
     N_("The text still has square brackets in %(n)s clause(s) (%(keys)s); lift or resolve them before the text "
        "is agreed ad referendum.")),
    (r"^Clause\(s\) (?P<keys>.*) still have square brackets",
     N_("Clause(s) %(keys)s still have square brackets; resolve them before agreeing.")),
    (r"^Version (?P<agenda>\d+) is on the agenda but version (?P<latest>\d+) is now current",
     N_("Version %(agenda)s is on the agenda, but version %(latest)s is now current: put the current version on "
        "the agenda first.")),
    (r"^A text returned for revision needs instructions\.$",
     N_("A text returned for revision needs instructions: say what is to be revised.")),
    (r"^That draft is not on this meeting's agenda",
     N_("That draft is not on this meeting's agenda; put it on the agenda first.")),
    (r"^Draft (?P<id>\d+) is not on the agenda of meeting (?P<m>\d+)\.$",
     N_("That draft is not on this meeting's agenda; put it on the agenda first.")),
    (r"^A silence procedure is already running on this draft\.$",
     N_("A silence procedure is already running on this draft.")),
    (r"^A silence procedure cannot make this text (?P<step>\w+): (?P<why>.*)$",
     N_("A silence procedure cannot make this text “%(step)s”: %(why)s")),
    (r"^The deadline must be in the future\.$", N_("The deadline must be in the future.")),
    (r"^Only a delegate of a participating state can break silence\.$",
     N_("Only a delegate of a participating state can break silence.")),
    (r"^An objection needs its reason\.$", N_("An objection needs its reason: say why your state objects.")),
    (r"^No silence procedure is running on this draft\.$", N_("No silence procedure is running on this draft.")),
    (r"^The silence procedure is (?P<status>\w+)\.$", N_("The silence procedure is %(status)s.")),
    (r"^Silence ended at the deadline, (?P<when>.*); objections are no longer possible\.$",
     N_("Silence ended at the deadline, %(when)s; objections are no longer possible.")),
    (r"^Signatures are recorded on the final text; the draft is (?P<status>\w+): the step 'final' must come first\.$",
     N_("Signatures are recorded on the final text; the draft is “%(status)s”: the step “final” must come first.")),
    (r"^Signatures are recorded on the final text; the draft is (?P<status>\w+)\.$",
     N_("Signatures are recorded on the final text; the draft is “%(status)s”.")),
    (r"^'(?P<party>.*)' is not a party to this agreement; the parties are: (?P<parties>.*)\.$",
     N_("“%(party)s” is not a party to this agreement; the parties are: %(parties)s.")),
    (r"^(?P<party>.*) has already signed\.$", N_("%(party)s has already signed.")),
    (r"^'(?P<text>.*)' is not in the text of clause (?P<clause>.*)\.$",
     N_("“%(text)s” is not in the text of clause %(clause)s: copy the words to bracket from the clause.")),
    (r"^alternatives\[\d+\]: (?P<states>.*) do\(es\) not take part in this draft\.$",
     N_("%(states)s do(es) not take part in this draft.")),
    (r"^Bracket (?P<id>\d+) is already resolved\.$", N_("These brackets are already resolved.")),
    (r"^There is already a body '(?P<key>.*)'\.$", N_("There is already a body “%(key)s”.")),
    (r"^A new body needs its name \(the nominative form\) in (?P<langs>.*)\.$",
     N_("A new body needs its name in %(langs)s.")),
    (r"^Unknown time zone '(?P<tz>.*)'", N_("Unknown time zone “%(tz)s”; use a name such as Asia/Almaty.")),
    (r"^A meeting needs a place, or online: true\.$", N_("A meeting needs a place, or tick “online”.")),
    (r"^The draft is (?P<status>\w+): its text is locked\.$",
     N_("The draft is “%(status)s”: its text is locked.")),
    (r"^Meeting (?P<id>\d+) already has its convening note", N_("This meeting already has its convening note.")),
    (r"^Draft (?P<id>\d+) has no version (?P<n>\d+)\.$", N_("Draft %(id)s has no version %(n)s.")),
    (r"^Unknown member state\(s\): (?P<states>.*)\.$", N_("Unknown member state(s): %(states)s.")),
    (r"^The title still reads “(?P<found>[^”]*)”",
     N_("The title still reads “%(found)s”: the signature copy of the final text would open with it. Give the "
        "final title first (consolidate a version whose title block is the final title, and change the draft's "
        "title), then take this step.")),
    (r"^A decision needs a reason\.$", N_("A decision needs a reason.")),
    (r"^Meeting (?P<id>\d+) not found\.$", N_("Meeting %(id)s not found.")),
    (r"^Bracket (?P<id>\d+) not found\.$", N_("These brackets were not found.")),
]]
# texts the services store or return in English that pages show: re-anchoring notes, conflicts
NOTES: list[tuple[re.Pattern, str]] = [(re.compile(p), m) for p, m in [
    (r"^Clause (?P<clause>.+), where it was to be moved, was deleted in version (?P<n>\d+)\.$",
     N_("Clause %(clause)s, where it was to be moved, was deleted in version %(n)s.")),
    (r"^Clause (?P<clause>.+) was deleted in version (?P<n>\d+)\.$",
     N_("Clause %(clause)s was deleted in version %(n)s.")),
    (r"^Clause (?P<clause>.+) was changed in version (?P<n>\d+) after its deletion was proposed; confirm the "
     r"proposal\.$",
     N_("Clause %(clause)s was changed in version %(n)s after its deletion was proposed; confirm the proposal.")),
    (r"^Clause (?P<clause>.+) changed in version (?P<n>\d+); the amendment still applies and was carried over\.$",
     N_("Clause %(clause)s changed in version %(n)s; the amendment still applies and was carried over.")),
    (r"^Clause (?P<clause>.+) changed in version (?P<n>\d+) and the amendment no longer applies cleanly; compare "
     r"the old and new text and update it\.$",
     N_("Clause %(clause)s changed in version %(n)s and the amendment no longer applies cleanly; compare the old "
        "and new text and update it.")),
    (r"^Initial text$", N_("Initial text")),
    (r"^Returned for revision \(meeting (?P<m>\d+)\): (?P<text>.*)$",
     N_("Returned for revision (meeting %(m)s): %(text)s")),
    (r"^two different new wordings for the same clause$", N_("two different new wordings for the same clause")),
    (r"^the same clause moved to two different places$", N_("the same clause moved to two different places")),
    (r"^clause (?P<clause>\S+) is not in the base version$", N_("clause %(clause)s is not in the base version")),
]]
STATUS_WORDS = ("current", "to", "missing", "status", "step")


def _statuses(value: str, _) -> str:
    return ", ".join(_(s.strip()) for s in value.split(",") if s.strip()) or _("none")


def known(text: str, _, body_names: dict[str, str] | None = None) -> str | None:
    """``text`` (a service's English sentence) in the language of ``_``, or None when not known here."""
    for pattern, msgid in PATTERNS + NOTES:
        m = pattern.match(text)
        if m is None:
            continue
        values = {k: (v or "") for k, v in m.groupdict().items()}
        for k in STATUS_WORDS:
            if values.get(k):
                values[k] = _(values[k])
        if "next" in values:
            values["next"] = _statuses(values["next"], _)
        if "body" in values:
            name = (body_names or {}).get(values["body"], values["body"])
            values["body"] = f" ({name})" if values["body"] else ""
        if "why" in values:
            values["why"] = known(values["why"], _, body_names) or values["why"]
        return _(msgid) % values
    return None


def in_language(text: str, _) -> tuple[str, str | None]:
    """For a template: the text translated when known, else as it is with ``"en"`` for its lang attribute."""
    if not text:
        return "", None
    out = known(text, _)
    return (out, None) if out is not None else (text, "en")


# what a role may not do (the ``what`` of ``role_forbidden``, app.accounts.permissions.require_role)
ROLE_ACTIONS = [
    N_("change drafts"), N_("change notes"), N_("change the proposal window"), N_("consolidate versions"),
    N_("convene meetings"), N_("create bodies"), N_("decide on proposals"), N_("edit name forms"),
    N_("import drafts"), N_("open drafts for proposals"), N_("read the audit log"), N_("read the name forms"),
    N_("read the note register"), N_("record meetings, attendance and decisions"), N_("record signatures"),
    N_("register notes"), N_("review conflicting proposals"), N_("start a silence procedure"),
    N_("translate clauses"), N_("make the text final"), N_("work with the register of notes"),
]
ROLE_PARAMS = ("role", "what")


def translate_detail(request: Request, exc: AppError) -> str | None:
    """The refusal's detail in the reader's language, or None when its wording is not known here."""
    _ = gettext_for(request)
    if exc.msgid:  # a coded error: its own catalog, with the words among its values translated too
        if exc.code == "role_forbidden":
            from ..errors.messages import render

            params = {**exc.params, **{k: _(str(exc.params[k])) for k in ROLE_PARAMS if k in exc.params}}
            return render(exc.msgid, exc.text, params, negotiate(request))
        return exc.message(negotiate(request))
    return known(exc.detail, _, getattr(request.state, "body_names", {}))


def approval_refusal(request: Request, exc: AppError) -> dict:
    """A refusal of the approval path for ``_refusal.html``: general sentence and translated detail."""
    return refusal_message(request, exc)
