"""Hand-written in-memory fakes of the domain ports (no database, no Slack)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import TracebackType

from domain.model import Member, SlackProfile, Workspace, WorkspaceRef


@dataclass
class _Tables:
    workspaces: dict[str, Workspace] = field(default_factory=dict)
    members: dict[tuple[str, str], Member] = field(default_factory=dict)


class FakeWorkspaceRepository:
    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    def get(self, ref: WorkspaceRef) -> Workspace | None:
        return self._t.workspaces.get(ref.team_id)

    def add(self, workspace: Workspace) -> None:
        if workspace.ref.team_id in self._t.workspaces:
            raise LookupError(f"workspace {workspace.ref.team_id} exists already")
        self._t.workspaces[workspace.ref.team_id] = workspace

    def update(self, workspace: Workspace) -> None:
        if workspace.ref.team_id not in self._t.workspaces:
            raise LookupError(f"unknown workspace {workspace.ref.team_id}")
        self._t.workspaces[workspace.ref.team_id] = workspace

    def list_all(self) -> list[Workspace]:
        return sorted(self._t.workspaces.values(), key=lambda w: w.ref.team_id)


class FakeMemberRepository:
    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    def get(self, ref: WorkspaceRef, user_id: str) -> Member | None:
        return self._t.members.get((ref.team_id, user_id))

    def get_many(self, ref: WorkspaceRef, user_ids: Iterable[str]) -> dict[str, Member]:
        found = {u: self._t.members.get((ref.team_id, u)) for u in user_ids}
        return {u: m for u, m in found.items() if m is not None}

    def add(self, member: Member) -> None:
        key = (member.workspace.team_id, member.user_id)
        if member.workspace.team_id not in self._t.workspaces:
            raise LookupError(f"add workspace {member.workspace.team_id} before its members")
        if key in self._t.members:
            raise LookupError(f"member {key} exists already")
        self._t.members[key] = member

    def update(self, member: Member) -> None:
        key = (member.workspace.team_id, member.user_id)
        if key not in self._t.members:
            raise LookupError(f"unknown member {key}")
        self._t.members[key] = member

    def reps_of(self, ref: WorkspaceRef, manager_id: str) -> list[Member]:
        reps = [
            m
            for (team, _), m in self._t.members.items()
            if team == ref.team_id and m.manager_id == manager_id
        ]
        return sorted(reps, key=lambda m: m.name.lower())

    def list_all(self, ref: WorkspaceRef) -> list[Member]:
        members = [m for (team, _), m in self._t.members.items() if team == ref.team_id]
        return sorted(members, key=lambda m: m.name.lower())

    def has_admin(self, ref: WorkspaceRef) -> bool:
        return any(m.is_admin for m in self.list_all(ref))


class FakeUnitOfWork:
    """Copies the committed tables on enter; `commit()` publishes the copy.

    That gives the same all-or-nothing behaviour as a database transaction,
    so a use case that fails half-way leaves nothing half-saved.
    """

    def __init__(self, store: FakeStore) -> None:
        self._store = store
        self.committed = False

    def __enter__(self) -> FakeUnitOfWork:
        self._tables = _Tables(
            workspaces=dict(self._store.tables.workspaces),
            members=dict(self._store.tables.members),
        )
        self.workspaces = FakeWorkspaceRepository(self._tables)
        self.members = FakeMemberRepository(self._tables)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        self._store.tables = _Tables(
            workspaces=dict(self._tables.workspaces), members=dict(self._tables.members)
        )
        self._store.commits += 1
        self.committed = True

    def rollback(self) -> None:
        # Uncommitted changes live only in this unit's copy: start it again
        # from what is committed.
        self.__enter__()


class FakeStore:
    """The committed state shared by every unit of work a test creates."""

    def __init__(self) -> None:
        self.tables = _Tables()
        self.commits = 0

    def uow(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self)


class FakeDirectory:
    """A `UserDirectory` with the people a test puts in it."""

    def __init__(self, *profiles: SlackProfile) -> None:
        self.profiles = {p.user_id: p for p in profiles}
        self.lookups: list[str] = []

    def add(self, user_id: str, real_name: str, time_zone: str | None = "America/New_York",
            is_bot: bool = False) -> SlackProfile:
        profile = SlackProfile(
            user_id=user_id,
            name=real_name.split()[0].lower(),
            real_name=real_name,
            time_zone=time_zone,
            is_bot=is_bot,
        )
        self.profiles[user_id] = profile
        return profile

    def lookup(self, user_id: str) -> SlackProfile | None:
        self.lookups.append(user_id)
        return self.profiles.get(user_id)
