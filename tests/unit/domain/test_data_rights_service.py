"""Data rights over the fakes (issue 14): the audit entries the use cases write, who may export, read the
log and forget, and that each writes its audit entry in the use case's own unit."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.audit import CLI_ACTOR, AuditAction, AuditEvent, RecordKind
from domain.catalog import load_catalog
from domain.data_rights import PLACEHOLDER_ID
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.services.audit_log import PAGE_SIZE, AuditService
from domain.services.data_rights import WHOLE_WORKSPACE, DataRightsService
from domain.services.diagnosis import DiagnosisService
from tests.fakes import FakeStore

WS, OTHER_WS = WorkspaceRef("T1"), WorkspaceRef("T2")
NOW = datetime(2026, 11, 25, 15, tzinfo=UTC)
CATALOG = load_catalog()


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        for ws in (WS, OTHER_WS):
            uow.workspaces.add(Workspace(ws))
        uow.members.add(Member(WS, "UADMIN", "Ada", "UTC", is_admin=True))
        uow.members.add(Member(WS, "UMGR", "Maya", "UTC", role=Role.MANAGER))
        uow.members.add(Member(WS, "UMGR2", "Omar", "UTC", role=Role.MANAGER))
        uow.members.add(Member(WS, "UA", "Alex", "UTC", manager_id="UMGR"))
        uow.members.add(Member(WS, "UC", "Chen", "UTC", manager_id="UMGR2"))
        uow.members.add(Member(OTHER_WS, "UA", "Alex elsewhere", "UTC", manager_id="UMGR"))
        uow.commit()
    store.tables.personal = {
        "call_scores": [
            {"team_id": "T1", "user_id": "UA", "party_id": "UMGR", "notes": "alex"},
            {"team_id": "T1", "user_id": "UC", "party_id": "UMGR2", "notes": "chen"},
            {"team_id": "T2", "user_id": "UA", "party_id": "UMGR", "notes": "elsewhere"},
        ],
    }
    return store


def _events(store: FakeStore) -> list[tuple[str, str, str, str]]:
    return [(e.actor_id, e.action.value, e.subject_id, e.record_kind.value) for e in store.tables.audit]


def test_a_scored_call_and_a_managers_read_of_the_profile_are_audited_and_your_own_read_is_not(store) -> None:
    diagnosis = DiagnosisService(store.uow, CATALOG, lambda: NOW)
    scores = dict.fromkeys([d.id for d in CATALOG.scoring_dimensions], 3)
    stored = diagnosis.score_call(WS, "UMGR", "UA", "Acme", None, date(2026, 11, 24), scores)
    diagnosis.profile(WS, "UA", "UA")
    assert store.units[-1].read_only, "reading your own profile stays a read-only unit"
    diagnosis.profile(WS, "UMGR", "UA")
    assert _events(store) == [("UMGR", "change", "UA", "call_score"), ("UMGR", "read", "UA", "skills_profile")]
    assert store.tables.audit[0].record_id == str(stored.score.id) and store.tables.audit[0].at == NOW
    with pytest.raises(NotAllowed):
        diagnosis.profile(WS, "UMGR2", "UA")
    assert len(store.tables.audit) == 2, "a refused read leaves no entry"


def test_an_admin_exports_the_workspace_a_manager_their_reps_a_rep_their_own(store) -> None:
    rights = DataRightsService(store.uow, lambda: NOW)
    whole = rights.export_for(WS, "UADMIN", None)
    assert [r["notes"] for r in whole.data.tables["call_scores"]] == ["alex", "chen"]
    team = rights.export_for(WS, "UMGR", None)
    assert team.about == "you and your 1 rep" and [r["notes"] for r in team.data.tables["call_scores"]] == ["alex"]
    own = rights.export_for(WS, "UA", None)
    assert own.about == "you" and [m["user_id"] for m in own.data.tables["members"]] == ["UA"]
    assert [r["notes"] for r in rights.export_for(WS, "UADMIN", "UC").data.tables["call_scores"]] == ["chen"]
    for caller, subject in [("UMGR", "UC"), ("UA", "UC"), ("UA", "UMGR"), ("UMGR2", "UA"), ("UMGR", "UNOBODY")]:
        with pytest.raises(NotAllowed, match="your reps'"):
            rights.export_for(WS, caller, subject)
    with pytest.raises(NotAllowed, match="no coaching data of yours"):
        rights.export_for(OTHER_WS, "UADMIN", None)
    assert _events(store) == [("UADMIN", "export", WHOLE_WORKSPACE, "export"), ("UMGR", "export", "UMGR", "export"),
                              ("UMGR", "export", "UA", "export"), ("UA", "export", "UA", "export"),
                              ("UADMIN", "export", "UC", "export")]


def test_only_admins_read_the_audit_log_a_page_at_a_time(store) -> None:
    with store.uow() as uow:
        for _ in range(PAGE_SIZE + 2):
            uow.audit.add(AuditEvent(WS, "UMGR", "UA", AuditAction.READ, RecordKind.SCORECARD, "", NOW))
        uow.audit.add(AuditEvent(OTHER_WS, "UMGR", "UA", AuditAction.READ, RecordKind.SCORECARD, "", NOW))
        uow.commit()
    log = AuditService(store.uow, lambda: NOW)
    first, second = log.page(WS, "UADMIN", None, 1), log.page(WS, "UADMIN", "UA", 2)
    assert (len(first.events), first.pages, len(second.events)) == (PAGE_SIZE, 2, 2)
    assert log.page(WS, "UADMIN", "UC", 1).events == ()
    for caller in ("UMGR", "UA", "UNOBODY"):
        with pytest.raises(NotAllowed, match="Only Coachflow admins"):
            log.page(WS, caller, None, 1)
    with pytest.raises(InvalidInput, match="only 2 pages"):
        log.page(WS, "UADMIN", None, 3)
    assert len(log.search(WS, None, None)) == PAGE_SIZE + 2
    with pytest.raises(NotFound):
        log.search(WorkspaceRef("T9"), None, None)


def test_forget_is_for_admins_keeps_the_reps_de_identifies_the_log_and_leaves_one_entry(store) -> None:
    with store.uow() as uow:
        uow.audit.add(AuditEvent(WS, "UMGR", "UA", AuditAction.READ, RecordKind.SCORECARD, "", NOW))
        uow.commit()
    rights = DataRightsService(store.uow, lambda: NOW)
    preview = rights.preview_forget(WS, "UADMIN", "UMGR")
    assert preview.counts == {"members": 2, "call_scores": 1}  # their row, their rep's; the scored call
    for caller in ("UMGR2", "UA"):
        with pytest.raises(NotAllowed, match="Only Coachflow admins"):
            rights.forget(WS, caller, "UMGR")
    with pytest.raises(NotAllowed, match="cannot forget yourself"):
        rights.forget(WS, "UADMIN", "UADMIN")
    commits = store.commits
    done = rights.forget(WS, "UADMIN", "UMGR")
    assert store.commits == commits + 1, "the forget and its audit entry are one unit"
    assert done.deleted == {"members": 1} and done.redacted == {"members": 1, "call_scores": 1}
    members = store.tables.members
    assert ("T1", "UMGR") not in members and members[("T1", "UA")].manager_id is None
    assert members[("T2", "UA")].manager_id == "UMGR", "another workspace is untouched"
    assert [r["party_id"] for r in store.tables.personal["call_scores"]] == [PLACEHOLDER_ID, "UMGR2", "UMGR"]
    assert _events(store) == [(PLACEHOLDER_ID, "read", "UA", "scorecard"), ("UADMIN", "forget", "UMGR", "person")]
    with pytest.raises(NotFound, match="no coaching data"):
        rights.forget(WS, "UADMIN", "UMGR")
    with pytest.raises(NotFound, match="no coaching data"):
        rights.preview_forget(WS, "UADMIN", "UMGR")


def test_the_command_line_exports_and_forgets_as_the_cli_actor(store) -> None:
    rights = DataRightsService(store.uow, lambda: NOW)
    assert rights.export_cli(WS, "UA").data.tables["call_scores"][0]["notes"] == "alex"
    rights.forget_cli(WS, "UA")
    # The export before it names them no more; the forget entry does, and nothing else.
    assert _events(store) == [(CLI_ACTOR, "export", PLACEHOLDER_ID, "export"), (CLI_ACTOR, "forget", "UA", "person")]
    with pytest.raises(NotFound, match="no workspace T9"):
        rights.export_cli(WorkspaceRef("T9"), None)
