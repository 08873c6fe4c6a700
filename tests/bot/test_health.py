"""`/healthz` fails when the database cannot be written, and answers within a second (issue 8, finding 10)."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.database import database_health_check, upgrade_database
from storage.uow import normalise_database_url

BUDGET = 1.0  # what an orchestrator's probe allows


def _timed(check: object) -> tuple[bool, float]:
    started = time.monotonic()
    healthy = check()  # type: ignore[operator]
    return healthy, time.monotonic() - started


def _with_query(url: str, **query: str) -> str:
    return make_url(normalise_database_url(url)).update_query_dict(query).render_as_string(hide_password=False)


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    path = tmp_path / "health.db"
    upgrade_database(f"sqlite:///{path}")
    return path


def test_a_writable_database_is_healthy(database_url: str) -> None:
    healthy, took = _timed(database_health_check(database_url))
    assert healthy and took < BUDGET


def test_a_read_only_sqlite_file_is_unhealthy(sqlite_file: Path) -> None:
    # What a full disk or a read-only mount looks like to SQLite: every write fails.
    read_only = f"sqlite:///file:{sqlite_file}?mode=ro&uri=true"
    healthy, took = _timed(database_health_check(read_only))
    assert not healthy and took < BUDGET


def test_a_read_only_postgresql_is_unhealthy(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's read-only transactions (a standby, a full-disk emergency setting)")
    options = make_url(normalise_database_url(database_url)).query.get("options", "")
    read_only = _with_query(database_url, options=f"{options} -cdefault_transaction_read_only=on".strip())
    healthy, took = _timed(database_health_check(read_only))
    assert not healthy and took < BUDGET


def test_a_sqlite_file_locked_by_a_stuck_writer_fails_within_the_budget(sqlite_file: Path) -> None:
    stuck = sqlite3.connect(sqlite_file, isolation_level=None)
    stuck.execute("BEGIN EXCLUSIVE")
    try:
        healthy, took = _timed(database_health_check(f"sqlite:///{sqlite_file}"))
    finally:
        stuck.execute("ROLLBACK")
        stuck.close()
    assert not healthy and took < BUDGET


@pytest.fixture
def partitioned_port() -> Iterator[int]:
    """A server that accepts connections and never says a word: a network partition."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stop.set()
        thread.join(timeout=5)
        for connection in held:
            connection.close()
        listener.close()


def test_a_partitioned_postgresql_fails_within_the_budget_every_time(partitioned_port: int) -> None:
    check = database_health_check(f"postgresql://coachflow@127.0.0.1:{partitioned_port}/coachflow")
    # The second and third calls arrive while the first probe still hangs.
    for _ in range(3):
        healthy, took = _timed(check)
        assert not healthy and took < BUDGET
