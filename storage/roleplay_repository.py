"""SQL implementation of `domain.coaching.ports.RoleplayRepository`: role-plays practised on deals."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.coaching.roleplay import RoleplayPractice
from domain.model import WorkspaceRef
from storage.orm import RoleplayPracticeRow, WorkspaceRow


class SqlRoleplayRepository:
    """Every query filters on `team_id`: nothing crosses workspaces."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, practice: RoleplayPractice) -> RoleplayPractice:
        row = RoleplayPracticeRow(
            team_id=practice.workspace.team_id, rep_id=practice.rep_id, external_id=practice.external_id,
            account=practice.account, practised_by=practice.practised_by, note=practice.note,
            practised_at=practice.practised_at,
        )
        self._session.add(row)
        self._session.flush()
        return _practice(row, practice.workspace)

    def recent(self, ref: WorkspaceRef, rep_ids: Iterable[str], since: datetime) -> dict[str, list[RoleplayPractice]]:
        wanted = list(dict.fromkeys(rep_ids))
        if not wanted:
            return {}
        query = (
            select(RoleplayPracticeRow, WorkspaceRow.enterprise_id)
            .join(WorkspaceRow, WorkspaceRow.team_id == RoleplayPracticeRow.team_id)
            .where(RoleplayPracticeRow.team_id == ref.team_id, RoleplayPracticeRow.rep_id.in_(wanted),
                   RoleplayPracticeRow.practised_at >= since)
            .order_by(RoleplayPracticeRow.rep_id, RoleplayPracticeRow.practised_at.desc(),
                      RoleplayPracticeRow.id.desc())
        )
        found: dict[str, list[RoleplayPractice]] = {}
        for row, enterprise in self._session.execute(query):
            found.setdefault(row.rep_id, []).append(_practice(row, WorkspaceRef(ref.team_id, enterprise)))
        return found


def _practice(row: RoleplayPracticeRow, workspace: WorkspaceRef) -> RoleplayPractice:
    return RoleplayPractice(
        workspace=workspace, rep_id=row.rep_id, external_id=row.external_id, account=row.account,
        practised_by=row.practised_by, note=row.note, practised_at=row.practised_at, id=row.id,
    )
