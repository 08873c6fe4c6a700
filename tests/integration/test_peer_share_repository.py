"""Peer-learning storage on the fake, SQLite and (with COACHFLOW_TEST_DATABASE_URL) PostgreSQL.

One ask per (workspace, rep, ISO week), its decision saved, the coaching
channel kept in the workspace's settings, and the Friday gatherer in a
number of statements that does not grow with the number of teams.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine

from domain.coaching.cycle import CoachingCycle
from domain.coaching.peer_learning import PeerShare, ShareStatus
from domain.model import Member, Role, Workspace, WorkspaceRef, WorkspaceSettings
from domain.notifications.kind import Occasion
from domain.notifications.peer_learning import PeerAsks
from storage.uow import make_uow_factory
from tests.bench.pipeline import _counting  # the statement counter the benchmarks print
from tests.unit.domain.peer_world import CATALOG, QUESTIONS, THIS_MONDAY, two_weeks

T1, T2 = WorkspaceRef("T1"), WorkspaceRef("T2")
AT = datetime(2026, 12, 11, 20, 30, tzinfo=UTC)


def _ask(ws: WorkspaceRef, rep_id: str, week: str = "2026-W50", text: str = "Asked about budget") -> PeerShare:
    return PeerShare(ws, rep_id, week, "discovery", QUESTIONS, 3.2, 5.1, 4, text=text, channel_id="CCOACH",
                     asked_at=AT)


def test_one_ask_per_rep_and_week_its_decision_saved_and_nothing_crossing_workspaces(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        assert uow.peer_shares.add_if_absent(_ask(T1, "UA")) is True
        assert uow.peer_shares.add_if_absent(_ask(T1, "UA", text="a second ask")) is False  # a second instance
        assert uow.peer_shares.add_if_absent(_ask(T1, "UA", week="2026-W51")) is True
        assert uow.peer_shares.add_if_absent(_ask(T2, "UA")) is True  # the same id in another workspace
        uow.commit()

    with any_uow_factory() as uow:
        share = uow.peer_shares.get(T1, "UA", "2026-W50", for_update=True)
        assert share is not None and share.id is not None
        assert (share.status, share.text, share.before, share.after, share.calls) == (
            ShareStatus.ASKED, "Asked about budget", 3.2, 5.1, 4)
        assert share.asked_at == AT
        uow.peer_shares.update(replace(share, status=ShareStatus.SHARED, text="Mine <!channel> & more",
                                       message_ts="1765.000100", decided_at=AT + timedelta(minutes=5)))
        uow.commit()

    with any_uow_factory(read_only=True) as uow:
        shared = uow.peer_shares.get(T1, "UA", "2026-W50")
        assert shared is not None and shared.status is ShareStatus.SHARED
        assert (shared.text, shared.message_ts, shared.decided_at) == (
            "Mine <!channel> & more", "1765.000100", AT + timedelta(minutes=5))
        other = uow.peer_shares.get(T2, "UA", "2026-W50")
        assert other is not None and other.status is ShareStatus.ASKED
        assert uow.peer_shares.get(T1, "UB", "2026-W50") is None
        assert uow.peer_shares.asked(T1, ["UA", "UB"], ["2026-W50", "2026-W49"]) == {("UA", "2026-W50")}
        assert uow.peer_shares.asked(T1, [], ["2026-W50"]) == set()


def test_the_coaching_channel_is_kept_in_the_workspaces_settings(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1, settings=WorkspaceSettings(coaching_channel="CSALES")))
        uow.workspaces.add(Workspace(T2))
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        first, second = uow.workspaces.get(T1), uow.workspaces.get(T2)
    assert first is not None and first.settings.coaching_channel == "CSALES"
    assert second is not None and second.settings.coaching_channel is None


def test_the_friday_gatherer_costs_the_same_statements_for_2_or_12_teams(engine: Engine) -> None:
    factory = make_uow_factory(engine)
    reps: list[str] = []
    with factory() as uow:
        uow.workspaces.add(Workspace(T1, settings=WorkspaceSettings(coaching_channel="CCOACH")))
        uow.commit()
    with factory() as uow:
        for m in range(12):
            manager = f"UM{m:02d}"
            uow.members.add(Member(T1, manager, manager, "America/New_York", role=Role.MANAGER))
            for r in range(3):
                rep = f"UR{m:02d}{r}"
                uow.members.add(Member(T1, rep, rep, "America/New_York", manager_id=manager))
                cycle = uow.cycles.add(CoachingCycle(T1, rep, manager, date(2026, 11, 16)))
                assert cycle.id is not None
                uow.priorities.set_focus(T1, cycle.id, ["discovery"])
                reps.append(rep)
        uow.commit()
    for n, rep in enumerate(reps):
        two_weeks(factory, rep, [4, 4, 4], [5 + n % 3] * 3, ws=T1)
    asks = PeerAsks(CATALOG)
    costs = []
    for teams in (2, 12):
        occasions = [Occasion(rep, THIS_MONDAY.isoformat()) for rep in reps[: teams * 3]]
        with factory(read_only=True) as uow, _counting(engine) as count:
            notes = asks.gather(uow, T1, occasions)
        costs.append(count[0])
        assert sorted(o.recipient_id for o in notes) == [f"UR{m:02d}2" for m in range(teams)]  # each team's best
    assert costs[0] == costs[1] <= 11, costs  # ten queries, and SQLite's own BEGIN
