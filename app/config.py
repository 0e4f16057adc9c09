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
    display_timezone: str = "Asia/Almaty"
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


@lru_cache
def get_settings() -> Settings:
    return Settings()
