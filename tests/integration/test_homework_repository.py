"""Homework behaves the same on the fake, SQLite and PostgreSQL; App Home reads many reps in one query."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine

from domain.coaching.cycle import CoachingCycle
from domain.coaching.homework import HandIn, HandInKind, Homework, HomeworkStatus
from domain.model import Member, Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.services.homework_overview import UNFINISHED, load_homework
from storage.uow import make_uow_factory
from tests.bench.pipeline import _counting

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")
DUE = date(2026, 12, 11)
AT = datetime(2026, 12, 10, 15, 30, tzinfo=UTC)


def _homework(rep: str, due: date = DUE, ws: WorkspaceRef = T1, **extra: object) -> Homework:
    return Homework(ws, rep, "UMGR", "Write value propositions for Acme, Globex & <Initech>", due,
                    HandInKind.LINK, **extra)  # type: ignore[arg-type]


def _workspaces(uow_factory: UnitOfWorkFactory) -> int:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        cycle = uow.cycles.add(CoachingCycle(T1, "UA", "UMGR", date(2026, 11, 23)))
        uow.commit()
    assert cycle.id is not None
    return cycle.id


def test_homework_round_trips_through_hand_in_and_feedback(any_uow_factory: UnitOfWorkFactory) -> None:
    cycle_id = _workspaces(any_uow_factory)
    with any_uow_factory() as uow:
        stored = uow.homework.add(_homework("UA", cycle_id=cycle_id, competency="value_articulation",
                                            template_id="top_prospects_value_propositions"))
        uow.commit()
    assert stored.id is not None and stored.status is HomeworkStatus.ASSIGNED and stored.created_at is not None
    assert stored.workspace == T1 and stored.hand_in is None

    hand_in = HandIn("Drafts for all three", link="https://docs.example.com/d/1")
    with any_uow_factory() as uow:
        found = uow.homework.get(T1, stored.id, for_update=True)
        assert found == stored
        handed = uow.homework.update(found.handed_in_with(hand_in, AT))
        uow.commit()
    with any_uow_factory() as uow:
        again = uow.homework.get(T1, stored.id)
        assert again == handed and again is not None
        assert (again.status, again.hand_in, again.handed_in_at) == (HomeworkStatus.HANDED_IN, hand_in, AT)
        answered = uow.homework.update(again.answered("Sharp; lead with the number.", AT + timedelta(hours=2)))
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        final = uow.homework.get(T1, stored.id)
    assert final == answered and final is not None
    assert (final.status, final.feedback, final.feedback_at) == (
        HomeworkStatus.REVIEWED, "Sharp; lead with the number.", AT + timedelta(hours=2))
    assert (final.cycle_id, final.competency, final.template_id) == (
        cycle_id, "value_articulation", "top_prospects_value_propositions")


def test_a_file_hand_in_keeps_its_id_and_name(any_uow_factory: UnitOfWorkFactory) -> None:
    _workspaces(any_uow_factory)
    file = HandIn("", link=None, file_id="F0ABC123", file_name="Objection playbook – v2 (final).pdf")
    with any_uow_factory() as uow:
        stored = uow.homework.add(_homework("UA"))
        uow.homework.update(stored.handed_in_with(file, AT))
        uow.commit()
    with any_uow_factory() as uow:
        found = uow.homework.get(T1, stored.id or 0)
    assert found is not None and found.hand_in == file


def test_everything_is_scoped_by_workspace(any_uow_factory: UnitOfWorkFactory) -> None:
    _workspaces(any_uow_factory)
    with any_uow_factory() as uow:
        theirs = uow.homework.add(_homework("UA", ws=T2))
        mine = uow.homework.add(_homework("UA"))
        uow.commit()
    with any_uow_factory() as uow:
        assert theirs.workspace == T2 and uow.homework.get(T1, theirs.id or 0) is None
        assert uow.homework.get_many(T1, [theirs.id or 0, mine.id or 0, 999]) == {mine.id: mine}
        assert uow.homework.for_reps(T1, ["UA"], UNFINISHED) == {"UA": [mine]}
        with pytest.raises(LookupError):
            uow.homework.update(Homework(T1, "UA", "UMGR", "x", DUE, HandInKind.TEXT, id=theirs.id))


def test_for_reps_lists_each_reps_homework_in_these_states_earliest_due_first(
    any_uow_factory: UnitOfWorkFactory,
) -> None:
    _workspaces(any_uow_factory)
    with any_uow_factory() as uow:
        later = uow.homework.add(_homework("UA", DUE + timedelta(days=7)))
        sooner = uow.homework.add(_homework("UA", DUE))
        handed = uow.homework.add(_homework("UB"))
        handed = uow.homework.update(handed.handed_in_with(HandIn("done", link="https://x.example"), AT))
        uow.homework.add(_homework("UC"))
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.homework.for_reps(T1, ["UA", "UB", "UZ"], [HomeworkStatus.ASSIGNED]) == {"UA": [sooner, later]}
        assert uow.homework.for_reps(T1, ["UA", "UB"], UNFINISHED) == {"UA": [sooner, later], "UB": [handed]}
        assert uow.homework.for_reps(T1, ["UA"], []) == {}
        assert uow.homework.for_reps(T1, [], UNFINISHED) == {}


def _team(uow_factory: UnitOfWorkFactory, reps: int) -> list[Member]:
    team = [Member(T1, f"UR{n:02d}", f"Rep {n}", "Pacific/Kiritimati" if n % 2 else "Pacific/Pago_Pago",
                   manager_id="UMGR") for n in range(reps)]
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        for n, rep in enumerate(team):
            uow.members.add(rep)
            uow.homework.add(_homework(rep.user_id, DUE))
            uow.homework.add(_homework(rep.user_id, DUE + timedelta(days=3)))
            if n % 3 == 0:
                handed = uow.homework.add(_homework(rep.user_id, DUE - timedelta(days=3)))
                uow.homework.update(handed.handed_in_with(HandIn("", link="https://x.example"), AT))
        uow.commit()
    return team


def test_app_home_reads_the_homework_of_two_or_forty_reps_in_one_query(engine: Engine) -> None:
    factory = make_uow_factory(engine)
    team = _team(factory, 40)
    # 12:00 UTC on the due date: already the next day at UTC+14 (late there), still the day before at UTC-11.
    now = datetime(2026, 12, 11, 12, tzinfo=UTC)
    costs = []
    for reps in (team[:2], team):
        with factory(read_only=True) as uow:
            uow.workspaces.get(T1)  # the transaction's own statements come first
            with _counting(engine) as count:
                found = load_homework(uow, T1, reps, now)
        costs.append(count[0])
        assert set(found) == {r.user_id for r in reps}
    assert costs == [1, 1]
    ahead, behind = found["UR01"], found["UR00"]  # Kiritimati (UTC+14), Pago Pago (UTC-11)
    assert ([h.due_on for h in ahead.late], [h.due_on for h in ahead.open]) == ([DUE], [DUE + timedelta(days=3)])
    assert ([h.due_on for h in behind.late], len(behind.open)) == ([], 2)
    assert len(behind.awaiting_feedback) == 1 and not ahead.awaiting_feedback
    assert behind.count == 3


def test_a_rep_with_no_homework_gets_an_empty_summary(any_uow_factory: UnitOfWorkFactory) -> None:
    _workspaces(any_uow_factory)
    rep = Member(T1, "UA", "Alex", "UTC", manager_id="UMGR")
    with any_uow_factory(read_only=True) as uow:
        found = load_homework(uow, T1, [rep], AT)
    assert found["UA"].count == 0
