"""`coachflow doctor`'s database checks: reachable and at head, the dispatcher lock, the last tick.

Nothing here writes: a missing SQLite file is reported, not created; the
schema is read, not migrated; the lock is looked at in `pg_locks`, never taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.database import missing_sqlite_file
from bot.doctor_findings import Finding, Status, masked
from storage import migrate
from storage.tick_log import last_tick
from storage.uow import make_engine, normalise_database_url

# A scheduler ticks every minute; a tick may take up to a minute more when there is much to send.
TICK_LATE_AFTER = timedelta(minutes=3)
CONNECT_TIMEOUT_SECONDS = 5
UPGRADE = "Run `coachflow db upgrade` (once, from one machine), then start this version."


@dataclass
class Database:
    """What the database check found, for the checks after it."""

    finding: Finding
    engine: Engine | None = None
    at_head: bool = False

    def close(self) -> None:
        if self.engine is not None:
            self.engine.dispose()


def open_database(url: str) -> Database:
    where = masked(url)
    missing = missing_sqlite_file(url)
    if missing is not None:
        return Database(Finding("database", Status.PROBLEM,
                                f"there is no SQLite database at {missing}: check DATABASE_URL (a relative path "
                                "is read from the directory you start coachflow in), or create it with "
                                "`coachflow db upgrade`."))
    engine = _engine(url)
    try:
        current, head = migrate.current_revision(engine), migrate.head_revision()
    except SQLAlchemyError as error:
        engine.dispose()
        return Database(Finding("database", Status.PROBLEM, (
            f"cannot reach {where} ({error.__class__.__name__}: {_first_line(error)}). Check DATABASE_URL, "
            "that the server is running and that it accepts connections from this machine."
        )))
    state = Database(Finding("database", Status.OK, f"reachable; schema at revision {head}, the newest."), engine)
    if current is None:
        state.finding = Finding("database", Status.PROBLEM, f"{where} has no Coachflow schema yet. {UPGRADE}")
    elif not migrate.is_known_revision(current):
        state.finding = Finding("database", Status.PROBLEM, (
            f"the schema is at revision {current}, newer than this version of Coachflow knows ({head}): "
            "a later release migrated it. Deploy that release, or restore the backup taken before it."
        ))
    elif current != head:
        state.finding = Finding("database", Status.PROBLEM,
                                f"the schema is at revision {current}, this version needs {head}. {UPGRADE}")
    else:
        state.at_head = True
    return state


def _engine(url: str) -> Engine:
    sa_url = make_url(normalise_database_url(url))
    if sa_url.get_backend_name() == "postgresql" and "connect_timeout" not in sa_url.query:
        # An unreachable host answers in seconds, not after the operating system's minutes.
        sa_url = sa_url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_SECONDS)})
    return make_engine(sa_url.render_as_string(hide_password=False))


def _first_line(error: SQLAlchemyError) -> str:
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()
    line = detail[0] if detail else error.__class__.__name__
    return line if len(line) <= 160 else line[:157] + "..."


_HOLDER = text("""
    SELECT l.pid, host(a.client_addr) AS client, a.backend_start
    FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE l.locktype = 'advisory' AND l.granted
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND l.classid::bigint = :high AND l.objid::bigint = :low AND l.objsubid = 1
""")

NO_DISPATCHER = (
    "no instance holds the dispatcher lock, so no scheduled message goes out. Run `coachflow scheduler` "
    "(or `coachflow run` without --no-scheduler) on one instance; it takes the lock at its first tick, a "
    "minute after it starts, so if one just started, ask again in a minute."
)


def dispatcher_check(database: Database, key: int) -> Finding:
    """Who holds the advisory lock (PostgreSQL), seen in pg_locks; never taken here."""
    if database.engine is None:
        return Finding("dispatcher", Status.SKIPPED, "needs the database (see database).")
    if database.engine.dialect.name != "postgresql":
        return Finding("dispatcher", Status.OK,
                       "SQLite: one process does everything, so there is no lock to hold "
                       "(several instances need PostgreSQL).")
    try:
        with database.engine.connect() as connection:
            rows = connection.execute(_HOLDER, {"high": (key >> 32) & 0xFFFFFFFF, "low": key & 0xFFFFFFFF}).all()
    except SQLAlchemyError as error:
        return Finding("dispatcher", Status.WARNING,
                       f"cannot read pg_locks ({error.__class__.__name__}: {_first_line(error)}).")
    if not rows:
        return Finding("dispatcher", Status.PROBLEM, NO_DISPATCHER)
    pid, client, since = rows[0]
    origin = f" from {client}" if client else ""
    started = f", connected since {since.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if since is not None else ""
    return Finding("dispatcher", Status.OK,
                   f"one instance holds the lock (PostgreSQL backend pid {pid}{origin}{started}).")


def last_tick_check(database: Database, now: datetime) -> Finding:
    if database.engine is None:
        return Finding("last tick", Status.SKIPPED, "needs the database (see database).")
    if not database.at_head:
        return Finding("last tick", Status.SKIPPED, "needs the schema at the newest revision (see database).")
    try:
        tick = last_tick(database.engine)
    except SQLAlchemyError as error:
        return Finding("last tick", Status.WARNING,
                       f"cannot read dispatcher_ticks ({error.__class__.__name__}: {_first_line(error)}).")
    if tick is None:
        return Finding("last tick", Status.PROBLEM, (
            "no dispatch tick recorded: no scheduler of this version has run against this database, so "
            "no scheduled message has gone out. Start `coachflow scheduler` or `coachflow run`; the first "
            "tick comes a minute after it starts."
        ))
    age = now - tick.at
    said = f"last tick {ago(age)} ({tick.instance})"
    if age <= TICK_LATE_AFTER:
        return Finding("last tick", Status.OK, f"{said}; the scheduler ticks every minute.")
    return Finding("last tick", Status.WARNING, (
        f"{said}, but a running scheduler ticks every minute: it is stopped, lost its database "
        "connection, or its ticks fail. Look in its log for 'dispatch tick failed', and restart it."
    ))


def ago(age: timedelta) -> str:
    seconds = int(age.total_seconds())
    if seconds < 1:
        return "just now"
    if seconds < 120:
        return f"{seconds} s ago"
    minutes = seconds // 60
    if minutes < 120:
        return f"{minutes} min ago"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h {minutes % 60} min ago"
    return f"{hours // 24} days ago"
