"""SQL implementation of `domain.ports.DeliveryRepository`: the delivery ledger.

Two guarantees live here rather than in the caller:
- `add_if_absent` is INSERT ... ON CONFLICT DO NOTHING on the unique key, so
  any number of ticks, restarts or instances create each message once, and
  none of them gets an IntegrityError for trying.
- `claim_ready` hands each sendable row to one sender only: PostgreSQL locks
  the rows it picks (FOR UPDATE SKIP LOCKED, so a second sender takes the
  next rows instead of waiting); on SQLite the unit of work already holds the
  database's write lock (BEGIN IMMEDIATE), so the select and update are atomic.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import and_, func, or_, select, tuple_, update
from sqlalchemy.orm import Session

from domain.delivery import SENDING_LEASE, STALE_REASON, Delivery, DeliveryKey, DeliveryStatus
from domain.model import WorkspaceRef
from storage.dialects import upsert_insert
from storage.mapping import delivery_from_row, delivery_values
from storage.orm import DeliveryRow
from storage.repositories import UnknownRowError

# Keys per SELECT in existing_keys(): four bound values each, well under
# SQLite's 32766 and PostgreSQL's 65535 parameter limits.
KEYS_PER_QUERY = 1000

_KEY_COLUMNS = (
    DeliveryRow.team_id,
    DeliveryRow.recipient_id,
    DeliveryRow.kind,
    DeliveryRow.period,
)


class SqlDeliveryRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_if_absent(self, delivery: Delivery) -> bool:
        # On PostgreSQL a concurrent insert of the same key waits for the
        # other transaction: if it commits, this one does nothing; if it rolls
        # back, this one inserts. Never a unique violation. RETURNING says
        # which (a row only when inserted): the drivers' rowcount is -1 here.
        statement = (
            upsert_insert(self._session, DeliveryRow)
            .values(**delivery_values(delivery))
            .on_conflict_do_nothing(index_elements=list(_KEY_COLUMNS))
            .returning(DeliveryRow.id)
        )
        return self._session.execute(statement).first() is not None

    def get(self, key: DeliveryKey) -> Delivery | None:
        row = self._row(key)
        return delivery_from_row(row) if row is not None else None

    def existing_keys(self, keys: Iterable[DeliveryKey]) -> set[DeliveryKey]:
        wanted = list(dict.fromkeys(keys))  # iterate once, drop repeats
        found: set[DeliveryKey] = set()
        # One query for a tick's worth of keys; a huge backlog is chunked
        # only to stay under the drivers' bound-parameter limits.
        for start in range(0, len(wanted), KEYS_PER_QUERY):
            chunk = wanted[start : start + KEYS_PER_QUERY]
            rows = self._session.execute(
                select(*_KEY_COLUMNS).where(
                    tuple_(*_KEY_COLUMNS).in_(
                        [(k.team_id, k.recipient_id, k.kind, k.period) for k in chunk]
                    )
                )
            )
            found.update(DeliveryKey(*row) for row in rows)
        return found

    def claim_ready(self, now: datetime, limit: int) -> list[Delivery]:
        if limit <= 0:
            return []
        pending = DeliveryStatus.PENDING.value
        sending = DeliveryStatus.SENDING.value
        sendable = or_(
            and_(
                DeliveryRow.status == pending,
                or_(DeliveryRow.next_attempt_at.is_(None), DeliveryRow.next_attempt_at <= now),
                DeliveryRow.stale_at > now,
            ),
            # A sender that claimed this and never recorded an outcome died
            # (crash, kill, deploy); the next sender checks Slack before resending.
            and_(DeliveryRow.status == sending, DeliveryRow.claimed_at <= now - SENDING_LEASE),
        )
        query = (
            select(DeliveryRow)
            .where(sendable)
            .order_by(DeliveryRow.due_at, DeliveryRow.id)
            .limit(limit)
            # SKIP LOCKED: rows another sender is claiming right now are left
            # to it. Under READ COMMITTED, a row that sender has just claimed
            # and committed is re-checked against the WHERE after locking and
            # dropped, so it is not claimed twice. SQLite renders no FOR UPDATE.
            .with_for_update(skip_locked=True)
            # The locked read is the truth: refresh rows this unit read before.
            .execution_options(populate_existing=True)
        )
        rows = list(self._session.scalars(query))
        for row in rows:
            # attempts is left alone: the sender counts an attempt when it
            # actually calls Slack, and records it with update().
            row.status = sending
            row.claimed_at = now
        self._session.flush()
        return [delivery_from_row(row) for row in rows]

    def update(self, delivery: Delivery) -> None:
        row = self._row(delivery.key)
        if row is None:
            raise UnknownRowError(f"no delivery {delivery.key}")
        for name, value in delivery_values(delivery).items():
            setattr(row, name, value)
        self._session.flush()

    def expire_stale(self, now: datetime) -> int:
        statement = (
            update(DeliveryRow)
            .where(DeliveryRow.status == DeliveryStatus.PENDING.value, DeliveryRow.stale_at <= now)
            .values(status=DeliveryStatus.SKIPPED.value, reason=STALE_REASON)
            # Rows of this unit's identity map get the new status too.
            .execution_options(synchronize_session="fetch")
        )
        result = self._session.execute(statement)
        return int(result.rowcount)  # type: ignore[attr-defined]

    def search(
        self,
        *,
        ref: WorkspaceRef | None = None,
        status: DeliveryStatus | None = None,
        since: datetime | None = None,
        limit: int = 200,
    ) -> list[Delivery]:
        """Newest first (by created_at); `since` keeps rows created at or after it."""
        query = (
            select(DeliveryRow)
            .order_by(DeliveryRow.created_at.desc(), DeliveryRow.id.desc())
            .limit(limit)
        )
        if ref is not None:
            query = query.where(DeliveryRow.team_id == ref.team_id)
        if status is not None:
            query = query.where(DeliveryRow.status == DeliveryStatus(status).value)
        if since is not None:
            query = query.where(DeliveryRow.created_at >= since)
        return [delivery_from_row(row) for row in self._session.scalars(query)]

    def count_by_status(self) -> dict[DeliveryStatus, int]:
        """Every status is present, with 0 when no row has it (dashboards need no .get)."""
        counts = dict.fromkeys(DeliveryStatus, 0)
        rows = self._session.execute(
            select(DeliveryRow.status, func.count()).group_by(DeliveryRow.status)
        )
        for status, count in rows:
            counts[DeliveryStatus(status)] = int(count)
        return counts

    def last_sent(self, ref: WorkspaceRef, kind: str, recipient_ids: Iterable[str]) -> dict[str, datetime]:
        wanted = list(dict.fromkeys(recipient_ids))
        if not wanted:
            return {}
        # The unique key (team_id, recipient_id, kind, period) indexes this.
        rows = self._session.execute(
            select(DeliveryRow.recipient_id, func.max(DeliveryRow.due_at))
            .where(DeliveryRow.team_id == ref.team_id, DeliveryRow.recipient_id.in_(wanted),
                   DeliveryRow.kind == kind, DeliveryRow.status == DeliveryStatus.SENT.value)
            .group_by(DeliveryRow.recipient_id)
        )
        # max() keeps the column type, so the instants come back aware, in UTC, on every backend.
        return {recipient: due for recipient, due in rows if due is not None}

    def skip_pending(self, ref: WorkspaceRef, reason: str, recipient_id: str | None = None) -> int:
        statement = (
            update(DeliveryRow)
            .where(DeliveryRow.team_id == ref.team_id, DeliveryRow.status == DeliveryStatus.PENDING.value)
            .values(status=DeliveryStatus.SKIPPED.value, reason=reason, next_attempt_at=None)
            .execution_options(synchronize_session="fetch")
        )
        if recipient_id is not None:
            statement = statement.where(DeliveryRow.recipient_id == recipient_id)
        return int(self._session.execute(statement).rowcount)  # type: ignore[attr-defined]

    def _row(self, key: DeliveryKey) -> DeliveryRow | None:
        return self._session.scalars(
            select(DeliveryRow).where(
                DeliveryRow.team_id == key.team_id,
                DeliveryRow.recipient_id == key.recipient_id,
                DeliveryRow.kind == key.kind,
                DeliveryRow.period == key.period,
            )
        ).one_or_none()
