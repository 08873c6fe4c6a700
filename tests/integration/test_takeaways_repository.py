"""1:1 takeaways behave the same on the fake, SQLite and PostgreSQL: one per session, replaced in place with
their history, read for many sessions at once, recent sessions found for people, scoped by workspace."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.coaching.sessions import CoachingSession
from domain.coaching.takeaways import Takeaways
from domain.model import Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")
START = datetime(2026, 11, 3, 15, 0, tzinfo=UTC)
HOSTILE = "Agreed: <!channel> *Hooli* & <https://evil.example|Acme> \u00e9\u4e2d"


def _sessions(uow_factory: UnitOfWorkFactory) -> list[int]:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        found = [uow.sessions.add(CoachingSession(T1, "UA", "UMGR", START + timedelta(weeks=n))).id or 0
                 for n in range(3)]
        found.append(uow.sessions.add(CoachingSession(T1, "UB", "UMGR2", START)).id or 0)
        found.append(uow.sessions.add(CoachingSession(T2, "UA", "UMGR", START)).id or 0)
        uow.commit()
    return found


def test_takeaways_are_kept_once_per_session_with_their_history(any_uow_factory: UnitOfWorkFactory) -> None:
    first, second, third, _, elsewhere = _sessions(any_uow_factory)
    with any_uow_factory() as uow:
        uow.takeaways.save(Takeaways(T1, first, "UA", HOSTILE, ("Hooli pricing",), "UMGR"))
        uow.commit()
    with any_uow_factory() as uow:
        before = uow.takeaways.get(T1, first)
        assert before is not None and before.updated_at is not None and before.history == ()
        uow.takeaways.save(before.replaced_by("Second thoughts", ("Hooli pricing", "Hiring"), "UADMIN", START))
        uow.takeaways.save(Takeaways(T1, second, "UA", "Territory", (), "UMGR"))
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        kept = uow.takeaways.get(T1, first)
        assert kept is not None and kept.text == "Second thoughts" and kept.by == "UADMIN"
        assert kept.covered == ("Hooli pricing", "Hiring") and kept.workspace == T1
        assert [(v.text, v.covered, v.by) for v in kept.history] == [(HOSTILE, ("Hooli pricing",), "UMGR")]
        assert kept.history[0].at.tzinfo is not None
        assert set(uow.takeaways.for_sessions(T1, [first, second, third])) == {first, second}
        assert uow.takeaways.get(T2, first) is None and uow.takeaways.for_sessions(T2, [first]) == {}
        assert uow.takeaways.get(T1, elsewhere) is None


def test_recent_sessions_are_found_for_people_latest_first(any_uow_factory: UnitOfWorkFactory) -> None:
    first, second, third, others, _ = _sessions(any_uow_factory)
    with any_uow_factory(read_only=True) as uow:
        window = uow.sessions.between(T1, ["UA"], START, START + timedelta(weeks=2))
        assert [s.id for s in window] == [second, first]
        as_manager = uow.sessions.between(T1, ["UMGR"], START, START + timedelta(weeks=3))
        assert [s.id for s in as_manager] == [third, second, first]
        both = uow.sessions.between(T1, ["UA", "UMGR2"], START, START + timedelta(days=1))
        assert [s.id for s in both] == [others, first]  # the same start: the later booked first
        assert uow.sessions.between(T2, ["UB"], START, START + timedelta(weeks=3)) == []
        assert uow.sessions.between(T1, [], START, START + timedelta(weeks=3)) == []
