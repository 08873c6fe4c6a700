"""Files shared in the app's DM are claimed once per workspace: on SQLite, PostgreSQL and the fake."""

from __future__ import annotations

import threading

import pytest

from domain.model import Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from storage.uow import make_uow_factory
from tests.conftest import TestDatabase

T1 = WorkspaceRef("T1")
T2 = WorkspaceRef("T2")


def seed(factory: UnitOfWorkFactory) -> None:
    with factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        uow.commit()


def test_a_file_is_claimed_once_per_workspace(any_uow_factory) -> None:
    seed(any_uow_factory)
    with any_uow_factory() as uow:
        assert uow.shared_files.claim(T1, "F1", "UMAYA") is True
        assert uow.shared_files.claim(T1, "F1", "UMAYA") is False  # the retry
        assert uow.shared_files.claim(T2, "F1", "UOMAR") is True  # another workspace's file F1
        uow.commit()

    with any_uow_factory() as uow:
        assert uow.shared_files.claim(T1, "F1", "UMAYA") is False
        assert uow.shared_files.claim(T1, "F2", "UMAYA") is True


def test_an_uncommitted_claim_is_forgotten(any_uow_factory) -> None:
    seed(any_uow_factory)
    with any_uow_factory() as uow:
        assert uow.shared_files.claim(T1, "F1", "UMAYA") is True  # no commit: rolled back

    with any_uow_factory() as uow:
        assert uow.shared_files.claim(T1, "F1", "UMAYA") is True


@pytest.mark.postgres
def test_two_instances_claiming_at_once_get_one_yes(postgres_database: TestDatabase) -> None:
    factory = make_uow_factory(postgres_database.engine)
    seed(factory)
    start = threading.Barrier(8)
    answers: list[bool] = []

    def claim() -> None:
        start.wait()
        with factory() as uow:
            answers.append(uow.shared_files.claim(T1, "F1", "UMAYA"))
            uow.commit()

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(answers) == [False] * 7 + [True]
