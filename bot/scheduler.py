"""APScheduler as a clock: a dispatch tick every minute and a daily profile refresh.

Per-person schedules are rows in our tables (DESIGN.md 3.1), never one
APScheduler job per person; these two jobs only ask the services what is due.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine

from domain.model import WorkspaceRef
from domain.ports import DispatcherLock
from handlers.edge.services import Services
from handlers.jobs.dispatch import DispatchJob
from handlers.jobs.refresh_profiles import refresh_profiles
from storage.tick_log import record_tick

log = logging.getLogger(__name__)


def this_instance() -> str:
    """How `coachflow doctor` names the instance that ticked: its host and process id."""
    return f"{socket.gethostname()} pid {os.getpid()}"


class CoachflowScheduler:
    def __init__(self, services: Services, client: WebClient, lock: DispatcherLock) -> None:
        self._services = services
        self._client = client
        self._lock = lock
        self._dispatch = DispatchJob(services, client, lock)
        self._tick_log: Engine | None = None
        # One worker and no overlap: a slow tick delays the next, never doubles it.
        self._scheduler = BackgroundScheduler(
            timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 30}
        )
        self._scheduler.add_job(self._tick, IntervalTrigger(minutes=1), id="dispatch", name="dispatch tick")
        self._scheduler.add_job(
            self._refresh, CronTrigger(hour=3, minute=17), id="refresh_profiles", name="time zone refresh"
        )
        # Issue 14: the data of workspaces uninstalled longer than COACHFLOW_RETENTION_DAYS is deleted.
        self._scheduler.add_job(
            self.retention, CronTrigger(hour=3, minute=47), id="retention", name="uninstalled workspaces' data"
        )

    def record_ticks_in(self, engine: Engine) -> None:
        """After each tick this instance ran (holding the lock), write its time for `coachflow doctor`."""
        self._tick_log = engine

    def jobs(self) -> list[tuple[str, str]]:
        """(id, trigger) of each clock job, for operators and tests."""
        return [(job.id, str(job.trigger)) for job in self._scheduler.get_jobs()]

    def start(self) -> None:
        self._scheduler.start()
        log.info("scheduler started: dispatch every minute, time zones refreshed daily at 03:17 UTC")

    def shutdown(self) -> None:
        self._scheduler.shutdown(wait=True)
        self._lock.release()

    def tick_now(self) -> None:
        """One tick in the caller's thread, exactly as the clock runs it every minute."""
        self._tick()

    def _tick(self) -> None:
        # APScheduler would log and swallow an exception; log it with context.
        try:
            report = self._dispatch.tick()
            if report is not None and self._tick_log is not None:
                record_tick(self._tick_log, datetime.now(UTC), this_instance())
        except Exception:
            log.exception("dispatch tick failed; the next one retries")

    def retention(self) -> None:
        """The daily retention step, on the instance holding the dispatcher lock (`WorkspaceLifecycleService.daily`)."""
        if not self._lock.try_acquire():
            return
        try:
            purged = self._services.lifecycle.daily(self._services.clock())
        except Exception:  # APScheduler would swallow it; log with context, tomorrow's run tries again
            log.exception("retention step failed; the next daily run retries")
            return
        for gone in purged:
            log.info("retention: deleted the data of workspace %s (uninstalled %s): %d rows",
                     gone.ref.team_id, gone.uninstalled_at.isoformat(timespec="seconds"), gone.rows)

    def _refresh(self) -> None:
        if not self._lock.try_acquire():
            return
        try:
            team = self._client.auth_test()
            workspace = WorkspaceRef(team["team_id"], team.get("enterprise_id"))
            changed = refresh_profiles(self._client, self._services, workspace)
            log.info("time zone refresh: %d people changed", changed)
        except SlackApiError as error:
            log.warning("time zone refresh failed: %s", error.response.get("error"))
