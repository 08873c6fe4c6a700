"""The unit of work's one list of repositories, and its read-only mode, on the fake, SQLite and PostgreSQL.

A use case that only reads opens its unit with `read_only=True`: it takes
no write lock (SQLite: a deferred transaction, so a writer never waits for
it) and cannot keep or write anything.
"""

from __future__ import annotations

import threading
import time
import typing
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from domain.errors import DatabaseBusy
from domain.model import Member, Workspace, WorkspaceRef
from domain.ports import Repositories, UnitOfWork, UnitOfWorkFactory
from domain.services.home import HomeService
from storage.uow import make_uow_factory
from tests.conftest import TestDatabase

T1 = WorkspaceRef("T1")


def _port_repositories() -> dict[str, type]:
    """What `domain.ports.Repositories` lists: attribute name -> repository Protocol."""
    return {
        name: typing.get_type_hints(member.fget)["return"]
        for name, member in vars(Repositories).items()
        if isinstance(member, property)
    }


def _methods(protocol: type) -> set[str]:
    return {name for name, value in vars(protocol).items() if callable(value) and not name.startswith("_")}


def test_the_fake_and_the_sql_units_expose_exactly_the_repositories_the_port_lists(any_uow_factory) -> None:
    listed = _port_repositories()
    assert len(listed) >= 12 and all(_methods(p) for p in listed.values())
    with any_uow_factory() as uow:
        held = {name for name, value in vars(uow).items()
                if not name.startswith("_") and type(value).__name__.endswith("Repository")}
        assert held == set(listed)
        for name, protocol in listed.items():
            missing = {m for m in _methods(protocol) if not callable(getattr(getattr(uow, name), m, None))}
            assert not missing, f"{type(uow).__name__}.{name} lacks {sorted(missing)}"


def test_a_read_only_unit_reads_what_is_committed_and_refuses_to_commit(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        assert uow.workspaces.get(T1) == Workspace(T1)
        with pytest.raises(RuntimeError, match="read-only"):
            uow.commit()


def test_a_read_only_unit_keeps_nothing_and_postgresql_refuses_the_write_itself(
    uow_factory: UnitOfWorkFactory, database: TestDatabase
) -> None:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.commit()
    # Two statements on purpose: PostgreSQL refuses the write, SQLite the commit.
    refused = DBAPIError if database.backend == "postgres" else RuntimeError
    with pytest.raises(refused), uow_factory(read_only=True) as uow:  # noqa: PT012
        uow.members.add(Member(T1, "UA", "Alex", "UTC"))  # PostgreSQL: a READ ONLY transaction
        uow.commit()  # SQLite: refused here, and rolled back
    with uow_factory(read_only=True) as uow:
        assert uow.members.get(T1, "UA") is None
    with uow_factory() as uow:  # the next writing unit on the same pooled connection writes again
        uow.members.add(Member(T1, "UA", "Alex", "UTC"))
        uow.commit()
    with uow_factory(read_only=True) as uow:
        assert uow.members.get(T1, "UA") is not None


class _WriterDuring:
    """A factory whose units, once their use case has read, let another thread try to write.

    The writer gives up after `patience` seconds (`answer_by`); `waited` says
    how long it took and `busy` whether it gave up.
    """

    def __init__(self, factory: UnitOfWorkFactory, *, force_writing: bool = False, patience: float = 1.0) -> None:
        self._factory = factory
        self._force_writing = force_writing
        self._patience = patience
        self.waited: float | None = None
        self.busy = False

    def __call__(self, *, read_only: bool = False) -> UnitOfWork:
        return _Probed(self._factory(read_only=read_only and not self._force_writing), self)

    def write_now(self) -> None:
        def write() -> None:
            started = time.monotonic()
            try:
                with self._factory() as uow:
                    uow.answer_by(started + self._patience)
                    uow.members.add(Member(T1, "UNEW", "New", "UTC"))
                    uow.commit()
            except DatabaseBusy:
                self.busy = True
            self.waited = time.monotonic() - started

        writer = threading.Thread(target=write)
        writer.start()
        writer.join(timeout=30)


class _Probed:
    def __init__(self, inner: UnitOfWork, probe: _WriterDuring) -> None:
        self._inner, self._probe = inner, probe

    def __enter__(self) -> _Probed:
        self._inner.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._inner.__exit__(*exc)

    @property
    def cycles(self) -> Any:
        # Asked for after the members were read: the unit's transaction is open.
        if self._probe.waited is None:
            self._probe.write_now()
        return self._inner.cycles

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@pytest.mark.parametrize(("force_writing", "busy"), [(False, False), (True, True)], ids=["read-only", "writing"])
def test_a_reading_use_case_leaves_sqlite_unlocked_for_a_writer(
    sqlite_engine: Engine, force_writing: bool, busy: bool
) -> None:
    factory = make_uow_factory(sqlite_engine)
    with factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.members.add(Member(T1, "UMGR", "Maya", "UTC"))
        uow.commit()
    probe = _WriterDuring(factory, force_writing=force_writing, patience=2.0)

    home = HomeService(probe).home_for(T1, "UMGR")  # App Home: a reading use case

    assert home.viewer is not None and probe.waited is not None
    # Read-only: the writer did not wait for the reader (it wrote well before its
    # deadline). The same use case in a writing unit (as every unit was before)
    # holds BEGIN IMMEDIATE, and the writer gives up at its deadline.
    assert probe.busy is busy
    with factory(read_only=True) as uow:
        assert (uow.members.get(T1, "UNEW") is not None) is not busy
