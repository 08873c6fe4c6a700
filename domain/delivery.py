"""The delivery ledger (outbox): one row per message, created before sending.

Scheduled messages and listeners' replies (kind "reply") share it. The key
(workspace, recipient, kind, period) is unique, so a second tick, a restart,
a second instance or a replayed request cannot create the same message twice.
"""

from __future__ import annotations

import enum
import hashlib
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from domain.model import WorkspaceRef


class DeliveryStatus(str, enum.Enum):
    PENDING = "pending"  # created, waiting to be sent (or to be retried at `next_attempt_at`)
    SENDING = "sending"  # claimed by a sender; outcome unknown until recorded
    SENT = "sent"  # Slack accepted it; `ts` and `channel` say where
    FAILED = "failed"  # gave up: a permanent error, or transient ones past the limit
    SKIPPED = "skipped"  # went stale before it could be sent (`reason` says why)


@dataclass(frozen=True, order=True)
class DeliveryKey:
    team_id: str
    recipient_id: str
    kind: str
    period: str  # ISO date of the occurrence's period, e.g. "2026-11-23"

    def __str__(self) -> str:
        return f"{self.team_id}/{self.recipient_id}/{self.kind}/{self.period}"


@dataclass(frozen=True)
class Delivery:
    key: DeliveryKey
    status: DeliveryStatus
    due_at: datetime  # UTC
    stale_at: datetime  # UTC
    enterprise_id: str | None = None
    attempts: int = 0
    next_attempt_at: datetime | None = None  # UTC; None means as soon as possible
    claimed_at: datetime | None = None  # UTC; when a sender took it (SENDING)
    channel: str | None = None  # the DM channel, once known
    ts: str | None = None  # Slack's message timestamp once SENT
    error: str | None = None  # last Slack error, for FAILED and retries
    reason: str | None = None  # why SKIPPED or FAILED, in words
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def with_status(self, status: DeliveryStatus, **changes: object) -> Delivery:
        return replace(self, status=status, **changes)  # type: ignore[arg-type]


# Why a queued row that nobody sent in time was skipped.
STALE_REASON = "stale before it could be sent"

# Slack errors that will not go away by trying again.
PERMANENT_ERRORS = frozenset(
    {
        "user_not_found",
        "account_inactive",
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "missing_scope",
        "cannot_dm_bot",
        "user_disabled",
        "invalid_blocks",
        "msg_too_long",
    }
)

MAX_ATTEMPTS = 6
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(minutes=30)
# A SENDING row older than this lost its sender (a crash or a kill): look in
# Slack before sending it again.
SENDING_LEASE = timedelta(minutes=2)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a message is tried after transient failures."""

    max_attempts: int
    backoff_base: timedelta
    backoff_cap: timedelta
    # The longest a sender waits in all (Retry-After and backoff together)
    # before it gives up; None: no in-process wait, the next tick retries.
    wait_budget: timedelta | None = None

    def backoff(self, attempts: int) -> timedelta:
        """Wait before retry number `attempts` (1-based) after a transient failure."""
        return min(self.backoff_cap, self.backoff_base * (1 << max(0, attempts - 1)))  # 2^(attempts-1), an int


# Scheduled messages: the minute tick retries, so the waits can be long.
SCHEDULED_RETRY = RetryPolicy(MAX_ATTEMPTS, BACKOFF_BASE, BACKOFF_CAP)
# Listener replies: retried in the listener's thread right away (1, 2, 4, 8,
# 8 s), never waiting more than 30 s in all: well inside SENDING_LEASE, so
# no drain takes the row from a listener still working on it.
REPLY_RETRY = RetryPolicy(
    MAX_ATTEMPTS, timedelta(seconds=1), timedelta(seconds=8), wait_budget=timedelta(seconds=30)
)
# A listener's reply: a DM sent after the ack (saved, signed, told, refused).
REPLY_KIND = "reply"
# A reply row's stale_at: it is never queued for a later tick, this only
# keeps the column honest for operators reading the ledger.
REPLY_STALE_AFTER = timedelta(hours=1)


def reply_row(ref: WorkspaceRef, recipient_id: str, period: str, now: datetime) -> Delivery:
    """The ledger row of one reply, written before it is sent: its first attempt, SENDING.

    The drain leaves a row alone while its sender's lease holds, so only the
    sender that wrote it sends it; a crash mid-send leaves a row the next
    drain looks up in Slack (and fails, since a reply's text is not stored).
    """
    return Delivery(
        DeliveryKey(ref.team_id, recipient_id, REPLY_KIND, period), DeliveryStatus.SENDING, due_at=now,
        stale_at=now + REPLY_STALE_AFTER, enterprise_id=ref.enterprise_id, attempts=1, claimed_at=now,
    )


def reply_period(idempotency_key: str | None) -> str:
    """The ledger period of one reply: the same for the same caller key, fresh without one.

    Hashed because callers' keys (a view id and hash, an event id plus what
    the message is) are longer than the period column; 24 hex digits (96 bits)
    make a collision between two replies to one person impossible in practice.
    """
    if idempotency_key is None:
        return uuid.uuid4().hex[:24]
    return hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:24]


# -- what a send attempt came to (the sender port's answers) -----------------


@dataclass(frozen=True)
class Sent:
    channel: str
    ts: str


@dataclass(frozen=True)
class RateLimited:
    """Slack answered 429: wait `retry_after` seconds before using `method` again."""

    method: str
    retry_after: float


@dataclass(frozen=True)
class TransientFailure:
    """5xx, a timeout or a lost connection: worth trying again later."""

    error: str


@dataclass(frozen=True)
class PermanentFailure:
    """An error that will not go away (`user_not_found`, `account_inactive`, ...)."""

    error: str


SendOutcome = Sent | RateLimited | TransientFailure | PermanentFailure


def settle(delivery: Delivery, outcome: SendOutcome, now: datetime, policy: RetryPolicy) -> Delivery:
    """The ledger row after one attempt (`delivery` has that attempt counted) came to `outcome`.

    The one place that says what each answer of Slack means for a message:
    the drain records it for the next tick; a listener's reply records it and,
    while the row stays unfinished, tries again in its own thread.
    """
    match outcome:
        case Sent(channel=channel, ts=ts):
            return delivery.with_status(DeliveryStatus.SENT, channel=channel, ts=ts, error=None)
        case RateLimited(retry_after=retry_after):
            # Slack refused before accepting anything: the attempt does not count.
            return delivery.with_status(
                DeliveryStatus.PENDING,
                attempts=delivery.attempts - 1,
                next_attempt_at=now + timedelta(seconds=retry_after),
                error="ratelimited",
            )
        case TransientFailure(error=error) if delivery.attempts < policy.max_attempts:
            retry_at = now + policy.backoff(delivery.attempts)
            return delivery.with_status(DeliveryStatus.PENDING, next_attempt_at=retry_at, error=error)
        case TransientFailure(error=error):
            reason = f"gave up after {delivery.attempts} attempts"
            return delivery.with_status(DeliveryStatus.FAILED, error=error, reason=reason)
        case PermanentFailure(error=error):
            return delivery.with_status(DeliveryStatus.FAILED, error=error, reason="Slack refused it")
    raise TypeError(f"unknown send outcome {outcome!r}")
