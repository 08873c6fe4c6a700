"""The clock: two short jobs, never one per person, and the lock let go on shutdown."""

from __future__ import annotations

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

    assert set(jobs) == {"dispatch", "refresh_profiles"}
    assert jobs["dispatch"] == "interval[0:01:00]"
    assert "hour='3'" in jobs["refresh_profiles"] and "minute='17'" in jobs["refresh_profiles"]
    assert lock.released
