"""Files shared in the app's DM: one claim at a time per workspace and file, and the outcome kept.

On SQLite, PostgreSQL and the fake (`any_uow_factory`).
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from domain.model import Workspace, WorkspaceRef
from domain.pipeline.upload import MAX_OUTCOME, SharedFileStatus
from domain.ports import UnitOfWorkFactory
from storage.uow import make_uow_factory
from tests.conftest import TestDatabase

T1 = WorkspaceRef("T1")
T2 = WorkspaceRef("T2")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TIMEOUT = timedelta(minutes=10)


def seed(factory: UnitOfWorkFactory) -> None:
    with factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        uow.commit()


def claim(factory: UnitOfWorkFactory, file_id: str = "F1", user_id: str = "UMAYA", at: datetime = NOW,
          ref: WorkspaceRef = T1) -> bool:
    """One claim in a unit of its own, committed, as the upload service makes it."""
    with factory() as uow:
        claimed = uow.shared_files.claim(ref, file_id, user_id, at, stale_before=at - TIMEOUT)
        uow.commit()
        return claimed


def finish(factory: UnitOfWorkFactory, status: SharedFileStatus, outcome: str, at: datetime = NOW,
           file_id: str = "F1") -> None:
    with factory() as uow:
        uow.shared_files.finish(T1, file_id, status, outcome, at)
        uow.commit()


def test_a_file_is_claimed_once_per_workspace(any_uow_factory) -> None:
    seed(any_uow_factory)
    with any_uow_factory() as uow:
        assert uow.shared_files.claim(T1, "F1", "UMAYA", NOW, NOW - TIMEOUT) is True
        assert uow.shared_files.claim(T1, "F1", "UMAYA", NOW, NOW - TIMEOUT) is False  # the retry
        assert uow.shared_files.claim(T2, "F1", "UOMAR", NOW, NOW - TIMEOUT) is True  # another workspace's F1
        uow.commit()

    assert claim(any_uow_factory) is False
    assert claim(any_uow_factory, "F2") is True
    with any_uow_factory() as uow:
        record = uow.shared_files.get(T1, "F1")
    assert record is not None
    assert (record.status, record.outcome, record.attempts) == (SharedFileStatus.CLAIMED, None, 1)


def test_an_uncommitted_claim_is_forgotten(any_uow_factory) -> None:
    seed(any_uow_factory)
    with any_uow_factory() as uow:
        assert uow.shared_files.claim(T1, "F1", "UMAYA", NOW, NOW - TIMEOUT) is True  # no commit: rolled back

    assert claim(any_uow_factory) is True


def test_an_imported_file_is_done_with_its_outcome_and_never_claimed_again(any_uow_factory) -> None:
    seed(any_uow_factory)
    claim(any_uow_factory)
    imported = "Imported 3 opportunities from deals.csv"
    finish(any_uow_factory, SharedFileStatus.DONE, imported, NOW + timedelta(seconds=5))

    assert claim(any_uow_factory, at=NOW + timedelta(minutes=1)) is False  # Slack's retry a minute later
    assert claim(any_uow_factory, at=NOW + timedelta(days=30)) is False  # done is done, however long ago
    with any_uow_factory() as uow:
        record = uow.shared_files.get(T1, "F1")
    assert record is not None
    assert (record.status, record.outcome, record.attempts) == (
        SharedFileStatus.DONE, "Imported 3 opportunities from deals.csv", 1
    )
    assert record.updated_at == NOW + timedelta(seconds=5)


def test_a_failed_file_is_claimed_again_by_the_next_share(any_uow_factory) -> None:
    seed(any_uow_factory)
    claim(any_uow_factory)
    finish(any_uow_factory, SharedFileStatus.FAILED, "not saved: the database failed during the import")

    assert claim(any_uow_factory, user_id="UADA", at=NOW + timedelta(seconds=30)) is True
    assert claim(any_uow_factory, at=NOW + timedelta(seconds=31)) is False  # now it is held again
    with any_uow_factory() as uow:
        record = uow.shared_files.get(T1, "F1")
    assert record is not None
    assert (record.status, record.outcome, record.attempts, record.user_id) == (
        SharedFileStatus.CLAIMED, None, 2, "UADA"
    )


def test_a_claim_abandoned_by_a_crash_is_taken_again_after_the_timeout(any_uow_factory) -> None:
    seed(any_uow_factory)
    claim(any_uow_factory)  # the instance holding it dies here: no outcome is ever recorded

    assert claim(any_uow_factory, at=NOW + TIMEOUT - timedelta(seconds=1)) is False  # may still be importing
    assert claim(any_uow_factory, at=NOW + TIMEOUT + timedelta(seconds=1)) is True
    with any_uow_factory() as uow:
        record = uow.shared_files.get(T1, "F1")
    assert record is not None and record.attempts == 2


def test_the_longest_outcome_fits_its_column(any_uow_factory) -> None:
    seed(any_uow_factory)
    claim(any_uow_factory)
    longest = "é" * MAX_OUTCOME  # multi-byte, as a file name or header can be

    finish(any_uow_factory, SharedFileStatus.FAILED, longest)

    with any_uow_factory() as uow:
        record = uow.shared_files.get(T1, "F1")
    assert record is not None and record.outcome == longest


def test_finishing_a_file_never_claimed_records_nothing(any_uow_factory) -> None:
    seed(any_uow_factory)
    finish(any_uow_factory, SharedFileStatus.FAILED, "no claim")

    with any_uow_factory() as uow:
        assert uow.shared_files.get(T1, "F1") is None


def _race(factory: UnitOfWorkFactory, at: datetime, contenders: int = 8) -> list[bool]:
    start = threading.Barrier(contenders)
    answers: list[bool] = []

    def one() -> None:
        start.wait()
        answers.append(claim(factory, at=at))

    threads = [threading.Thread(target=one) for _ in range(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(answers)


@pytest.mark.postgres
def test_two_instances_claiming_at_once_get_one_yes(postgres_database: TestDatabase) -> None:
    factory = make_uow_factory(postgres_database.engine)
    seed(factory)

    assert _race(factory, NOW) == [False] * 7 + [True]


@pytest.mark.postgres
def test_instances_retrying_a_failed_file_at_once_get_one_yes(postgres_database: TestDatabase) -> None:
    factory = make_uow_factory(postgres_database.engine)
    seed(factory)
    claim(factory)
    finish(factory, SharedFileStatus.FAILED, "Slack says the file is gone")

    assert _race(factory, NOW + timedelta(minutes=1)) == [False] * 7 + [True]
    with factory() as uow:
        record = uow.shared_files.get(T1, "F1")
    assert record is not None and record.attempts == 2
