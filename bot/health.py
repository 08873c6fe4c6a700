"""`/healthz`: can the database be written, answered within a second.

A `SELECT 1` says yes on a full disk, a read-only file or a standby; so the
probe commits a real write that changes nothing. SQLite: the header's
`user_version` rewritten with its own value (a WAL frame, as any write).
PostgreSQL: a temporary table created and filled in a transaction (catalog
rows in the WAL), with statement and lock timeouts. The probe runs in a
worker thread and the answer waits at most `budget` seconds: a hung
connection (a network partition) makes `/healthz` fail fast, and callers
arriving while one probe hangs share it instead of piling up threads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

HEALTH_BUDGET_SECONDS = 0.9
_LOCK_WAIT_MS = 400
_STATEMENT_MS = 700


def write_probe(engine: Engine) -> Callable[[], bool]:
    def probe() -> bool:
        try:
            with engine.begin() as connection:
                if engine.dialect.name == "sqlite":
                    connection.exec_driver_sql(f"PRAGMA busy_timeout = {_LOCK_WAIT_MS}")
                    version = int(connection.exec_driver_sql("PRAGMA user_version").scalar() or 0)
                    connection.exec_driver_sql(f"PRAGMA user_version = {version}")
                else:
                    connection.execute(text(f"SET LOCAL statement_timeout = {_STATEMENT_MS}"))
                    connection.execute(text(f"SET LOCAL lock_timeout = {_LOCK_WAIT_MS}"))
                    connection.execute(text(
                        "CREATE TEMPORARY TABLE coachflow_health_probe (checked_at timestamptz) ON COMMIT DROP"
                    ))
                    connection.execute(text("INSERT INTO coachflow_health_probe VALUES (now())"))
        except SQLAlchemyError as error:
            log.warning("health check: the database cannot be written (%s)", error.__class__.__name__)
            return False
        return True

    return probe


class BoundedHealthCheck:
    """Runs `probe` in its own thread; False when it fails or takes longer than `budget`."""

    def __init__(self, probe: Callable[[], bool], budget: float = HEALTH_BUDGET_SECONDS) -> None:
        self._probe = probe
        self._budget = budget
        self._lock = threading.Lock()
        self._in_flight: Future[bool] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coachflow-healthz")

    def __call__(self) -> bool:
        with self._lock:
            if self._in_flight is None or self._in_flight.done():
                self._in_flight = self._executor.submit(self._probe)
            in_flight = self._in_flight
        try:
            return in_flight.result(timeout=self._budget)
        except FutureTimeout:
            log.warning("health check: the database did not answer within %.1f s", self._budget)
            return False
