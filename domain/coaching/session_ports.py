"""What the 1:1 sessions need from storage (implemented in storage/session_repository.py, faked in tests)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from domain.coaching.sessions import CoachingSession
from domain.model import WorkspaceRef


class SessionRepository(Protocol):
    """Coaching sessions, every method scoped by workspace; `update` of one not there raises `LookupError`."""

    def add(self, session: CoachingSession) -> CoachingSession:
        """Store a new session; returns it with its id and `created_at`."""
        ...

    def get(self, ref: WorkspaceRef, session_id: int, *, for_update: bool = False) -> CoachingSession | None: ...

    def update(self, session: CoachingSession) -> CoachingSession: ...

    def upcoming_for(self, ref: WorkspaceRef, person_ids: Iterable[str],
                     after: datetime) -> dict[str, list[CoachingSession]]:
        """Scheduled sessions starting after `after` of these people, as rep or as manager, in one query.

        Keyed by each asked person (a session of two asked people is under both),
        ordered by start; a person with none is left out.
        """
        ...

    def between(self, ref: WorkspaceRef, person_ids: Iterable[str], since: datetime,
                until: datetime) -> list[CoachingSession]:
        """Scheduled sessions of these people (as rep or manager) starting in [since, until), latest first."""
        ...

    def overlapping(self, ref: WorkspaceRef, rep_id: str, manager_id: str,
                    starts_at: datetime, ends_at: datetime) -> list[CoachingSession]:
        """Scheduled sessions of this pair whose [start, end) meets [starts_at, ends_at), by start."""
        ...
