"""Only one instance runs the dispatcher: `domain.ports.DispatcherLock`.

PostgreSQL: a session-level advisory lock held on a dedicated connection.
The lock lives exactly as long as that connection, so when the holder dies
(crash, kill -9, lost network) PostgreSQL releases it with the connection and
another instance's next `try_acquire()` takes over; nothing needs cleaning up.

SQLite: one database file means one process (DESIGN.md 3.3), so there is no
one to exclude and the lock is always held.

The lock only decides who *tries*; the ledger's unique key is what makes a
double send impossible if two instances ever dispatch at once.
"""

from __future__ import annotations

import contextlib
import logging
import threading

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

# sha256(b"coachflow-dispatcher"), first 8 bytes as a signed big-endian int:
# advisory lock keys are one bigint per database, shared with every other
# application using that database, so a hashed name makes a collision unlikely.
# Fixed here (not computed) so it can never change between two versions
# running side by side during a deploy.
DISPATCHER_LOCK_KEY = -6437854998692219615

_BIGINT_MIN, _BIGINT_MAX = -(2**63), 2**63 - 1


class PostgresDispatcherLock:
    """A session-level `pg_try_advisory_lock` on a connection of its own.

    The connection is detached from the engine's pool: returned to the pool
    it would keep the lock for whichever request borrows it next. It runs in
    autocommit, so holding the lock for hours does not hold a transaction open.
    Needs a direct (or session-pooled) connection: PgBouncer in transaction
    mode cannot hold session locks. Safe to call from several threads.
    """

    def __init__(self, engine: Engine, key: int = DISPATCHER_LOCK_KEY) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError(f"advisory locks need PostgreSQL, not {engine.dialect.name}")
        if not _BIGINT_MIN <= key <= _BIGINT_MAX:
            raise ValueError(f"advisory lock key {key} does not fit in a bigint")
        self._engine = engine
        self.key = key
        self._connection: Connection | None = None
        self._mutex = threading.Lock()

    def try_acquire(self) -> bool:
        """True while this process holds the lock; takes it over from a dead holder."""
        with self._mutex:
            if self._connection is not None:
                if _alive(self._connection):
                    return True
                # The connection died, and the server dropped the lock with it:
                # someone else may hold it now, so ask again like a newcomer.
                log.warning("dispatcher lock connection lost; trying to take the lock again")
                self._close()
            return self._acquire()

    def release(self) -> None:
        """Unlock and close the connection; harmless when not held."""
        with self._mutex:
            if self._connection is None:
                return
            try:
                self._connection.execute(
                    text("SELECT pg_advisory_unlock(CAST(:key AS bigint))"), {"key": self.key}
                )
            except SQLAlchemyError:
                pass  # the connection is gone, and the lock went with it
            finally:
                self._close()

    def _acquire(self) -> bool:
        try:
            connection = self._engine.connect()
        except SQLAlchemyError as error:
            log.warning("dispatcher lock: cannot connect to the database: %s", error)
            return False
        try:
            # Autocommit first: SQLAlchemy resets it through the pool record,
            # which a detached connection no longer has.
            connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.detach()  # closed for real, never handed back to the pool
            held = connection.scalar(
                text("SELECT pg_try_advisory_lock(CAST(:key AS bigint))"), {"key": self.key}
            )
        except SQLAlchemyError as error:
            log.warning("dispatcher lock: cannot ask for the lock: %s", error)
            _quietly_close(connection)
            return False
        if not held:
            # Another instance dispatches. Do not keep an idle connection
            # around for the next tick: opening one a minute is cheap.
            _quietly_close(connection)
            return False
        self._connection = connection
        return True

    def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            _quietly_close(connection)


class LocalDispatcherLock:
    """For SQLite: one database file is used by one process, so always held."""

    def try_acquire(self) -> bool:
        return True

    def release(self) -> None:
        return None


def make_dispatcher_lock(
    engine: Engine, key: int = DISPATCHER_LOCK_KEY
) -> PostgresDispatcherLock | LocalDispatcherLock:
    """The right lock for the engine's database; `key` lets tests keep to themselves."""
    if engine.dialect.name == "postgresql":
        return PostgresDispatcherLock(engine, key)
    return LocalDispatcherLock()


def _alive(connection: Connection) -> bool:
    try:
        connection.exec_driver_sql("SELECT 1")
    except SQLAlchemyError:
        return False
    return True


def _quietly_close(connection: Connection) -> None:
    # Closing a dead connection may complain; it is closed either way.
    with contextlib.suppress(SQLAlchemyError):
        connection.close()
