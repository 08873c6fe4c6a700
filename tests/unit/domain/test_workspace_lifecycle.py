"""WorkspaceLifecycleService over the in-memory fakes: uninstall, reinstall, retention, deactivated people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.delivery import Delivery, DeliveryKey, DeliveryStatus
from domain.model import Member, Workspace, WorkspaceRef
from domain.receipts import Receipt, Replayed
from domain.services.scheduling import UNINSTALLED_REASON, ScheduleService
from domain.services.workspace_lifecycle import WorkspaceLifecycleService
from tests.fakes import FakeStore

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2", "E1")
T3 = WorkspaceRef("T3")  # another organisation's, or none


class RecordingTokens:
    def __init__(self) -> None:
        self.removed: list[tuple[str | None, str | None]] = []

    def remove(self, team_id: str | None, enterprise_id: str | None) -> None:
        self.removed.append((team_id, enterprise_id))


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        for ref, name in ((T1, "Acme East"), (T2, "Acme West"), (T3, "Other")):
            uow.workspaces.add(Workspace(ref, name=name))
            uow.members.add(Member(ref, "UMGR", "Maya", "Europe/Berlin"))
            uow.members.add(Member(ref, "UA", "Alex", "America/New_York", manager_id="UMGR"))
        uow.commit()
    schedules = ScheduleService(store.uow)
    for ref in (T1, T2, T3):
        schedules.refresh_people(ref, ["UMGR", "UA"], NOW)
    return store


@pytest.fixture
def tokens() -> RecordingTokens:
    return RecordingTokens()


@pytest.fixture
def lifecycle(store: FakeStore, tokens: RecordingTokens) -> WorkspaceLifecycleService:
    return WorkspaceLifecycleService(store.uow, ScheduleService(store.uow), tokens, timedelta(days=30))


def _schedules(store: FakeStore, ref: WorkspaceRef) -> int:
    return sum(1 for (team, _, _) in store.tables.schedules if team == ref.team_id)


def _queue(store: FakeStore, ref: WorkspaceRef, recipient: str = "UA") -> DeliveryKey:
    key = DeliveryKey(ref.team_id, recipient, "challenge_nudge", "2026-12-02")
    with store.uow() as uow:
        uow.deliveries.add_if_absent(Delivery(key, DeliveryStatus.PENDING, due_at=NOW, stale_at=NOW + timedelta(1)))
        uow.commit()
    return key


def test_an_uninstall_marks_stops_and_skips_only_that_workspace(store, lifecycle, tokens) -> None:
    mine, theirs = _queue(store, T1), _queue(store, T3)

    done = lifecycle.uninstalled("T1", "E1", NOW, Receipt("app_uninstalled", "k1"))

    assert done.workspaces == (T1,) and done.deliveries_skipped == 1 and done.schedules_dropped > 0
    assert store.tables.workspaces["T1"].uninstalled_at == NOW
    assert _schedules(store, T1) == 0 and _schedules(store, T2) > 0
    assert store.tables.deliveries[mine].reason == UNINSTALLED_REASON
    assert store.tables.deliveries[theirs].status is DeliveryStatus.PENDING
    assert tokens.removed == [("T1", "E1")]


def test_an_org_wide_uninstall_stops_every_workspace_of_the_organisation(store, lifecycle, tokens) -> None:
    done = lifecycle.uninstalled(None, "E1", NOW, Receipt("app_uninstalled", "k1"))

    assert set(done.workspaces) == {T1, T2}
    assert store.tables.workspaces["T3"].uninstalled_at is None and _schedules(store, T3) > 0
    assert tokens.removed == [(None, "E1")]


def test_the_same_event_twice_is_stored_once(store, lifecycle) -> None:
    lifecycle.uninstalled("T1", "E1", NOW, Receipt("app_uninstalled", "k1"))
    again = lifecycle.uninstalled("T1", "E1", NOW + timedelta(minutes=1), Receipt("app_uninstalled", "k1"))

    assert again.replayed and again.workspaces == ()
    assert store.tables.workspaces["T1"].uninstalled_at == NOW


def test_an_unknown_workspace_only_loses_its_tokens(store, lifecycle, tokens) -> None:
    done = lifecycle.uninstalled("T9", None, NOW, Receipt("app_uninstalled", "k1"))

    assert done.workspaces == () and tokens.removed == [("T9", None)]
    assert "T9" not in store.tables.workspaces


def test_nothing_is_planned_for_an_uninstalled_workspace_whatever_changes_there(store, lifecycle) -> None:
    lifecycle.uninstalled("T1", "E1", NOW)
    schedules = ScheduleService(store.uow)

    schedules.refresh_people(T1, ["UMGR", "UA"], NOW)
    schedules.refresh_workspace(T1, NOW)

    assert _schedules(store, T1) == 0
    assert all(d.key.team_id != "T1" for d in store.tables.deliveries.values())


def test_a_reinstall_clears_the_mark_and_schedules_everyone_again(store, lifecycle) -> None:
    before = _schedules(store, T1)
    lifecycle.uninstalled("T1", "E1", NOW)

    assert lifecycle.installed("T1", "E1", "Acme East", NOW + timedelta(days=3)) == [T1]

    assert store.tables.workspaces["T1"].uninstalled_at is None
    assert _schedules(store, T1) == before
    first = min(e.next_check_at for (team, _, _), e in store.tables.schedules.items()
                if team == "T1" and e.next_check_at is not None)
    assert any(n.workspace.team_id == "T1" for n in ScheduleService(store.uow).plan(first).due)


def test_a_first_install_adds_the_workspace(store, lifecycle) -> None:
    assert lifecycle.installed("T7", None, "Newco", NOW) == [WorkspaceRef("T7")]
    assert store.tables.workspaces["T7"].name == "Newco"


def test_the_data_goes_after_the_retention_period_unless_reinstalled(store, lifecycle) -> None:
    lifecycle.uninstalled("T1", "E1", NOW)
    lifecycle.uninstalled("T2", "E1", NOW)
    lifecycle.installed("T2", "E1", "Acme West", NOW + timedelta(days=1))

    assert lifecycle.purge_expired(NOW + timedelta(days=29, hours=23)) == []
    status = {s.ref.team_id: s for s in lifecycle.statuses(NOW)}
    assert status["T1"].purge_after == NOW + timedelta(days=30) and status["T2"].installed

    preview = lifecycle.purge_expired(NOW + timedelta(days=30), dry_run=True)
    assert [p.ref for p in preview] == [T1] and preview[0].deleted["members"] == 2
    assert "T1" in store.tables.workspaces  # a dry run keeps everything

    purged = lifecycle.purge_expired(NOW + timedelta(days=30))

    assert [p.ref for p in purged] == [T1] and purged[0].deleted["workspaces"] == 1
    assert "T1" not in store.tables.workspaces
    assert not any(team == "T1" for team, _ in store.tables.members)
    assert {team for team, _ in store.tables.members} == {"T2", "T3"}


def test_the_daily_step_removes_the_tokens_of_uninstalled_workspaces_again(store, lifecycle, tokens) -> None:
    lifecycle.uninstalled("T1", "E1", NOW)

    lifecycle.daily(NOW + timedelta(days=1))

    assert tokens.removed == [("T1", "E1"), ("T1", "E1")]


def test_a_deactivated_person_is_stopped_at_once_and_a_retry_changes_nothing(store, lifecycle) -> None:
    queued = _queue(store, T1)

    assert lifecycle.user_changed(T1, "UA", True, NOW, Receipt("user_change", "u1"))

    assert store.tables.members[("T1", "UA")].deactivated
    assert not any(user == "UA" and team == "T1" for team, user, _ in store.tables.schedules)
    assert store.tables.deliveries[queued].status is DeliveryStatus.SKIPPED
    assert lifecycle.user_changed(T1, "UA", False, NOW, Receipt("user_change", "u2"))
    with pytest.raises(Replayed):
        lifecycle.user_changed(T1, "UA", True, NOW, Receipt("user_change", "u1"))
    assert not store.tables.members[("T1", "UA")].deactivated
    assert any(user == "UA" and team == "T1" for team, user, _ in store.tables.schedules)


def test_someone_unknown_or_unchanged_costs_no_write(store, lifecycle) -> None:
    commits = store.commits
    assert not lifecycle.user_changed(T1, "UNOBODY", True, NOW, Receipt("user_change", "u1"))
    assert not lifecycle.user_changed(T1, "UA", False, NOW, Receipt("user_change", "u2"))
    assert store.commits == commits


def test_a_row_queued_by_a_tick_racing_the_uninstall_is_skipped_by_the_next_tick(store, lifecycle) -> None:
    lifecycle.uninstalled("T1", "E1", NOW)
    raced = _queue(store, T1)  # written after the uninstall committed, by a tick on another instance

    ScheduleService(store.uow).plan(NOW + timedelta(minutes=1))

    assert store.tables.deliveries[raced].status is DeliveryStatus.SKIPPED
    assert store.tables.deliveries[raced].reason == UNINSTALLED_REASON


def test_starting_with_a_working_token_for_a_workspace_marked_uninstalled_installs_it_again(store, lifecycle) -> None:
    lifecycle.uninstalled("T3", None, NOW)

    assert lifecycle.running_with("T3", None, NOW + timedelta(days=2))
    assert store.tables.workspaces["T3"].uninstalled_at is None and _schedules(store, T3) > 0
    assert not lifecycle.running_with("T3", None, NOW + timedelta(days=2))  # installed: nothing to do
    assert not lifecycle.running_with("T9", None, NOW)  # unknown: no row made
    assert "T9" not in store.tables.workspaces
