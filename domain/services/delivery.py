"""The delivery ledger's two senders: the scheduled drain and listeners' replies.

Both send through the same `MessageSender` and record each answer with
`domain.delivery.settle`. Rate limits (HTTP 429) wait Retry-After; transient
failures retry with backoff up to a limit; permanent errors fail the row at
once. The drain leaves retries to the next tick; a reply retries in its
listener's thread (`REPLY_RETRY`, 30 s at most) and a reply still failing is
recorded FAILED, never resent later (its text is not stored, and a "Saved"
arriving minutes after the person moved on misleads more than it helps).
A row whose sender vanished mid-send (crash, kill) is looked up in Slack
before it is sent again, so a message is never sent twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from domain.delivery import (
    REPLY_KIND,
    REPLY_RETRY,
    SCHEDULED_RETRY,
    Delivery,
    DeliveryKey,
    DeliveryStatus,
    PermanentFailure,
    RateLimited,
    RetryPolicy,
    SendOutcome,
    Sent,
    TransientFailure,
    reply_period,
    reply_row,
    settle,
)
from domain.model import WorkspaceRef
from domain.ports import MessageSender, UnitOfWorkFactory
from domain.services.notifications import NotificationContentService

log = logging.getLogger(__name__)

SEND_METHOD = "chat.postMessage"
# Why a reply row a drain found abandoned is failed rather than sent.
LOST_REPLY_REASON = "its listener stopped before recording an outcome; replies are not resent"


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

    def send_reply(
        self,
        ref: WorkspaceRef,
        recipient_id: str,
        period: str,
        content: object,
        sender: MessageSender,
        clock: Callable[[], datetime],
    ) -> Delivery:
        """Send a listener's reply now, with a ledger row (kind "reply") saying what became of it.

        `period` is `reply_period(key)`: the same request key finds the row
        already there and sends nothing again, whatever its status. The
        result is the row as recorded: SENT with its ts, or FAILED with the
        error and the reason (`coachflow deliveries --failed` lists it).
        """
        first = reply_row(ref, recipient_id, period, clock())
        key = first.key
        with self._uow_factory() as uow:
            recorded = uow.workspaces.get(ref) is not None
            inserted = recorded and uow.deliveries.add_if_absent(first)
            existing = uow.deliveries.get(key) if recorded and not inserted else None
            uow.commit()
        if existing is not None:
            log.info("reply %s was already handled (%s); not sent again", key, existing.status.value)
            return existing
        if not recorded:
            log.info("no workspace row for %s yet: the reply to %s goes unrecorded", ref.team_id, recipient_id)
        record = self._record if recorded else _ignore
        return self.keep_trying(first, lambda attempt: sender.send(attempt, content), record, clock)

    def send_replies(
        self, ref: WorkspaceRef, replies: Sequence[tuple[str, object, Delivery | None]], sender: MessageSender,
        clock: Callable[[], datetime],
    ) -> list[Delivery]:
        """Send replies in order: (recipient, content, its ledger row or None); then record every outcome at once.

        A row is None when the use case did not write one with its change (its
        listener's own notices); those are written first, in one unit. Each
        reply is retried as `keep_trying` does, a retry's attempt recorded at
        once so the row's lease stays fresh while this thread waits; the final
        outcomes (SENT, or FAILED with the reason) are recorded in one unit.
        """
        rows = [row for _, _, row in replies]
        recorded = all(row is not None for row in rows) or self._write_rows(ref, replies, rows, clock())
        outcomes: list[Delivery] = []
        for (_, content, _), row in zip(replies, rows, strict=True):
            assert row is not None  # written above, or made unrecorded
            def record_retry(delivery: Delivery) -> None:
                if recorded and delivery.status is DeliveryStatus.SENDING:
                    self._record(delivery)

            outcomes.append(self.keep_trying(row, _sending(sender, content), record_retry, clock))
        if recorded and outcomes:
            with self._uow_factory() as uow:
                for outcome in outcomes:
                    uow.deliveries.update(outcome)
                uow.commit()
        return outcomes

    def _write_rows(self, ref: WorkspaceRef, replies: Sequence[tuple[str, object, Delivery | None]],
                    rows: list[Delivery | None], now: datetime) -> bool:
        """Fill in the missing rows (in place) and write them in one unit; False when the
        workspace has no row yet, so none of these replies can be recorded."""
        missing = [n for n, row in enumerate(rows) if row is None]
        for n in missing:
            rows[n] = reply_row(ref, replies[n][0], reply_period(None), now)
        with self._uow_factory() as uow:
            if uow.workspaces.get(ref) is None:
                log.info("no workspace row for %s yet: %d replies go unrecorded", ref.team_id, len(rows))
                return False
            for n in missing:
                uow.deliveries.add_if_absent(rows[n])  # type: ignore[arg-type]
            uow.commit()
        return True

    def keep_trying(
        self,
        attempt: Delivery,
        send: Callable[[Delivery], SendOutcome],
        record: Callable[[Delivery], None],
        clock: Callable[[], datetime],
        policy: RetryPolicy = REPLY_RETRY,
    ) -> Delivery:
        """Try `send` until Slack accepts it, refuses it for good, or `policy`'s patience ends.

        `attempt` is the first attempt, counted and already recorded. The one
        retry loop of the edge: replies (recorded in the ledger), App Home
        publishes and response_url posts (idempotent: `record` does nothing)
        all wait out 429s and back off after 5xx the same way. Returns the
        final row: SENT, or FAILED with the error and the reason.
        """
        budget = (policy.wait_budget or timedelta(0)).total_seconds()
        waited = 0.0
        while True:
            outcome = send(attempt)
            now = clock()
            settled = settle(attempt, outcome, now, policy)
            if settled.status is not DeliveryStatus.PENDING:
                record(settled)
                return settled
            assert settled.next_attempt_at is not None  # settle sets it for every retry
            # At least a second per retry, so "Retry-After: 0" cannot spin.
            pause = max(1.0, (settled.next_attempt_at - now).total_seconds())
            if waited + pause > budget:
                reason = f"gave up: Slack would take {waited + pause:g} s of waiting in all"
                failed = settled.with_status(DeliveryStatus.FAILED, next_attempt_at=None, reason=reason)
                record(failed)
                return failed
            waited += pause
            self._sleep(pause)
            # Counted before the call; SENDING (not PENDING) while this thread
            # waits and tries, so no drain takes the row meanwhile.
            attempt = settled.with_status(
                DeliveryStatus.SENDING, attempts=settled.attempts + 1, next_attempt_at=None, claimed_at=clock()
            )
            record(attempt)

    def retry(self, send: Callable[[], SendOutcome], clock: Callable[[], datetime], what: str) -> Delivery:
        """`keep_trying` for an idempotent call with no ledger row (App Home, response_url).

        The result says what became of it (SENT or FAILED, with error and
        reason); `what` names it in that result, for the caller's log line.
        """
        now = clock()
        call = Delivery(
            DeliveryKey("-", what, "call", "-"), DeliveryStatus.SENDING, due_at=now, stale_at=now, attempts=1
        )
        return self.keep_trying(call, lambda attempt: send(), _ignore, clock)

    def _record(self, delivery: Delivery) -> None:
        with self._uow_factory() as uow:
            uow.deliveries.update(delivery)
            uow.commit()


def _sending(sender: MessageSender, content: object) -> Callable[[Delivery], SendOutcome]:
    return lambda attempt: sender.send(attempt, content)


def _ignore(delivery: Delivery) -> None:
    """`record` for sends without a ledger row (idempotent calls, unknown workspaces)."""


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
            # The batch's content at once: each kind gathers for all its rows in a few queries.
            contents = self._content.contents_for(d for d in claimed if d.key.kind != REPLY_KIND)
            for position, delivery in enumerate(claimed):
                if not self._wait_if_blocked():
                    self._release(claimed[position:])
                    return self.report
                outcome = self._attempt(delivery, contents)
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

    def _attempt(self, delivery: Delivery, contents: Mapping[DeliveryKey, object]) -> object:
        if delivery.attempts > 0:
            # An earlier attempt's outcome is unknown (its sender died, or the
            # call timed out after Slack had the message): look before sending.
            found = self._sender.find_sent(delivery)
            if isinstance(found, Sent):
                self._record(delivery.with_status(DeliveryStatus.SENT, channel=found.channel, ts=found.ts, error=None),
                             contents.get(delivery.key))
                self.report.recovered += 1
                return found
            if isinstance(found, RateLimited):
                retry_at = self._clock() + timedelta(seconds=found.retry_after)
                self._record(delivery.with_status(DeliveryStatus.PENDING, next_attempt_at=retry_at))
                self.report.rate_limited += 1
                return found
        if delivery.key.kind == REPLY_KIND:
            # A reply whose listener died mid-send and that Slack does not
            # have: its text was never stored, so it is failed, not resent.
            self._record(delivery.with_status(DeliveryStatus.FAILED, reason=LOST_REPLY_REASON))
            self.report.failed += 1
            return None
        content = contents.get(delivery.key)
        if content is None:
            self._record(delivery.with_status(DeliveryStatus.SKIPPED, reason="nothing to send any more"))
            self.report.skipped += 1
            return None
        # Count the attempt before sending: if we die mid-call, the next
        # sender knows to look in Slack first.
        attempt = delivery.with_status(DeliveryStatus.SENDING, attempts=delivery.attempts + 1)
        self._record(attempt)
        outcome = self._sender.send(attempt, content)
        self._record_outcome(attempt, outcome, content)
        return outcome

    def _record_outcome(self, delivery: Delivery, outcome: object, content: object) -> None:
        if not isinstance(outcome, Sent | RateLimited | TransientFailure | PermanentFailure):
            raise TypeError(f"unknown send outcome {outcome!r}")
        settled = settle(delivery, outcome, self._clock(), SCHEDULED_RETRY)
        self._record(settled, content)
        report = self.report
        match outcome:
            case Sent():
                report.sent += 1
            case RateLimited():
                report.rate_limited += 1
            case TransientFailure(error=error) | PermanentFailure(error=error):
                if settled.status is DeliveryStatus.FAILED:
                    report.failed += 1
                else:
                    report.retried += 1
                report.merge_error(error)

    def _release(self, deliveries: list[Delivery]) -> None:
        """Hand claimed but unsent rows back, for the next tick."""
        with self._uow_factory() as uow:
            for delivery in deliveries:
                uow.deliveries.update(delivery.with_status(DeliveryStatus.PENDING, claimed_at=None))
            uow.commit()

    def _record(self, delivery: Delivery, content: object = None) -> None:
        """Record the row; a SENT one lets its kind keep what it delivered, in the same transaction."""
        with self._uow_factory() as uow:
            uow.deliveries.update(delivery)
            if delivery.status is DeliveryStatus.SENT and content is not None:
                self._content.record_delivered(uow, delivery, content, self._clock())
            uow.commit()
