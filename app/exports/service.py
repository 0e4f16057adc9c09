"""Word exports of a draft: signature copy, parallel text, compilation of proposals.

Every export speaks the reader's language (``lang``: the words Concord adds, status words,
dates, state names), carries the draft's short title (or a shortened title) in its header,
and is downloaded under a name that says what it is (:func:`app.core.word.naming.download_name`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from ..accounts.permissions import visible_draft
from ..accounts.repository import member_states
from ..core.clauses.tree import TEXT, Clause, Document
from ..core.compare.model import WordOp
from ..core.compare.words import word_diff
from ..core.i18n import LANGUAGES
from ..core.word import labels as L
from ..core.word.agreement import AgreementMarks, Alternative, BracketMark, ClauseMark, progress_line
from ..core.word.exports import (
    CompilationRow,
    ParallelCell,
    ParallelRow,
    ProposalRow,
    Term,
    compilation_docx,
    parallel_docx,
    signature_docx,
)
from ..core.word.labels import Labels
from ..core.word.layout import written_label
from ..core.word.naming import download_name, header_title
from ..drafts import repository as drafts_repo
from ..drafts import service as drafts
from ..errors import NotFound, Unprocessable
from ..models import Draft, Proposal, User, Version
from ..proposals import repository as proposals_repo
from ..proposals import service as proposals_service

FINAL_STATUSES = ("final", "signed", "in_force")
#: column headings of the parallel text: each language by its own name
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


def reader_lang(lang: str | None) -> str:
    """The reader's language of an export (``?lang=``): en, ru or kk (422 otherwise)."""
    if lang is None or lang == "":
        return "en"
    if lang not in LANGUAGES:
        raise Unprocessable(code="lang_unknown_use", lang=lang, langs=", ".join(LANGUAGES))
    return lang


def _version(session: Session, draft: Draft, number: int | None) -> Version:
    if number is None:
        v = drafts_repo.latest_version(session, draft.id)
        if v is None:
            raise NotFound(code="draft_no_version", id=draft.id)
        return v
    return drafts.get_version(session, draft, number)


def _today() -> datetime:
    return datetime.now(UTC)


def _short(draft: Draft) -> str:
    return header_title(draft.title, draft.short_title)


def _is_final(session: Session, draft: Draft, v: Version) -> bool:
    latest = drafts_repo.latest_version(session, draft.id)
    return draft.status in FINAL_STATUSES and latest is not None and v.number == latest.number


def agreement_marks(session: Session, draft: Draft, doc: Document, lab: Labels) -> AgreementMarks | None:
    """The agreement status of ``doc``'s clauses as the exports mark it, read from the meetings'
    records (agreed ad referendum, open, bracketed with alternatives and their states), and the
    progress line. None while nothing has been agreed or bracketed for the draft (no meeting has
    taken up its text clause by clause yet)."""
    from ..meetings import repository as meetings_repo
    from ..meetings.service import agreement_state, counted
    from ..models import Meeting

    if not meetings_repo.agreements(session, draft.id) and not meetings_repo.brackets(session, draft.id):
        return None
    state = agreement_state(session, draft, doc)
    names = {m.iso3: m.name(lab.lang) for m in member_states(session)}
    meetings: dict[int, str] = {}

    def where(meeting_id: int | None) -> str:
        if meeting_id is None:
            return ""
        if meeting_id not in meetings:
            m = session.get(Meeting, meeting_id)
            meetings[meeting_id] = ", ".join(x for x in (m.title, lab.date(m.starts_at)) if x) if m else ""
        return meetings[meeting_id]

    marks: dict[str, ClauseMark] = {}
    counted_keys = [c.key for c in doc.walk() if counted(c)]
    for key in counted_keys:
        st = state.get(key) or {}
        brackets = tuple(
            BracketMark(b["text"], tuple(Alternative(str(a.get("label") or ""), str(a.get("text") or ""),
                                                     tuple(names.get(x, x) for x in a.get("states") or []))
                                         for a in b.get("alternatives") or []))
            for b in st.get("brackets") or [])
        if brackets:
            marks[key] = ClauseMark("bracketed", brackets=brackets)
        elif st.get("status") == "agreed":
            marks[key] = ClauseMark("agreed", meeting=where(st.get("meeting_id")))
    agreed = sum(1 for m in marks.values() if m.status == "agreed")
    return AgreementMarks(marks.get, progress_line(lab, agreed, len(counted_keys)), agreed, len(counted_keys),
                          frozenset(counted_keys))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def agreement_term(session: Session, draft: Draft) -> Term:
    """The entry into force and term as the meetings service computes them (the rule, the
    signatures recorded so far): what the final copy states after the signatures."""
    from ..meetings.service import entry_into_force

    st = entry_into_force(session, draft)
    return Term(rule=str(st.get("rule") or "last_signature"), entry_days=int(st.get("entry_days") or 0),
                entry_into_force=_day(st.get("entry_into_force")), term_years=st.get("term_years"),
                expires_on=_day(st.get("expires_on")), notice_days=st.get("termination_notice_days"),
                notice_by=_day(st.get("termination_notice_by")), reminder_on=_day(st.get("renewal_reminder_on")))


def signature(session: Session, user: User, draft_id: int, number: int | None, lang: str | None = None
              ) -> tuple[bytes, str]:
    """The signature copy: of a non-final version with its agreement marks; of the final text
    with its hash in the footer and the entry into force and term after the signatures."""
    draft = visible_draft(session, user, draft_id)
    lab = Labels(reader_lang(lang))
    v = _version(session, draft, number)
    final = _is_final(session, draft, v)
    doc = drafts.load_document(session, v)
    marks = None if final else agreement_marks(session, draft, doc, lab)
    term = agreement_term(session, draft) if final else None
    data = signature_docx(doc, title=draft.title, version_label=lab.version(v.number, v.label or ""),
                          final=final, text_hash=v.hash if final else None, labels=lab, header_title=_short(draft),
                          agreement=marks, term=term)
    kind = "signature" if final else "draft"
    return data, download_name(_short(draft), kind, version=v.number, on=_today().date(),
                               lang=lab.lang if lab.lang != "en" else "")


def editing_copy(session: Session, user: User, draft_id: int, number: int | None, lang: str | None
                 ) -> tuple[bytes, str]:
    """A one-language copy for editing: the version's text in ``lang`` (a translation; the
    authentic text where a clause has none) laid out as the signature copy, with the clause
    bookmarks ``cl_<key>`` the importer matches paragraphs by."""
    draft = visible_draft(session, user, draft_id)
    text_lang = drafts.check_lang(draft, lang or draft.authentic_lang)
    lab = Labels(reader_lang(text_lang))
    v = _version(session, draft, number)
    doc = drafts.load_document(session, v)
    view = drafts.language_view(session, draft, doc, text_lang)
    copy = doc.copy()
    for c in copy.walk():
        heading, text = view.texts.get(c.key, (c.heading, c.text))
        c.heading, c.text = heading, text
    data = signature_docx(copy, title=draft.title, version_label=lab.version(v.number, v.label or ""),
                          final=False, text_hash=None, labels=lab, header_title=_short(draft))
    return data, download_name(_short(draft), "edit", version=v.number, on=_today().date(), lang=text_lang)


def parallel(session: Session, user: User, draft_id: int, number: int | None, langs: list[str] | None,
             lang: str | None = None) -> tuple[bytes, str]:
    draft = visible_draft(session, user, draft_id)
    lab = Labels(reader_lang(lang))
    v = _version(session, draft, number)
    langs = langs or draft.languages
    for one in langs:
        drafts.check_lang(draft, one)
    doc = drafts.load_document(session, v)
    views = {one: drafts.language_view(session, draft, doc, one) for one in langs}
    rows: list[ParallelRow] = []
    for c, _parent, depth in doc.walk_with_parent():
        if not (c.text or c.heading):
            continue
        cells: dict[str, ParallelCell] = {}
        for one, view in views.items():
            heading, text = view.texts.get(c.key, (c.heading, c.text))
            status = view.status.get(c.key, "current")
            missing = status == "missing"
            cells[one] = ParallelCell("" if missing else text, "" if missing else heading,
                                      "current" if status == "source" else status)
        rows.append(ParallelRow(c.key, written_label(c), cells, depth))
    final = _is_final(session, draft, v)
    marks = None if final else agreement_marks(session, draft, doc, lab)
    data = parallel_docx(rows, title=draft.title, languages=langs,
                         language_names={one: LANGUAGE_NAMES.get(one, one) for one in langs}, labels=lab,
                         header_title=_short(draft), version_label=lab.version(v.number, v.label or ""),
                         final=final, agreement=marks, authentic=draft.authentic_lang)
    return data, download_name(_short(draft), "parallel", version=v.number, on=_today().date(),
                               lang=lab.lang if lab.lang != "en" else "")


DEFAULT_STATUSES = ("submitted", "accepted", "accepted_modified", "rejected", "merged", "noted")


def cited_numbers(doc: Document, *, as_written: bool = False) -> dict[str, str]:
    """key -> the number as a reader cites it, unambiguous where labels repeat: an item "iv."
    of paragraph 1.2 is "1.2 (iv)", its sub-item "a)" "1.2 (iv)(a)"; "1.2" stays "1.2".

    ``as_written``: a label that stands on its own is given exactly as written ("ARTICLE 4 -",
    "2.5 bis", "Article I"; what the compilation's number column shows), an article's
    unnumbered text takes the article's; nested labels are still prefixed with their parent's
    number as cited ("ARTICLE 4 (a)")."""
    out: dict[str, str] = {}

    def core(c: Clause) -> str:
        return (c.core_number or c.number).strip().strip("().:-–— ").strip()

    def rec(clauses: list[Clause], parent: Clause | None, parent_cited: str, parent_shown: str = "") -> None:
        for c in clauses:
            cited = shown = ""
            if not c.number and c.kind == TEXT and parent is not None:
                shown = parent_shown  # an article's unnumbered text: the article's number
            if c.number:
                mine = core(c)
                if not parent_cited or (parent is not None and parent.core_number
                                        and c.core_number.startswith(parent.core_number + ".")):
                    cited, shown = c.number, written_label(c)  # standalone; 1.2 under 1
                elif parent_cited.endswith(")"):
                    cited = shown = f"{parent_cited}({mine})"
                else:
                    cited = shown = f"{parent_cited} ({mine})"
            out[c.key] = shown if as_written else cited
            rec(c.children, c, cited or parent_cited, shown or parent_shown)

    rec(doc.clauses, None, "")
    return out


def default_compilation_version(session: Session, user: User, draft: Draft, statuses: list[str]) -> int | None:
    """The version the proposals were made on: the newest version that has proposals (in the
    statuses asked for) anchored to it; None when there are none (then the latest)."""
    ps = proposals_repo.list_for(session, draft.id, user, status=statuses, limit=100_000)
    return max((p.current_version for p in ps), default=None)


def compilation(session: Session, user: User, draft_id: int, number: int | None, *, states: list[str] | None,
                statuses: list[str] | None, from_clause: str | None, to_clause: str | None,
                lang: str | None = "en") -> tuple[bytes, str]:
    draft = visible_draft(session, user, draft_id)
    lab = Labels(reader_lang(lang))
    from ..models import PROPOSAL_STATUSES

    wanted = list(statuses or DEFAULT_STATUSES)
    unknown = [x for x in wanted if x not in PROPOSAL_STATUSES]
    if unknown:
        raise Unprocessable(code="proposal_status_unknown", statuses=", ".join(unknown),
                            known=", ".join(PROPOSAL_STATUSES))
    if number is None:
        number = default_compilation_version(session, user, draft, wanted)
    v = _version(session, draft, number)
    doc = drafts.load_document(session, v)
    order = [c for c in doc.walk()]
    cited = cited_numbers(doc)
    shown = cited_numbers(doc, as_written=True)
    start, end = 0, len(order) - 1
    if from_clause or to_clause:
        by_ref: dict[str, int] = {}
        for i, c in enumerate(order):
            by_ref.setdefault(c.key, i)
            if cited.get(c.key):
                by_ref.setdefault(cited[c.key], i)
            if c.number:
                by_ref.setdefault(c.number, i)
        for ref in (from_clause, to_clause):
            if ref and ref not in by_ref:
                raise Unprocessable(code="export_clause_unknown", ref=ref, number=v.number)
        start = by_ref[from_clause] if from_clause else 0
        end = by_ref[to_clause] if to_clause else len(order) - 1
        if end < start:
            raise Unprocessable(code="export_range_backwards")
        # a range ending on a section takes the whole section
        last = order[end]
        end += sum(1 for _ in last.walk()) - 1
    in_range = {c.key for c in order[start:end + 1]}
    by_key = {c.key: c for c in order}
    names = {m.iso3: m.name(lab.lang) for m in member_states(session)}
    ps = proposals_repo.list_for(session, draft.id, user, status=wanted, version=v.number, limit=100_000)
    if states:
        ps = [p for p in ps if p.state_iso3 in {s.upper() for s in states}]
    sponsors = proposals_repo.cosponsors(session, [p.id for p in ps])
    by_clause: dict[str, list[Proposal]] = {}
    elsewhere: list[Proposal] = []  # about a clause this version does not have
    for p in ps:
        key = p.clause_key or ""
        if key and key not in by_key:
            elsewhere.append(p)
            continue
        if key and key not in in_range:
            continue
        by_clause.setdefault(key, []).append(p)

    def where(key: str | None) -> str:
        if not key:
            return lab(L.THIS_CLAUSE)
        c = by_key.get(key)
        if c is None:
            return "—"
        return cited.get(key) or (f"“{_excerpt(c.heading or c.text)}”")

    def row_of(p: Proposal, c: Clause | None) -> ProposalRow:
        return _proposal_row(p, c, names, sponsors, lab, where)

    rows: list[CompilationRow] = []
    ranged = bool(from_clause or to_clause)
    general = by_clause.pop("", [])
    if general and not ranged:
        rows.append(CompilationRow("general", "", "", "", [row_of(p, None) for p in general],
                                   caption=lab(L.GENERAL_COMMENTS)))
    for c in order[start:end + 1]:
        if c.key in by_clause:
            rows.append(CompilationRow(c.key, shown.get(c.key, c.number), c.heading, c.text,
                                       [row_of(p, c) for p in by_clause[c.key]]))
    if elsewhere and not ranged:
        rows.append(CompilationRow("elsewhere", "", "", "", [row_of(p, None) for p in elsewhere],
                                   caption=lab(L.NOT_IN_VERSION)))
    subtitle = (lab(L.COMPILATION_TITLE, number=v.number) + (f" ({v.label})" if v.label else "")
                + f" — {lab.date(_today())}")
    marks = None if _is_final(session, draft, v) else agreement_marks(session, draft, doc, lab)
    data = compilation_docx(rows, title=draft.title, subtitle=subtitle, labels=lab, header_title=_short(draft),
                            agreement=marks)
    return data, download_name(_short(draft), "compilation", version=v.number, on=_today().date(),
                               lang=lab.lang if lab.lang != "en" else "")


def _excerpt(text: str, n: int = 40) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _proposal_row(p: Proposal, c: Clause | None, names: dict[str, str], sponsors, lab: Labels, where) -> ProposalRow:
    current = c.text if c is not None else ""
    summary = ""
    ops: list[WordOp] | None = None
    text = None
    heading_ops: list[WordOp] | None = None
    if p.kind == "insert":
        summary = lab(L.NEW_CLAUSE.get(p.position or "after", L.NEW_CLAUSE["after"]), number=where(p.clause_key))
        ops = [WordOp("insert", p.proposed_text)]
        if p.proposed_heading:
            heading_ops = [WordOp("insert", p.proposed_heading)]
    elif p.kind == "move":
        summary = lab(L.MOVE_TO.get(p.position or "after", L.MOVE_TO["after"]), number=where(p.anchor_key))
        if c is not None and p.proposed_text and p.proposed_text != current:
            text = p.proposed_text
    elif p.kind == "delete":
        summary = lab(L.DELETE_CLAUSE, number=where(p.clause_key))
        text = None
        ops = [WordOp("delete", current)] if current else None
        if c is not None and c.heading:
            heading_ops = [WordOp("delete", c.heading)]
    elif p.kind == "replace":
        old_heading = c.heading if c is not None else p.quoted_heading
        if p.proposed_heading is not None and p.proposed_heading != old_heading:
            heading_ops = word_diff(old_heading or "", p.proposed_heading)
        if current or p.proposed_text:
            ops = proposals_service.proposal_word_ops(p, current)
        if heading_ops and p.proposed_text == current:
            ops = None if not current else [WordOp("equal", current)]
    rec_msg = L.RECOMMENDATION.get(p.status)
    rec = lab(rec_msg, id=p.merged_into_id) if rec_msg else ""
    if p.status == "accepted_modified" and p.modified_text:
        rec += f": “{p.modified_text}”"
    when = p.submitted_at or p.created_at
    status = lab.status(p.status)
    return ProposalRow(
        id=p.id, state=names.get(p.state_iso3, p.state_iso3),
        cosponsors=[names.get(x.state_iso3, x.state_iso3) for x in sponsors.get(p.id, []) if x.status == "accepted"],
        action=p.kind, summary=summary,
        ops=ops, text=text, heading_ops=heading_ops,
        rationale=p.rationale, status=status,
        recommendation=rec + (f" — {p.decision_reason}" if p.decision_reason else ""),
        date=when.isoformat() if when else None)


def redline_file(compared, comments: bool, agreement: AgreementMarks | None = None) -> tuple[bytes, str]:
    """The redline of a comparison (:class:`app.compare.service.Compared`) as a .docx and its
    download name: tracked changes attributed to the proposing states, the number labels as
    written in each text, and (``agreement``) the new text's agreement status."""
    from ..core.word.redline import redline_docx

    cmp = compared.comparison
    dates = [p["date"] for c in cmp.clauses for p in c.provenance if p.get("date")]
    default_date = datetime.fromisoformat(max(dates)) if dates else datetime.now(UTC)
    data = redline_docx(cmp, title=compared.title, default_date=default_date, with_comments=comments,
                        old_order=[c.key for c in compared.old_doc.walk()], lang=cmp.lang,
                        default_author=Labels(cmp.lang).secretariat, old_doc=compared.old_doc,
                        new_doc=compared.new_doc, agreement=agreement)
    name = download_name(compared.title, "redline", version=compared.to_n, extra=compared.span,
                         lang=cmp.lang if cmp.lang != compared.draft.authentic_lang else "",
                         on=datetime.now(UTC).date())
    return data, name


def redline(session: Session, user: User, draft_id: int, from_n: int | None, to_n: int | None,
            lang: str | None, comments: bool) -> tuple[bytes, str]:
    """The redline export of two versions (default: the latest and the one before), with the
    newer text's agreement status while it is not final."""
    from ..compare import service as compare_service

    draft = visible_draft(session, user, draft_id)
    latest = drafts_repo.max_version_number(session, draft.id)
    to_n = to_n or latest
    from_n = from_n if from_n is not None else to_n - 1
    if from_n < 1:
        raise Unprocessable(code="redline_one_version")
    compared = compare_service.compare_versions(session, user, draft_id, from_n, to_n, lang=lang)
    v = _version(session, draft, to_n)
    marks = None if _is_final(session, draft, v) else agreement_marks(session, draft, compared.new_doc,
                                                                       Labels(compared.comparison.lang))
    return redline_file(compared, comments, marks)
