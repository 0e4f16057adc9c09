"""Pydantic's validation errors in the reader's language.

FastAPI answers a malformed request with Pydantic's English messages ("Field required", "Input
should be a valid string"); inside the Russian sentence "Неверный запрос: …" they were the one
English part. Each error type a client meets in practice has a msgid here (domain ``errors``,
formatted with Pydantic's own ``ctx``: ``{min_length}``, ``{expected}``, …); a type not listed
keeps Pydantic's English text, marked nowhere but still correct. Programs keep the structured
``errors`` list (loc, msg, type) in the body, unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .messages import N_, AppErrorLike, _gettext

TYPES: dict[str, str] = {
    "missing": N_("field required"),
    "extra_forbidden": N_("this field is not accepted here"),
    "string_type": N_("should be text"),
    "string_too_short": N_("should have at least {min_length} characters"),
    "string_too_long": N_("should have at most {max_length} characters"),
    "string_pattern_mismatch": N_("does not have the expected form"),
    "int_type": N_("should be a whole number"),
    "int_parsing": N_("should be a whole number"),
    "int_from_float": N_("should be a whole number"),
    "float_type": N_("should be a number"),
    "float_parsing": N_("should be a number"),
    "bool_type": N_("should be true or false"),
    "bool_parsing": N_("should be true or false"),
    "greater_than": N_("should be greater than {gt}"),
    "greater_than_equal": N_("should be at least {ge}"),
    "less_than": N_("should be less than {lt}"),
    "less_than_equal": N_("should be at most {le}"),
    "literal_error": N_("should be {expected}"),
    "enum": N_("should be {expected}"),
    "list_type": N_("should be a list"),
    "dict_type": N_("should be an object"),
    "model_type": N_("should be an object"),
    "model_attributes_type": N_("should be an object"),
    "too_short": N_("should have at least {min_length} items"),
    "too_long": N_("should have at most {max_length} items"),
    "date_type": N_("should be a date (YYYY-MM-DD)"),
    "date_parsing": N_("should be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("should be a date (YYYY-MM-DD)"),
    "date_from_datetime_inexact": N_("should be a date (YYYY-MM-DD)"),
    "datetime_type": N_("should be a date and time (YYYY-MM-DDTHH:MM, with its time zone)"),
    "datetime_parsing": N_("should be a date and time (YYYY-MM-DDTHH:MM, with its time zone)"),
    "datetime_from_date_parsing": N_("should be a date and time (YYYY-MM-DDTHH:MM, with its time zone)"),
    "timezone_aware": N_("should say its time zone"),
    "json_invalid": N_("is not valid JSON"),
    "json_type": N_("is not valid JSON"),
    "none_required": N_("should be empty"),
    "url_parsing": N_("should be a web address"),
}
OR = N_("or")


class FieldProblem(AppErrorLike):
    """One entry of Pydantic's ``errors()``: where (``field`` or ``query.limit``) and what."""

    def __init__(self, err: Mapping[str, Any]):
        self.where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body",))
        self.type = str(err.get("type", ""))
        self.ctx = dict(err.get("ctx") or {})
        self.english = str(err.get("msg", ""))

    def _what(self, lang: str) -> str:
        msgid = TYPES.get(self.type)
        if msgid is None:
            return self.english
        _ = _gettext(lang)
        ctx = dict(self.ctx)
        if "expected" in ctx:  # Pydantic's "'a', 'b' or 'c'": the "or" in the reader's language
            ctx["expected"] = str(ctx["expected"]).replace(" or ", f" {_(OR)} ")
        try:
            return _(msgid).format(**ctx)
        except (KeyError, IndexError, ValueError):
            return self.english

    def message(self, lang: str = "en") -> str:
        what = self._what(lang)
        return f"{self.where}: {what}" if self.where else what


class FieldProblems(AppErrorLike):
    """All of a request's problems, one sentence: "title: field required; limit: should be at most 1000"."""

    def __init__(self, errors: Iterable[Mapping[str, Any]]):
        self.items = [FieldProblem(e) for e in errors]

    def message(self, lang: str = "en") -> str:
        return "; ".join(p.message(lang) for p in self.items)

    def plain(self) -> str:
        """What programs get in ``params.errors``: Pydantic's own English text, as before."""
        return "; ".join(f"{p.where}: {p.english}" if p.where else p.english for p in self.items)
