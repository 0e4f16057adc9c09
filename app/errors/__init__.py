"""One error hierarchy carrying an HTTP status, a stable code and a translatable message.

Like zulip's JsonableError: an error has a ``code`` (stable, for programs), ``params``
(its data) and a message rendered from the gettext catalog of the ``errors`` domain in the
reader's language. Two ways to raise one:

- coded: ``NotFound(code="draft_not_found", id=5)``; the message is ``MESSAGES[code]``
  formatted with the params, translated for the reader;
- plain (backward compatible): ``Conflict("Proposal 3 is withdrawn.")``; the code is the
  class's default (``conflict``), the text is shown as it is (translated only if the
  catalog happens to have it).

``detail`` is always the English text, so logs, the CLI and tests keep working.

Values inside a message that are themselves words are rendered in the reader's language too
(app/errors/messages.py): statuses, steps, decisions and roles (``Word``/``Words``, or a param
named in ``WORD_PARAMS`` whose value ``WORDS`` knows), names from the data in each language
(``Localized``, e.g. a body's name), dates (the organisation's zone), and a nested error (its
own message). ``body()`` gives programs the codes (``params``), never the translated words.
``message=`` picks a variant sentence of the same code (e.g. with or without the body's name).
"""

from __future__ import annotations

from .messages import MESSAGES, AppErrorLike, Localized, Word, Words, plain, render


class AppError(AppErrorLike, Exception):
    status_code = 400
    default_code = "bad_request"

    def __init__(self, detail: str | None = None, *, code: str | None = None, params: dict | None = None,
                 status_code: int | None = None, headers: dict | None = None, extra=None,
                 message: str | None = None, **kw):
        self.code = code or self.default_code
        self.params = {**(params or {}), **kw}
        if detail is None:  # ``message``: a variant of the code's sentence (same code for programs)
            detail = MESSAGES.get(message or self.code) or MESSAGES.get(self.default_code) or self.default_code
            self.msgid: str | None = detail
        else:
            self.msgid = None  # free text: shown as it is
        self.text = detail
        self.detail = render(self.msgid, self.text, self.params, "en")
        super().__init__(self.detail)
        if status_code is not None:
            self.status_code = status_code
        self.headers = headers or {}
        self.extra = extra

    def message(self, lang: str = "en") -> str:
        """The human-readable text in ``lang`` (en, ru, kk)."""
        return render(self.msgid, self.text, self.params, lang)

    def body(self, lang: str = "en") -> dict:
        out: dict = {"detail": self.message(lang), "code": self.code}
        if self.params:
            params = {k: plain(v) for k, v in self.params.items()}
            out["params"] = {k: v for k, v in params.items() if v is not None}
        return out


class Unauthorized(AppError):
    status_code = 401
    default_code = "not_authenticated"

    def __init__(self, detail: str | None = None, **kw):
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kw)


class Forbidden(AppError):
    status_code = 403
    default_code = "forbidden"


class NotFound(AppError):
    status_code = 404
    default_code = "not_found"


class Conflict(AppError):
    status_code = 409
    default_code = "conflict"


class PreconditionFailed(AppError):
    status_code = 412
    default_code = "precondition_failed"


class TooLarge(AppError):
    status_code = 413
    default_code = "too_large"


class UnsupportedMedia(AppError):
    status_code = 415
    default_code = "unsupported_media"


class Unprocessable(AppError):
    status_code = 422
    default_code = "invalid"


class PreconditionRequired(AppError):
    status_code = 428
    default_code = "precondition_required"


class TooManyRequests(AppError):
    status_code = 429
    default_code = "too_many_requests"


__all__ = ["MESSAGES", "AppError", "Conflict", "Forbidden", "Localized", "NotFound", "PreconditionFailed",
           "PreconditionRequired", "TooLarge", "TooManyRequests", "Unauthorized", "Unprocessable", "UnsupportedMedia",
           "Word", "Words", "render"]
