"""The `concord` command: serve, db upgrade, users create, import FILE, demo."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .config import get_settings


def _fail(exc: Exception) -> None:
    from .errors import AppError

    if isinstance(exc, AppError):
        click.echo(f"error: {exc.detail}", err=True)
        sys.exit(2)
    raise exc


@click.group()
def main() -> None:
    """Concord: drafting and review of intergovernmental agreements."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="server processes sharing the port (several need PostgreSQL)")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
def serve(host: str, port: int, workers: int, log_level: str) -> None:
    """Serve the web pages and the API.

    With --workers N, N processes accept connections on one socket; the kernel spreads new
    connections across them (SO_REUSEPORT where the platform has it)."""
    settings = get_settings()
    if workers > 1 and settings.is_sqlite:
        raise click.ClickException("several workers need PostgreSQL (CONCORD_DATABASE_URL=postgresql+psycopg://...);"
                                   " SQLite serves one process")
    click.echo(f"Concord is serving on http://{host}:{port} with {workers} worker(s)  "
               f"(API docs: http://{host}:{port}/docs)")
    from .serve import serve as run

    _start_worker_in_process()
    run(host, port, workers=workers, log_level=log_level)


def _start_worker_in_process() -> None:
    """On SQLite (or with CONCORD_WORKER_IN_PROCESS=true) the job worker runs in the server's process."""
    settings = get_settings()
    wanted = settings.worker_in_process if settings.worker_in_process is not None else settings.is_sqlite
    if wanted:
        from .db import get_engine
        from .meetings.jobs import start_in_thread

        start_in_thread(get_engine(), settings.worker_interval)
        click.echo("the job worker runs in this process (deadlines act by themselves)")


@main.command()
@click.option("--once", is_flag=True, help="run what is due now, then exit")
@click.option("--interval", default=None, type=float, help="seconds between looks at the job table")
def worker(once: bool, interval: float | None) -> None:
    """Run the job worker: silence deadlines, window deadlines, entry into force, e-mail (any number of them)."""
    import logging
    import signal
    import threading

    from .db import get_engine
    from .meetings.jobs import run_worker, tick

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    engine = get_engine()
    if once:
        for job_id, outcome in tick(engine):
            click.echo(f"job {job_id}: {outcome}")
        return
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    click.echo(f"worker started on {get_settings().database_url}")
    run_worker(engine, stop, interval or get_settings().worker_interval)


@main.group()
def db() -> None:
    """Database schema (Alembic)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Migrate the database to the newest schema."""
    from .migrate import upgrade

    upgrade(get_settings().database_url, revision)
    click.echo(f"database at {revision}: {get_settings().database_url}")


@main.group()
def users() -> None:
    """User accounts."""


@users.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(["admin", "secretariat", "translator", "delegate", "observer"]))
@click.option("--state", default=None, help="ISO 3166-1 alpha-3 code of a delegate's member state")
@click.option("--password", required=True)
@click.option("--name", default="", help="display name")
def users_create(email: str, role: str, state: str | None, password: str, name: str) -> None:
    """Create a user."""
    from .accounts.service import create_user, ensure_member_states
    from .db import transaction

    try:
        with transaction() as s:
            ensure_member_states(s)
            u = create_user(s, email, password, role, state=state, display_name=name)
            click.echo(f"created user {u.email} ({u.role}{', ' + u.state_iso3 if u.state_iso3 else ''})")
    except Exception as exc:  # noqa: BLE001
        _fail(exc)


def _system_user(session):
    from sqlalchemy import select

    from .models import User

    return session.scalar(select(User).where(User.role.in_(("admin", "secretariat"))).order_by(User.id).limit(1))


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as", "as_user", default=None, help="e-mail of the secretariat user importing (default: the first)")
def import_cmd(file: Path, as_user: str | None) -> None:
    """Import an agreement from a .txt, .md or .docx file as a new draft."""
    from .accounts.repository import user_by_email
    from .db import transaction
    from .drafts.service import create_draft
    from .drafts.uploads import decode_text, docx_blocks, kind_of

    try:
        with transaction() as s:
            user = user_by_email(s, as_user) if as_user else _system_user(s)
            if user is None:
                raise click.ClickException("no secretariat user: run `concord demo` or `concord users create` first")
            data = file.read_bytes()
            if kind_of(file.name) == "docx":
                draft, v = create_draft(s, user, blocks=docx_blocks(data), source_name=file.name)
            else:
                draft, v = create_draft(s, user, text=decode_text(data, file.name), source_name=file.name)
            click.echo(f"imported draft {draft.id} '{draft.title[:60]}': version 1, {v.clause_count} clauses")
    except click.ClickException:
        raise
    except Exception as exc:  # noqa: BLE001
        _fail(exc)


DEMO_PASSWORD = "concord-demo"
DEMO_USERS = [
    ("admin@concord.test", "admin", None, "Administrator"),
    ("secretariat@concord.test", "secretariat", None, "CICA Secretariat officer"),
    ("translator@concord.test", "translator", None, "Translator"),
    ("kaz@concord.test", "delegate", "KAZ", "Delegate of Kazakhstan"),
    ("ind@concord.test", "delegate", "IND", "Delegate of India"),
    ("chn@concord.test", "delegate", "CHN", "Delegate of China"),
    ("rus@concord.test", "delegate", "RUS", "Delegate of Russia"),
    ("observer@concord.test", "observer", None, "Observer"),
]


@main.command()
def demo() -> None:
    """Load member states, demo users and the sample drafts in drafts/ (idempotent)."""
    from sqlalchemy import select

    from .accounts.repository import user_by_email
    from .accounts.service import create_user, ensure_member_states
    from .db import transaction
    from .demo import load_demo_extras
    from .drafts.service import create_draft
    from .models import Draft

    with transaction() as s:
        ensure_member_states(s)
        for email, role, state, name in DEMO_USERS:
            if user_by_email(s, email) is None:
                create_user(s, email, DEMO_PASSWORD, role, state=state, display_name=name)
        officer = user_by_email(s, "secretariat@concord.test")
        if officer is None:  # created just above, unless that account was renamed meanwhile
            raise click.ClickException("the demo secretariat account secretariat@concord.test is missing")
        known = set(s.scalars(select(Draft.source_name)))
        for path in sorted(get_settings().drafts_dir.glob("*.md")) + sorted(get_settings().drafts_dir.glob("*.txt")):
            if path.name in known:
                continue
            draft, v = create_draft(s, officer, text=path.read_text(encoding="utf-8"), source_name=path.name)
            click.echo(f"loaded sample {path.name}: draft {draft.id}, {v.clause_count} clauses")
        load_demo_extras(s, officer)
    click.echo(f"demo logins (password for all: {DEMO_PASSWORD}):")
    for email, role, state, _ in DEMO_USERS:
        click.echo(f"  {email:28s} {role}{' ' + state if state else ''}")



@main.group()
def audit() -> None:
    """The audit log."""


@audit.command("verify")
@click.option("--full/--incremental", default=True, show_default=True,
              help="recompute every event's hash (default), or only those after the last verified one")
def audit_verify(full: bool) -> None:
    """Check the audit chain and its signed head; report the first broken link (exit 1)."""
    from .audit.service import verify
    from .db import transaction

    with transaction() as session:
        result = verify(session, full=full, advance=True)
    if result.valid:
        click.echo(f"audit chain valid: {result.events} events, {result.checked} checked")
        return
    click.echo(f"audit chain BROKEN at event {result.broken_at}: {result.reason}", err=True)
    sys.exit(1)


@main.command("export-archive")
@click.argument("draft_id", type=int)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="the archive file (default: draft-<id>.zip)")
def export_archive_cmd(draft_id: int, output: Path | None) -> None:
    """Write a draft's whole history to one file (JSON lines in a zip, with a manifest of hashes)."""
    from .archive import export_archive
    from .db import transaction

    output = output or Path(f"draft-{draft_id}.zip")
    try:
        with transaction(readonly=True) as session:
            data = export_archive(session, draft_id)
    except Exception as exc:  # noqa: BLE001
        _fail(exc)
    output.write_bytes(data)
    click.echo(f"draft {draft_id} archived to {output} ({len(data)} bytes)")


@main.command("import-archive")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_archive_cmd(file: Path) -> None:
    """Restore a draft archive into an empty database, verified equal to the archive."""
    from .archive import import_archive
    from .db import transaction

    try:
        with transaction() as session:
            draft_id = import_archive(session, file.read_bytes())
    except Exception as exc:  # noqa: BLE001
        _fail(exc)
    click.echo(f"draft {draft_id} restored from {file} and verified")


if __name__ == "__main__":
    main()
