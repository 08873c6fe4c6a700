"""The audit log's repository behaves the same on the fake, SQLite and PostgreSQL (issue 14)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.audit import AuditAction, AuditEvent, RecordKind
from domain.model import Workspace, WorkspaceRef

T1, T2 = WorkspaceRef("T1"), WorkspaceRef("T2")
AT = datetime(2026, 12, 1, 12, tzinfo=UTC)


def _event(actor: str, subject: str, minutes: int, ws: WorkspaceRef = T1) -> AuditEvent:
    return AuditEvent(ws, actor, subject, AuditAction.READ, RecordKind.SCORECARD, "", AT + timedelta(minutes=minutes))


def test_pages_newest_first_by_actor_or_subject_scoped_by_workspace(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        for n in range(5):
            uow.audit.add(_event("UMGR", "UA", n))
        uow.audit.add(AuditEvent(T1, "UA", "UA", AuditAction.CHANGE, RecordKind.DEBRIEF, "7" * 64, AT))
        uow.audit.add(_event("UMGR", "UA", 99, ws=T2))
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        events, total = uow.audit.page(T1, None, 0, 3)
        assert total == 6 and [e.at for e in events] == [AT + timedelta(minutes=m) for m in (4, 3, 2)]
        assert events[0].workspace == T1 and events[0].action is AuditAction.READ and events[0].id is not None
        rest, _ = uow.audit.page(T1, None, 3, 3)
        assert len(rest) == 3 and rest[1].record_id == "7" * 64  # a tie in time: the later entry first
        assert uow.audit.page(T1, "UMGR", 0, 10)[1] == 5 and uow.audit.page(T1, "UA", 0, 10)[1] == 6
        assert uow.audit.page(T1, "UB", 0, 10) == ([], 0)
        assert len(uow.audit.search(T1, None, AT + timedelta(minutes=3))) == 2
        assert [e.workspace for e in uow.audit.search(T2, "UA", None)] == [T2]


def test_pseudonymise_replaces_the_person_as_actor_and_subject_in_one_workspace(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        uow.audit.add(_event("UMGR", "UA", 1))
        uow.audit.add(_event("UA", "UA", 2))
        uow.audit.add(_event("UMGR", "UB", 3))
        uow.audit.add(_event("UMGR", "UA", 4, ws=T2))
        uow.commit()
    with any_uow_factory() as uow:
        changed = uow.audit.pseudonymise(T1, "UA", "forgotten")
        uow.commit()
    assert changed == 2  # events changed, one whose actor and subject were both the person
    with any_uow_factory(read_only=True) as uow:
        kept = [(e.actor_id, e.subject_id) for e in reversed(uow.audit.search(T1, None, None))]
        assert kept == [("UMGR", "forgotten"), ("forgotten", "forgotten"), ("UMGR", "UB")]
        assert [(e.actor_id, e.subject_id) for e in uow.audit.search(T2, None, None)] == [("UMGR", "UA")]
