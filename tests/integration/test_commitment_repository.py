"""Commitments behave the same on the fake, SQLite and PostgreSQL: history kept, scoped by workspace, and the
kept-on-time rate of many reps read in a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine

from domain.coaching.commitments import Change, ChangeKind, Commitment, CommitmentStatus
from domain.coaching.cycle import CoachingCycle
from domain.coaching.sessions import CoachingSession
from domain.model import Member, Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.services.commitments import kept_rates
from storage.uow import make_uow_factory
from tests.bench.pipeline import _counting

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")
AT = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)


def _action(rep: str, deadline: date, ws: WorkspaceRef = T1, owner: str | None = None, text: str = "Send the deck",
            **extra: object) -> Commitment:
    return Commitment(ws, rep, "UMGR", owner or rep, text, deadline, "plan1", evidence="Hooli & <Initech> reply",
                      confidence=4, support="A template", created_by="UMGR",
                      history=(Change(ChangeKind.CREATED, "UMGR", AT),), **extra)  # type: ignore[arg-type]


def _workspaces(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        uow.commit()


def test_an_action_round_trips_with_its_history_through_a_move_and_an_answer(
        any_uow_factory: UnitOfWorkFactory) -> None:
    _workspaces(any_uow_factory)
    with any_uow_factory() as uow:
        session = uow.sessions.add(CoachingSession(T1, "UA", "UMGR", AT))  # the 1:1 the plan was agreed at
        stored = uow.commitments.add(_action("UA", date(2026, 12, 7), session_id=session.id))
        uow.commit()
    assert stored.id is not None and stored.workspace == T1 and stored.created_at is not None
    with any_uow_factory() as uow:
        found = uow.commitments.get(T1, stored.id, for_update=True)
        assert found == stored
        moved = uow.commitments.update(found.moved(date(2026, 12, 9), "UMGR", AT))
        uow.commit()
    with any_uow_factory() as uow:
        again = uow.commitments.get(T1, stored.id)
        assert again == moved and again is not None and again.session_id == session.id
        partly = again.answered(CommitmentStatus.PARTLY, "CFO out", "UA", AT, date(2026, 12, 9))
        answered = uow.commitments.update(partly)
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        final = uow.commitments.get(T1, stored.id)
        assert final == answered and final is not None
        assert [h.kind for h in final.history] == [ChangeKind.CREATED, ChangeKind.DEADLINE_MOVED, ChangeKind.ANSWERED]
        assert final.history[1].note == "2026-12-07 -> 2026-12-09" and final.history[2].at == AT
        assert uow.commitments.get(T2, stored.id) is None  # another workspace never sees it


def test_reads_by_rep_and_by_owner_filter_by_workspace_status_and_deadline(any_uow_factory: UnitOfWorkFactory) -> None:
    _workspaces(any_uow_factory)
    with any_uow_factory() as uow:
        late = uow.commitments.add(_action("UA", date(2026, 12, 9)))
        early = uow.commitments.add(_action("UA", date(2026, 12, 2), owner="UD"))
        uow.commitments.add(_action("UB", date(2026, 11, 20), status=CommitmentStatus.DONE))
        uow.commitments.add(_action("UA", date(2026, 12, 2), ws=T2))
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        assert [c.id for c in uow.commitments.for_reps(T1, ["UA"])["UA"]] == [early.id, late.id]
        assert set(uow.commitments.for_reps(T1, ["UA", "UB"], (CommitmentStatus.OPEN,))) == {"UA"}
        assert list(uow.commitments.for_reps(T1, ["UA", "UB"], deadline_from=date(2026, 12, 3))) == ["UA"]
        assert [c.id for c in uow.commitments.owned_by(T1, ["UD"], (CommitmentStatus.OPEN,))["UD"]] == [early.id]
        assert uow.commitments.get_many(T1, [late.id or 0, 999]) == {late.id: late}


def test_kept_on_time_rates_of_two_or_of_twenty_reps_cost_the_same_queries(engine: Engine) -> None:
    uow_factory = make_uow_factory(engine)
    costs: list[int] = []
    for size in (2, 20):
        with uow_factory() as uow:
            ws = WorkspaceRef(f"TK{size}")
            uow.workspaces.add(Workspace(ws))
            reps = [f"U{size}R{n}" for n in range(size)]
            for rep in reps:
                uow.members.add(Member(ws, rep, rep, "Europe/London", manager_id="UMGR"))
                uow.cycles.add(CoachingCycle(ws, rep, "UMGR", date(2026, 11, 23)))
                kept = uow.commitments.add(_action(rep, date(2026, 11, 30), ws=ws))
                uow.commitments.update(kept.answered(CommitmentStatus.DONE, "", rep, AT, date(2026, 11, 30)))
                uow.commitments.add(_action(rep, date(2026, 11, 27), ws=ws))  # open past its deadline: not kept
            uow.commit()
        with uow_factory(read_only=True) as uow:
            uow.workspaces.get(ws)
            with _counting(engine) as count:
                rates = kept_rates(uow, ws, reps, AT)
        costs.append(count[0])
        assert all((r.kept, r.due) == (1, 2) for r in rates.values())
    assert costs[0] == costs[1] == 3
