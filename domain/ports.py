"""Ports: what the use cases need from storage and from Slack.

Storage implements the repositories and the unit of work; handlers implement
`UserDirectory` over Slack's Web API. Tests use hand-written fakes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Protocol

from domain.model import Member, SlackProfile, Workspace, WorkspaceRef


class WorkspaceRepository(Protocol):
    """`update` of a workspace that does not exist raises `LookupError`."""

    def get(self, ref: WorkspaceRef) -> Workspace | None: ...

    def add(self, workspace: Workspace) -> None: ...

    def update(self, workspace: Workspace) -> None: ...

    def list_all(self) -> list[Workspace]: ...


class MemberRepository(Protocol):
    """Every method is scoped by workspace: nothing crosses workspaces.

    A member's workspace must exist before the member is added; `update` of a
    member that does not exist raises `LookupError`.
    """

    def get(self, ref: WorkspaceRef, user_id: str) -> Member | None: ...

    def get_many(self, ref: WorkspaceRef, user_ids: Iterable[str]) -> dict[str, Member]: ...

    def add(self, member: Member) -> None: ...

    def update(self, member: Member) -> None: ...

    def reps_of(self, ref: WorkspaceRef, manager_id: str) -> list[Member]: ...

    def list_all(self, ref: WorkspaceRef) -> list[Member]: ...

    def has_admin(self, ref: WorkspaceRef) -> bool: ...


class UnitOfWork(Protocol):
    """One transaction: use as a context manager, call `commit()` to keep."""

    workspaces: WorkspaceRepository
    members: MemberRepository

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]


class UserDirectory(Protocol):
    """Who a Slack user is (name, time zone, bot or not).

    Returns None when Slack does not know the user (`user_not_found`).
    """

    def lookup(self, user_id: str) -> SlackProfile | None: ...
