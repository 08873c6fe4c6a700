"""The clock: two short jobs, never one per person, and the lock let go on shutdown."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from bot.app import build_services
from bot.config import load_settings
from bot.fake_slack import FakeSlack, RecordingSlackClient
from bot.scheduler import CoachflowScheduler
from tests.fakes import FakeDispatcherLock, FakeStore


def test_the_scheduler_holds_a_minute_tick_and_a_daily_refresh_only() -> None:
    store, lock = FakeStore(), FakeDispatcherLock()
    services = build_services(store.uow, load_settings(None))
    clock = CoachflowScheduler(services, RecordingSlackClient(FakeSlack()), lock)

    clock.start()
    jobs = dict(clock.jobs())
    clock.shutdown()

    assert set(jobs) == {"dispatch", "refresh_profiles", "retention"}
    assert "hour='3'" in jobs["retention"] and "minute='47'" in jobs["retention"]  # issue 14
    assert jobs["dispatch"] == "interval[0:01:00]"
    assert "hour='3'" in jobs["refresh_profiles"] and "minute='17'" in jobs["refresh_profiles"]
    assert lock.released


def test_a_tick_run_while_holding_the_lock_is_recorded_for_the_doctor(sqlite_engine) -> None:
    from storage.tick_log import last_tick

    store = FakeStore()
    services = build_services(store.uow, load_settings(None))
    follower = CoachflowScheduler(services, RecordingSlackClient(FakeSlack()), FakeDispatcherLock(held=False))
    follower.record_ticks_in(sqlite_engine)
    follower.tick_now()
    assert last_tick(sqlite_engine) is None  # another instance dispatches: nothing to record here

    holder = CoachflowScheduler(services, RecordingSlackClient(FakeSlack()), FakeDispatcherLock())
    holder.record_ticks_in(sqlite_engine)
    holder.tick_now()

    tick = last_tick(sqlite_engine)
    assert tick is not None and f"pid {os.getpid()}" in tick.instance
    assert datetime.now(UTC) - tick.at < timedelta(minutes=1)


def test_the_daily_retention_step_deletes_expired_workspaces_on_the_dispatching_instance_only() -> None:
    from datetime import UTC, datetime, timedelta

    from domain.model import Workspace, WorkspaceRef

    now = datetime(2026, 12, 1, 3, 47, tzinfo=UTC)
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WorkspaceRef("T1"), uninstalled_at=now - timedelta(days=31)))
        uow.workspaces.add(Workspace(WorkspaceRef("T2"), uninstalled_at=now - timedelta(days=29)))
        uow.workspaces.add(Workspace(WorkspaceRef("T3")))
        uow.commit()
    services = build_services(store.uow, load_settings(None), clock=lambda: now)
    client = RecordingSlackClient(FakeSlack())

    CoachflowScheduler(services, client, FakeDispatcherLock(held=False)).retention()
    assert set(store.tables.workspaces) == {"T1", "T2", "T3"}

    CoachflowScheduler(services, client, FakeDispatcherLock()).retention()
    assert set(store.tables.workspaces) == {"T2", "T3"}  # 30 days by default (COACHFLOW_RETENTION_DAYS)
