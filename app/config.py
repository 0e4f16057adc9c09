"""One Settings object; nothing else in Concord reads the environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONCORD_", extra="ignore")

    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'concord.db'}"
    secret_key: str = "development-only-secret-change-me"
    environment: str = "development"  # development | test | production
    session_hours: int = 12
    # argon2id cost; the defaults are argon2-cffi's (RFC 9106 low-memory profile). Tests lower them.
    password_time_cost: int = 3
    password_memory_kib: int = 65536
    max_upload_bytes: int = 20 * 1024 * 1024
    # request bodies (see app.middleware.limits): JSON bodies of signed-in users, anonymous requests,
    # the login form; uploads get max_upload_bytes
    max_body_bytes: int = 12 * 1024 * 1024
    max_anonymous_body_bytes: int = 64 * 1024
    max_login_body_bytes: int = 16 * 1024
    # what one draft version may hold (app.limits)
    max_clauses_per_draft: int = 20_000
    max_clause_chars: int = 100_000
    # failed logins: at most this many per account and per address within the window, then 429
    login_window_seconds: int = 900
    login_max_failures_per_account: int = 5
    login_max_failures_per_address: int = 20
    # Idempotency-Key on POSTs (app.idempotency): how long a first answer is replayed
    idempotency_ttl_hours: float = Field(24.0, gt=0)
    display_timezone: str = "Asia/Almaty"
    # How requests share the database (see app/admission.py): database connections per
    # process, and threads beyond them for work that holds no connection.
    db_pool_size: int = Field(16, ge=2, le=200)
    thread_headroom: int = Field(8, ge=1, le=200)
    drafts_dir: Path = PROJECT_ROOT / "drafts"
    locales_dir: Path = PROJECT_ROOT / "locales"
    # the approval path (app/meetings): e-mail of notifications, off while smtp_host is empty;
    # the job worker runs inside `concord serve` when worker_in_process (default: on SQLite only)
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_from: str = "concord@localhost"
    smtp_lang: str = "en"
    worker_in_process: bool | None = None
    worker_interval: float = 2.0
    # tests only
    test_postgres_url: str | None = None
    ci: bool = Field(False, validation_alias="CI")  # CI=true: a missing outside program is a failure

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def secure_cookies(self) -> bool:
        return self.environment == "production"


DEFAULT_SECRET_KEY = Settings.model_fields["secret_key"].default


def check_production(settings: Settings) -> None:
    """Refuse to start in production with the development secret key (or a short one)."""
    if settings.environment == "production" and (settings.secret_key == DEFAULT_SECRET_KEY
                                                 or len(settings.secret_key) < 32):
        raise RuntimeError("CONCORD_ENVIRONMENT=production needs CONCORD_SECRET_KEY set to a secret of at least "
                           "32 characters (not the development default); refusing to start.")


@lru_cache
def get_settings() -> Settings:
    return Settings()
