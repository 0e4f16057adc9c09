"""The API documentation (/docs, /redoc) with every asset served by Concord itself, so that it
works on a network without internet. Swagger UI and ReDoc come from the PyPI package
``fastapi-offline`` (MIT; it ships swagger-ui-bundle.js, swagger-ui.css and
redoc.standalone.js); the start-up code is a static file (no inline script, for the CSP)."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from .common import render

ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"
router = APIRouter(include_in_schema=False)


@router.get("/docs")
def swagger(request: Request) -> HTMLResponse:
    return render(request, "apidocs_swagger.html", openapi_url=request.app.openapi_url)


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    return render(request, "apidocs_redoc.html", openapi_url=request.app.openapi_url)


def mount(app: FastAPI) -> None:
    """Replace FastAPI's own /docs and /redoc (which load their scripts from a CDN) by ours."""
    ours = {"/docs", "/redoc", "/docs/oauth2-redirect"}
    app.router.routes[:] = [r for r in app.router.routes if getattr(r, "path", None) not in ours]
    app.docs_url = app.redoc_url = None
    app.mount("/static/apidocs/vendor", StaticFiles(directory=ASSETS), name="apidocs-vendor")
    app.include_router(router)
