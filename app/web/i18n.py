"""Locale negotiation and gettext for the web pages (domain "messages" in locales/)."""

from __future__ import annotations

import gettext
from functools import lru_cache
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from fastapi import Request

from ..config import get_settings

UI_LANGS = ("en", "ru", "kk")
LANG_COOKIE = "concord_lang"


@lru_cache(maxsize=16)
def translations(lang: str, domain: str = "messages") -> gettext.NullTranslations:
    """Load locales/<lang>/LC_MESSAGES/<domain>.po, compiled in memory (no .mo files committed)."""
    path = get_settings().locales_dir / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=domain)
    buf = BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def negotiate(request: Request) -> str:
    """Query (?ui=), then the cookie, then Accept-Language; English by default."""
    q = request.query_params.get("ui")
    if q in UI_LANGS:
        return q
    c = request.cookies.get(LANG_COOKIE)
    if c in UI_LANGS:
        return c
    header = request.headers.get("accept-language", "")
    best, best_q = "en", 0.0
    for part in header.split(","):
        bits = part.strip().split(";")
        tag = bits[0].strip().lower().split("-")[0]
        weight = 1.0
        for b in bits[1:]:
            if b.strip().startswith("q="):
                try:
                    weight = float(b.strip()[2:])
                except ValueError:
                    weight = 0.0
        if tag in UI_LANGS and weight > best_q:
            best, best_q = tag, weight
    return best
