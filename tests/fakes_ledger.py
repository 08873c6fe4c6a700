"""In-memory fakes of the schedule and the delivery ledger (with the SQL semantics), used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from domain.delivery import (
    SENDING_LEASE,
    STALE_REASON,
    Delivery,
    DeliveryKey,
    DeliveryStatus,
)
from domain.model import WorkspaceRef
from domain.ports import ScheduleEntry

if TYPE_CHECKING:
    from tests.fakes import _Tables


class FakeScheduleRepository:
    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    def due(self, now: datetime, limit: int) -> list[ScheduleEntry]:
        due = [
            e for e in self._t.schedules.values()
            if e.next_check_at is not None and e.next_check_at <= now
        ]
        due.sort(key=lambda e: (e.next_check_at, e.workspace.team_id, e.user_id, e.kind))
        return [self._with_workspace(e) for e in due[:limit]]

    def for_member(self, ref: WorkspaceRef, user_id: str) -> list[ScheduleEntry]:
        found = [
            e for (team, user, _), e in self._t.schedules.items()
            if team == ref.team_id and user == user_id
        ]
        return [self._with_workspace(e) for e in sorted(found, key=lambda e: e.kind)]

    def upsert(self, entry: ScheduleEntry) -> None:
        if entry.workspace.team_id not in self._t.workspaces:
            raise LookupError(f"add workspace {entry.workspace.team_id} before its schedules")
        self._t.schedules[(entry.workspace.team_id, entry.user_id, entry.kind)] = entry

    def delete(self, ref: WorkspaceRef, user_id: str, kind: str) -> None:
        self._t.schedules.pop((ref.team_id, user_id, kind), None)

    def delete_workspace(self, ref: WorkspaceRef) -> int:
        gone = [key for key in self._t.schedules if key[0] == ref.team_id]
        for key in gone:
            del self._t.schedules[key]
        return len(gone)

    def _with_workspace(self, entry: ScheduleEntry) -> ScheduleEntry:
        # Like the SQL join: the enterprise id is the workspace's, not the caller's.
        return replace(entry, workspace=self._t.workspaces[entry.workspace.team_id].ref)


class FakeDeliveryRepository:
    """The ledger with the SQL semantics; one unit at a time, so claims never overlap."""

    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    def add_if_absent(self, delivery: Delivery) -> bool:
        if delivery.key.team_id not in self._t.workspaces:
            raise LookupError(f"add workspace {delivery.key.team_id} before its deliveries")
        if delivery.key in self._t.deliveries:
            return False
        now = _utcnow()
        self._t.deliveries[delivery.key] = replace(delivery, created_at=now, updated_at=now)
        return True

    def get(self, key: DeliveryKey) -> Delivery | None:
        return self._t.deliveries.get(key)

    def existing_keys(self, keys: Iterable[DeliveryKey]) -> set[DeliveryKey]:
        return {k for k in keys if k in self._t.deliveries}

    def claim_ready(self, now: datetime, limit: int) -> list[Delivery]:
        ready = [d for d in self._t.deliveries.values() if _sendable(d, now)]
        ready.sort(key=lambda d: d.due_at)  # stable: ties stay in creation order
        return [
            self._save(d.with_status(DeliveryStatus.SENDING, claimed_at=now))
            for d in ready[: max(0, limit)]
        ]

    def update(self, delivery: Delivery) -> None:
        if delivery.key not in self._t.deliveries:
            raise LookupError(f"no delivery {delivery.key}")
        self._save(delivery)

    def expire_stale(self, now: datetime) -> int:
        stale = [
            d for d in self._t.deliveries.values()
            if d.status is DeliveryStatus.PENDING and d.stale_at <= now
        ]
        for d in stale:
            self._save(d.with_status(DeliveryStatus.SKIPPED, reason=STALE_REASON))
        return len(stale)

    def search(self, *, ref: WorkspaceRef | None = None, status: DeliveryStatus | None = None,
               since: datetime | None = None, limit: int = 200) -> list[Delivery]:
        found = [
            d for d in reversed(self._t.deliveries.values())  # newest first on ties
            if (ref is None or d.key.team_id == ref.team_id)
            and (status is None or d.status is DeliveryStatus(status))
            and (since is None or (d.created_at is not None and d.created_at >= since))
        ]
        found.sort(key=lambda d: d.created_at or datetime.min.replace(tzinfo=UTC), reverse=True)
        return found[:limit]

    def count_by_status(self) -> dict[DeliveryStatus, int]:
        counts = dict.fromkeys(DeliveryStatus, 0)
        for d in self._t.deliveries.values():
            counts[d.status] += 1
        return counts

    def last_sent(self, ref: WorkspaceRef, kind: str, recipient_ids: Iterable[str]) -> dict[str, datetime]:
        wanted = set(recipient_ids)
        found: dict[str, datetime] = {}
        for d in self._t.deliveries.values():
            key = d.key
            if (key.team_id, key.kind) == (ref.team_id, kind) and key.recipient_id in wanted \
                    and d.status is DeliveryStatus.SENT:
                found[key.recipient_id] = max(found.get(key.recipient_id, d.due_at), d.due_at)
        return found

    def skip_pending(self, ref: WorkspaceRef, reason: str, recipient_id: str | None = None) -> int:
        pending = [
            d for d in self._t.deliveries.values()
            if d.key.team_id == ref.team_id and d.status is DeliveryStatus.PENDING
            and (recipient_id is None or d.key.recipient_id == recipient_id)
        ]
        for d in pending:
            self._save(d.with_status(DeliveryStatus.SKIPPED, reason=reason, next_attempt_at=None))
        return len(pending)

    def _save(self, delivery: Delivery) -> Delivery:
        # The key, created_at and updated_at are the store's, as in SQL.
        stored = self._t.deliveries[delivery.key]
        saved = replace(delivery, created_at=stored.created_at, updated_at=_utcnow())
        self._t.deliveries[delivery.key] = saved
        return saved


def _sendable(delivery: Delivery, now: datetime) -> bool:
    if delivery.status is DeliveryStatus.PENDING:
        retry_due = delivery.next_attempt_at is None or delivery.next_attempt_at <= now
        return retry_due and delivery.stale_at > now
    if delivery.status is DeliveryStatus.SENDING:
        return delivery.claimed_at is not None and delivery.claimed_at <= now - SENDING_LEASE
    return False


def _utcnow() -> datetime:
    return datetime.now(UTC)


class FakeDispatcherLock:
    """A `DispatcherLock` a test can hand to someone else (`held = False`)."""

    def __init__(self, held: bool = True) -> None:
        self.held = held
        self.released = False

    def try_acquire(self) -> bool:
        return self.held

    def release(self) -> None:
        self.released = True
