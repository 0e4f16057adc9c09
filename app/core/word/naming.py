"""What an export is called: the title in its header and the name of the downloaded file."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from urllib.parse import quote

HEADER_TITLE_MAX = 60


def header_title(title: str, short_title: str | None = None, *, limit: int = HEADER_TITLE_MAX) -> str:
    """The draft's short title, else its title on one line, shortened at a word to ``limit``
    characters ("…" added): never the title block's five lines."""
    if short_title and short_title.strip():
        return " ".join(short_title.split())
    one = " ".join((title or "").replace("*", " ").split())
    if len(one) <= limit:
        return one
    cut = one[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


def slug(text: str, default: str = "draft") -> str:
    """ASCII letters, digits and hyphens (Cyrillic is transliterated only as far as NFKD goes:
    a title without Latin letters gives ``default``)."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    out = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return out[:60].strip("-") or default


def download_name(short_title: str, kind: str, *, version: int | str | None = None, on: date | None = None,
                  extra: str = "", lang: str = "", ext: str = "docx") -> str:
    """``<short title>-v<version>-<kind>[-<extra>][-<lang>]-<YYYY-MM-DD>.docx``,
    e.g. ``cica-unoct-mou-v2-redline-v1-v2-2024-06-12.docx``."""
    parts = [slug(short_title)]
    if version is not None and version != "":
        parts.append(f"v{version}")
    parts.append(kind)
    if extra:
        parts.append(slug(extra, ""))
    if lang:
        parts.append(lang)
    if on is not None:
        parts.append(on.isoformat())
    return "-".join(p for p in parts if p) + f".{ext}"


def content_disposition(name: str) -> str:
    """An ``attachment`` header value with the plain name and its RFC 5987 UTF-8 form."""
    plain = name.encode("ascii", "replace").decode().replace('"', "")
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}"
