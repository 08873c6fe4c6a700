"""Fakes of the audit log and of the data-rights repository (issue 14).

`PersonalRows` stand for the tables of people's coaching data: each row names
its subject under "user_id" and, when someone else took part (a manager, a
scorer), that person under "party_id". The SQL repository works from the
real tables (storage/personal_data.py); the services only need these rules.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from domain.audit import AuditEvent
from domain.data_rights import PLACEHOLDER_ID, Forgotten, PersonalData, Row
from domain.model import Member, WorkspaceRef

if TYPE_CHECKING:
    from tests.fakes import _Tables

PersonalRows = dict[str, list[Row]]  # table -> rows, each with "team_id" and "user_id" (and maybe "party_id")


class FakeAuditRepository:
    def __init__(self, events: list[AuditEvent]) -> None:
        self._events = events

    def add(self, event: AuditEvent) -> None:
        self._events.append(replace(event, id=len(self._events) + 1))

    def _about(self, ref: WorkspaceRef, user_id: str | None) -> list[AuditEvent]:
        found = [e for e in self._events if e.workspace.team_id == ref.team_id
                 and (user_id is None or user_id in (e.actor_id, e.subject_id))]
        return sorted(found, key=lambda e: (e.at, e.id or 0), reverse=True)

    def page(self, ref: WorkspaceRef, user_id: str | None, offset: int, limit: int) -> tuple[list[AuditEvent], int]:
        found = self._about(ref, user_id)
        return found[offset:offset + limit], len(found)

    def search(self, ref: WorkspaceRef, user_id: str | None, since: datetime | None) -> list[AuditEvent]:
        return [e for e in self._about(ref, user_id) if since is None or e.at >= since]

    def pseudonymise(self, ref: WorkspaceRef, user_id: str, placeholder: str) -> int:
        changed = 0
        for i, e in enumerate(self._events):
            if e.workspace.team_id == ref.team_id and user_id in (e.actor_id, e.subject_id):
                self._events[i] = replace(e, actor_id=placeholder if e.actor_id == user_id else e.actor_id,
                                          subject_id=placeholder if e.subject_id == user_id else e.subject_id)
                changed += 1
        return changed


class FakeDataRightsRepository:
    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    def export(self, ref: WorkspaceRef, user_ids: Collection[str] | None, *, as_party: bool) -> PersonalData:
        def wanted(row: Row) -> bool:
            if row["team_id"] != ref.team_id:
                return False
            if user_ids is None:
                return True
            return row["user_id"] in user_ids or (as_party and row.get("party_id") in user_ids)

        members = [_member_row(m) for m in self._t.members.values()
                   if m.workspace.team_id == ref.team_id and (user_ids is None or m.user_id in user_ids
                                                              or (as_party and m.manager_id in user_ids))]
        found = {name: [dict(r) for r in rows if wanted(r)] for name, rows in sorted(self._t.personal.items())}
        return PersonalData({name: rows for name, rows in {"members": members, **found}.items() if rows})

    def forget(self, ref: WorkspaceRef, user_id: str) -> Forgotten:
        deleted: dict[str, int] = {}
        redacted: dict[str, int] = {}
        if self._t.members.pop((ref.team_id, user_id), None) is not None:
            deleted["members"] = 1
        for key, m in list(self._t.members.items()):
            if m.workspace.team_id == ref.team_id and m.manager_id == user_id:
                self._t.members[key] = replace(m, manager_id=None)
                redacted["members"] = redacted.get("members", 0) + 1
        for name, rows in self._t.personal.items():
            kept: list[Row] = []
            for row in rows:
                if row["team_id"] == ref.team_id and row["user_id"] == user_id:
                    deleted[name] = deleted.get(name, 0) + 1
                    continue
                if row["team_id"] == ref.team_id and row.get("party_id") == user_id:
                    redacted[name] = redacted.get(name, 0) + 1
                    kept.append({**row, "party_id": PLACEHOLDER_ID})
                    continue
                kept.append(row)
            rows[:] = kept
        return Forgotten(deleted, redacted)


def _member_row(m: Member) -> Row:
    return {"team_id": m.workspace.team_id, "user_id": m.user_id, "name": m.name, "role": m.role.value,
            "manager_id": m.manager_id, "is_admin": m.is_admin}
