"""Reading the audit log: admins only, a page at a time (`/coach admin audit`), or all of it (`coachflow audit`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from domain.audit import AuditEvent, AuditPage
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.model import WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory

PAGE_SIZE = 15  # events on one ephemeral page: one block each, far inside Slack's 50


def require_admin(uow: UnitOfWork, ws: WorkspaceRef, caller_id: str, what: str) -> None:
    caller = uow.members.get(ws, caller_id)
    if caller is None or not caller.is_admin:
        raise NotAllowed(f"Only Coachflow admins can {what}. Ask one of them (`/coach admin teams` lists the teams).")


class AuditService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    def page(self, ws: WorkspaceRef, caller_id: str, user_id: str | None, page: int) -> AuditPage:
        """One page (1-based, newest first) of the events about `user_id` (as actor or subject), or all."""
        if page < 1:
            raise InvalidInput("Pages start at 1, e.g. `/coach admin audit 2`.")
        with self._uow_factory(read_only=True) as uow:
            require_admin(uow, ws, caller_id, "read the audit log")
            events, total = uow.audit.page(ws, user_id, (page - 1) * PAGE_SIZE, PAGE_SIZE)
        pages = max(1, -(-total // PAGE_SIZE))
        if page > pages:
            raise InvalidInput(f"There {'is' if pages == 1 else 'are'} only {pages} "
                               f"page{'' if pages == 1 else 's'} in the audit log"
                               f"{f' for <@{user_id}>' if user_id else ''}.")
        return AuditPage(tuple(events), page, pages)

    def search(self, ws: WorkspaceRef, user_id: str | None, since: datetime | None) -> list[AuditEvent]:
        """Every event (operators, `coachflow audit`): the workspace must exist."""
        with self._uow_factory(read_only=True) as uow:
            if uow.workspaces.get(ws) is None:
                raise NotFound(f"There is no workspace {ws.team_id} in this database.")
            return uow.audit.search(ws, user_id, since)
