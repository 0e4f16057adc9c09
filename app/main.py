"""create_app(): middleware, routers, error handlers."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from .db import get_engine
from .errors import AppError

log = logging.getLogger("concord")


def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body",))
        parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
    return "Invalid request: " + "; ".join(parts)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def create_app(engine: Engine | None = None) -> FastAPI:
    app = FastAPI(title="Concord", version="0.1.0",
                  description="Drafting and review of intergovernmental agreements in English, Russian and Kazakh.")
    app.state.engine = engine or get_engine()

    from .accounts.api import router as accounts_router
    from .audit.api import router as audit_router
    from .drafts.api import router as drafts_router

    for r in (accounts_router, drafts_router, audit_router):
        app.include_router(r, prefix="/api/v1")
    for name in ("proposals", "compare", "exports", "notes", "meetings"):  # capabilities present
        try:
            module = __import__(f"app.{name}.api", fromlist=["router"])
        except ModuleNotFoundError:
            continue
        app.include_router(module.router, prefix="/api/v1")

    from .web.routes import mount_web

    mount_web(app)

    @app.exception_handler(AppError)
    async def app_error(request: Request, exc: AppError):
        if _wants_html(request):
            from .web.common import error_page

            return error_page(request, exc.status_code, exc.detail)
        body = {"detail": exc.detail}
        if exc.extra is not None:
            body["conflicts" if exc.status_code == 409 else "errors"] = exc.extra
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        detail = _validation_detail(exc)
        if _wants_html(request):
            from .web.common import error_page

            return error_page(request, 422, detail)
        return JSONResponse({"detail": detail, "errors": jsonable_errors(exc)}, status_code=422)

    @app.exception_handler(PydanticValidationError)
    async def body_validation_error(request: Request, exc: PydanticValidationError):
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()]
        return JSONResponse({"detail": "Invalid request: " + "; ".join(parts)}, status_code=422)

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def out_of_range(request: Request, exc: Exception):
        # a number (an id, a version) too large for the database: the client's input, not a bug
        return JSONResponse({"detail": "A number in the request is out of range."}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else "Error"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"No such page or endpoint: {request.url.path}"
        if exc.status_code == 405:
            detail = f"Method {request.method} is not allowed on {request.url.path}"
        if _wants_html(request):
            from .web.common import error_page

            return error_page(request, exc.status_code, detail)
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):  # a bug, never bad input
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "Internal error; it has been logged."}, status_code=500)

    return app


def jsonable_errors(exc: RequestValidationError) -> list[dict]:
    return [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg")), "type": e.get("type")}
            for e in exc.errors()]
