"""Notifications: an event that concerns a member state is queued for each delegate of the draft's
participating states, stored, listed in the reader's language, and e-mailed (a job) when SMTP is
configured (``CONCORD_SMTP_HOST``; off by default)."""

from __future__ import annotations

import smtplib
from datetime import date, datetime
from email.message import EmailMessage

from sqlalchemy.orm import Session

from ..config import get_settings
from ..core.i18n import LANGUAGES, format_date
from ..core.i18n.catalogs import translations
from ..models import Draft, MemberState, Notification, User, utcnow
from ..notes import repository as notes_repo
from . import repository as repo


def N_(s: str) -> str:  # noqa: N802  (marks a msgid for extraction; translated when read)
    return s


MESSAGES = {
    "meeting_convened": N_("A meeting of the {body} on “{title}” is convened for {when}."),
    "decision_agreed_ad_referendum": N_("The {body} agreed “{title}” (version {version}) ad referendum."),
    "decision_approved": N_("The {body} approved “{title}” (version {version}); the text is locked."),
    "decision_returned": N_("The {body} returned “{title}” (version {version}) for revision."),
    "decision_deferred": N_("The {body} deferred its decision on “{title}” (version {version})."),
    "silence_started": N_("“{title}” is circulated under the silence procedure until {deadline}."),
    "silence_broken": N_("{state} broke the silence on “{title}”."),
    "silence_agreed": N_("No objection by the deadline: “{title}” is deemed agreed."),
    "renewal_reminder": N_("“{title}” expires on {expires}; a notice of termination is due by {notice_by}."),
    # the proposal window and decisions on proposals (app.proposals.service)
    "window_opened": N_("“{title}” (version {version}) is open for proposals until {deadline}."),
    "window_extended": N_("The deadline for proposals on “{title}” (version {version}) is extended to {deadline}."),
    "window_closed": N_("The window for proposals on “{title}” (version {version}) is closed."),
    "proposal_accepted": N_("Proposal {proposal} of {state} on “{title}” was accepted."),
    "proposal_accepted_modified": N_("Proposal {proposal} of {state} on “{title}” was accepted with "
                                     "modifications."),
    "proposal_rejected": N_("Proposal {proposal} of {state} on “{title}” was rejected."),
    "proposal_merged": N_("Proposal {proposal} of {state} on “{title}” was merged into proposal {merged_into}."),
    "proposal_noted": N_("Proposal {proposal} of {state} on “{title}” was noted."),
}


def notify_draft(session: Session, draft_id: int, event: str, message: str, params: dict,
                 states: list[str] | None = None) -> int:
    """Queue a notification for every delegate of the draft's participating states (flush only);
    with ``states``, only for the delegates of those of them (a decision on a proposal concerns
    the state that made it and its co-sponsors, not every delegation)."""
    plain = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in params.items()}
    users = repo.delegates_of(session, draft_id)
    if states is not None:
        wanted = {s.upper() for s in states}
        users = [u for u in users if u.state_iso3 in wanted]
    rows = [Notification(user_id=u.id, draft_id=draft_id, event=event, message=message, params=plain,
                         created_at=utcnow()) for u in users]
    session.add_all(rows)
    session.flush()
    if get_settings().smtp_host:
        from .jobs import schedule

        for n in rows:
            schedule(session, "email.send", f"email:{n.id}", utcnow(), {"notification_id": n.id})
    return len(rows)


def render(session: Session, n: Notification, lang: str = "en") -> str:
    from .service import local

    lang = lang if lang in LANGUAGES else "en"
    p = dict(n.params or {})
    draft = session.get(Draft, n.draft_id) if n.draft_id else None
    values = {"title": (draft.short_title or draft.title) if draft else "", "version": p.get("version", "")}
    if p.get("body"):
        e = notes_repo.entity(session, p["body"])
        forms = (e.forms.get(lang) or e.forms.get("en") or {}) if e else {}
        values["body"] = forms.get("nominative", p["body"])
        values["body_gen"] = forms.get("genitive", values["body"])  # ru/kk sentences use the genitive
    for k in ("when", "deadline"):
        if p.get(k):
            values[k] = local(datetime.fromisoformat(p[k]), p.get("tz"), lang)
    for k, kk_case in (("expires", "locative"), ("notice_by", "dative")):  # kk: "… қазанда", "… тамызға дейін"
        if p.get(k):
            values[k] = format_date(date.fromisoformat(p[k]), lang, kk_case if lang == "kk" else "nominative")
    for k in ("proposal", "merged_into"):  # numbers, the same in every language
        if p.get(k) is not None:
            values[k] = p[k]
    if p.get("state"):
        st = session.get(MemberState, p["state"])
        values["state"] = st.name(lang) if st else p["state"]
    template = translations(lang, "meetings").gettext(MESSAGES[n.message])
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return MESSAGES[n.message]


def notification_json(session: Session, n: Notification, lang: str) -> dict:
    return {"id": n.id, "event": n.event, "draft_id": n.draft_id, "text": render(session, n, lang),
            "created_at": n.created_at.isoformat(), "read": n.read_at is not None,
            "emailed_at": n.emailed_at.isoformat() if n.emailed_at else None}


def email_text(session: Session, n: Notification, lang: str) -> tuple[str, str]:
    """(subject line, body) of a notification's e-mail: in ``lang`` (the recipient's language,
    the one they last logged in with; ``CONCORD_SMTP_LANG`` for someone who never did) first,
    then in the other languages (en, ru, kk), so that a forwarded e-mail reads for anyone."""
    first = lang if lang in LANGUAGES else "en"
    text = render(session, n, first)
    others = [render(session, n, other) for other in LANGUAGES if other != first]
    return text, "\n\n".join([text, *others]) + "\n"


def send_email_job(session: Session, payload: dict, now: datetime) -> str:
    """The job that e-mails one notification (idempotent: a notification is e-mailed once)."""
    n = session.get(Notification, payload["notification_id"], with_for_update=True)
    if n is None or n.emailed_at is not None:
        return "nothing to send"
    s = get_settings()
    if not s.smtp_host:
        return "SMTP is not configured"
    user = session.get_one(User, n.user_id)
    text, body = email_text(session, n, user.lang or s.smtp_lang)
    msg = EmailMessage()
    msg["From"], msg["To"] = s.smtp_from, user.email
    msg["Subject"] = text if len(text) <= 150 else text[:147] + "…"
    msg.set_content(body)
    with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=30) as smtp:
        smtp.send_message(msg)
    n.emailed_at = now
    session.flush()
    return f"e-mailed to {user.email}"
