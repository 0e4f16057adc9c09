"""Every page router, mounted explicitly (and the static files) by main.create_app()."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from . import apidocs, imports, meetings, notes, pages, renumber, translate, workflow
from .common import HERE


def mount_web(app: FastAPI) -> None:
    apidocs.mount(app)  # before /static: its vendor assets live under /static/apidocs/vendor
    app.mount("/static", StaticFiles(directory=f"{HERE}/static"), name="static")
    # imports first: its /drafts/import would otherwise be read as /drafts/{draft_id}
    for module in (imports, pages, workflow, translate, notes, meetings, renumber):
        app.include_router(module.router)
