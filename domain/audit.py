"""The audit log: who read or changed whose coaching records, and when (issue 14, data rights).

A use case records an `AuditEvent` in its own unit of work (`audit()`), so
the entry exists exactly when what it describes was kept: a submission that
fails writes neither. The log names people by Slack id and records by kind
and id, never their content. Only admins read it (`/coach admin audit`,
`coachflow audit`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from domain.model import WorkspaceRef

ACTION_LENGTH = 16  # audit_events.action
KIND_LENGTH = 32  # audit_events.record_kind
RECORD_ID_LENGTH = 64  # audit_events.record_id
CLI_ACTOR = "cli"  # the actor of what an operator did with the `coachflow` command line


class AuditAction(StrEnum):
    READ = "read"
    CHANGE = "change"
    EXPORT = "export"
    FORGET = "forget"


class RecordKind(StrEnum):
    CALL_SCORE = "call_score"
    SELF_ASSESSMENT = "self_assessment"
    CONTRACT = "contract"
    DEBRIEF = "debrief"
    SCORECARD = "scorecard"
    SKILLS_PROFILE = "skills_profile"
    COMMITMENT = "commitment"
    RESULTS = "results"
    EXPORT = "export"
    PERSON = "person"  # a forget: everything of that person


@dataclass(frozen=True)
class AuditEvent:
    workspace: WorkspaceRef
    actor_id: str  # a Slack user id, or CLI_ACTOR
    subject_id: str  # whose record
    action: AuditAction
    record_kind: RecordKind
    record_id: str  # "" when the read covers several records (a scorecard, a profile)
    at: datetime  # UTC
    id: int | None = None


@dataclass(frozen=True)
class AuditPage:
    events: tuple[AuditEvent, ...]
    page: int  # 1-based
    pages: int  # at least 1


class AuditRepository(Protocol):
    """Every method is scoped by workspace; newest first."""

    def add(self, event: AuditEvent) -> None: ...

    def page(self, ref: WorkspaceRef, user_id: str | None, offset: int, limit: int) -> tuple[list[AuditEvent], int]:
        """Events where `user_id` is the actor or the subject (None: all), and how many there are in all."""
        ...

    def search(self, ref: WorkspaceRef, user_id: str | None, since: datetime | None) -> list[AuditEvent]:
        """Every event (of `user_id` as actor or subject) at or after `since`, newest first."""
        ...

    def pseudonymise(self, ref: WorkspaceRef, user_id: str, placeholder: str) -> int:
        """Replace `user_id` as actor or subject by `placeholder` (a forget); how many events changed."""
        ...


class _HasAudit(Protocol):
    @property
    def audit(self) -> AuditRepository: ...


def audit(uow: _HasAudit, ws: WorkspaceRef, actor_id: str, subject_id: str, action: AuditAction,
          kind: RecordKind, now: datetime, record_ids: Sequence[object] = ("",)) -> None:
    """Record one event per record id, in the caller's unit of work (it commits with the use case)."""
    for record_id in record_ids:
        uow.audit.add(AuditEvent(ws, actor_id, subject_id, action, kind,
                                 str(record_id if record_id is not None else "")[:RECORD_ID_LENGTH], now))


def audit_read(uow: _HasAudit, ws: WorkspaceRef, viewer_id: str, subject_id: str, kind: RecordKind,
               now: datetime) -> None:
    """A read of someone else's records; reading your own is not logged."""
    if viewer_id != subject_id:
        audit(uow, ws, viewer_id, subject_id, AuditAction.READ, kind, now)
