"""Locale negotiation and gettext for the web pages (domain "messages" in locales/)."""

from __future__ import annotations

import gettext

from fastapi import Request

from ..core.i18n import catalogs

UI_LANGS = ("en", "ru", "kk")
LANG_COOKIE = "concord_lang"


def translations(lang: str, domain: str = "messages") -> gettext.NullTranslations:
    """The compiled catalog of ``domain`` for ``lang`` (see app.core.i18n.catalogs)."""
    return catalogs.translations(lang, domain)


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
