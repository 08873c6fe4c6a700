"""Bolt runs listeners on a thread pool: SQLite must cope with concurrent units."""

from __future__ import annotations

import threading
from dataclasses import replace

from domain.model import Member, Workspace, WorkspaceRef
from storage.uow import make_uow_factory

T1 = WorkspaceRef("T1")
THREADS = 8
ROUNDS = 15


def test_eight_threads_of_units_of_work_neither_lock_up_nor_lose_updates(sqlite_engine):
    uow_factory = make_uow_factory(sqlite_engine)
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1, name="0"))
        uow.commit()

    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            start.wait()
            for i in range(ROUNDS):
                # Read, then write: the pattern of every use case (enroll, add reps).
                # The counter is read before any write, so a unit whose reads ran
                # outside its transaction would lose other threads' increments.
                with uow_factory() as uow:
                    counter = uow.workspaces.get(T1)
                    assert counter is not None
                    uow.members.has_admin(T1)
                    uow.members.add(Member(T1, f"U{n}-{i}", f"Rep {n}-{i}", "UTC"))
                    uow.workspaces.update(replace(counter, name=str(int(counter.name) + 1)))
                    uow.commit()
                with uow_factory() as uow:  # and a read-only one, like App Home
                    assert uow.members.get(T1, f"U{n}-{i}") is not None
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors[:3]
    assert not any(thread.is_alive() for thread in threads)
    with uow_factory() as uow:
        assert len(uow.members.list_all(T1)) == THREADS * ROUNDS
        workspace = uow.workspaces.get(T1)
    # Every read-modify-write counted: no update was lost to another thread.
    assert workspace is not None and workspace.name == str(THREADS * ROUNDS)
