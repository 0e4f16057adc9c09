"""Test fixtures: a fresh migrated database per test (SQLite and PostgreSQL), an app client, users."""

from __future__ import annotations

import os
import shutil

# Cheap password hashing in tests (still argon2id; production keeps the library's cost).
os.environ.setdefault("CONCORD_PASSWORD_TIME_COST", "1")
os.environ.setdefault("CONCORD_PASSWORD_MEMORY_KIB", "1024")
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from app.config import get_settings
from app.db import make_engine
from app.migrate import upgrade

settings = get_settings()
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "gw0")


def need(condition: bool, reason: str) -> None:
    """Skip when an outside program is missing; in CI (CI=true) that is a failure."""
    if condition:
        return
    if settings.ci:
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


def _pg_admin_url() -> str | None:
    return settings.test_postgres_url


def _pg_url_for(dbname: str) -> str:
    base = sa.engine.make_url(_pg_admin_url())
    return base.set(database=dbname).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_template():
    url = _pg_admin_url()
    if not url:
        return None
    name = f"concord_tpl_{WORKER}_{os.getpid()}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sa.exc.OperationalError as exc:
        if settings.ci:
            pytest.fail(f"PostgreSQL at {url} is unreachable in CI: {exc}")
        return None
    upgrade(_pg_url_for(name))
    yield name
    with admin.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path, sqlite_template):
    if request.param == "sqlite":
        path = tmp_path / "concord.db"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    need(bool(_pg_admin_url()), "PostgreSQL tests need CONCORD_TEST_POSTGRES_URL (e.g. "
         "postgresql+psycopg://postgres@127.0.0.1:5432/postgres)")
    tpl = request.getfixturevalue("pg_template")
    need(tpl is not None, f"PostgreSQL at {_pg_admin_url()} is unreachable")
    name = f"concord_t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{tpl}"')
    yield _pg_url_for(name)
    with admin.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def engine(db_url):
    e = make_engine(db_url)
    yield e
    e.dispose()


@pytest.fixture
def app(engine):
    from app.main import create_app

    return create_app(engine)


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture
def db(engine):
    """A session for checking data directly: every query reads what is committed now and holds no lock."""
    from sqlalchemy.orm import Session

    if engine.dialect.name == "sqlite":
        bind = engine.execution_options(sqlite_begin="NONE")
    else:
        bind = engine.execution_options(isolation_level="AUTOCOMMIT")
    s = Session(bind=bind, expire_on_commit=False)
    yield s
    s.rollback()
    s.close()


PASSWORD = "correct horse battery"


class Users:
    """Creates users on demand and logs them in through the API."""

    def __init__(self, client: TestClient, engine):
        self.client = client
        self.engine = engine
        self.tokens: dict[str, str] = {}
        from app.accounts.service import ensure_member_states
        from app.db import transaction

        with transaction(engine) as s:
            ensure_member_states(s)

    def make(self, email: str, role: str, state: str | None = None) -> str:
        from app.accounts.service import create_user
        from app.db import transaction

        with transaction(self.engine) as s:
            create_user(s, email, PASSWORD, role, state=state)
        return self.login(email)

    def login(self, email: str) -> str:
        r = self.client.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD})
        assert r.status_code == 200, r.text
        self.tokens[email] = r.json()["access_token"]
        return self.tokens[email]

    def headers(self, email: str) -> dict:
        return {"Authorization": f"Bearer {self.tokens[email]}"}


@pytest.fixture
def users(client, engine) -> Users:
    return Users(client, engine)


@pytest.fixture
def officer(users) -> dict:
    users.make("officer@example.org", "secretariat")
    return users.headers("officer@example.org")


SAMPLE = Path(__file__).resolve().parent.parent / "drafts" / "cica-unoct-mou-2024.md"


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def cica_draft(client, officer, sample_text) -> dict:
    r = client.post("/api/v1/drafts/import", headers=officer,
                    files={"file": ("cica-unoct-mou-2024.md", sample_text.encode(), "text/markdown")})
    assert r.status_code == 201, r.text
    return r.json()


from tests.flow import flow  # noqa: E402,F401  (the amendment workflow fixture, shared by test packages)
