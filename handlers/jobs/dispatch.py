"""The dispatch tick: queue what is due, then send it. Runs every minute.

`coachflow jobs run-due --now ...` runs the same tick as of another instant;
the clock then starts at that instant and runs on in real time, so staleness
and retries agree with the plan.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk import WebClient

from domain.ports import DispatcherLock, MessageSender
from domain.services.delivery import DrainReport
from domain.services.scheduling import PlanReport
from handlers.blocks.notifications import footer, renderer
from handlers.edge.services import Services
from handlers.jobs.pictures import pictures_after
from handlers.jobs.slack_sender import SlackMessageSender
from handlers.jobs.workspace_sender import ClientFor, PerWorkspaceSender

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TickReport:
    now: datetime
    plan: PlanReport
    drain: DrainReport


def replay_clock(start: datetime) -> Callable[[], datetime]:
    """A clock that reads `start` now and moves on in real time."""
    origin = time.monotonic()
    return lambda: start + timedelta(seconds=time.monotonic() - origin)


class DispatchJob:
    def __init__(self, services: Services, client: WebClient, lock: DispatcherLock,
                 clients: ClientFor | None = None) -> None:
        """`clients` (OAuth mode): each row is sent with its workspace's client instead of `client`."""
        self._services = services
        self._client = client
        self._lock = lock
        self._clients = clients

    def tick(
        self,
        now: datetime | None = None,
        *,
        budget: timedelta = timedelta(seconds=50),
        clock: Callable[[], datetime] | None = None,
    ) -> TickReport | None:
        """One tick; None when another instance holds the dispatcher lock.

        `now` replays an instant; `clock` replaces the tick's clock outright
        (tests that wait out rate limits in virtual time).
        """
        if not self._lock.try_acquire():
            log.debug("another instance is dispatching; this one waits")
            return None
        if clock is None:
            clock = replay_clock(now) if now is not None else self._services.clock
        started = clock()
        plan = self._services.schedules.plan(started)
        render = renderer(clock)

        def sender_for(client: WebClient) -> SlackMessageSender:
            pictures = pictures_after(client) if self._services.charts_enabled else None
            return SlackMessageSender(client, render, pictures, footer=footer)

        sender: MessageSender = sender_for(self._client) if self._clients is None \
            else PerWorkspaceSender(self._clients, sender_for)
        drain = self._services.deliveries.drain(sender, clock, budget=budget)
        if plan.queued or drain.sent or drain.failed or plan.skipped:
            log.info(
                "tick %s: queued %d, skipped %d stale, sent %d, failed %d, retrying %d",
                started.isoformat(timespec="seconds"),
                plan.queued, plan.skipped, drain.sent, drain.failed, drain.retried,
            )
        return TickReport(started, plan, drain)
