"""PipelineService over the in-memory fakes: owners, idempotence, all-or-nothing, audits."""

from __future__ import annotations

import pytest

from domain.errors import InvalidInput, NotFound
from domain.model import Member, Workspace, WorkspaceRef
from domain.pipeline.model import RowProblem, Stage
from domain.services.pipeline import PipelineService
from tests.fakes import FakePipelineRepository, FakeStore

T1 = WorkspaceRef("T1", enterprise_id="E1")
T2 = WorkspaceRef("T2")

HEADER = "id,name,owner,amount,stage,status,loss_reason,entered_prospecting,entered_qualifying\n"
FILE = (
    HEADER
    + "D1,Acme,UANN,1000,qualifying,open,,2025-01-01,2025-01-08\n"  # line 2: by Slack id
    + "D2,Beta,Ann@Acme.com,2000,prospecting,lost,Price,2025-01-02,\n"  # 3: by email, any case
    + "D3,Gamma,UBOB,300,qualifying,won,,2025-01-03,2025-01-05\n"  # 4
    + "D4,Delta,UNOBODY,400,prospecting,open,,,\n"  # 5: not a member
    + "D5,Eps,nobody@acme.com,500,prospecting,open,,,\n"  # 6: no such email
    + "D6,Zeta,UOTHER,600,prospecting,open,,,\n"  # 7: a member of another workspace
    + "D7,Eta,UANN,lots,prospecting,open,,,\n"  # 8: bad amount
).encode()


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(T1, name="Acme"))
        uow.workspaces.add(Workspace(T2, name="Other"))
        uow.members.add(Member(T1, "UANN", "Ann Lee", "UTC", manager_id="UMGR", email="ann@acme.com"))
        uow.members.add(Member(T1, "UBOB", "Bob Ray", "UTC", manager_id="UMGR"))
        uow.members.add(Member(T1, "UMGR", "Maya Chen", "UTC"))
        uow.members.add(Member(T2, "UOTHER", "Otto", "UTC", email="nobody@acme.com"))
        uow.commit()
    return store


def test_import_saves_good_rows_and_reports_the_rest_by_line(store: FakeStore) -> None:
    report = PipelineService(store.uow).import_file(T1, FILE, "deals.csv")

    assert (report.inserted, report.updated, report.unchanged) == (3, 0, 0)
    assert report.imported == 3 and report.skipped == 4
    assert report.problems == [
        RowProblem(5, "unknown owner UNOBODY: not a member of this workspace in Coachflow"),
        RowProblem(6, "unknown owner nobody@acme.com: no member of this workspace in Coachflow has that email"),
        RowProblem(7, "unknown owner UOTHER: not a member of this workspace in Coachflow"),
        RowProblem(8, "amount 'lots' is not a number"),
    ]
    with store.uow() as uow:
        saved = {o.external_id: o for o in uow.pipeline.for_workspace(T1)}
    assert sorted(saved) == ["D1", "D2", "D3"]
    assert saved["D2"].owner_id == "UANN"  # matched by email
    assert saved["D1"].workspace == T1  # with the workspace's enterprise id
    assert saved["D1"].source == "deals.csv"
    assert saved["D1"].stage_entered[Stage.QUALIFYING].isoformat() == "2025-01-08"


def test_reimporting_the_same_file_changes_nothing(store: FakeStore) -> None:
    service = PipelineService(store.uow)
    service.import_file(T1, FILE, "deals.csv")
    with store.uow() as uow:
        before = uow.pipeline.for_workspace(T1)

    again = service.import_file(T1, FILE, "deals-copy.csv")

    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    with store.uow() as uow:
        assert uow.pipeline.for_workspace(T1) == before  # not even the source name changed


def test_a_changed_row_is_updated_and_a_new_one_inserted(store: FakeStore) -> None:
    service = PipelineService(store.uow)
    service.import_file(T1, FILE, "deals.csv")
    changed = FILE.replace(b"D1,Acme,UANN,1000", b"D1,Acme,UANN,1500") + b"D8,Theta,UBOB,1,closing,open,,,\n"

    report = service.import_file(T1, changed, "deals.csv")

    assert (report.inserted, report.updated, report.unchanged) == (1, 1, 2)


def test_nothing_is_saved_when_storage_fails_half_way(store: FakeStore, monkeypatch) -> None:
    real_upsert = FakePipelineRepository.upsert

    def upsert_then_fail(self, ref, opportunities):
        real_upsert(self, ref, opportunities[:1])
        raise RuntimeError("database went away")

    monkeypatch.setattr(FakePipelineRepository, "upsert", upsert_then_fail)
    with pytest.raises(RuntimeError):
        PipelineService(store.uow).import_file(T1, FILE, "deals.csv")

    with store.uow() as uow:
        assert uow.pipeline.for_workspace(T1) == []


def test_an_unusable_file_saves_nothing_and_says_why(store: FakeStore) -> None:
    with pytest.raises(InvalidInput) as raised:
        PipelineService(store.uow).import_file(T1, b"name,amount\nx,1\n", "deals.csv")
    assert "missing required columns" in str(raised.value)
    assert store.commits == 1  # only the fixture's


def test_an_unknown_workspace_is_not_found(store: FakeStore) -> None:
    with pytest.raises(NotFound):
        PipelineService(store.uow).import_file(WorkspaceRef("T404"), FILE, "deals.csv")


def test_deals_stay_in_their_workspace(store: FakeStore) -> None:
    PipelineService(store.uow).import_file(T1, FILE, "deals.csv")
    with store.uow() as uow:
        assert uow.pipeline.for_workspace(T2) == []


def test_audit_of_everyone_is_alphabetical_with_names(store: FakeStore) -> None:
    service = PipelineService(store.uow)
    service.import_file(T1, FILE, "deals.csv")

    audits = service.audit(T1)

    assert [(a.rep_id, a.rep_name, a.deals) for a in audits] == [("UANN", "Ann Lee", 2), ("UBOB", "Bob Ray", 1)]
    assert all(a.compared_with == "team" for a in audits)


def test_audit_of_one_rep_and_of_a_stranger(store: FakeStore) -> None:
    service = PipelineService(store.uow)
    service.import_file(T1, FILE, "deals.csv")

    [bob] = service.audit(T1, ["UBOB"])
    assert bob.won == 1 and bob.compared_with == "team"
    assert bob.team_stages[Stage.PROSPECTING.position].reached == 3

    with pytest.raises(NotFound):
        service.audit(T1, ["UOTHER"])  # a member elsewhere, not here


def test_audit_of_a_rep_without_a_manager_uses_the_workspace(store: FakeStore) -> None:
    service = PipelineService(store.uow)
    service.import_file(T1, FILE, "deals.csv")

    [maya] = service.audit(T1, ["UMGR"])

    assert maya.deals == 0 and maya.compared_with == "workspace"
    assert maya.team_stages[Stage.PROSPECTING.position].reached == 3
