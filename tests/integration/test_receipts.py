"""Receipts and the save deadline in storage: once per key, and nothing kept after "could not save".

The contract runs on the fake, SQLite and PostgreSQL; the lock tests
reproduce the issue's slow databases: a SQLite file another connection holds
with BEGIN IMMEDIATE, and PostgreSQL table and row locks held by another
connection.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from domain.errors import DatabaseBusy
from domain.model import Member, Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.receipts import Receipt, Replayed, record
from storage.uow import SqlUnitOfWork, make_engine, make_uow_factory
from tests.conftest import TestDatabase

T1, T2 = WorkspaceRef("T1"), WorkspaceRef("T2")
SCORE = Receipt("score_call", "a" * 64)
# Far below SQLITE_BUSY_TIMEOUT_SECONDS (30) and PostgreSQL's "wait forever".
DEADLINE = 0.3


def _workspace(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1, name="Acme"))
        uow.members.add(Member(T1, "UA", "Alex", "UTC"))
        uow.commit()


def _members(uow_factory: UnitOfWorkFactory) -> set[str]:
    with uow_factory() as uow:
        return {m.user_id for m in uow.members.list_all(T1)}


def test_a_receipt_is_stored_once_per_workspace(any_uow_factory: UnitOfWorkFactory) -> None:
    with any_uow_factory() as uow:
        assert uow.receipts.add(T1, SCORE) is True
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.receipts.add(T1, SCORE) is False  # the replay
        assert uow.receipts.add(T2, SCORE) is True  # the same key elsewhere is another request
        uow.commit()


def test_a_replay_writes_nothing_and_a_rolled_back_receipt_leaves_no_trace(any_uow_factory: UnitOfWorkFactory) -> None:
    _workspace(any_uow_factory)
    with any_uow_factory() as uow:
        record(uow, T1, SCORE)
        uow.members.add(Member(T1, "UB", "Bea", "UTC"))
        # no commit: a validation error, say; the person tries again with the same form
    with any_uow_factory() as uow:
        record(uow, T1, SCORE)
        uow.members.add(Member(T1, "UB", "Bea", "UTC"))
        uow.commit()
    with pytest.raises(Replayed), any_uow_factory() as uow:
        record(uow, T1, SCORE)
        uow.members.add(Member(T1, "UC", "Chen", "UTC"))
        uow.commit()
    assert _members(any_uow_factory) == {"UA", "UB"}


def test_a_unit_past_its_deadline_rolls_back_instead_of_committing(any_uow_factory: UnitOfWorkFactory) -> None:
    _workspace(any_uow_factory)
    deadline = time.monotonic() + 0.05
    with pytest.raises(DatabaseBusy, match="Could not save just now"), any_uow_factory() as uow:
        uow.answer_by(deadline)
        uow.members.add(Member(T1, "UB", "Bea", "UTC"))
        while time.monotonic() < deadline:  # the work took longer than the form allows
            time.sleep(0.01)
        uow.commit()
    assert _members(any_uow_factory) == {"UA"}  # no late commit after the error


def test_a_deadline_already_passed_is_refused_before_any_query(any_uow_factory: UnitOfWorkFactory) -> None:
    with pytest.raises(DatabaseBusy), any_uow_factory() as uow:
        uow.answer_by(time.monotonic() - 0.001)  # the request waited in a queue past its deadline


# -- a database held by another connection -------------------------------------


@contextmanager
def _sqlite_file_locked(engine: Engine) -> Iterator[None]:
    holder = sqlite3.connect(engine.url.database or "", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing, a backup, a long job
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def _add_bea_by_deadline(uow_factory: UnitOfWorkFactory) -> float:
    started = time.monotonic()
    with pytest.raises(DatabaseBusy), uow_factory() as uow:
        record(uow, T1, Receipt(SCORE.kind, SCORE.key, answer_by=started + DEADLINE))
        uow.members.add(Member(T1, "UB", "Bea", "UTC"))
        uow.commit()
    return time.monotonic() - started


def test_a_locked_sqlite_file_gives_up_at_the_deadline_and_keeps_nothing(sqlite_engine: Engine) -> None:
    uow_factory = make_uow_factory(sqlite_engine)
    _workspace(uow_factory)
    with _sqlite_file_locked(sqlite_engine):
        waited = _add_bea_by_deadline(uow_factory)
    assert waited < DEADLINE + 1.0  # not the 30 s busy timeout
    assert _members(uow_factory) == {"UA"}
    with uow_factory() as uow:  # the person's next try is not taken for a replay
        record(uow, T1, SCORE)
        uow.commit()


def test_a_job_without_a_deadline_still_waits_for_a_locked_sqlite_file(sqlite_engine: Engine) -> None:
    uow_factory = make_uow_factory(sqlite_engine)
    _workspace(uow_factory)
    errors: list[BaseException] = []

    def job() -> None:
        try:
            with uow_factory() as uow:
                uow.members.add(Member(T1, "UB", "Bea", "UTC"))
                uow.commit()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    with _sqlite_file_locked(sqlite_engine):
        _add_bea_by_deadline(uow_factory)  # leaves a short busy timeout on a pooled connection
        worker = threading.Thread(target=job)
        worker.start()
        worker.join(timeout=DEADLINE * 4)
        assert worker.is_alive()  # still waiting where a form would have given up
    worker.join(timeout=30)
    assert not errors and _members(uow_factory) == {"UA", "UB"}


@contextmanager
def _postgres_locked(database: TestDatabase, statement: str) -> Iterator[None]:
    with database.engine.connect() as holder:
        holder.execute(text(statement))  # held until this transaction ends
        try:
            yield
        finally:
            holder.rollback()


@pytest.mark.postgres
@pytest.mark.parametrize("lock", [
    pytest.param("LOCK TABLE members IN EXCLUSIVE MODE", id="table-lock"),
    pytest.param("SELECT 1 FROM members WHERE user_id = 'UA' FOR UPDATE", id="row-lock"),
])
def test_a_lock_held_on_postgres_gives_up_at_the_deadline_and_keeps_nothing(
    postgres_database: TestDatabase, lock: str
) -> None:
    uow_factory = make_uow_factory(postgres_database.engine)
    _workspace(uow_factory)
    with _postgres_locked(postgres_database, lock):
        started = time.monotonic()
        with pytest.raises(DatabaseBusy), uow_factory() as uow:
            record(uow, T1, Receipt(SCORE.kind, SCORE.key, answer_by=started + DEADLINE))
            uow.members.add(Member(T1, "UB", "Bea", "UTC"))  # blocked by the table lock
            uow.members.update(Member(T1, "UA", "Alex R.", "UTC"))  # blocked by the row lock
            uow.commit()
        assert time.monotonic() - started < DEADLINE + 1.0
    assert _members(uow_factory) == {"UA"}
    with postgres_database.engine.connect() as connection:  # SET LOCAL ended with that transaction
        assert connection.execute(text("SHOW lock_timeout")).scalar() == "0"


@pytest.mark.postgres
def test_a_postgres_that_refuses_connections_is_could_not_save_not_a_traceback(
    postgres_database: TestDatabase,
) -> None:
    stopped = postgres_database.engine.url.set(host="127.0.0.1", port=1)  # nothing listens there
    engine = make_engine(stopped.render_as_string(hide_password=False))
    try:
        with pytest.raises(DatabaseBusy), make_uow_factory(engine)() as uow:
            uow.answer_by(time.monotonic() + DEADLINE)
    finally:
        engine.dispose()


def test_a_bug_in_sql_is_not_dressed_up_as_a_busy_database(sqlite_engine: Engine) -> None:
    with pytest.raises(OperationalError, match="no such table"), make_uow_factory(sqlite_engine)() as uow:
        uow.answer_by(time.monotonic() + DEADLINE)
        cast(SqlUnitOfWork, uow)._require_session().execute(text("SELECT * FROM no_such_table"))  # noqa: SLF001 - a query no repository sends
