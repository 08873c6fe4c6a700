"""APScheduler as a clock: a dispatch tick every minute and a daily profile refresh.

Per-person schedules are rows in our tables (DESIGN.md 3.1), never one
APScheduler job per person; these two jobs only ask the services what is due.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.workspace_clients import InstalledClients
from domain.model import WorkspaceRef
from domain.ports import DispatcherLock
from handlers.edge.services import Services
from handlers.jobs.dispatch import DispatchJob
from handlers.jobs.refresh_profiles import refresh_profiles
from handlers.jobs.workspace_sender import NotInstalled, TokenUnavailable

log = logging.getLogger(__name__)


class CoachflowScheduler:
    def __init__(self, services: Services, client: WebClient, lock: DispatcherLock,
                 clients: InstalledClients | None = None) -> None:
        """`clients` (OAuth mode): send and refresh in each installed workspace with its own token."""
        self._services = services
        self._client = client
        self._lock = lock
        self._clients = clients
        self._dispatch = DispatchJob(services, client, lock, clients=clients)
        # One worker and no overlap: a slow tick delays the next, never doubles it.
        self._scheduler = BackgroundScheduler(
            timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 30}
        )
        self._scheduler.add_job(self._tick, IntervalTrigger(minutes=1), id="dispatch", name="dispatch tick")
        self._scheduler.add_job(
            self._refresh, CronTrigger(hour=3, minute=17), id="refresh_profiles", name="time zone refresh"
        )

    def jobs(self) -> list[tuple[str, str]]:
        """(id, trigger) of each clock job, for operators and tests."""
        return [(job.id, str(job.trigger)) for job in self._scheduler.get_jobs()]

    def start(self) -> None:
        self._scheduler.start()
        log.info("scheduler started: dispatch every minute, time zones refreshed daily at 03:17 UTC")

    def shutdown(self) -> None:
        self._scheduler.shutdown(wait=True)
        self._lock.release()

    def _tick(self) -> None:
        # APScheduler would log and swallow an exception; log it with context.
        try:
            self._dispatch.tick()
        except Exception:
            log.exception("dispatch tick failed; the next one retries")

    def _refresh(self) -> None:
        if not self._lock.try_acquire():
            return
        if self._clients is not None:
            self._refresh_installed(self._clients)
            return
        try:
            team = self._client.auth_test()
            workspace = WorkspaceRef(team["team_id"], team.get("enterprise_id"))
            changed = refresh_profiles(self._client, self._services, workspace)
            log.info("time zone refresh: %d people changed", changed)
        except SlackApiError as error:
            log.warning("time zone refresh failed: %s", error.response.get("error"))

    def _refresh_installed(self, clients: InstalledClients) -> None:
        """OAuth mode: each installed workspace with its own (renewed if need be) token."""
        for workspace in clients.workspaces():
            try:
                changed = refresh_profiles(clients(workspace.team_id, workspace.enterprise_id), self._services,
                                           workspace)
                log.info("time zone refresh of %s: %d people changed", workspace.team_id, changed)
            except (SlackApiError, NotInstalled, TokenUnavailable) as error:
                log.warning("time zone refresh of %s failed: %s", workspace.team_id, error.__class__.__name__)
