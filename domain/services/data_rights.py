"""Data rights: export a person's (or a workspace's) coaching data, and forget a person (issue 14).

Who may export what:
- an admin: the whole workspace (`/coach export`), or anyone in it (`/coach export @person`);
- a manager: their reps' data and their own (`/coach export`), or one of their reps;
- a rep: their own data.
Anyone else, or anyone outside the workspace, is refused. Only admins (and
operators through `coachflow forget`) forget a person. Each export and each
forget writes its audit entry in the same unit of work as its reads or deletes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from domain.audit import CLI_ACTOR, AuditAction, RecordKind, audit
from domain.data_rights import PLACEHOLDER_ID, Forgotten, PersonalData, Row
from domain.errors import NotAllowed, NotFound
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record
from domain.services.audit_log import require_admin

WHOLE_WORKSPACE = "*"  # the audit subject of a whole-workspace export


@dataclass(frozen=True)
class Export:
    data: PersonalData
    about: str  # "the whole workspace", "<@U1>", "you and your 3 reps"
    stem: str  # the file name without its extension
    exported_at: datetime


@dataclass(frozen=True)
class ForgetPreview:
    user_id: str
    counts: dict[str, int]  # rows per table that name the person

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def merged(*parts: PersonalData) -> PersonalData:
    """Tables of several exports in one, each row once."""
    tables: dict[str, list[Row]] = {}
    seen: set[tuple[str, str]] = set()
    for part in parts:
        for name, rows in part.tables.items():
            for row in rows:
                key = (name, json.dumps(row, sort_keys=True, default=str))
                if key not in seen:
                    seen.add(key)
                    tables.setdefault(name, []).append(row)
    return PersonalData(tables)


class DataRightsService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    # -- export ---------------------------------------------------------------------------------------------

    def export_for(self, ws: WorkspaceRef, caller_id: str, subject_id: str | None) -> Export:
        """`/coach export [@person]`: what the caller may have (module docstring), audited."""
        now = self._clock()
        with self._uow_factory() as uow:
            caller = uow.members.get(ws, caller_id)
            if caller is None:
                raise NotAllowed("Coachflow holds no coaching data of yours in this workspace, so there is "
                                 "nothing you may export here.")
            if subject_id is None or subject_id == caller_id:
                found = self._own_scope(uow, ws, caller, now)
            else:
                found = self._someone(uow, ws, caller, subject_id, now)
            uow.commit()
        return found

    def export_cli(self, ws: WorkspaceRef, user_id: str | None) -> Export:
        """`coachflow export`: an operator's export of the workspace or of one person (all their rows)."""
        now = self._clock()
        with self._uow_factory() as uow:
            self._workspace(uow, ws)
            if user_id is None:
                data = uow.data_rights.export(ws, None, as_party=False)
                audit(uow, ws, CLI_ACTOR, WHOLE_WORKSPACE, AuditAction.EXPORT, RecordKind.EXPORT, now)
                found = Export(data, "the whole workspace", f"coachflow-{ws.team_id}", now)
            else:
                data = uow.data_rights.export(ws, [user_id], as_party=True)
                audit(uow, ws, CLI_ACTOR, user_id, AuditAction.EXPORT, RecordKind.EXPORT, now)
                found = Export(data, f"<@{user_id}>", f"coachflow-{ws.team_id}-{user_id}", now)
            uow.commit()
        return found

    def _own_scope(self, uow: UnitOfWork, ws: WorkspaceRef, caller: Member, now: datetime) -> Export:
        if caller.is_admin:
            data = uow.data_rights.export(ws, None, as_party=False)
            audit(uow, ws, caller.user_id, WHOLE_WORKSPACE, AuditAction.EXPORT, RecordKind.EXPORT, now)
            return Export(data, "the whole workspace", f"coachflow-{ws.team_id}", now)
        reps = [r.user_id for r in uow.members.reps_of(ws, caller.user_id)]
        own = uow.data_rights.export(ws, [caller.user_id], as_party=True)
        audit(uow, ws, caller.user_id, caller.user_id, AuditAction.EXPORT, RecordKind.EXPORT, now)
        if not reps:
            return Export(own, "you", f"coachflow-{caller.user_id}", now)
        theirs = uow.data_rights.export(ws, reps, as_party=False)
        for rep_id in reps:
            audit(uow, ws, caller.user_id, rep_id, AuditAction.EXPORT, RecordKind.EXPORT, now)
        about = f"you and your {len(reps)} rep{'' if len(reps) == 1 else 's'}"
        return Export(merged(own, theirs), about, f"coachflow-team-{caller.user_id}", now)

    def _someone(self, uow: UnitOfWork, ws: WorkspaceRef, caller: Member, subject_id: str, now: datetime) -> Export:
        subject = uow.members.get(ws, subject_id)
        if caller.is_admin and subject is not None:
            data = uow.data_rights.export(ws, [subject_id], as_party=True)
        elif subject is not None and subject.manager_id == caller.user_id:
            data = uow.data_rights.export(ws, [subject_id], as_party=False)
        else:
            # The same answer whether or not the person exists: no probing other teams.
            raise NotAllowed(f"You can export your own coaching data and your reps', not <@{subject_id}>'s. "
                             "Admins export anyone's.")
        audit(uow, ws, caller.user_id, subject_id, AuditAction.EXPORT, RecordKind.EXPORT, now)
        return Export(data, f"<@{subject_id}>", f"coachflow-{subject_id}", now)

    # -- forget ---------------------------------------------------------------------------------------------

    def preview_forget(self, ws: WorkspaceRef, caller_id: str, user_id: str) -> ForgetPreview:
        """What `/coach admin forget @person` would delete, for the admin to confirm; reads only."""
        with self._uow_factory(read_only=True) as uow:
            require_admin(uow, ws, caller_id, "forget a person's data")
            _not_yourself(caller_id, user_id)
            data = uow.data_rights.export(ws, [user_id], as_party=True)
        if not data.total:
            raise NotFound(f"Coachflow holds no coaching data of <@{user_id}> in this workspace.")
        return ForgetPreview(user_id, data.counts())

    def forget(self, ws: WorkspaceRef, caller_id: str, user_id: str, receipt: Receipt | None = None) -> Forgotten:
        """An admin's confirmed forget (the button); a replayed click (`receipt` stored) raises `Replayed`."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            require_admin(uow, ws, caller_id, "forget a person's data")
            _not_yourself(caller_id, user_id)
            done = self._forget(uow, ws, caller_id, user_id)
            uow.commit()
        return done

    def forget_cli(self, ws: WorkspaceRef, user_id: str) -> Forgotten:
        with self._uow_factory() as uow:
            self._workspace(uow, ws)
            done = self._forget(uow, ws, CLI_ACTOR, user_id)
            uow.commit()
        return done

    def _forget(self, uow: UnitOfWork, ws: WorkspaceRef, actor_id: str, user_id: str) -> Forgotten:
        done = uow.data_rights.forget(ws, user_id)
        if not done.deleted and not done.redacted:
            raise NotFound(f"Coachflow holds no coaching data of <@{user_id}> in this workspace.")
        uow.audit.pseudonymise(ws, user_id, PLACEHOLDER_ID)
        # The one entry that names them afterwards: who forgot whom and when, no content.
        audit(uow, ws, actor_id, user_id, AuditAction.FORGET, RecordKind.PERSON, self._clock())
        return done

    @staticmethod
    def _workspace(uow: UnitOfWork, ws: WorkspaceRef) -> None:
        if uow.workspaces.get(ws) is None:
            raise NotFound(f"There is no workspace {ws.team_id} in this database.")


def _not_yourself(caller_id: str, user_id: str) -> None:
    if caller_id == user_id:
        raise NotAllowed("You cannot forget yourself from Slack: ask another admin, or an operator "
                         "(`coachflow forget`).")
