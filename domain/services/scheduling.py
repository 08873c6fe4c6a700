"""Per-person schedules as data, and the tick that turns what is due into ledger rows.

Each (person, kind) has one schedule entry holding the UTC instant of its
next occurrence, so a tick reads only what is due: its cost follows the
number of due messages, not the head count. The kinds come from the
registry (`domain.notifications.registry.KINDS`). An anchored kind's
occurrences follow each person's own data (a session, a deadline, a
challenge), which the kind's source lists for a batch of people at once;
the feature that changes such data calls `refresh_people` for the people
concerned, as a pause does.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from domain.delivery import Delivery, DeliveryStatus
from domain.model import Member, WorkspaceRef, WorkspaceSettings
from domain.notifications.registry import KINDS
from domain.ports import ScheduleEntry, UnitOfWork, UnitOfWorkFactory
from domain.scheduling.anchors import Anchor
from domain.scheduling.due import DueNotification, DuePlan, catch_up, lookback, next_check_at, next_due
from domain.scheduling.kinds import Audience, NotificationKind

# Why a queued row of a workspace that uninstalled the app is not sent (`coachflow deliveries` shows it).
UNINSTALLED_REASON = "the app was uninstalled from this workspace"
# Anchors by kind name, then by person.
Anchors = dict[str, Mapping[str, Sequence[Anchor]]]
ANCHOR_BATCH = 500  # people per question to an anchored kind's source, as many as a tick's batch


@dataclass
class PlanReport:
    checked: int = 0  # schedule entries looked at
    queued: int = 0  # new ledger rows to send
    skipped: int = 0  # new ledger rows skipped as stale
    due: list[DueNotification] = field(default_factory=list)
    stale: list[tuple[DueNotification, str]] = field(default_factory=list)


class _Planned(NamedTuple):
    entry: ScheduleEntry
    plan: DuePlan
    move: ScheduleEntry | None  # the entry's next check; None when it was dropped


def receives(kind: NotificationKind, member: Member, is_manager: bool) -> bool:
    """Whether a kind is addressed to this person at all (opt-outs are the calendar's); never to a deactivated one."""
    if member.deactivated:
        return False
    if kind.audience is Audience.MANAGERS:
        return is_manager
    if kind.audience is Audience.REPS:
        return member.manager_id is not None
    return True


def _rechecked(kind: NotificationKind, next_check: datetime | None, now: datetime) -> datetime | None:
    """A kind that rechecks its anchors is looked at again by then, even with nothing due before."""
    if kind.recheck is None:
        return next_check
    again = now + kind.recheck
    return again if next_check is None else min(next_check, again)


class ScheduleService:
    def __init__(self, uow_factory: UnitOfWorkFactory, kinds: Mapping[str, NotificationKind] | None = None) -> None:
        self._uow_factory = uow_factory
        self._kinds = kinds if kinds is not None else KINDS

    # -- keeping schedules in step with people and settings ---------------

    def refresh_people(self, ws: WorkspaceRef, user_ids: Iterable[str], now: datetime) -> None:
        """Recompute the schedules of these people after anything about them changed."""
        wanted = list(dict.fromkeys(user_ids))
        if not wanted:
            return
        with self._uow_factory() as uow:
            self.refresh_in(uow, ws, wanted, now)
            uow.commit()

    def refresh_in(self, uow: UnitOfWork, ws: WorkspaceRef, user_ids: Iterable[str], now: datetime,
                   only: Collection[str] | None = None) -> None:
        """`refresh_people` inside a use case's own unit of work, so its change and the schedules commit together.

        `only`: the names of the kinds the change can move (a debrief moves its manager's digest, nothing
        else); None recomputes every kind. Each kind costs its anchors' queries and an upsert.
        """
        wanted = list(dict.fromkeys(user_ids))
        if not wanted:
            return
        kinds = self._kinds if only is None else {n: k for n, k in self._kinds.items() if n in only}
        settings = self._settings_if_installed(uow, ws)
        if settings is None:
            return  # nothing is planned for a workspace that uninstalled the app, whatever changes there
        members = uow.members.get_many(ws, wanted)
        # Which of these people coach someone: their reps only, never the workspace's every manager
        # (a debrief refreshes one manager; `make bench`, load: 10,000 people read 1,000 managers a debrief).
        managers = set(uow.members.reps_of_many(ws, list(members)))
        anchors = self._anchors(uow, ws, kinds.values(), list(members), now)
        for member in members.values():
            self._refresh(uow, member, settings, member.user_id in managers, now, anchors, kinds)

    def refresh_workspace(self, ws: WorkspaceRef, now: datetime) -> int:
        """After a workspace setting changed (working days, holidays, ...)."""
        with self._uow_factory() as uow:
            settings = self._settings_if_installed(uow, ws)
            if settings is None:
                return 0
            managers = {m.user_id for m in uow.members.managers_with_reps(ws)}
            members = uow.members.list_all(ws)
            anchors = self._anchors(uow, ws, self._kinds.values(), [m.user_id for m in members], now)
            for member in members:
                self._refresh(uow, member, settings, member.user_id in managers, now, anchors)
            uow.commit()
            return len(members)

    def _refresh(
        self,
        uow: UnitOfWork,
        member: Member,
        settings: WorkspaceSettings,
        is_manager: bool,
        now: datetime,
        anchors: Anchors,
        kinds: Mapping[str, NotificationKind] | None = None,
    ) -> None:
        existing = {e.kind: e for e in uow.schedules.for_member(member.workspace, member.user_id)}
        for kind in (self._kinds if kinds is None else kinds).values():
            if not receives(kind, member, is_manager):
                if kind.name in existing:
                    uow.schedules.delete(member.workspace, member.user_id, kind.name)
                continue
            mine = anchors.get(kind.name, {}).get(member.user_id, ())
            upcoming = _rechecked(kind, next_check_at(kind, member, settings, now, mine), now)
            # Keep the catch-up point of an existing entry: occurrences missed
            # during downtime are still the tick's to send or skip.
            checked = min(existing[kind.name].checked_until, now) if kind.name in existing else now
            uow.schedules.upsert(ScheduleEntry(member.workspace, member.user_id, kind.name, upcoming, checked))

    # -- the tick ---------------------------------------------------------

    def plan(self, now: datetime, batch: int = 500) -> PlanReport:
        """Queue what is due in the ledger, skip what went stale, move schedules on."""
        report = PlanReport()
        self._skip_uninstalled()
        while True:
            with self._uow_factory() as uow:
                entries = uow.schedules.due(now, batch)
                rows: list[Delivery] = []
                moves: list[ScheduleEntry] = []
                for _, plan, move in self._plans(uow, entries, now):
                    rows += [self._ledger_row(item, DeliveryStatus.PENDING) for item in plan.send]
                    rows += [
                        self._ledger_row(s.notification, DeliveryStatus.SKIPPED, reason=s.reason) for s in plan.skip
                    ]
                    report.due += plan.send
                    report.stale += [(s.notification, s.reason) for s in plan.skip]
                    if move is not None:
                        moves.append(move)
                # Writes in key order: two dispatchers planning the same rows at
                # once then lock them in the same order and cannot deadlock.
                for row in sorted(rows, key=lambda r: r.key):
                    inserted = uow.deliveries.add_if_absent(row)
                    if row.status is DeliveryStatus.PENDING:
                        report.queued += inserted
                    else:
                        report.skipped += inserted
                for move in sorted(moves, key=lambda m: (m.workspace.team_id, m.user_id, m.kind)):
                    uow.schedules.upsert(move)
                report.checked += len(entries)
                uow.commit()
            if len(entries) < batch:
                return report

    def _skip_uninstalled(self) -> None:
        """Rows a tick queued while racing an uninstall (on another instance) are skipped by the next tick."""
        with self._uow_factory(read_only=True) as uow:
            gone = [w.ref for w in uow.workspaces.list_all() if w.uninstalled_at is not None]
        if not gone:
            return
        with self._uow_factory() as uow:
            for ref in gone:
                uow.deliveries.skip_pending(ref, UNINSTALLED_REASON)
            uow.commit()

    def preview(self, now: datetime, limit: int = 1000) -> PlanReport:
        """What a tick at `now` would queue and skip, without writing anything."""
        report = PlanReport()
        with self._uow_factory() as uow:
            entries = uow.schedules.due(now, limit)
            plans = list(self._plans(uow, entries, now))
            candidates = [n.key for _, p, _ in plans for n in [*p.send, *(s.notification for s in p.skip)]]
            existing = uow.deliveries.existing_keys(candidates)
        for _, plan, _ in plans:
            report.due += [n for n in plan.send if n.key not in existing]
            report.stale += [(s.notification, s.reason) for s in plan.skip if s.notification.key not in existing]
        report.checked = len(entries)
        return report

    def _plans(
        self, uow: UnitOfWork, entries: list[ScheduleEntry], now: datetime
    ) -> Iterable[_Planned]:
        by_workspace: dict[WorkspaceRef, list[ScheduleEntry]] = {}
        for entry in entries:
            by_workspace.setdefault(entry.workspace, []).append(entry)
        for ws, group in by_workspace.items():
            settings = self._settings_if_installed(uow, ws)
            if settings is None:
                # Uninstalled (a schedule written by a tick racing the uninstall): drop it, plan nothing.
                for entry in group:
                    uow.schedules.delete(entry.workspace, entry.user_id, entry.kind)
                    yield _Planned(entry, DuePlan(send=[], skip=[]), None)
                continue
            members = uow.members.get_many(ws, [e.user_id for e in group])
            managers = {m.user_id for m in uow.members.managers_with_reps(ws)}
            anchors = self._anchors_for_entries(uow, ws, group)
            for entry in group:
                member = members.get(entry.user_id)
                kind = self._kinds.get(entry.kind)
                if member is None or kind is None or not receives(kind, member, member.user_id in managers):
                    # Gone, or no longer addressed (a manager without reps): stop looking.
                    uow.schedules.delete(entry.workspace, entry.user_id, entry.kind)
                    yield _Planned(entry, DuePlan(send=[], skip=[]), None)
                    continue
                mine = anchors.get(entry.kind, {}).get(entry.user_id, ())
                # The ledger's unique key, not this empty set, prevents doubles.
                plan = catch_up(member, settings, kind, entry.checked_until, now, frozenset(), mine)
                upcoming = next_due(kind, member, settings, now, mine)
                next_check = _rechecked(kind, upcoming.due_at if upcoming else None, now)
                yield _Planned(entry, plan, ScheduleEntry(entry.workspace, entry.user_id, entry.kind, next_check, now))

    def _anchors_for_entries(self, uow: UnitOfWork, ws: WorkspaceRef, group: list[ScheduleEntry]) -> Anchors:
        """One question per anchored kind for the whole batch, from its earliest catch-up point."""
        found: Anchors = {}
        for name in dict.fromkeys(e.kind for e in group):
            kind = self._kinds.get(name)
            if kind is None or kind.source is None:
                continue
            entries = [e for e in group if e.kind == name]
            since = min(e.checked_until for e in entries)
            found.update(self._anchors(uow, ws, [kind], [e.user_id for e in entries], since))
        return found

    @staticmethod
    def _anchors(
        uow: UnitOfWork, ws: WorkspaceRef, kinds: Iterable[NotificationKind], user_ids: Sequence[str], since: datetime
    ) -> Anchors:
        """Each anchored kind's anchors for these people: one call to its source per 500 people."""
        found: Anchors = {}
        for kind in kinds:
            if kind.source is None:
                continue
            after = since - lookback(kind)
            mine: dict[str, Sequence[Anchor]] = {}
            # A workspace refresh covers everyone: batches keep each question within SQL's parameter limits.
            for start in range(0, len(user_ids), ANCHOR_BATCH):
                mine.update(kind.source.upcoming(uow, ws, user_ids[start:start + ANCHOR_BATCH], after))
            found[kind.name] = mine
        return found

    @staticmethod
    def _ledger_row(item: DueNotification, status: DeliveryStatus, reason: str | None = None) -> Delivery:
        return Delivery(
            key=item.key,
            status=status,
            due_at=item.occurrence.due_at,
            stale_at=item.occurrence.stale_at,
            enterprise_id=item.workspace.enterprise_id,
            next_attempt_at=item.not_before,
            reason=reason,
        )

    @staticmethod
    def _settings_if_installed(uow: UnitOfWork, ws: WorkspaceRef) -> WorkspaceSettings | None:
        """The workspace's settings; None once it uninstalled the app (`WorkspaceLifecycleService`)."""
        workspace = uow.workspaces.get(ws)
        if workspace is None:
            return WorkspaceSettings()
        return workspace.settings if workspace.uninstalled_at is None else None
