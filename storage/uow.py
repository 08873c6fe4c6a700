"""Engines and the SQL unit of work.

One engine per process (it owns the connection pool); one unit of work, and
so one session, per request or job. Sessions are never shared across
threads: the factory makes a new one each time it is entered.
"""

from __future__ import annotations

import os
import re
import threading
import time
from types import TracebackType
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from domain.errors import DatabaseBusy
from domain.ports import UnitOfWork, UnitOfWorkFactory
from storage.call_free_day_repository import SqlCallFreeDayRepository
from storage.call_repository import SqlDebriefRepository, SqlShadowObservationRepository
from storage.challenge_repository import SqlChallengeRepository
from storage.commitment_repository import SqlCommitmentRepository
from storage.cycle_repository import SqlCycleRepository
from storage.delivery_repository import SqlDeliveryRepository
from storage.diagnosis_repository import SqlCallScoreRepository, SqlSelfAssessmentRepository
from storage.homework_repository import SqlHomeworkRepository
from storage.lesson_repository import SqlLessonProgressRepository, SqlLessonTextRepository
from storage.maintenance_repository import SqlMaintenanceCheckinRepository
from storage.peer_share_repository import SqlPeerShareRepository
from storage.pipeline_repository import SqlPipelineRepository
from storage.prework_repository import SqlPreworkRepository
from storage.priority_repository import SqlContractRepository, SqlPriorityRepository
from storage.receipt_repository import SqlReceiptRepository
from storage.repositories import SqlMemberRepository, SqlWorkspaceRepository
from storage.roleplay_repository import SqlRoleplayRepository
from storage.schedule_repository import SqlScheduleRepository
from storage.scorecard_comment_repository import SqlScorecardCommentRepository
from storage.session_repository import SqlSessionRepository
from storage.shared_file_repository import SqlSharedFileRepository
from storage.takeaways_repository import SqlTakeawaysRepository
from storage.win_repository import SqlSuccessStoryRepository

# How long a SQLite writer waits for another to finish before giving up with
# "database is locked". Bolt runs listeners on a thread pool and the
# scheduler on its own thread, so waiting briefly is normal, not an error.
SQLITE_BUSY_TIMEOUT_SECONDS = 30

# Execution option carrying a unit's deadline (`answer_by`, a time.monotonic()
# instant) to the engine's "begin" listeners, which hold the transaction to it.
ANSWER_BY = "coachflow_answer_by"
# Execution option of a read-only unit's connections (`make_uow_factory`):
# SQLite's "begin" listener then opens a deferred transaction, which takes no
# write lock. (PostgreSQL's read-only units use the dialect's own
# `postgresql_readonly`: psycopg opens them with BEGIN READ ONLY.)
READ_ONLY = "coachflow_read_only"
# SQLite's answers when another connection holds the database. Its other
# OperationalErrors ("no such table") are bugs and stay what they are.
_SQLITE_HELD = ("SQLITE_BUSY", "SQLITE_LOCKED")


def _remaining_ms(connection: Connection) -> int | None:
    deadline = connection.get_execution_options().get(ANSWER_BY)
    if deadline is None:
        return None
    return max(1, int((deadline - time.monotonic()) * 1000))


def _read_only(connection: Connection) -> bool:
    return bool(connection.get_execution_options().get(READ_ONLY))


def _database_unavailable(error: OperationalError) -> bool:
    """A lock wait or timeout given up, a lost or refused connection: not a bug, a database not answering.

    PostgreSQL's OperationalErrors are all about the server's state (57014
    statement_timeout, 55P03 lock_timeout, a refused or dropped connection);
    a wrong query is a ProgrammingError there.
    """
    sqlite_name = getattr(error.orig, "sqlite_errorname", None)
    if sqlite_name is not None:
        return str(sqlite_name).startswith(_SQLITE_HELD)
    return True


_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def normalise_database_url(url: str) -> str:
    """Turn what people put in DATABASE_URL into a SQLAlchemy URL.

    `postgres://` (Heroku and friends) and `postgresql://` get the psycopg 3
    driver, which is the one we install; a bare path means a SQLite file.
    """
    url = url.strip()
    if not url:
        raise ValueError("empty database URL")
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if "://" not in url:
        return "sqlite:///" + os.path.expanduser(url)
    return url


def make_engine(url: str, *, schema: str | None = None) -> Engine:
    """An engine for SQLite or PostgreSQL, configured for a threaded app.

    `schema` (PostgreSQL only) puts every connection's search_path on that
    schema: the tests give each run its own schema in a shared database.
    """
    sa_url = make_url(normalise_database_url(url))
    backend = sa_url.get_backend_name()
    if backend == "sqlite":
        if schema is not None:
            raise ValueError("schema= is for PostgreSQL; SQLite has one schema per file")
        return _sqlite_engine(sa_url.render_as_string(hide_password=False))
    connect_args: dict[str, Any] = {}
    if schema is not None:
        if backend != "postgresql":
            raise ValueError(f"schema= is not supported for {backend}")
        if not _SCHEMA_NAME.match(schema):
            raise ValueError(f"invalid schema name {schema!r}")
        connect_args["options"] = f"-csearch_path={schema}"
    # pool_pre_ping: a server restart or an idle-connection reaper must not
    # turn the next Slack request into an error.
    # hide_parameters: a statement's values (what someone wrote) stay out of logs and error messages.
    engine = create_engine(sa_url, pool_pre_ping=True, connect_args=connect_args, json_deserializer=orjson.loads,
                           hide_parameters=True)

    @event.listens_for(engine, "begin")
    def _hold_to_deadline(connection: Connection) -> None:
        # A unit with a deadline gives up waiting for locks or slow statements
        # when it passes; SET LOCAL ends with the transaction, so the pooled
        # connection goes back to the server's defaults for jobs.
        remaining = _remaining_ms(connection)
        if remaining is not None:
            connection.exec_driver_sql(
                "SELECT set_config('statement_timeout', %(ms)s, true), set_config('lock_timeout', %(ms)s, true)",
                {"ms": f"{remaining}ms"},
            )

    return engine


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(
        url,
        json_deserializer=orjson.loads,  # scorecards read the indicators of hundreds of thousands of calls
        hide_parameters=True,  # a statement's values (what someone wrote) stay out of logs and error messages
        connect_args={
            # Connections move between the threads of the pool; each is used
            # by one unit of work at a time.
            "check_same_thread": False,
            "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
        },
    )
    in_memory = make_url(url).database in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # sqlite3's legacy mode starts transactions lazily (at the first
        # INSERT/UPDATE/DELETE), so reads before it are outside the
        # transaction and a read-then-write can lose updates. Take over BEGIN.
        # (So do not use isolation_level="AUTOCOMMIT" on these engines: the
        # SQLAlchemy docs call the two incompatible.)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")  # off by default in SQLite
            if not in_memory:
                # Readers (sqlite3 shell, backups) no longer block the writer.
                cursor.execute("PRAGMA journal_mode=WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A unit with a deadline waits for the write lock only until then; any
        # other waits the default. Set per transaction (the DBAPI connection
        # keeps it), and only when it changes.
        busy_ms = _remaining_ms(connection) or SQLITE_BUSY_TIMEOUT_SECONDS * 1000
        if connection.info.get("busy_ms") != busy_ms:
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(busy_ms)}")
            connection.info["busy_ms"] = busy_ms
        if _read_only(connection):
            # Deferred: a reader takes no lock in WAL mode, so writers never wait for
            # it (and it never waits for them). Its commit() is refused, so whatever
            # it might write by mistake is rolled back when it ends.
            connection.exec_driver_sql("BEGIN")
            return
        # IMMEDIATE takes the write lock up front. A DEFERRED transaction that
        # read first and writes later cannot wait for a busy database (SQLite
        # returns "database is locked" at once to avoid a deadlock); this one
        # waits up to the busy timeout instead. Units of work are short, so
        # serialising them costs little.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class SqlUnitOfWork:
    """One transaction over one session; implements `domain.ports.UnitOfWork`.

    Leaving the `with` block rolls back whatever was not committed, on an
    exception or when `commit()` was simply not called, then closes the session.
    Its repositories are those `domain.ports.Repositories` lists, made in
    `__enter__` (mypy checks the two agree through `make_uow_factory`).
    """

    def __init__(
        self, session_factory: sessionmaker[Session], *, guard: OnePerThread | None = None, read_only: bool = False
    ) -> None:
        self._session_factory = session_factory
        self._guard = guard
        self._read_only = read_only
        self._session: Session | None = None
        self._deadline: float | None = None

    def __enter__(self) -> SqlUnitOfWork:
        if self._session is not None:
            raise RuntimeError("this unit of work is already in use; make a new one")
        if self._guard is not None:
            self._guard.enter()
        try:
            self._session = self._session_factory()
        except BaseException:
            if self._guard is not None:
                self._guard.exit()
            raise
        self.workspaces = SqlWorkspaceRepository(self._session)
        self.members = SqlMemberRepository(self._session)
        self.schedules = SqlScheduleRepository(self._session)
        self.deliveries = SqlDeliveryRepository(self._session)
        self.pipeline = SqlPipelineRepository(self._session)
        self.cycles = SqlCycleRepository(self._session)
        self.call_scores = SqlCallScoreRepository(self._session)
        self.self_assessments = SqlSelfAssessmentRepository(self._session)
        self.priorities = SqlPriorityRepository(self._session)
        self.contracts = SqlContractRepository(self._session)
        self.shared_files = SqlSharedFileRepository(self._session)
        self.receipts = SqlReceiptRepository(self._session)
        self.debriefs = SqlDebriefRepository(self._session)
        self.shadow_observations = SqlShadowObservationRepository(self._session)
        self.roleplays = SqlRoleplayRepository(self._session)
        self.homework = SqlHomeworkRepository(self._session)
        self.lessons = SqlLessonProgressRepository(self._session)
        self.lesson_texts = SqlLessonTextRepository(self._session)
        self.call_free_days = SqlCallFreeDayRepository(self._session)
        self.peer_shares = SqlPeerShareRepository(self._session)
        self.scorecard_comments = SqlScorecardCommentRepository(self._session)
        self.commitments = SqlCommitmentRepository(self._session)
        self.sessions = SqlSessionRepository(self._session)
        self.prework = SqlPreworkRepository(self._session)
        self.takeaways = SqlTakeawaysRepository(self._session)
        self.success_stories = SqlSuccessStoryRepository(self._session)  # issue 13
        self.maintenance_checkins = SqlMaintenanceCheckinRepository(self._session)
        self.challenges = SqlChallengeRepository(self._session)  # issue 13
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        try:
            session.rollback()
        finally:
            session.close()
            if self._guard is not None:
                self._guard.exit()
        deadline, self._deadline = self._deadline, None
        if (deadline is not None and isinstance(exc, OperationalError)
                and (_database_unavailable(exc) or time.monotonic() >= deadline)):
            # Rolled back above: the person is told to try again, and nothing follows.
            raise DatabaseBusy() from exc

    def answer_by(self, deadline: float) -> None:
        session = self._require_session()
        if session.in_transaction():
            raise RuntimeError("answer_by() must come before the unit of work's first query")
        self._deadline = deadline
        if time.monotonic() >= deadline:
            raise DatabaseBusy()
        # Begins the transaction now, so the "begin" listeners see the deadline.
        session.connection(execution_options={ANSWER_BY: deadline})

    def commit(self) -> None:
        session = self._require_session()
        if self._read_only:
            raise RuntimeError("a read-only unit of work keeps nothing; open a writing one to change data")
        if self._deadline is not None:
            session.flush()  # the last statements run under the database's timeouts ...
            if time.monotonic() >= self._deadline:
                # ... and past the deadline nothing is kept: the person has been (or is
                # about to be) told "could not save", so a commit must not follow.
                session.rollback()
                raise DatabaseBusy()
        session.commit()

    def rollback(self) -> None:
        self._require_session().rollback()

    def _require_session(self) -> Session:
        if self._session is None:
            raise RuntimeError(
                "use the unit of work as a context manager: `with uow_factory() as uow:`"
            )
        return self._session


class OnePerThread:
    """Refuses a second open unit of work on one SQLite file in the same thread.

    On SQLite the first unit holds the database's write lock (BEGIN
    IMMEDIATE), so a second one in the same thread would wait for a lock
    that is never released and fail after the busy timeout. Failing at
    once says what is wrong. DESIGN.md 3 rule 6: one unit per request or job.
    The key is the database file, so two factories or engines on one file
    are caught too.
    """

    _open = threading.local()

    def __init__(self, database: str) -> None:
        self._database = database

    def _open_here(self) -> set[str]:
        if not hasattr(self._open, "databases"):
            self._open.databases = set()
        databases: set[str] = self._open.databases
        return databases

    def enter(self) -> None:
        if self._database in self._open_here():
            raise RuntimeError(
                "a unit of work is already open in this thread; on SQLite a second "
                "one would wait for the first one's lock. Finish the first one "
                "(leave its `with` block) before starting another."
            )
        self._open_here().add(self._database)

    def exit(self) -> None:
        self._open_here().discard(self._database)


def _sqlite_guard(engine: Engine) -> OnePerThread:
    database = engine.url.database
    if database in (None, "", ":memory:"):
        return OnePerThread(f"memory:{id(engine)}")  # private to this engine
    return OnePerThread(os.path.realpath(database))


def make_uow_factory(engine: Engine) -> UnitOfWorkFactory:
    """A `domain.ports.UnitOfWorkFactory`: each call is a new, independent unit."""
    # expire_on_commit stays on: after commit() a unit that keeps working
    # re-reads rows instead of trusting values another request may have changed.
    writing = sessionmaker(bind=engine, expire_on_commit=True)
    # Same pool, no extra statement: SQLite's "begin" listener reads READ_ONLY;
    # on PostgreSQL psycopg opens the transaction READ ONLY (it refuses any
    # write or row lock), and the connection goes back to the pool read-write.
    options: dict[str, Any] = {READ_ONLY: True}
    if engine.dialect.name == "postgresql":
        options["postgresql_readonly"] = True
    reading = sessionmaker(bind=engine.execution_options(**options), expire_on_commit=True)
    guard = _sqlite_guard(engine) if engine.dialect.name == "sqlite" else None

    def new_unit_of_work(*, read_only: bool = False) -> UnitOfWork:
        # Typed as the port: mypy checks here that SqlUnitOfWork satisfies it.
        return SqlUnitOfWork(reading if read_only else writing, guard=guard, read_only=read_only)

    return new_unit_of_work
