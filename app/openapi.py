"""The OpenAPI schema says what error bodies look like, and which errors every operation may answer.

Every error (the 422 of validation included) has one body: ``detail`` (human-readable, in the
reader's language), ``code`` (stable), ``params`` (the data the message was made from) and,
for 422, ``errors`` (each ``loc``, ``msg``, ``type``). FastAPI's default ``HTTPValidationError``
(``detail`` as a list) is replaced by it.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field

from .idempotency import covered


class FieldError(BaseModel):
    loc: list[str]
    msg: str
    type: str | None = None


class ErrorBody(BaseModel):
    """An error: what a person reads (``detail``), what a program checks (``code``), and its data."""

    detail: str = Field(description="human-readable, translated into the reader's language (?lang= or "
                                    "Accept-Language)")
    code: str = Field(description="stable machine-readable code, e.g. draft_not_found, if_match_failed")
    params: dict[str, Any] = Field(default_factory=dict, description="the data of the message")
    errors: list[FieldError | dict[str, Any] | str] | None = Field(
        None, description="422: what is not valid: for a malformed request each field's `loc`, `msg`, `type`; "
                          "for a business rule its problems (a sentence each, or an object naming what is missing)")
    conflicts: list[dict[str, Any]] | None = Field(None, description="409: what conflicts, when known")


COMMON = {
    "401": "not signed in, or the token is invalid",
    "403": "signed in, but this role or state may not do this",
    "404": "no such object, or not visible to this user",
    "413": "the request body is larger than this route accepts",
    "422": "the request is not valid (fields in `errors`)",
    "429": "too many requests; see Retry-After",
}
WRITES = {
    "409": "conflicts with the current state, or a concurrent change",
    "412": "If-Match does not match the current ETag",
    "428": "this change needs If-Match",
}


IDEMPOTENCY_PARAMETER = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "description": "Makes a retry safe: the same key and request from the same user within 24 hours gets the "
                   "first answer back (with `Idempotent-Replayed: true`) and does nothing again; the same key "
                   "with another request is 422 `idempotency_key_reused` (see app/idempotency.py).",
    "schema": {"type": "string", "pattern": "^[!-~]{1,255}$", "maxLength": 255},
}


def install(app: FastAPI) -> None:
    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        comps = schema.setdefault("components", {}).setdefault("schemas", {})
        body_schema = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in body_schema.pop("$defs", {}).items():
            comps[name] = sub
        comps["ErrorBody"] = body_schema
        comps["HTTPValidationError"] = {"$ref": "#/components/schemas/ErrorBody"}
        comps.pop("ValidationError", None)
        ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}
        for path, ops in schema.get("paths", {}).items():
            for method, op in ops.items():
                if covered(method.upper(), path):
                    op.setdefault("parameters", []).append(IDEMPOTENCY_PARAMETER)
                responses = op.setdefault("responses", {})
                wanted = dict(COMMON)
                if method in ("post", "put", "patch", "delete"):
                    wanted.update(WRITES)
                if "multipart/form-data" in op.get("requestBody", {}).get("content", {}):
                    wanted["415"] = "this kind of file is not accepted here"
                for status, text in wanted.items():
                    current = responses.get(status, {})
                    responses[status] = {"description": current.get("description") or text, **ref}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
