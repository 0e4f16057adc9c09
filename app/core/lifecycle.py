"""The draft lifecycle: one explicit state machine (pure Python, no I/O).

    drafting → open (window) → under_review → on_agenda → <approval steps> → final → signed → in_force

The approval steps and their order are configurable per draft: a :class:`Procedure` lists
them, e.g. ``agreed_ad_referendum`` (the working group) before ``approved`` (senior
officials). A step marked optional may be skipped; a required one may not. ``returned``
(returned for revision) is reachable from every stage before ``final`` and leads back to
drafting or to a new window. ``approved`` and later lock the text.

:func:`check` raises :class:`TransitionRefused` naming the missing step when a step is
taken out of order, and the allowed next steps otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .enums import DraftStatus

_S = DraftStatus
PRE = (_S.DRAFTING, _S.OPEN, _S.UNDER_REVIEW, _S.ON_AGENDA)
APPROVAL_STEPS = (_S.AGREED_AD_REFERENDUM, _S.APPROVED)
POST = (_S.FINAL, _S.SIGNED, _S.IN_FORCE)
STATUSES: tuple[DraftStatus, ...] = (*PRE, *APPROVAL_STEPS, *POST, _S.RETURNED)
#: statuses whose text is locked: no window, no consolidation
LOCKED = (_S.APPROVED, _S.FINAL, _S.SIGNED, _S.IN_FORCE)

LABELS = {
    "drafting": "drafting", "open": "open for proposals", "under_review": "under review",
    "on_agenda": "on a meeting's agenda", "agreed_ad_referendum": "agreed ad referendum",
    "approved": "approved", "final": "final", "signed": "signed", "in_force": "in force",
    "returned": "returned for revision",
}


class LifecycleError(ValueError):
    """A bad procedure or an unknown status.

    Like the application's errors (app.errors) it carries a stable ``code`` and its ``params``, so
    the service that turns it into an HTTP refusal renders it from the catalog in the reader's
    language (``Conflict(code=exc.code, **exc.params)``); ``str(exc)`` is the English sentence.
    The core imports nothing of the web or the catalogs: the codes' messages live in
    app/errors/messages.py."""

    def __init__(self, message: str, *, code: str = "lifecycle_invalid", **params):
        super().__init__(message)
        self.code = code
        self.params = {"reason": message, **params} if code == "lifecycle_invalid" else params


class TransitionRefused(LifecycleError):
    """A transition the lifecycle does not allow; ``missing`` is the step that must come first, if any.

    Codes: ``transition_missing_step`` (params ``current``, ``to``, ``missing``, ``body``: the key of
    the body that takes the missing step or "", ``next``: the allowed next steps) and
    ``transition_refused`` (``current``, ``to``, ``next``)."""

    def __init__(self, message: str, *, current: str, to: str, missing: str | None, allowed: Sequence[str],
                 body: str | None = None):
        params: dict = {"current": current, "to": to, "next": list(allowed)}
        if missing:
            params.update(missing=missing, body=body or "")
        super().__init__(message, code="transition_missing_step" if missing else "transition_refused", **params)
        self.current, self.to, self.missing, self.allowed, self.body = current, to, missing, tuple(allowed), body


@dataclass(frozen=True)
class Step:
    status: str  # one of APPROVAL_STEPS
    required: bool = True
    body: str | None = None  # the key of the body that takes it (e.g. "cica-swg"), for messages only

    def to_dict(self) -> dict:
        return {"status": self.status, "required": self.required, "body": self.body}


@dataclass(frozen=True)
class Procedure:
    """The approval steps of one draft, in order. ``approved`` is always the last one."""

    steps: tuple[Step, ...] = field(default_factory=lambda: (Step("agreed_ad_referendum", required=False),
                                                             Step("approved")))

    def __post_init__(self) -> None:
        names = [s.status for s in self.steps]
        if not names or names[-1] != "approved":
            raise LifecycleError("the last approval step must be 'approved'", code="procedure_last_step")
        if len(set(names)) != len(names):
            raise LifecycleError("an approval step is listed twice", code="procedure_step_twice")
        for n in names:
            if n not in APPROVAL_STEPS:
                raise LifecycleError(f"unknown approval step '{n}'; steps are {', '.join(APPROVAL_STEPS)}",
                                     code="procedure_unknown_step", step=n, steps=", ".join(APPROVAL_STEPS))
        if not self.steps[-1].required:
            raise LifecycleError("the 'approved' step cannot be optional", code="procedure_approved_optional")

    @classmethod
    def from_dicts(cls, items: Iterable[dict] | None) -> Procedure:
        if not items:
            return cls()
        return cls(tuple(Step(d["status"], bool(d.get("required", True)), d.get("body")) for d in items))

    def to_dicts(self) -> list[dict]:
        return [s.to_dict() for s in self.steps]

    @property
    def line(self) -> tuple[str, ...]:
        """The main line of statuses in order (returned is apart)."""
        return (*PRE, *(s.status for s in self.steps), *POST)

    def step(self, status: str) -> Step | None:
        return next((s for s in self.steps if s.status == status), None)

    def _approval_targets(self, after: int) -> list[str]:
        """Approval steps reachable next when the last one taken is ``after`` (-1: none yet)."""
        out = []
        for s in self.steps[after + 1:]:
            out.append(s.status)
            if s.required:
                break
        return out

    def allowed(self, current: str) -> tuple[str, ...]:
        """Every status a draft that is ``current`` may become next."""
        if current not in STATUSES:
            raise LifecycleError(f"unknown status '{current}'", code="unknown_status", status=current,
                                 known=", ".join(STATUSES))
        names = [s.status for s in self.steps]
        if current == "drafting":
            return ("open", "under_review", "on_agenda")
        if current == "open":
            return ("under_review",)
        if current == "under_review":  # (open: a new round of proposals on a consolidated version)
            return ("open", "on_agenda", *self._approval_targets(-1), "returned", "drafting")
        if current == "on_agenda":
            return (*self._approval_targets(-1), "under_review", "returned")
        if current in names:
            i = names.index(current)
            nxt = self._approval_targets(i) if i + 1 < len(names) else ["final"]
            return (*nxt, "returned")
        if current == "final":
            return ("signed",)
        if current == "signed":
            return ("in_force",)
        if current == "in_force":
            return ()
        if current == "returned":
            return ("drafting", "open", "under_review")
        raise LifecycleError(f"unknown status '{current}'", code="unknown_status", status=current,
                                 known=", ".join(STATUSES))  # pragma: no cover

    def missing_step(self, current: str, to: str) -> str | None:
        """The first required step between ``current`` and ``to`` on the main line, if ``to`` lies ahead."""
        line = self.line
        if to not in line or current not in line:
            return None
        a, b = line.index(current), line.index(to)
        if b <= a:
            return None
        required = {s.status for s in self.steps if s.required} | set(POST)
        for status in line[max(a + 1, len(PRE)):b]:
            if status in required:
                return status
        return None


def check(procedure: Procedure, current: str, to: str) -> None:
    """Allow ``current → to`` or raise :class:`TransitionRefused` with a message for people."""
    if to not in STATUSES:
        raise LifecycleError(f"unknown status '{to}'", code="unknown_status", status=to, known=", ".join(STATUSES))
    allowed = procedure.allowed(current)
    if to in allowed:
        return
    missing = procedure.missing_step(current, to)
    nexts = ", ".join(allowed) or "none"
    body = None
    if missing:
        step = procedure.step(missing)
        body = step.body if step else None
        by = f" by {body}" if body else ""
        msg = (f"A draft that is {current} cannot become {to}: the step '{missing}' ({LABELS[missing]}{by}) "
               f"must come first; next steps: {nexts}.")
    else:
        msg = f"A draft that is {current} cannot become {to}; next steps: {nexts}."
    raise TransitionRefused(msg, current=current, to=to, missing=missing, allowed=allowed, body=body)


def is_locked(status: str) -> bool:
    return status in LOCKED


def done_before(procedure: Procedure, status: str) -> list[str]:
    """The approval steps a draft that is ``status`` has passed (for progress displays)."""
    line = procedure.line
    if status not in line:
        return []
    i = line.index(status)
    return [s.status for s in procedure.steps if line.index(s.status) <= i]


__all__ = ["APPROVAL_STEPS", "LABELS", "LOCKED", "POST", "PRE", "STATUSES", "LifecycleError", "Procedure", "Step",
           "TransitionRefused", "check", "done_before", "is_locked"]
