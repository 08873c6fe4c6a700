"""A CSV shared in Coachflow's DM, over the in-memory fakes: what each sharer and file comes to."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.pipeline.upload import Imported, NotCsv, Refused, TooLarge, Unavailable, Unusable
from domain.services.pipeline import PipelineService
from domain.services.pipeline_upload import PipelineUploadService
from tests.fakes import FakeStore
from tests.fakes_shared_files import FakeSharedFiles

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

T1 = WorkspaceRef("T1")
CSV = (
    "id,name,owner,amount,stage,status\n"
    "D1,Acme,UANN,1000,qualifying,open\n"
    "D2,Beta,UCARL,2000,prospecting,open\n"
).encode()


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.members.add(Member(T1, "UADA", "Ada", "UTC", is_admin=True))
        uow.members.add(Member(T1, "UMAYA", "Maya", "UTC", role=Role.MANAGER))
        uow.members.add(Member(T1, "UOMAR", "Omar", "UTC", role=Role.MANAGER))
        uow.members.add(Member(T1, "UANN", "Ann", "UTC", manager_id="UMAYA"))
        uow.members.add(Member(T1, "UCARL", "Carl", "UTC", manager_id="UOMAR"))
        uow.commit()
    return store


@pytest.fixture
def files() -> FakeSharedFiles:
    return FakeSharedFiles()


def service(store: FakeStore, max_bytes: int = 1000) -> PipelineUploadService:
    return PipelineUploadService(store.uow, PipelineService(store.uow), max_bytes=max_bytes, clock=lambda: NOW)


def deal_ids(store: FakeStore) -> list[str]:
    with store.uow() as uow:
        return sorted(o.external_id for o in uow.pipeline.for_workspace(T1))


def test_an_admins_csv_is_imported_whole(store: FakeStore, files: FakeSharedFiles) -> None:
    files.share("F1", "deals.csv", CSV)

    outcome = service(store).handle(T1, "UADA", "F1", files)

    assert isinstance(outcome, Imported)
    assert outcome.file_name == "deals.csv" and outcome.scope.everyone
    assert outcome.report.inserted == 2 and outcome.report.problems == []
    assert deal_ids(store) == ["D1", "D2"]


def test_a_managers_csv_imports_their_team_and_reports_the_rest(store: FakeStore, files: FakeSharedFiles) -> None:
    files.share("F1", "deals.csv", CSV)

    outcome = service(store).handle(T1, "UMAYA", "F1", files)

    assert isinstance(outcome, Imported) and not outcome.scope.everyone
    assert outcome.report.inserted == 1
    assert [(p.line, p.reason) for p in outcome.report.problems] == [(3, "owner UCARL is not on your team")]
    assert deal_ids(store) == ["D1"]


def test_the_same_file_twice_is_handled_once(store: FakeStore, files: FakeSharedFiles) -> None:
    files.share("F1", "deals.csv", CSV)
    uploads = service(store)

    assert isinstance(uploads.handle(T1, "UADA", "F1", files), Imported)
    assert uploads.handle(T1, "UADA", "F1", files) is None  # Slack's retry of the same event
    assert files.downloads == ["F1"]


def test_a_new_upload_of_the_same_content_changes_nothing(store: FakeStore, files: FakeSharedFiles) -> None:
    files.share("F1", "deals.csv", CSV)
    files.share("F2", "deals.csv", CSV)
    uploads = service(store)
    uploads.handle(T1, "UADA", "F1", files)

    again = uploads.handle(T1, "UADA", "F2", files)

    assert isinstance(again, Imported)
    assert (again.report.inserted, again.report.updated, again.report.unchanged) == (0, 0, 2)


def test_a_rep_is_refused_and_nothing_is_downloaded(store: FakeStore, files: FakeSharedFiles) -> None:
    files.share("F1", "deals.csv", CSV)

    outcome = service(store).handle(T1, "UANN", "F1", files)

    assert isinstance(outcome, Refused) and "<@UMAYA>" in outcome.reason
    assert files.downloads == [] and deal_ids(store) == []


def test_a_stranger_and_an_unknown_workspace_are_refused(store: FakeStore, files: FakeSharedFiles) -> None:
    files.share("F1", "deals.csv", CSV)
    files.share("F2", "deals.csv", CSV)

    assert isinstance(service(store).handle(T1, "USTRANGER", "F1", files), Refused)
    assert isinstance(service(store).handle(WorkspaceRef("T404"), "UADA", "F2", files), Refused)
    assert files.downloads == []


def test_anything_but_a_csv_is_not_imported(store: FakeStore, files: FakeSharedFiles) -> None:
    files.share("F1", "pipeline.png", b"\x89PNG...", filetype="png", mimetype="image/png")

    outcome = service(store).handle(T1, "UADA", "F1", files)

    assert outcome == NotCsv("pipeline.png", "png")
    assert files.downloads == []


@pytest.mark.parametrize(
    ("name", "filetype", "mimetype"),
    [("deals.csv", "text", "text/plain"), ("Deals.CSV", "", ""), ("export", "csv", ""), ("export", "", "text/csv")],
)
def test_a_csv_is_known_by_its_type_its_name_or_its_mime_type(
    store: FakeStore, files: FakeSharedFiles, name: str, filetype: str, mimetype: str
) -> None:
    files.share("F1", name, CSV, filetype=filetype, mimetype=mimetype)
    assert isinstance(service(store).handle(T1, "UADA", "F1", files), Imported)


def test_a_file_over_the_limit_is_refused_before_downloading(store: FakeStore, files: FakeSharedFiles) -> None:
    files.share("F1", "huge.csv", CSV, size=5000)

    outcome = service(store, max_bytes=1000).handle(T1, "UADA", "F1", files)

    assert outcome == TooLarge("huge.csv", 5000, 1000)
    assert files.downloads == []


def test_a_file_larger_than_slack_said_is_refused_too(store: FakeStore, files: FakeSharedFiles) -> None:
    files.share("F1", "deals.csv", CSV + b"x" * 2000, size=10)

    outcome = service(store, max_bytes=1000).handle(T1, "UADA", "F1", files)

    assert isinstance(outcome, TooLarge) and outcome.size == 1001  # it stopped reading there
    assert deal_ids(store) == []


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "The file is empty."),
        (b"PK\x03\x04 workbook bytes", "Excel workbook"),
        (b"name,amount\nAcme,1\n", "missing required columns"),
    ],
)
def test_an_unreadable_file_is_explained(store: FakeStore, files: FakeSharedFiles, content: bytes, says: str) -> None:
    files.share("F1", "deals.csv", content)

    outcome = service(store).handle(T1, "UADA", "F1", files)

    assert isinstance(outcome, Unusable) and says in outcome.reason
    assert deal_ids(store) == []


def test_a_file_slack_will_not_hand_over(store: FakeStore, files: FakeSharedFiles) -> None:
    files.share("F1", "deals.csv", CSV)
    files.unavailable.add("F1")
    files.share("F2", "drive.csv", CSV, downloadable=False)

    fetched = service(store).handle(T1, "UADA", "F1", files)
    linked = service(store).handle(T1, "UADA", "F2", files)
    gone = service(store).handle(T1, "UADA", "F404", files)

    assert isinstance(fetched, Unavailable) and "sign-in page" in fetched.reason
    assert isinstance(linked, Unavailable) and "outside Slack" in linked.reason and "upload the CSV" in linked.reason
    assert isinstance(gone, Unavailable) and gone.file_name == "F404"
    assert deal_ids(store) == []
