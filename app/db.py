"""Engine, session factory and the per-request session (the edge commits or rolls back).

SQLite: WAL, synchronous=FULL, foreign keys on, and BEGIN IMMEDIATE for write transactions
(a deferred BEGIN that reads then writes fails with "database is locked" under concurrency).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from .config import get_settings

_engines: dict[str, Engine] = {}


def make_engine(url: str, *, pool_size: int | None = None) -> Engine:
    """The pool holds ``pool_size`` connections (``CONCORD_DB_POOL_SIZE``): exactly the number of
    requests the server admits at once (app/admission.py), so an admitted request never waits
    for one. The overflow is for the CLI, jobs and tests that use the engine beside the server."""
    size = pool_size or get_settings().db_pool_size
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               pool_size=size, max_overflow=8, pool_timeout=30)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
            if mode != "NONE":  # NONE: every statement on its own (read-only checks in tests)
                conn.exec_driver_sql(f"BEGIN {mode}")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=size, max_overflow=8, pool_timeout=30)


def get_engine(url: str | None = None) -> Engine:
    url = url or get_settings().database_url
    if url not in _engines:
        _engines[url] = make_engine(url)
    return _engines[url]


def dispose_engines() -> None:
    for e in _engines.values():
        e.dispose()
    _engines.clear()


_factories: weakref.WeakKeyDictionary[Engine, dict[bool, sessionmaker[Session]]] = weakref.WeakKeyDictionary()


def session_factory(engine: Engine, *, readonly: bool = False) -> sessionmaker[Session]:
    """One factory per engine and mode, made once: every request asks for one, and making the
    read-only engine (``execution_options``) copied the engine's event dispatch each time."""
    per_engine = _factories.setdefault(engine, {})
    factory = per_engine.get(readonly)
    if factory is None:
        bind = engine
        if engine.dialect.name == "sqlite" and readonly:
            bind = engine.execution_options(sqlite_begin="DEFERRED")
        factory = per_engine[readonly] = sessionmaker(bind=bind, expire_on_commit=False, autoflush=True)
    return factory


@contextmanager
def transaction(engine: Engine | None = None, *, readonly: bool = False) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error (CLI and scripts)."""
    engine = engine or get_engine()
    session = session_factory(engine, readonly=readonly)()
    try:
        yield session
        if readonly:
            session.rollback()
        else:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
