"""Words stored as codes (roles, statuses) that pages translate: marked here for extraction."""


def N_(s: str) -> str:  # noqa: N802 - gettext convention
    return s


ROLE_LABELS = [N_("admin"), N_("secretariat"), N_("translator"), N_("delegate"), N_("observer")]
STATUS_LABELS = [
    N_("drafting"), N_("open"), N_("under_review"), N_("on_agenda"), N_("agreed_ad_referendum"), N_("approved"),
    N_("final"), N_("signed"), N_("in_force"), N_("returned"),
]

# The comparison's labels (app/core/compare/html.py LABELS), translated for pages.
COMPARE_LABELS = {
    "unchanged": N_("Unchanged"), "modified": N_("Modified"), "inserted": N_("Inserted"), "deleted": N_("Deleted"),
    "moved": N_("Moved"), "renumbered": N_("Renumbered"), "was": N_("was {number}"),
    "split_from": N_("split from {number}"), "merged_into": N_("merged into {number}"),
    "ins_start": N_("[insertion start]"), "ins_end": N_("[insertion end]"), "del_start": N_("[deletion start]"),
    "del_end": N_("[deletion end]"), "caption": N_("Changes from {old} to {new}"), "caption_plain": N_("Changes"),
    "clause": N_("Clause"), "old": N_("Previous text"), "new": N_("New text"), "none": N_("none"),
    "renumbering": N_("Renumbering"), "old_number": N_("Old number"), "new_number": N_("New number"),
}
PROPOSAL_LABELS = [
    N_("replace"), N_("insert"), N_("delete"), N_("move"), N_("comment"),
    N_("draft"), N_("submitted"), N_("withdrawn"), N_("accepted"), N_("accepted_modified"), N_("rejected"),
    N_("merged"), N_("noted"), N_("superseded"),
    N_("current"), N_("carried"), N_("applied"), N_("needs_attention"), N_("orphaned"),
]
CLAUSE_KINDS = [
    N_("title"), N_("party"), N_("recital"), N_("formula"), N_("section"), N_("paragraph"), N_("item"), N_("text"),
    N_("closing"), N_("signature"),
]
MORE_LABELS = [N_("translation up to date"), N_("invited"), N_("declined"), N_("issued"), N_("unresolved"),
               N_("ambiguous")]
NOTE_KINDS = [N_("transmission"), N_("invitation"), N_("convening"), N_("silence")]  # "signature": above

# What an audit event is about (AuditEvent.object_type), as the audit page names it.
AUDIT_OBJECTS = {
    "draft": N_("Draft"), "proposal": N_("Proposal"), "clause": N_("Clause"), "note": N_("Note"),
    "meeting": N_("Meeting"), "body": N_("Body"), "name_forms": N_("Name forms"), "user": N_("User"),
    "session": N_("Session"), "member_state": N_("Member state"), "system": N_("System"),
}
