"""A CSV shared in Coachflow's DM, over the in-memory fakes: what each sharer and file comes to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.pipeline.upload import (
    Imported,
    NotCsv,
    NotSaved,
    Refused,
    SharedFileRecord,
    SharedFileStatus,
    TooLarge,
    Unavailable,
    Unusable,
)
from domain.services.pipeline import PipelineService
from domain.services.pipeline_upload import CLAIM_TIMEOUT, PipelineUploadService
from tests.fakes import FakeStore, FakeUnitOfWork
from tests.fakes_shared_files import FakeSharedFiles

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

T1 = WorkspaceRef("T1")
CSV = (
    b"id,name,owner,amount,stage,status\n"
    b"D1,Acme,UANN,1000,qualifying,open\n"
    b"D2,Beta,UCARL,2000,prospecting,open\n"
)


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


# -- failures are recorded, answered and retried --------------------------------


class DatabaseDown(Exception):
    """What a driver raises when the database stops answering (SQLAlchemy's OperationalError)."""


class OutageStore(FakeStore):
    """A FakeStore whose next `failing` commits raise, as a database that went away."""

    def __init__(self) -> None:
        super().__init__()
        self.failing = 0

    def uow(self, *, read_only: bool = False) -> FakeUnitOfWork:
        return _OutageUnit(self, read_only)

    def go_down(self, commits: int = 1_000) -> None:
        self.failing = commits


class _OutageUnit(FakeUnitOfWork):
    def __init__(self, store: OutageStore, read_only: bool = False) -> None:
        super().__init__(store, read_only)
        self._outage = store

    def commit(self) -> None:
        if self._outage.failing:
            self._outage.failing -= 1
            raise DatabaseDown("server closed the connection unexpectedly")
        super().commit()


@pytest.fixture
def outage(store: FakeStore) -> OutageStore:
    """The same people as `store`, in a store whose database can go down."""
    flaky = OutageStore()
    flaky.tables = store.tables
    return flaky


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def record(store: FakeStore, file_id: str = "F1") -> SharedFileRecord | None:
    with store.uow() as uow:
        return uow.shared_files.get(T1, file_id)


def test_an_import_is_recorded_as_done_with_its_outcome(store: FakeStore, files: FakeSharedFiles) -> None:
    files.share("F1", "deals.csv", CSV)

    service(store).handle(T1, "UMAYA", "F1", files)

    done = record(store)
    assert done is not None and done.status is SharedFileStatus.DONE and done.attempts == 1
    assert done.outcome == "Imported 1 opportunity from deals.csv: 1 new, 0 updated, 0 unchanged; 1 row skipped"


def test_a_refused_file_is_imported_when_shared_again_after_the_cause_is_fixed(
    store: FakeStore, files: FakeSharedFiles
) -> None:
    files.share("F1", "deals.csv", CSV)
    uploads = service(store)
    assert isinstance(uploads.handle(T1, "UANN", "F1", files), Refused)  # Ann is a rep
    failed = record(store)
    assert failed is not None and failed.status is SharedFileStatus.FAILED and "<@UMAYA>" in (failed.outcome or "")

    again = uploads.handle(T1, "UADA", "F1", files)  # the admin shares the same file

    assert isinstance(again, Imported) and deal_ids(store) == ["D1", "D2"]
    done = record(store)
    assert done is not None and (done.status, done.attempts, done.user_id) == (SharedFileStatus.DONE, 2, "UADA")


def test_a_database_outage_mid_import_is_answered_and_sharing_again_imports(
    outage: OutageStore, files: FakeSharedFiles
) -> None:
    files.share("F1", "deals.csv", CSV)
    files.while_downloading.append(lambda: outage.go_down(commits=1))  # the import's commit fails, once
    uploads = service(outage)

    failed = uploads.handle(T1, "UADA", "F1", files)

    assert failed == NotSaved("deals.csv", retry_in=timedelta(0))
    assert deal_ids(outage) == []
    stored = record(outage)
    assert stored is not None and stored.status is SharedFileStatus.FAILED
    files.while_downloading.clear()
    assert isinstance(uploads.handle(T1, "UADA", "F1", files), Imported)
    assert deal_ids(outage) == ["D1", "D2"]


def test_when_the_outcome_cannot_be_recorded_either_the_reply_says_when_to_retry(
    outage: OutageStore, files: FakeSharedFiles
) -> None:
    files.share("F1", "deals.csv", CSV)
    files.while_downloading.append(lambda: outage.go_down(commits=2))  # the import and its record
    clock = Clock()
    uploads = PipelineUploadService(outage.uow, PipelineService(outage.uow), max_bytes=1000, clock=clock)

    assert uploads.handle(T1, "UADA", "F1", files) == NotSaved("deals.csv", retry_in=CLAIM_TIMEOUT)

    files.while_downloading.clear()
    clock.now = NOW + CLAIM_TIMEOUT - timedelta(seconds=1)
    assert uploads.handle(T1, "UADA", "F1", files) is None  # the abandoned claim may still be live
    clock.now = NOW + CLAIM_TIMEOUT + timedelta(seconds=1)
    assert isinstance(uploads.handle(T1, "UADA", "F1", files), Imported)


def test_a_database_down_from_the_start_is_answered_too(outage: OutageStore, files: FakeSharedFiles) -> None:
    files.share("F1", "deals.csv", CSV)
    outage.go_down(commits=1)  # the claim's commit

    assert service(outage).handle(T1, "UADA", "F1", files) == NotSaved("F1")
    assert files.downloads == [] and record(outage) is None
    assert isinstance(service(outage).handle(T1, "UADA", "F1", files), Imported)


def test_a_retry_of_an_event_whose_import_failed_runs_again(store: FakeStore, files: FakeSharedFiles) -> None:
    files.share("F1", "deals.csv", CSV)
    files.unavailable.add("F1")
    uploads = service(store)
    assert isinstance(uploads.handle(T1, "UADA", "F1", files), Unavailable)

    files.unavailable.clear()
    assert isinstance(uploads.handle(T1, "UADA", "F1", files), Imported)  # Slack's retry, or sharing again
    assert uploads.handle(T1, "UADA", "F1", files) is None  # and now it is done
    assert files.downloads == ["F1", "F1"]


@pytest.mark.parametrize(
    ("header", "says"),
    [
        (
            (",".join(f"c{n}" for n in range(100_000)) + "\n").encode(),
            "The header row has 100,000 columns; at most 1,000 are read.",
        ),
        (b"id,owner,stage,\x00\nD1,UANN,prospecting\n", "NUL bytes"),
        (b'"id,name,owner,stage\nD1,Acme,UANN,qualifying\n', "a quote (\") in the first line that is never closed"),
        (b"id,owner," + b"s" * 200_000 + b"\n", "The header row is 200,009 characters long"),
    ],
    ids=["100k-columns", "nul", "lone-quote", "huge-field"],
)
def test_a_hostile_header_is_answered_and_recorded_as_failed(
    store: FakeStore, files: FakeSharedFiles, header: bytes, says: str
) -> None:
    files.share("F1", "deals.csv", header)

    outcome = service(store, max_bytes=10_000_000).handle(T1, "UADA", "F1", files)

    assert isinstance(outcome, Unusable) and says in outcome.reason
    failed = record(store)
    assert failed is not None and failed.status is SharedFileStatus.FAILED and says in (failed.outcome or "")
