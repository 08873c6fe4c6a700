"""Draining the delivery ledger: send what is ready, exactly once, politely.

Rate limits (HTTP 429) make the sender wait Retry-After for that method;
transient failures retry with backoff up to a limit; permanent errors fail
the row at once. A row whose sender vanished mid-send (crash, kill) is looked
up in Slack before it is sent again, so a message is never sent twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from domain.delivery import (
    MAX_ATTEMPTS,
    Delivery,
    DeliveryStatus,
    PermanentFailure,
    RateLimited,
    Sent,
    TransientFailure,
    backoff,
)
from domain.ports import MessageSender, UnitOfWorkFactory
from domain.services.notifications import NotificationContentService

log = logging.getLogger(__name__)

SEND_METHOD = "chat.postMessage"


@dataclass
class DrainReport:
    sent: int = 0
    recovered: int = 0  # found already in Slack after a lost sender
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    rate_limited: int = 0
    waited_seconds: float = 0.0
    errors: dict[str, int] = field(default_factory=dict)

    def merge_error(self, error: str) -> None:
        self.errors[error] = self.errors.get(error, 0) + 1


class DeliveryService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        content: NotificationContentService,
        sleep: Callable[[float], None],
    ) -> None:
        self._uow_factory = uow_factory
        self._content = content
        self._sleep = sleep

    def drain(
        self,
        sender: MessageSender,
        clock: Callable[[], datetime],
        *,
        budget: timedelta = timedelta(seconds=50),
        batch: int = 50,
    ) -> DrainReport:
        """Send ready rows until none is left or `budget` is spent.

        `clock` is the tick's notion of now (`jobs run-due --now` replays an
        instant), so staleness and retry times agree with the plan's.
        """
        return _Drain(self._uow_factory, self._content, self._sleep, sender, clock, clock() + budget).run(batch)


class _Drain:
    """One drain: its clock, deadline, rate-limit blocks and report."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        content: NotificationContentService,
        sleep: Callable[[float], None],
        sender: MessageSender,
        clock: Callable[[], datetime],
        deadline: datetime,
    ) -> None:
        self._uow_factory = uow_factory
        self._content = content
        self._sleep = sleep
        self._sender = sender
        self._clock = clock
        self._deadline = deadline
        self._blocked_until: dict[str, datetime] = {}
        self.report = DrainReport()

    def run(self, batch: int) -> DrainReport:
        while self._clock() < self._deadline:
            # Rows put back by a 429 become claimable when the block ends, so
            # wait it out first (within the budget) rather than stop early.
            if not self._wait_if_blocked():
                break
            with self._uow_factory() as uow:
                self.report.skipped += uow.deliveries.expire_stale(self._clock())
                claimed = uow.deliveries.claim_ready(self._clock(), batch)
                uow.commit()
            if not claimed:
                break
            for position, delivery in enumerate(claimed):
                if not self._wait_if_blocked():
                    self._release(claimed[position:])
                    return self.report
                outcome = self._attempt(delivery)
                if isinstance(outcome, RateLimited):
                    self._blocked_until[outcome.method] = self._clock() + timedelta(seconds=outcome.retry_after)
        return self.report

    def _wait_if_blocked(self) -> bool:
        until = self._blocked_until.pop(SEND_METHOD, None)
        if until is None:
            return True
        now = self._clock()
        if until <= now:
            return True
        if until >= self._deadline:
            return False  # the next tick picks up where this one stopped
        pause = (until - now).total_seconds()
        self.report.waited_seconds += pause
        self._sleep(pause)
        return True

    def _attempt(self, delivery: Delivery) -> object:
        if delivery.attempts > 0:
            # An earlier attempt's outcome is unknown (its sender died, or the
            # call timed out after Slack had the message): look before sending.
            found = self._sender.find_sent(delivery)
            if isinstance(found, Sent):
                self._record(delivery.with_status(DeliveryStatus.SENT, channel=found.channel, ts=found.ts, error=None))
                self.report.recovered += 1
                return found
            if isinstance(found, RateLimited):
                retry_at = self._clock() + timedelta(seconds=found.retry_after)
                self._record(delivery.with_status(DeliveryStatus.PENDING, next_attempt_at=retry_at))
                self.report.rate_limited += 1
                return found
        content = self._content.content_for(delivery)
        if content is None:
            self._record(delivery.with_status(DeliveryStatus.SKIPPED, reason="nothing to send any more"))
            self.report.skipped += 1
            return None
        # Count the attempt before sending: if we die mid-call, the next
        # sender knows to look in Slack first.
        attempt = delivery.with_status(DeliveryStatus.SENDING, attempts=delivery.attempts + 1)
        self._record(attempt)
        outcome = self._sender.send(attempt, content)
        self._record_outcome(attempt, outcome)
        return outcome

    def _record_outcome(self, delivery: Delivery, outcome: object) -> None:
        now, report = self._clock(), self.report
        match outcome:
            case Sent(channel=channel, ts=ts):
                self._record(delivery.with_status(DeliveryStatus.SENT, channel=channel, ts=ts, error=None))
                report.sent += 1
            case RateLimited(retry_after=retry_after):
                # Slack refused before accepting anything: the attempt does not count.
                self._record(
                    delivery.with_status(
                        DeliveryStatus.PENDING,
                        attempts=delivery.attempts - 1,
                        next_attempt_at=now + timedelta(seconds=retry_after),
                        error="ratelimited",
                    )
                )
                report.rate_limited += 1
            case TransientFailure(error=error) if delivery.attempts < MAX_ATTEMPTS:
                retry_at = now + backoff(delivery.attempts)
                self._record(delivery.with_status(DeliveryStatus.PENDING, next_attempt_at=retry_at, error=error))
                report.retried += 1
                report.merge_error(error)
            case TransientFailure(error=error):
                reason = f"gave up after {delivery.attempts} attempts"
                self._record(delivery.with_status(DeliveryStatus.FAILED, error=error, reason=reason))
                report.failed += 1
                report.merge_error(error)
            case PermanentFailure(error=error):
                self._record(delivery.with_status(DeliveryStatus.FAILED, error=error, reason="Slack refused it"))
                report.failed += 1
                report.merge_error(error)
            case _:
                raise TypeError(f"unknown send outcome {outcome!r}")

    def _release(self, deliveries: list[Delivery]) -> None:
        """Hand claimed but unsent rows back, for the next tick."""
        with self._uow_factory() as uow:
            for delivery in deliveries:
                uow.deliveries.update(delivery.with_status(DeliveryStatus.PENDING, claimed_at=None))
            uow.commit()

    def _record(self, delivery: Delivery) -> None:
        with self._uow_factory() as uow:
            uow.deliveries.update(delivery)
            uow.commit()
