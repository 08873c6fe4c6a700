"""One dispatcher at a time: the PostgreSQL advisory lock, and SQLite's stand-in.

Each test uses a random lock key: advisory locks are per database, and other
test runs (other schemas) share this one.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from storage.dispatcher_lock import (
    DISPATCHER_LOCK_KEY,
    LocalDispatcherLock,
    PostgresDispatcherLock,
    make_dispatcher_lock,
)
from storage.uow import make_engine, make_uow_factory
from tests.conftest import TestDatabase


def test_the_default_key_is_derived_from_the_name():
    digest = hashlib.sha256(b"coachflow-dispatcher").digest()
    assert int.from_bytes(digest[:8], "big", signed=True) == DISPATCHER_LOCK_KEY


def test_sqlite_has_one_process_so_the_lock_is_always_held(sqlite_engine):
    lock = make_dispatcher_lock(sqlite_engine)
    assert isinstance(lock, LocalDispatcherLock)
    assert lock.try_acquire() and lock.try_acquire()
    lock.release()
    assert lock.try_acquire()
    with pytest.raises(ValueError, match="PostgreSQL"):
        PostgresDispatcherLock(sqlite_engine)


# -- PostgreSQL ----------------------------------------------------------------------


@pytest.fixture
def key() -> int:
    return secrets.randbits(62) + 1


@pytest.fixture
def other_engine(postgres_database: TestDatabase) -> Iterator[Engine]:
    """A second engine on the same database: another instance's pool."""
    engine = make_engine(postgres_database.url)
    yield engine
    engine.dispose()


def holder_pid(engine: Engine, key: int) -> int | None:
    """The backend holding advisory lock `key`, asked from a third connection."""
    with engine.connect() as connection:
        return connection.scalar(
            text(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
                " AND classid::bigint = :high AND objid::bigint = :low AND objsubid = 1"
            ),
            {"high": (key >> 32) & 0xFFFFFFFF, "low": key & 0xFFFFFFFF},
        )


@pytest.mark.postgres
def test_a_second_instance_takes_over_when_the_holders_connection_dies(
    postgres_database, other_engine, key
):
    a = make_dispatcher_lock(postgres_database.engine, key=key)
    b = make_dispatcher_lock(other_engine, key=key)
    assert isinstance(a, PostgresDispatcherLock) and isinstance(b, PostgresDispatcherLock)
    try:
        assert a.try_acquire()
        assert a.try_acquire()  # still held, every tick
        assert not b.try_acquire()
        pid = holder_pid(other_engine, key)
        assert pid is not None

        with other_engine.connect() as third:
            # The holder's process dies: its connection goes, and the lock with it.
            assert third.scalar(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})

        assert b.try_acquire()  # on its next try
        assert holder_pid(other_engine, key) not in (None, pid)
        assert not a.try_acquire()  # A notices, reconnects, and finds B holding it
        b.release()
        assert a.try_acquire()  # A's next try after B let go
    finally:
        a.release()
        b.release()
    assert holder_pid(other_engine, key) is None


@pytest.mark.postgres
def test_release_lets_another_take_it_and_can_be_repeated(postgres_database, other_engine, key):
    a = PostgresDispatcherLock(postgres_database.engine, key)
    b = PostgresDispatcherLock(other_engine, key)
    a.release()  # never held: harmless
    assert a.try_acquire()
    a.release()
    a.release()
    try:
        assert b.try_acquire()
        assert not a.try_acquire()
    finally:
        b.release()


@pytest.mark.postgres
def test_different_keys_do_not_exclude_each_other(postgres_database, other_engine, key):
    a = PostgresDispatcherLock(postgres_database.engine, key)
    b = PostgresDispatcherLock(other_engine, key + 1)
    try:
        assert a.try_acquire() and b.try_acquire()
    finally:
        a.release()
        b.release()


@pytest.mark.postgres
def test_the_lock_has_its_own_connection_idle_outside_any_transaction(
    postgres_database, other_engine, key
):
    engine = postgres_database.engine
    lock = PostgresDispatcherLock(engine, key)
    try:
        assert lock.try_acquire()
        # Not a pooled connection: the pool lends nothing out, and units of
        # work on the same engine neither see nor release the lock.
        assert engine.pool.checkedout() == 0
        for _ in range(3):
            with make_uow_factory(engine)() as uow:
                uow.workspaces.list_all()
        pid = holder_pid(other_engine, key)
        with other_engine.connect() as connection:
            state = connection.scalar(
                text("SELECT state FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
            )
        assert state == "idle"  # autocommit: holding for hours holds no transaction
    finally:
        lock.release()
    assert holder_pid(other_engine, key) is None


def test_an_unreachable_database_means_not_held_not_a_crash(key):
    # Nothing listens on port 1: the connection is refused at once.
    engine = make_engine("postgresql+psycopg://coachflow@127.0.0.1:1/none?connect_timeout=2")
    try:
        lock = PostgresDispatcherLock(engine, key)
        assert not lock.try_acquire()
        lock.release()
    finally:
        engine.dispose()


def test_keys_must_fit_in_a_bigint():
    engine = make_engine("postgresql+psycopg://u@127.0.0.1:1/none")
    try:
        with pytest.raises(ValueError, match="bigint"):
            PostgresDispatcherLock(engine, 2**63)
    finally:
        engine.dispose()
