"""create_app(): middleware, routers, error handlers."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from .admission import ArrivalMiddleware
from .concurrency import CONCURRENCY_ERRORS, concurrency_error
from .config import check_production, get_settings
from .db import get_engine
from .errors import AppError, Unprocessable
from .errors.validation import FieldProblems
from .idempotency import IdempotencyMiddleware
from .middleware.headers import SecurityHeadersMiddleware
from .middleware.limits import EdgeError, LimitsMiddleware

log = logging.getLogger("concord")


def _validation_detail(exc: RequestValidationError | PydanticValidationError) -> FieldProblems:
    """Each problem of the request, rendered in the reader's language (app/errors/validation.py)."""
    return FieldProblems(exc.errors())


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def request_lang(request: Request) -> str:
    """The reader's language: the page language for pages; ?lang= or Accept-Language for the API."""
    from .web.i18n import UI_LANGS, negotiate

    if _wants_html(request):
        return negotiate(request)
    q = request.query_params.get("lang")
    if q in UI_LANGS:
        return q
    return negotiate(request)


def error_response(request: Request, exc: AppError):
    lang = request_lang(request)
    if _wants_html(request):
        from .web.common import error_page

        return error_page(request, exc.status_code, exc.message(lang), exc=exc)
    body = exc.body(lang)
    if exc.extra is not None:
        extra = exc.extra
        if isinstance(extra, list) and all(isinstance(e, dict) for e in extra):
            from .core.clauses.messages import localise_problems

            extra = localise_problems(extra, lang)  # each conflict's or problem's reason in the reader's language
        body["conflicts" if exc.status_code == 409 else "errors"] = extra
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


def create_app(engine: Engine | None = None) -> FastAPI:
    app = FastAPI(title="Concord", version="0.1.0",
                  description="Drafting and review of intergovernmental agreements in English, Russian and Kazakh.")
    check_production(get_settings())
    app.state.engine = engine or get_engine()

    # every API router by name: a module that fails to import stops the start, loudly
    from .accounts.api import router as accounts_router
    from .audit.api import router as audit_router
    from .compare.api import router as compare_router
    from .drafts.api import router as drafts_router
    from .exports.api import router as exports_router
    from .meetings.api import router as meetings_router
    from .notes.api import router as notes_router
    from .proposals.api import router as proposals_router

    for r in (accounts_router, drafts_router, audit_router, proposals_router, compare_router, exports_router,
              notes_router, meetings_router):
        app.include_router(r, prefix="/api/v1")

    from .web.routes import mount_web

    mount_web(app)
    app.add_middleware(IdempotencyMiddleware)  # inside the limits: the body it reads is already capped
    app.add_middleware(LimitsMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)  # outermost: error answers get the headers too
    from .openapi import install

    install(app)

    @app.exception_handler(AppError)
    async def app_error(request: Request, exc: AppError):
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        err = Unprocessable(code="validation", errors=_validation_detail(exc), extra=jsonable_errors(exc))
        return error_response(request, err)

    @app.exception_handler(PydanticValidationError)
    async def body_validation_error(request: Request, exc: PydanticValidationError):
        err = Unprocessable(code="validation", errors=_validation_detail(exc), extra=jsonable_errors(exc))
        return error_response(request, err)

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def out_of_range(request: Request, exc: Exception):
        # a number (an id, a version) too large for the database: the client's input, not a bug;
        # or a NUL that came in through a file (PostgreSQL text cannot hold it)
        if "nul" in str(getattr(exc, "orig", exc)).lower() or "0x00" in str(exc):
            return error_response(request, Unprocessable(code="nul_character", field="text"))
        return error_response(request, Unprocessable(code="number_out_of_range"))

    for kind in CONCURRENCY_ERRORS:
        app.add_exception_handler(kind, _concurrency_error)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        headers = getattr(exc, "headers", None)
        if isinstance(exc, EdgeError):
            err = exc.error
        elif exc.status_code == 404 and exc.detail == "Not Found":
            err = AppError(code="no_route", status_code=404, path=request.url.path, headers=headers)
        elif exc.status_code == 405:
            err = AppError(code="method_not_allowed", status_code=405, method=request.method,
                           path=request.url.path, headers=headers)
        else:
            err = AppError(exc.detail if isinstance(exc.detail, str) else "Error", status_code=exc.status_code,
                           code=f"http_{exc.status_code}", headers=headers)
        return error_response(request, err)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):  # a bug, never bad input
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, AppError(code="internal", status_code=500))

    # outermost last: the arrival instant is noted before anything else runs or waits
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    app.add_middleware(ArrivalMiddleware)
    return app


async def _concurrency_error(request: Request, exc: Exception):
    """A write that lost a race (stale row version, serialization failure, lock wait, duplicate key)."""
    err = concurrency_error(exc)
    if err is None:  # not a concurrency failure: a bug
        log.exception("unexpected database error on %s %s", request.method, request.url.path, exc_info=exc)
        err = AppError(code="internal", status_code=500)
    else:
        log.info("concurrent write on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    return error_response(request, err)


def jsonable_errors(exc: RequestValidationError | PydanticValidationError) -> list[dict]:
    return [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg")), "type": e.get("type")}
            for e in exc.errors()]
