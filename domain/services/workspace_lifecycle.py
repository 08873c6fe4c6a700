"""A workspace's life with Coachflow: uninstalled, installed again, its data kept for a while, then deleted.

- `uninstalled`: Slack says the app was uninstalled (`app_uninstalled`) or its
  bot token revoked (`tokens_revoked`). The workspace is marked uninstalled,
  every schedule of it dropped and every queued ledger row skipped with the
  reason, in one unit of work; then its tokens are removed from the token
  store (after the commit, outside the unit: the store may share the
  database, and SQLite lets one writer at a time). An org-wide (Enterprise
  Grid) install names no team: every workspace of the organisation goes.
- `installed`: the workspace installed the app (again). The mark is cleared
  and everyone's schedules are computed afresh, so scheduled messages resume.
- `purge_expired`: the coaching data of a workspace uninstalled longer than
  the retention period is deleted, every table of it, one workspace per unit.
- `user_changed`: Slack says a person was deactivated (`deleted: true`):
  nothing more is planned or sent to them, at once; reactivated, they get
  their schedules back.

Every event carries its receipt, so Slack's retries store nothing twice; an
event that arrives again after a reinstall (a late retry) changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from domain.model import Workspace, WorkspaceRef
from domain.ports import InstalledTokens, UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, Replayed, record
from domain.services.scheduling import UNINSTALLED_REASON, ScheduleService

log = logging.getLogger(__name__)

# Why queued ledger rows were not sent (`coachflow deliveries` shows it), beside UNINSTALLED_REASON.
DEACTIVATED_REASON = "Slack says this person's account is deactivated"
DEFAULT_RETENTION = timedelta(days=30)


@dataclass(frozen=True)
class Uninstalled:
    """What an uninstall changed: the workspaces newly marked, schedules dropped, queued rows skipped."""

    workspaces: tuple[WorkspaceRef, ...] = ()
    schedules_dropped: int = 0
    deliveries_skipped: int = 0
    replayed: bool = False
    tokens_removed: bool = False


@dataclass(frozen=True)
class WorkspaceStatus:
    """One workspace as `coachflow workspaces list` shows it."""

    ref: WorkspaceRef
    name: str
    uninstalled_at: datetime | None
    purge_after: datetime | None  # when its data goes (None: installed, kept)

    @property
    def installed(self) -> bool:
        return self.uninstalled_at is None


@dataclass(frozen=True)
class Purged:
    """A workspace whose coaching data was deleted (or would be, in a dry run): rows per table."""

    ref: WorkspaceRef
    name: str
    uninstalled_at: datetime
    deleted: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.deleted.values())


class WorkspaceLifecycleService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        schedules: ScheduleService,
        tokens: InstalledTokens,
        retention: timedelta = DEFAULT_RETENTION,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._schedules = schedules
        self._tokens = tokens
        self.retention = retention
        self._clock = clock

    # -- Slack's events ---------------------------------------------------------

    def uninstalled(
        self, team_id: str | None, enterprise_id: str | None, now: datetime, receipt: Receipt | None = None,
    ) -> Uninstalled:
        """Stop everything for the workspace (or the organisation, for an org-wide install), then drop its tokens."""
        replayed = False
        marked: list[WorkspaceRef] = []
        dropped = skipped = 0
        with self._uow_factory() as uow:
            targets = self._targets(uow, team_id, enterprise_id)
            try:
                if targets:
                    record(uow, targets[0].ref, receipt)
            except Replayed:
                replayed = True
            if not replayed:
                for workspace in targets:
                    if workspace.uninstalled_at is None:
                        uow.workspaces.update(replace(workspace, uninstalled_at=now))
                        marked.append(workspace.ref)
                    dropped += uow.schedules.delete_workspace(workspace.ref)
                    skipped += uow.deliveries.skip_pending(workspace.ref, UNINSTALLED_REASON)
                uow.commit()
            # A late retry after a reinstall finds the workspace installed: its new tokens stay.
            still_gone = not targets or any(w.uninstalled_at is not None for w in targets) or bool(marked)
        if still_gone:
            self._tokens.remove(team_id, enterprise_id)
        log.info("uninstalled %s (enterprise %s): %d workspaces marked, %d schedules dropped, %d queued skipped%s",
                 team_id, enterprise_id, len(marked), dropped, skipped, " (a retry)" if replayed else "")
        return Uninstalled(tuple(marked), dropped, skipped, replayed, still_gone)

    def installed(self, team_id: str | None, enterprise_id: str | None, name: str, now: datetime) -> list[WorkspaceRef]:
        """The app was installed (again): clear the mark and schedule everyone afresh; the workspaces it covers.

        Called by the OAuth success hook. A new team gets its workspace row; an
        org-wide install (no team) clears every workspace of the organisation.
        """
        with self._uow_factory() as uow:
            targets = self._targets(uow, team_id, enterprise_id)
            if not targets and team_id is not None:
                fresh = Workspace(WorkspaceRef(team_id, enterprise_id), name=name)
                uow.workspaces.add(fresh)
                targets = [fresh]
            for workspace in targets:
                ref = WorkspaceRef(workspace.ref.team_id, enterprise_id or workspace.ref.enterprise_id)
                updated = replace(workspace, ref=ref, uninstalled_at=None, name=name or workspace.name)
                if updated != workspace:
                    uow.workspaces.update(updated)
                if workspace.uninstalled_at is not None:
                    people = [m.user_id for m in uow.members.list_all(ref)]
                    self._schedules.refresh_in(uow, ref, people, now)
            uow.commit()
            return [w.ref for w in targets]

    def running_with(self, team_id: str, enterprise_id: str | None, now: datetime) -> bool:
        """Single-workspace mode starts with a bot token Slack accepts: a workspace marked uninstalled was
        installed again (a new token), so it is `installed` again; True when it was marked."""
        with self._uow_factory(read_only=True) as uow:
            workspace = uow.workspaces.get(WorkspaceRef(team_id, enterprise_id))
        if workspace is None or workspace.uninstalled_at is None:
            return False
        self.installed(team_id, enterprise_id, workspace.name, now)
        return True

    def user_changed(
        self, ws: WorkspaceRef, user_id: str, deleted: bool, now: datetime, receipt: Receipt | None = None,
    ) -> bool:
        """Slack says `user_id` is deactivated (`deleted`) or active again; True when Coachflow changed anything.

        A person Coachflow does not know, or whose state is already that, costs one
        read and no write: `user_change` arrives for every profile edit in the workspace.
        """
        with self._uow_factory(read_only=True) as uow:
            member = uow.members.get(ws, user_id)
        if member is None or member.deactivated == deleted:
            return False
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            member = uow.members.get(ws, user_id)
            if member is None or member.deactivated == deleted:
                return False
            uow.members.update(replace(member, deactivated=deleted))
            # A deactivated person is addressed by no kind: their schedules go; reactivated, they come back.
            self._schedules.refresh_in(uow, ws, [user_id], now)
            if deleted:
                uow.deliveries.skip_pending(ws, DEACTIVATED_REASON, recipient_id=user_id)
            uow.commit()
            return True

    # -- retention --------------------------------------------------------------

    def statuses(self, now: datetime) -> list[WorkspaceStatus]:
        """Every workspace, installed or not, and when an uninstalled one's data goes."""
        with self._uow_factory(read_only=True) as uow:
            workspaces = uow.workspaces.list_all()
        return [
            WorkspaceStatus(w.ref, w.name, w.uninstalled_at,
                            None if w.uninstalled_at is None else w.uninstalled_at + self.retention)
            for w in workspaces
        ]

    def purge_expired(self, now: datetime, *, dry_run: bool = False) -> list[Purged]:
        """Delete the data of every workspace uninstalled longer than the retention period; what went.

        One unit per workspace, which checks again that it is still uninstalled
        (a reinstall meanwhile keeps everything). `dry_run` deletes in the unit
        and rolls back, so the counts are exact and nothing is lost.
        """
        purged: list[Purged] = []
        for status in self.statuses(now):
            if status.purge_after is None or status.purge_after > now:
                continue
            with self._uow_factory() as uow:
                workspace = uow.workspaces.get(status.ref)
                if workspace is None or workspace.uninstalled_at is None \
                        or workspace.uninstalled_at + self.retention > now:
                    continue
                deleted = uow.workspaces.purge(workspace.ref)
                if not dry_run:
                    uow.commit()
            purged.append(Purged(workspace.ref, workspace.name, workspace.uninstalled_at, deleted))
            if not dry_run:
                log.info("retention: deleted workspace %s, uninstalled %s (%d rows)",
                         workspace.ref.team_id, workspace.uninstalled_at.isoformat(), purged[-1].rows)
        return purged

    def daily(self, now: datetime) -> list[Purged]:
        """The daily job step: tokens of uninstalled workspaces removed again (idempotent), then expired data deleted.

        Removing again covers an uninstall whose token removal failed after its
        commit (Slack does not retry an event already acknowledged).
        """
        for status in self.statuses(now):
            if not status.installed:
                self._tokens.remove(status.ref.team_id, status.ref.enterprise_id)
        return self.purge_expired(now)

    @staticmethod
    def _targets(uow: UnitOfWork, team_id: str | None, enterprise_id: str | None) -> list[Workspace]:
        if team_id is not None:
            found = uow.workspaces.get(WorkspaceRef(team_id, enterprise_id))
            return [found] if found is not None else []
        if enterprise_id is None:
            return []
        return [w for w in uow.workspaces.list_all() if w.ref.enterprise_id == enterprise_id]
