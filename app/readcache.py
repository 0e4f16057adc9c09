"""Serialized answers to reads that cannot change: a version's tree, a comparison of two versions.

A version is immutable, so the JSON of its tree in a language changes only when a translation
of that language is added; a comparison of two versions only when translations or decisions on
the proposals behind it change. Each answer is kept once serialized (and once gzipped), keyed by
what it is made of: the versions' hashes, the language, and a marker of the rows that could
change it (the newest translation of the language, the newest change to the draft's proposals).
Visibility is checked before the cache is looked at; the cache never decides who may read.

A process-local LRU bounded in bytes (``CONCORD_READ_CACHE_MB``, default 64; 0 turns it off).
Answers carry a strong ``ETag``; ``If-None-Match`` with it answers 304 with no body.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from fastapi import Request, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session


@dataclass
class Entry:
    body: bytes
    etag: str
    _gz: bytes | None = field(default=None, repr=False)

    def gz(self) -> bytes:
        if self._gz is None:
            self._gz = gzip.compress(self.body, compresslevel=5)
        return self._gz

    @property
    def size(self) -> int:
        return len(self.body) + (len(self._gz) if self._gz else 0)


class ReadCache:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple) -> Entry | None:
        with self._lock:
            e = self._items.get(key)
            if e is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return e

    def put(self, key: tuple, body: bytes) -> Entry:
        e = Entry(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        if self.max_bytes <= 0 or len(body) * 2 > self.max_bytes:
            return e
        e.gz()  # compressed once, outside any request that would wait for it again
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._items[key] = e
            self._bytes += e.size
            while self._bytes > self.max_bytes and self._items:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= dropped.size
        return e

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


CACHE = ReadCache(int(float(os.environ.get("CONCORD_READ_CACHE_MB", "64")) * 1024 * 1024))


def translations_marker(session: Session, draft_id: int, lang: str) -> tuple:
    """What could change a view in ``lang``: translation rows are insert-only, so the newest id."""
    from .models import Translation

    row = session.execute(select(func.max(Translation.id), func.max(Translation.created_at))
                          .where(Translation.draft_id == draft_id, Translation.lang == lang)).one()
    return (lang, row[0], str(row[1]))


def version_key(session: Session, v) -> tuple:
    """A version as a cache key: its hash, and where and when it was stored (two databases may
    hold the same text under the same numbers)."""
    return (str(session.get_bind().url), v.id, v.hash, str(v.created_at))


def provenance_marker(session: Session, draft_id: int, from_n: int, to_n: int) -> object:
    """The newest change to the proposals consolidated between two versions (their decisions and
    rationales show in a comparison's provenance); new submissions do not change it."""
    from .models import Proposal, Version, VersionChange

    return session.scalar(
        select(func.max(Proposal.updated_at))
        .join(VersionChange, VersionChange.proposal_id == Proposal.id)
        .join(Version, Version.id == VersionChange.version_id)
        .where(Version.draft_id == draft_id, Version.number > min(from_n, to_n), Version.number <= max(from_n, to_n)))


def dumps(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def respond(request: Request, entry: Entry, media_type: str = "application/json",
            headers: dict | None = None) -> Response:
    """The cached answer: 304 when the client has it, gzipped when it accepts gzip."""
    out = {"ETag": entry.etag, "Vary": "Accept-Encoding", **(headers or {})}
    if entry.etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=out)
    if "gzip" in request.headers.get("accept-encoding", "") and len(entry.body) >= 1024:
        return Response(entry.gz(), media_type=media_type, headers={**out, "Content-Encoding": "gzip"})
    return Response(entry.body, media_type=media_type, headers=out)
