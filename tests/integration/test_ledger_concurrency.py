"""The ledger under concurrent writers: each key once, each claim to one sender.

Threads stand in for instances: each has its own units of work, so its own
connections and transactions, exactly as two processes would.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text

from bot.fake_slack import WAIT_SECONDS
from domain.delivery import Delivery, DeliveryKey, DeliveryStatus
from domain.model import Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from storage.uow import SqlUnitOfWork, make_uow_factory
from tests.conftest import TestDatabase

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
T1 = WorkspaceRef("T1")
THREADS = 4


def pending(n: int) -> Delivery:
    return Delivery(
        DeliveryKey("T1", f"U{n:04}", "week_ahead", "2026-11-23"),
        DeliveryStatus.PENDING,
        due_at=NOW - timedelta(seconds=n),
        stale_at=NOW + timedelta(hours=6),
    )


def ledger(engine: Engine) -> UnitOfWorkFactory:
    uow_factory = make_uow_factory(engine)
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.commit()
    return uow_factory


def in_threads(work: Callable[[int], None], threads: int = THREADS) -> None:
    """Run `work(n)` in `threads` threads started together; re-raise their errors."""
    start = threading.Barrier(threads)
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            start.wait()
            work(n)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    workers = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert not any(worker.is_alive() for worker in workers), "a thread hung"
    assert not errors, errors[:3]


def stored(uow_factory: UnitOfWorkFactory) -> dict[DeliveryStatus, int]:
    with uow_factory() as uow:
        return uow.deliveries.count_by_status()


def test_racing_inserts_of_the_same_200_keys_insert_each_once(engine):
    uow_factory = ledger(engine)
    wanted = [pending(n) for n in range(200)]
    inserted: list[list[DeliveryKey]] = [[] for _ in range(THREADS)]

    def work(n: int) -> None:
        # Every thread walks the same keys in the same order: they collide on
        # nearly every one. One unit per key, as a tick that commits often.
        for delivery in wanted:
            with uow_factory() as uow:
                if uow.deliveries.add_if_absent(delivery):
                    inserted[n].append(delivery.key)
                uow.commit()

    in_threads(work)
    everyone = [key for keys in inserted for key in keys]
    assert sorted(everyone) == sorted(d.key for d in wanted)  # each once, in total
    assert stored(uow_factory)[DeliveryStatus.PENDING] == 200


def test_racing_units_inserting_the_same_keys_in_one_transaction_each(engine):
    uow_factory = ledger(engine)
    # Sorted keys, as a tick inserts them: one lock order, so no deadlock.
    wanted = sorted((pending(n) for n in range(200)), key=lambda d: d.key)
    inserted = [0] * THREADS

    def work(n: int) -> None:
        with uow_factory() as uow:
            inserted[n] = sum(uow.deliveries.add_if_absent(d) for d in wanted)
            uow.commit()

    in_threads(work)
    assert sum(inserted) == 200
    assert stored(uow_factory)[DeliveryStatus.PENDING] == 200


def test_concurrent_claimers_claim_disjoint_sets_covering_all_500(engine):
    uow_factory = ledger(engine)
    with uow_factory() as uow:
        for n in range(500):
            uow.deliveries.add_if_absent(pending(n))
        uow.commit()
    claimed: list[list[DeliveryKey]] = [[] for _ in range(THREADS)]

    def work(n: int) -> None:
        while True:
            with uow_factory() as uow:
                batch = uow.deliveries.claim_ready(NOW, 7)
                uow.commit()
            if not batch:
                return
            claimed[n] += [d.key for d in batch]

    in_threads(work)
    everyone = [key for keys in claimed for key in keys]
    assert len(everyone) == len(set(everyone)) == 500  # nobody claimed a row twice
    assert set(everyone) == {pending(n).key for n in range(500)}
    assert stored(uow_factory)[DeliveryStatus.SENDING] == 500


# -- PostgreSQL: what the row locks do ----------------------------------------------


@pytest.mark.postgres
def test_a_claimer_skips_rows_another_is_claiming_instead_of_waiting(postgres_database):
    uow_factory = ledger(postgres_database.engine)
    with uow_factory() as uow:
        for n in range(30):
            uow.deliveries.add_if_absent(pending(n))
        uow.commit()
    with uow_factory() as first:
        mine = first.deliveries.claim_ready(NOW, 10)  # locked, not yet committed
        with uow_factory() as second:  # another connection: another sender
            theirs = second.deliveries.claim_ready(NOW, 10)
            second.commit()
        first.commit()
    assert len(mine) == len(theirs) == 10
    assert not {d.key for d in mine} & {d.key for d in theirs}
    # The oldest due go first: the first sender got the ten oldest.
    assert [d.key.recipient_id for d in mine] == [f"U{n:04}" for n in range(29, 19, -1)]
    with uow_factory() as uow:
        assert len(uow.deliveries.claim_ready(NOW, 100)) == 10


@pytest.mark.parametrize(("first_commits", "second_inserts"), [(True, False), (False, True)])
@pytest.mark.postgres
def test_an_insert_racing_an_open_transaction_waits_for_its_outcome(
    postgres_database: TestDatabase, first_commits: bool, second_inserts: bool
):
    uow_factory = ledger(postgres_database.engine)
    result: list[bool] = []

    def second() -> None:
        with uow_factory() as uow:
            result.append(uow.deliveries.add_if_absent(pending(1)))
            uow.commit()

    with uow_factory() as first:
        assert first.deliveries.add_if_absent(pending(1))
        racer = threading.Thread(target=second)
        racer.start()
        _wait_until_blocked_by(postgres_database.engine, _backend_pid(first))
        assert racer.is_alive() and result == []  # waiting on the unique key
        if first_commits:
            first.commit()
    racer.join(timeout=30)
    # No IntegrityError either way; exactly one row.
    assert result == [second_inserts]
    assert stored(uow_factory)[DeliveryStatus.PENDING] == 1


def _backend_pid(uow: object) -> int:
    """The PostgreSQL backend serving this unit of work's transaction."""
    assert isinstance(uow, SqlUnitOfWork) and uow._session is not None  # noqa: SLF001 - a test's look inside
    return int(uow._session.execute(text("SELECT pg_backend_pid()")).scalar_one())  # noqa: SLF001


def _wait_until_blocked_by(engine: Engine, holder_pid: int) -> None:
    """Until some backend waits on a lock `holder_pid` holds (the racer's insert, not a guessed pause)."""
    deadline = time.monotonic() + WAIT_SECONDS
    with engine.connect() as watcher:
        while True:
            blocked = watcher.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE :holder = ANY(pg_blocking_pids(pid))"),
                {"holder": holder_pid},
            ).scalar_one()
            if blocked:
                return
            assert time.monotonic() < deadline, f"nothing blocked on backend {holder_pid} after {WAIT_SECONDS:.0f}s"
            watcher.rollback()  # a fresh snapshot of pg_stat_activity next time
            time.sleep(0.01)
