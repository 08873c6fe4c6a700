"""Unit-of-work contract: all or nothing, on SQLite, PostgreSQL and the fake."""

from __future__ import annotations

import pytest

from domain.model import Member, Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory

T1 = WorkspaceRef("T1")


def alex(name: str = "Alex") -> Member:
    return Member(T1, "UA", name, "UTC")


def saved(uow_factory: UnitOfWorkFactory) -> tuple[list[Workspace], list[Member]]:
    with uow_factory() as uow:
        return uow.workspaces.list_all(), uow.members.list_all(T1)


def test_committed_work_is_seen_by_the_next_unit(any_uow_factory):
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.members.add(alex())
        uow.commit()
    assert saved(any_uow_factory) == ([Workspace(T1)], [alex()])


def test_nothing_is_saved_when_commit_is_not_called(any_uow_factory):
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.members.add(alex())
        assert uow.members.get(T1, "UA") == alex()  # visible inside the unit
    assert saved(any_uow_factory) == ([], [])


def test_an_exception_leaves_nothing_half_saved(any_uow_factory):
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.commit()

    class Boom(Exception):
        pass

    with pytest.raises(Boom), any_uow_factory() as uow:
        uow.members.add(alex())
        uow.workspaces.update(Workspace(T1, name="Renamed"))
        raise Boom  # a use case failing half-way, before its commit
    assert saved(any_uow_factory) == ([Workspace(T1)], [])


def test_rollback_discards_work_since_the_last_commit(any_uow_factory):
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.commit()
        uow.members.add(alex())
        uow.rollback()
        assert uow.members.get(T1, "UA") is None
        assert uow.workspaces.get(T1) == Workspace(T1)
    assert saved(any_uow_factory) == ([Workspace(T1)], [])


def test_work_after_a_commit_needs_its_own_commit(any_uow_factory):
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.members.add(alex())
        uow.commit()
        uow.members.update(alex("Not kept"))
    assert saved(any_uow_factory) == ([Workspace(T1)], [alex()])


def test_an_update_is_undone_by_the_rollback(any_uow_factory):
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.members.add(alex())
        uow.commit()
    with any_uow_factory() as uow:
        uow.members.update(alex("Changed"))
        assert uow.members.get(T1, "UA") == alex("Changed")
    assert saved(any_uow_factory)[1] == [alex()]


def test_units_of_work_one_after_another_each_see_the_last_commit(any_uow_factory):
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.members.add(alex("v0"))
        uow.commit()
    for version in range(1, 4):
        with any_uow_factory() as uow:
            current = uow.members.get(T1, "UA")
            assert current is not None and current.name == f"v{version - 1}"
            uow.members.update(alex(f"v{version}"))
            uow.commit()
    assert saved(any_uow_factory)[1] == [alex("v3")]
