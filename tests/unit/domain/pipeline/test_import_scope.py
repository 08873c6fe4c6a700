"""Who may import whose deals: admins everything, managers their own team, nobody else."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain.errors import NotAllowed
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.pipeline.model import RowProblem
from domain.pipeline.scope import scope_of
from domain.services.pipeline import PipelineService
from tests.fakes import FakeStore

T1 = WorkspaceRef("T1")

HEADER = "id,name,owner,amount,stage,status\n"
FILE = (
    HEADER
    + "D1,Acme,UANN,1000,qualifying,open\n"  # line 2: Maya's rep
    + "D2,Beta,bob@acme.com,2000,prospecting,open\n"  # 3: Maya's rep, by email
    + "D3,Gamma,UMAYA,300,closing,open\n"  # 4: Maya herself
    + "D4,Delta,carl@acme.com,400,prospecting,open\n"  # 5: Omar's rep
    + "D5,Eps,UOMAR,500,prospecting,open\n"  # 6: another manager
    + "D6,Zeta,UNOBODY,600,prospecting,open\n"  # 7: not a member at all
).encode()


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(T1, name="Acme"))
        uow.members.add(Member(T1, "UADA", "Ada Admin", "UTC", is_admin=True))
        uow.members.add(Member(T1, "UMAYA", "Maya Manager", "UTC", role=Role.MANAGER))
        uow.members.add(Member(T1, "UOMAR", "Omar Other", "UTC", role=Role.MANAGER))
        uow.members.add(Member(T1, "UANN", "Ann Lee", "UTC", manager_id="UMAYA"))
        uow.members.add(Member(T1, "UBOB", "Bob Ray", "UTC", manager_id="UMAYA", email="bob@acme.com"))
        uow.members.add(Member(T1, "UCARL", "Carl Diaz", "UTC", manager_id="UOMAR", email="carl@acme.com"))
        uow.commit()
    return store


def saved(store: FakeStore) -> dict[str, tuple[str, str]]:
    """{deal id: (owner, amount)} as stored."""
    with store.uow() as uow:
        return {o.external_id: (o.owner_id, str(o.amount)) for o in uow.pipeline.for_workspace(T1)}


def test_an_admin_imports_every_row_whose_owner_is_known(store: FakeStore) -> None:
    report = PipelineService(store.uow).import_file(T1, FILE, "deals.csv", importer_id="UADA")

    assert report.inserted == 5
    assert [p.line for p in report.problems] == [7]
    assert sorted(saved(store)) == ["D1", "D2", "D3", "D4", "D5"]


def test_a_manager_imports_their_team_and_sees_the_other_rows_by_line(store: FakeStore) -> None:
    report = PipelineService(store.uow).import_file(T1, FILE, "deals.csv", importer_id="UMAYA")

    assert (report.inserted, report.updated, report.unchanged) == (3, 0, 0)
    assert report.problems == [
        RowProblem(5, "owner carl@acme.com is not on your team"),
        RowProblem(6, "owner UOMAR is not on your team"),
        RowProblem(7, "unknown owner UNOBODY: not a member of this workspace in Coachflow"),
    ]
    assert sorted(saved(store)) == ["D1", "D2", "D3"]


def test_a_managers_file_leaves_another_teams_deals_alone(store: FakeStore) -> None:
    service = PipelineService(store.uow)
    service.import_file(T1, FILE, "deals.csv", importer_id="UADA")
    before = saved(store)
    # The CRM says Carl's deal moved to Ann, and Carl's amount changed: not Maya's to write.
    takeover = (HEADER + "D4,Delta,UANN,999,prospecting,open\n" + "D5,Eps,UOMAR,1,prospecting,open\n").encode()

    report = service.import_file(T1, takeover, "mine.csv", importer_id="UMAYA")

    assert report.imported == 0
    assert report.problems == [
        RowProblem(2, "deal D4 belongs to another team in Coachflow"),
        RowProblem(3, "owner UOMAR is not on your team"),
    ]
    assert saved(store) == before


def test_a_manager_reimporting_their_file_changes_nothing(store: FakeStore) -> None:
    service = PipelineService(store.uow)
    service.import_file(T1, FILE, "deals.csv", importer_id="UMAYA")

    again = service.import_file(T1, FILE, "deals.csv", importer_id="UMAYA")

    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)


def test_an_admin_who_also_manages_a_team_imports_everything(store: FakeStore) -> None:
    with store.uow() as uow:
        maya = uow.members.get(T1, "UMAYA")
        assert maya is not None
        uow.members.update(replace(maya, is_admin=True))
        uow.commit()

    report = PipelineService(store.uow).import_file(T1, FILE, "deals.csv", importer_id="UMAYA")

    assert report.inserted == 5


def test_a_rep_is_refused_before_anything_is_read(store: FakeStore) -> None:
    commits = store.commits
    with pytest.raises(NotAllowed) as refused:
        PipelineService(store.uow).import_file(T1, b"not even csv \x00\x01", "x.csv", importer_id="UANN")

    assert "Only Coachflow admins and managers" in str(refused.value)
    assert "<@UMAYA>" in str(refused.value)  # who can do it for them
    assert store.commits == commits and saved(store) == {}


def test_a_stranger_is_refused(store: FakeStore) -> None:
    with pytest.raises(NotAllowed) as refused:
        PipelineService(store.uow).import_scope(T1, "USTRANGER")
    assert "does not know you yet" in str(refused.value)


def test_the_operator_at_the_cli_is_not_scoped(store: FakeStore) -> None:
    report = PipelineService(store.uow).import_file(T1, FILE, "deals.csv")
    assert report.inserted == 5


def test_scope_rule_on_its_own() -> None:
    maya = Member(T1, "UMAYA", "Maya", "UTC", role=Role.MANAGER)
    ann = Member(T1, "UANN", "Ann", "UTC", manager_id="UMAYA")
    carl = Member(T1, "UCARL", "Carl", "UTC", manager_id="UOMAR")  # not hers, even if passed in

    scope = scope_of(maya, [ann, carl])

    assert scope.owner_ids == frozenset({"UMAYA", "UANN"}) and not scope.everyone
    assert scope.allows("UANN") and not scope.allows("UCARL")
    assert scope_of(Member(T1, "UADA", "Ada", "UTC", is_admin=True), []).everyone
