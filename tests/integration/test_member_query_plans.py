"""One manager's reps are found through the (team_id, manager_id) index, not by reading the whole workspace.

Every debrief and challenge answer looks up the rep's manager's team (the
digest, both App Homes). With an ORDER BY user_id, SQLite walked the
(team_id, user_id) index for the order and read all 10,000 members of the
load benchmark's workspace to find nine. The order is now made in Python.
"""

from __future__ import annotations

from sqlalchemy import Engine, insert

from domain.model import Role, Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from storage.orm import MemberRow
from tests.integration.sql_statements import query_plan, recording

TEAM = WorkspaceRef("T1")
PEOPLE = 3_000  # one manager in ten


def _seed(engine: Engine, uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(TEAM))
        uow.commit()
    rows = [{"team_id": TEAM.team_id, "user_id": f"U{n:05}", "name": f"Person {n % 3}", "time_zone": "UTC",
             "role": (Role.MANAGER if n % 10 == 0 else Role.REP).value,
             "manager_id": None if n % 10 == 0 else f"U{n - n % 10:05}"}
            for n in reversed(range(PEOPLE))]  # the newest first: the order read is not the order written
    with engine.begin() as connection:
        connection.execute(insert(MemberRow), rows)
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("ANALYZE members")


def test_a_managers_reps_are_read_through_the_manager_index(engine: Engine,
                                                             uow_factory: UnitOfWorkFactory) -> None:
    _seed(engine, uow_factory)

    with uow_factory(read_only=True) as uow, recording(engine) as statements:
        teams = uow.members.reps_of_many(TEAM, ["U00010", "U00020"])
        team = uow.members.reps_of(TEAM, "U00030")

    assert [len(teams["U00010"]), len(teams["U00020"]), len(team)] == [9, 9, 9]
    member_reads = [(s, p) for s, p in statements if "FROM members" in s]
    assert len(member_reads) == 2
    for statement, parameters in member_reads:
        plan = query_plan(engine, statement, parameters)
        assert "manager_id" in plan, plan  # the (team_id, manager_id) index, on either database


def test_a_team_comes_back_by_name_then_user_id_whatever_the_insert_order(engine: Engine,
                                                                           uow_factory: UnitOfWorkFactory) -> None:
    _seed(engine, uow_factory)

    with uow_factory(read_only=True) as uow:
        team = uow.members.reps_of(TEAM, "U00100")

    # Three names among nine reps: by name, then by user id among the same names.
    assert [(m.name, m.user_id) for m in team] == [
        ("Person 0", "U00102"), ("Person 0", "U00105"), ("Person 0", "U00108"),
        ("Person 1", "U00103"), ("Person 1", "U00106"), ("Person 1", "U00109"),
        ("Person 2", "U00101"), ("Person 2", "U00104"), ("Person 2", "U00107"),
    ]
