"""SQL implementations of the repository ports in `domain.ports`.

Each repository works inside the session of one unit of work and never
commits: the unit of work decides. Every member query filters on `team_id`,
so nothing crosses workspaces. Methods return domain objects, never rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, exists, func, select, tuple_
from sqlalchemy.orm import Session, aliased

from domain.model import Member, Workspace, WorkspaceRef
from storage.mapping import (
    copy_member_onto_row,
    copy_workspace_onto_row,
    member_from_row,
    member_to_row,
    workspace_from_row,
    workspace_to_row,
)
from storage.orm import MemberRow, WorkspaceRow
from storage.orm.base import in_chunks
from storage.workspace_purge import purge_workspace

# Values per IN (...) list: far under SQLite's 32766 and PostgreSQL's 65535
# bound parameters, and large enough that a real import needs one query.
EMAILS_PER_QUERY = 5000


class UnknownRowError(LookupError):
    """`update()` named a row that does not exist: a bug in the caller."""


class SqlWorkspaceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, ref: WorkspaceRef) -> Workspace | None:
        row = self._row(ref.team_id)
        return workspace_from_row(row) if row is not None else None

    def add(self, workspace: Workspace) -> None:
        self._session.add(workspace_to_row(workspace))
        # Flush now so a duplicate fails here, at the call, as in the fakes.
        self._session.flush()

    def update(self, workspace: Workspace) -> None:
        row = self._row(workspace.ref.team_id)
        if row is None:
            raise UnknownRowError(f"no workspace {workspace.ref.team_id}")
        copy_workspace_onto_row(workspace, row)
        self._session.flush()

    def list_all(self) -> list[Workspace]:
        rows = self._session.scalars(select(WorkspaceRow).order_by(WorkspaceRow.team_id))
        return [workspace_from_row(row) for row in rows]

    def purge(self, ref: WorkspaceRef) -> dict[str, int]:
        self._session.expunge_all()  # rows this unit read are about to go behind its back
        return purge_workspace(self._session, ref.team_id)

    def refresh_cursor(self, ref: WorkspaceRef) -> str | None:
        return self._session.scalars(
            select(WorkspaceRow.profile_refresh_cursor).where(WorkspaceRow.team_id == ref.team_id)
        ).one_or_none()

    def save_refresh_cursor(self, ref: WorkspaceRef, cursor: str | None) -> None:
        row = self._row(ref.team_id)
        if row is not None:  # a workspace nobody enrolled in has no one to refresh
            row.profile_refresh_cursor = cursor
            self._session.flush()

    def _row(self, team_id: str) -> WorkspaceRow | None:
        return self._session.scalars(
            select(WorkspaceRow).where(WorkspaceRow.team_id == team_id)
        ).one_or_none()


class SqlMemberRepository:
    """Every method is scoped by `ref.team_id`."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, ref: WorkspaceRef, user_id: str) -> Member | None:
        found = self._members(self._select(ref).where(MemberRow.user_id == user_id))
        return found[0] if found else None

    def get_many(self, ref: WorkspaceRef, user_ids: Iterable[str]) -> dict[str, Member]:
        wanted = list(dict.fromkeys(user_ids))  # iterate once, drop repeats
        if not wanted:
            return {}
        # One query for all of them: a modal naming ten people costs one round trip.
        found = [m for chunk in in_chunks(wanted) for m in self._members(self._select(ref).where(
            MemberRow.user_id.in_(chunk)))]
        return {m.user_id: m for m in found}

    def add(self, member: Member) -> None:
        self._session.add(member_to_row(member))
        # Flush now so a duplicate or a missing workspace fails at the call.
        self._session.flush()

    def update(self, member: Member) -> None:
        row = self._session.scalars(
            select(MemberRow).where(
                MemberRow.team_id == member.workspace.team_id,
                MemberRow.user_id == member.user_id,
            )
        ).one_or_none()
        if row is None:
            raise UnknownRowError(
                f"no member {member.user_id} in workspace {member.workspace.team_id}"
            )
        copy_member_onto_row(member, row)
        self._session.flush()

    def reps_of(self, ref: WorkspaceRef, manager_id: str) -> list[Member]:
        return _by_name(self._members(self._select(ref).where(MemberRow.manager_id == manager_id)))

    def reps_of_many(self, ref: WorkspaceRef, manager_ids: Iterable[str]) -> dict[str, list[Member]]:
        wanted = list(dict.fromkeys(manager_ids))
        found: dict[str, list[Member]] = {}
        if wanted:  # served by the (team_id, manager_id) index, as reps_of
            for member in _by_name(self._members(self._select(ref).where(MemberRow.manager_id.in_(wanted)))):
                assert member.manager_id is not None
                found.setdefault(member.manager_id, []).append(member)
        return found

    def list_all(self, ref: WorkspaceRef) -> list[Member]:
        return _by_name(self._members(self._select(ref)))

    def has_admin(self, ref: WorkspaceRef) -> bool:
        query = select(
            exists().where(MemberRow.team_id == ref.team_id, MemberRow.is_admin.is_(True))
        )
        return bool(self._session.scalar(query))

    def managers_with_reps(self, ref: WorkspaceRef) -> list[Member]:
        # Whoever is somebody's manager_id, whatever their role says: one
        # query, served by the (team_id, manager_id) index.
        rep = aliased(MemberRow)
        coaches = exists().where(
            rep.team_id == MemberRow.team_id, rep.manager_id == MemberRow.user_id
        )
        return _by_name(self._members(self._select(ref).where(coaches)))

    def list_everywhere(self, after: tuple[str, str] | None, limit: int) -> list[Member]:
        # Keyset pagination: "after the last (team_id, user_id) seen" walks
        # the unique index and costs the same on page 1 and page 1000, where
        # OFFSET would rescan every earlier row.
        query = (
            select(MemberRow, WorkspaceRow.enterprise_id)
            .join(WorkspaceRow, WorkspaceRow.team_id == MemberRow.team_id)
            .order_by(MemberRow.team_id, MemberRow.user_id)
            .limit(limit)
        )
        if after is not None:
            query = query.where(tuple_(MemberRow.team_id, MemberRow.user_id) > tuple_(*after))
        return self._members(query)

    def by_emails(self, ref: WorkspaceRef, emails: Iterable[str]) -> dict[str, Member]:
        wanted = sorted({e.strip().lower() for e in emails if e and e.strip()})
        found: dict[str, Member] = {}
        # Compared lower-cased: Slack keeps the case people typed, CRMs
        # their own. The (team_id, email) index narrows to the workspace;
        # chunks only keep under the drivers' bound-parameter limits.
        for start in range(0, len(wanted), EMAILS_PER_QUERY):
            chunk = wanted[start : start + EMAILS_PER_QUERY]
            query = self._select(ref).where(func.lower(MemberRow.email).in_(chunk))
            for member in sorted(self._members(query), key=lambda m: m.user_id):  # the first by user_id wins
                assert member.email is not None
                found.setdefault(member.email.lower(), member)
        return found

    @staticmethod
    def _select(ref: WorkspaceRef) -> Select[MemberRow, str | None]:
        # Members carry no enterprise_id of their own: it is the workspace's,
        # read in the same query. No ORDER BY: given one, SQLite walks the
        # (team_id, user_id) index for it and reads every member of the
        # workspace to find one manager's reps, instead of using the
        # (team_id, manager_id) index (1.5 ms against 0.3 at 10,000 people).
        # Lists are sorted in Python (`_by_name`), ties by user_id.
        return (
            select(MemberRow, WorkspaceRow.enterprise_id)
            .join(WorkspaceRow, WorkspaceRow.team_id == MemberRow.team_id)
            .where(MemberRow.team_id == ref.team_id)
        )

    def _members(self, query: Select[MemberRow, str | None]) -> list[Member]:
        rows = self._session.execute(query)
        return [member_from_row(row, enterprise_id) for row, enterprise_id in rows]


def _by_name(members: list[Member]) -> list[Member]:
    # Sorted in Python, not SQL: SQLite's lower() only folds ASCII and
    # PostgreSQL's depends on the database collation; this matches the fakes
    # and gives "Émile" the same place on every backend. Lists are one
    # workspace's members, small enough to sort in memory.
    return sorted(members, key=lambda m: (m.name.lower(), m.user_id))
