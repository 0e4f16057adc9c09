"""Extra demo data that later capabilities add (notes, proposals); idempotent."""

from __future__ import annotations


def load_demo_extras(session, officer) -> None:
    for name in ("app.notes.demo",):
        try:
            module = __import__(name, fromlist=["load"])
        except ModuleNotFoundError:
            continue
        module.load(session, officer)
