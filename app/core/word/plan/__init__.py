"""The .docx → proposals plan, in named stages. Pure: bytes and clause trees in, planned
proposals out; no database (the service, :mod:`app.proposals.docx_import`, loads the version,
checks permissions and stores what is planned).

1. **read revisions** (:mod:`.revisions`) — the core's paragraph revisions
   (:func:`app.core.word.tracked.read_revisions`) → :class:`~.revisions.Para`: moves recognised
   by name and paired when written without range markers, split paragraphs joined;
2. **attribute** (:mod:`.attribute`) — other people's changes (Concord, other member states,
   already in the version) accepted and listed, never proposals;
3. **align** (:mod:`.align`) — each paragraph line → the version line it is (bookmark, exact
   text, similarity), and the share of the document found (:data:`~.align.MIN_COVERAGE`: below
   it the document is not a copy of the version);
4. **classify** (:mod:`.classify`) — paragraphs grouped by clause; per clause replace, delete,
   move or nothing; sub-clauses go with a deleted or moved clause;
5. **plan** (:mod:`.propose`) — the proposals (:class:`~.propose.Change`) and what was not made
   into one (:class:`~.classify.Skip`, with the reason).

:func:`plan` runs stages 1 and 3-5 (stage 2 needs who is who: the caller runs
:func:`~.attribute.own_changes` first).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.clauses.tree import Document

from ..tracked import ParagraphRevision
from .align import MIN_COVERAGE, align, layout
from .classify import ClauseTree, Skip, classify
from .propose import Change, Planned, propose
from .revisions import paragraphs


@dataclass
class Plan:
    planned: list[Planned]
    skipped: list[Skip]
    coverage: float = 1.0  # share of the document's lines found in the version (see :func:`.align.align`)
    lines: int = 0  # non-empty lines of the document before the changes

    @property
    def unrelated(self) -> bool:
        """The document is not a copy of the version (nothing was planned)."""
        return self.coverage < MIN_COVERAGE


def plan(revs: list[ParagraphRevision], doc: Document, *, version: int) -> Plan:
    """The proposals the tracked changes of ``revs`` make against ``doc`` (version ``version``),
    and what was not turned into one."""
    tree = ClauseTree(doc)
    lay = layout(doc)
    paras = paragraphs(revs)
    coverage = align(paras, lay)
    n_lines = sum(1 for p in paras for line in p.old_lines if line.strip())
    if coverage < MIN_COVERAGE:
        return Plan([], [], coverage, n_lines)
    classified = classify(paras, tree, lay.slots, version=version)
    proposed = propose(paras, classified, tree, lay, version=version)
    return Plan(proposed.planned, proposed.skipped, coverage, n_lines)


__all__ = ["Change", "Plan", "Planned", "Skip", "plan"]
