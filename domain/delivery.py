"""The delivery ledger (outbox): one row per scheduled message, created before sending.

The key (workspace, recipient, kind, period) is unique, so a second tick, a
restart or a second instance cannot create the same message twice.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime, timedelta


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


def backoff(attempts: int) -> timedelta:
    """Wait before retry number `attempts` (1-based) after a transient failure."""
    return min(BACKOFF_CAP, BACKOFF_BASE * (2 ** max(0, attempts - 1)))


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
