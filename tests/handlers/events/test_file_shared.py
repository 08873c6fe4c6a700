"""A CRM export shared in Coachflow's DM, end to end through Bolt and the fake Slack.

Each test shares a file as a person would (the fake Slack stores it and
serves its private URL over HTTP), sends Slack's signed file_shared event
through `app.dispatch`, and reads what reached the person's DM.
"""

from __future__ import annotations

import json
from types import TracebackType
from typing import Any

import pytest
from slack_bolt import App
from sqlalchemy.exc import OperationalError

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import FakeSlack, FakeSlackServer, RecordingSlackClient, SignedRequest, render_message
from bot.fake_slack.block_kit import check_message
from bot.fake_slack.workspace import FILE_DOWNLOAD
from domain.model import WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.services.pipeline import PipelineService
from tests.handlers.conftest import SECRET, TEAM, Slack

WS = WorkspaceRef(TEAM)
HEADER = "id,name,owner,amount,stage,status,entered_prospecting,entered_qualifying\n"
GOOD = (
    HEADER
    + "D1,Acme,UA,1000,qualifying,open,2025-01-01,2025-01-08\n"  # Maya's rep Alex
    + "D2,Beta,UB,2000,qualifying,lost,2025-01-02,2025-01-09\n"  # Maya's rep Bea
    + "D3,Gamma,UC,300,qualifying,won,2025-01-03,2025-01-05\n"  # Omar's rep Chen
).encode()


class Outage:
    """The app's units of work, whose database stops answering the import while `down` is set.

    A unit that touched the pipeline (the import's own) fails at commit with
    the error a dropped connection gives; the claim and the record of the
    outcome, in units of their own, still work.
    """

    def __init__(self, factory: UnitOfWorkFactory) -> None:
        self._factory = factory
        self.down = False

    def __call__(self, *, read_only: bool = False) -> UnitOfWork:
        return _OutageUnit(self._factory(read_only=read_only), self)


class _OutageUnit:
    def __init__(self, inner: UnitOfWork, outage: Outage) -> None:
        self._inner, self._outage, self._touched_pipeline = inner, outage, False

    def __enter__(self) -> _OutageUnit:
        self._inner.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._inner.__exit__(exc_type, exc, tb)

    def __getattr__(self, name: str) -> Any:
        self._touched_pipeline |= name == "pipeline"
        return getattr(self._inner, name)

    def commit(self) -> None:
        if self._outage.down and self._touched_pipeline:
            raise OperationalError("COMMIT", None, ConnectionError("server closed the connection unexpectedly"))
        self._inner.commit()

    def rollback(self) -> None:
        self._inner.rollback()


@pytest.fixture
def outage(uow_factory: UnitOfWorkFactory) -> Outage:
    return Outage(uow_factory)


@pytest.fixture
def app(outage: Outage, fake: FakeSlack, fake_server: FakeSlackServer) -> App:
    """As tests/handlers/conftest.py's, with the Web API at the fake server's address:
    shared files' private URLs are there, and the app sends its token to Slack's own host only."""
    settings = load_settings(
        None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake_server.base_url
    )
    client = RecordingSlackClient(fake, base_url=fake_server.base_url)
    return create_app(settings, build_services(outage, settings), client=client)


@pytest.fixture
def teams(slack: Slack) -> None:
    """Ada is the admin (first to use /coach); Maya coaches Alex and Bea, Omar coaches Chen."""
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")


def share(slack: Slack, user_id: str, name: str, content: bytes, filetype: str | None = None,
          channel_id: str | None = None) -> SignedRequest:
    """`user_id` shares a file (in their DM with Coachflow unless `channel_id`) and Slack says so."""
    file_id = slack.fake.share_file(user_id, name, content, filetype, channel_id=channel_id)
    request = slack.requests.file_shared(user_id, file_id, channel_id)
    assert slack.dispatch(request).status == 200  # acknowledged at once
    return request


def share_again(slack: Slack, first: SignedRequest) -> None:
    """The person shares the same file again (a new event, the same file id)."""
    event = first.payload["event"]
    assert slack.dispatch(slack.requests.file_shared(event["user_id"], event["file_id"])).status == 200


def dms(fake: FakeSlack, user_id: str) -> list[dict[str, Any]]:
    """What Coachflow posted in the person's DM (not the files they shared there)."""
    return [m for m in fake.messages_to(user_id) if m.get("bot_id")]


def wait_for_dms(fake: FakeSlack, user_id: str, count: int) -> list[str]:
    """The DMs as a person reads them (bold and code marks dropped), once there are `count`."""
    fake.wait_for(lambda: len(dms(fake, user_id)) >= count)
    return [render_message(m, width=100_000).replace("*", "").replace("`", "") for m in dms(fake, user_id)]


def deals(uow_factory: UnitOfWorkFactory) -> dict[str, tuple[str, str]]:
    """{deal id: (owner, name)} as stored."""
    with uow_factory() as uow:
        return {o.external_id: (o.owner_id, o.name) for o in uow.pipeline.for_workspace(WS)}


def test_an_admins_export_is_imported_and_the_report_reaches_their_dm(
    slack: Slack, fake: FakeSlack, teams: None, uow_factory: UnitOfWorkFactory
) -> None:
    share(slack, "UADMIN", "Q1 deals.csv", GOOD)

    [report] = wait_for_dms(fake, "UADMIN", 1)

    assert "Imported 3 opportunities from Q1 deals.csv: 3 new, 0 updated, 0 unchanged." in report
    assert "Next: /coach pipeline shows the velocity audit per rep" in report and "coachflow pipeline" not in report
    assert sorted(deals(uow_factory)) == ["D1", "D2", "D3"]
    audits = {a.rep_id: a for a in PipelineService(uow_factory).audit(WS)}
    assert (audits["UA"].deals, audits["UB"].lost, audits["UC"].won) == (1, 1, 1)
    # The file came over HTTP with the bot token, once.
    [download] = fake.calls_to(FILE_DOWNLOAD)
    assert download.ok and download.params["path"].endswith("/download/Q1%20deals.csv")


def test_bad_rows_are_listed_by_line_and_the_good_ones_still_import(
    slack: Slack, fake: FakeSlack, teams: None, uow_factory: UnitOfWorkFactory
) -> None:
    content = GOOD + b"D4,Delta,UNOBODY,5,prospecting,open,,\nD5,Eps,UA,lots,prospecting,open,,\n"
    share(slack, "UADMIN", "deals.csv", content)

    [report] = wait_for_dms(fake, "UADMIN", 1)

    assert "Imported 3 opportunities from deals.csv: 3 new, 0 updated, 0 unchanged; 2 rows skipped:" in report
    assert "line 5 unknown owner UNOBODY: not a member of this workspace in Coachflow" in report
    assert "line 6 amount 'lots' is not a number" in report
    assert sorted(deals(uow_factory)) == ["D1", "D2", "D3"]


def test_a_managers_export_imports_their_team_only(
    slack: Slack, fake: FakeSlack, teams: None, uow_factory: UnitOfWorkFactory
) -> None:
    share(slack, "UMGR", "team.csv", GOOD)

    [report] = wait_for_dms(fake, "UMGR", 1)

    assert "Imported 2 opportunities from team.csv: 2 new" in report and "1 row skipped" in report
    assert "line 4 owner UC is not on your team" in report
    assert "your own team's deals" in report
    assert sorted(deals(uow_factory)) == ["D1", "D2"]  # Chen's deal belongs to Omar's team


def test_a_rep_is_told_who_can_import_and_nothing_is_fetched(
    slack: Slack, fake: FakeSlack, teams: None, uow_factory: UnitOfWorkFactory
) -> None:
    before = len(dms(fake, "UA"))  # "Maya added you to their team"
    share(slack, "UA", "my deals.csv", GOOD)

    reply = wait_for_dms(fake, "UA", before + 1)[-1]

    assert "Nothing was imported from my deals.csv." in reply
    assert "Only Coachflow admins and managers can import pipeline data" in reply
    assert "<@UMGR>" in json.dumps(dms(fake, "UA")[-1])  # who can, by name
    assert fake.calls_to(FILE_DOWNLOAD) == [] and deals(uow_factory) == {}


def test_anything_but_a_csv_gets_what_the_dm_accepts(slack: Slack, fake: FakeSlack, teams: None) -> None:
    share(slack, "UADMIN", "pipeline.xlsx", b"PK\x03\x04 workbook")

    [reply] = wait_for_dms(fake, "UADMIN", 1)

    assert "pipeline.xlsx (xlsx) is not a CSV file, so nothing was imported." in reply
    assert "saved as CSV" in reply
    assert fake.calls_to(FILE_DOWNLOAD) == []


def test_files_outside_the_dm_and_the_apps_own_uploads_are_ignored(
    slack: Slack, fake: FakeSlack, teams: None
) -> None:
    in_channel = share(slack, "UADMIN", "deals.csv", GOOD, channel_id="C0GENERAL")
    chart = share(slack, "UBOT", "pipeline.png", b"\x89PNG", channel_id="DUADMIN")  # a chart Coachflow posted
    other_dm = share(slack, "UADMIN", "deals.csv", GOOD, channel_id="DUB")  # a DM, but not Ada's with the app
    share(slack, "UADMIN", "later.csv", GOOD)  # handled after the three above were dropped

    replies = wait_for_dms(fake, "UADMIN", 1)

    assert len(replies) == 1 and "later.csv" in replies[0]
    assert "deals.csv" not in json.dumps(dms(fake, "UB"))
    looked_up = [c.params["file"] for c in fake.calls_to("files.info")]
    ignored = [r.payload["event"]["file_id"] for r in (in_channel, chart, other_dm)]
    assert not set(looked_up) & set(ignored)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"PK\x03\x04\x14\x00 an .xlsx saved with a .csv name", "it looks like an Excel workbook or other zip file"),
        (bytes(range(1, 32)) * 40, "Could not read the file as text"),
        (b"Opportunity Name,Amount\nAcme,100\n", "The file is missing required columns"),
        (b"\n\n", "The file is empty."),
    ],
    ids=["workbook", "binary", "columns", "empty"],
)
def test_a_file_that_is_not_a_usable_export_is_explained(
    slack: Slack, fake: FakeSlack, teams: None, uow_factory: UnitOfWorkFactory, content: bytes, says: str
) -> None:
    share(slack, "UADMIN", "deals.csv", content)

    [reply] = wait_for_dms(fake, "UADMIN", 1)

    assert "Nothing was imported from deals.csv:" in reply and says in reply
    assert "Traceback" not in reply and deals(uow_factory) == {}


def test_a_windows_1252_export_keeps_its_accents(
    slack: Slack, fake: FakeSlack, teams: None, uow_factory: UnitOfWorkFactory
) -> None:
    content = (HEADER + "D1,Müller GmbH – Köln,UA,1000,qualifying,open,2025-01-01,\n").encode("cp1252")
    share(slack, "UADMIN", "export.csv", content)

    [reply] = wait_for_dms(fake, "UADMIN", 1)

    assert "Imported 1 opportunity from export.csv" in reply
    assert deals(uow_factory) == {"D1": ("UA", "Müller GmbH – Köln")}


def test_a_file_over_the_limit_is_refused_before_it_is_downloaded(slack: Slack, fake: FakeSlack, teams: None) -> None:
    share(slack, "UADMIN", "everything.csv", GOOD + b"x" * (21 * 1024 * 1024))

    [reply] = wait_for_dms(fake, "UADMIN", 1)

    assert "everything.csv is 21.0 MB: Coachflow imports files up to 20.0 MB" in reply
    assert fake.calls_to(FILE_DOWNLOAD) == []


def test_sharing_the_same_export_again_changes_nothing(
    slack: Slack, fake: FakeSlack, teams: None, uow_factory: UnitOfWorkFactory
) -> None:
    share(slack, "UADMIN", "deals.csv", GOOD)
    wait_for_dms(fake, "UADMIN", 1)
    before = deals(uow_factory)

    share(slack, "UADMIN", "deals.csv", GOOD)
    again = wait_for_dms(fake, "UADMIN", 2)[-1]

    assert "Imported 3 opportunities from deals.csv: 0 new, 0 updated, 3 unchanged." in again
    assert deals(uow_factory) == before


@pytest.mark.parametrize("wait_between", [True, False], ids=["retry-later", "retry-while-running"])
def test_slacks_retry_of_the_event_neither_imports_nor_answers_twice(
    slack: Slack, fake: FakeSlack, teams: None, wait_between: bool
) -> None:
    first = share(slack, "UADMIN", "deals.csv", GOOD)
    if wait_between:
        wait_for_dms(fake, "UADMIN", 1)
    for attempt in (1, 2):
        assert slack.dispatch(slack.requests.retried(first, attempt)).status == 200
    share(slack, "UADMIN", "next.csv", GOOD)  # answered after the retries were dealt with

    replies = wait_for_dms(fake, "UADMIN", 2)

    assert sum("from deals.csv" in r for r in replies) == 1 and sum("from next.csv" in r for r in replies) == 1
    assert len(fake.calls_to(FILE_DOWNLOAD)) == 2  # one per file


def test_thousands_of_bad_rows_still_fit_one_message(slack: Slack, fake: FakeSlack, teams: None) -> None:
    bad_rows = "".join(f"X{n},Deal {n},UNOBODY{'x' * 200},1,prospecting,open,,\n" for n in range(3000))
    share(slack, "UADMIN", "messy.csv", GOOD + bad_rows.encode())

    [reply] = wait_for_dms(fake, "UADMIN", 1)

    [message] = dms(fake, "UADMIN")
    assert check_message(message["blocks"], message["text"]) == []
    assert "3,000 rows skipped" in reply and "…and 2,950 more rows" in reply
    assert "line 5 owner 'UNOBODYxxx" in reply and "line 54 " in reply and "line 55 " not in reply


# -- failures: answered with what to do, and retried by sharing again -----------


@pytest.mark.parametrize(
    ("error", "says"),
    [
        ("internal_error", "Coachflow could not reach Slack to fetch it. Share it again in a minute."),
        ("ratelimited", "Coachflow could not reach Slack to fetch it. Share it again in a minute."),
        ("missing_scope", "reinstall it with the files:read scope"),
    ],
)
def test_when_slack_will_not_describe_the_file_the_person_is_told_and_sharing_again_imports(
    slack: Slack, fake: FakeSlack, teams: None, uow_factory: UnitOfWorkFactory, error: str, says: str
) -> None:
    fake.fail_next("files.info", error)
    first = share(slack, "UADMIN", "deals.csv", GOOD)

    [failed] = wait_for_dms(fake, "UADMIN", 1)
    assert "Coachflow could not fetch" in failed and says in failed
    share_again(slack, first)

    again = wait_for_dms(fake, "UADMIN", 2)[-1]
    assert "Imported 3 opportunities from deals.csv: 3 new" in again
    assert sorted(deals(uow_factory)) == ["D1", "D2", "D3"]


def test_a_database_outage_mid_import_is_answered_and_sharing_again_imports(
    slack: Slack, fake: FakeSlack, teams: None, uow_factory: UnitOfWorkFactory, outage: Outage
) -> None:
    outage.down = True
    first = share(slack, "UADMIN", "deals.csv", GOOD)

    [failed] = wait_for_dms(fake, "UADMIN", 1)
    assert "Coachflow could not save deals.csv: its database did not answer, so nothing was imported." in failed
    assert "Share the file here again in a minute to try again." in failed
    assert deals(uow_factory) == {}
    outage.down = False
    share_again(slack, first)

    again = wait_for_dms(fake, "UADMIN", 2)[-1]
    assert "Imported 3 opportunities from deals.csv: 3 new" in again
    assert sorted(deals(uow_factory)) == ["D1", "D2", "D3"]


def test_slacks_retry_of_an_event_whose_import_failed_runs_again(
    slack: Slack, fake: FakeSlack, teams: None, uow_factory: UnitOfWorkFactory
) -> None:
    fake.fail_next("files.info", "internal_error")
    first = share(slack, "UADMIN", "deals.csv", GOOD)
    wait_for_dms(fake, "UADMIN", 1)

    assert slack.dispatch(slack.requests.retried(first, 1)).status == 200

    assert "Imported 3 opportunities from deals.csv" in wait_for_dms(fake, "UADMIN", 2)[-1]
    assert slack.dispatch(slack.requests.retried(first, 2)).status == 200  # now done: no third answer
    share(slack, "UADMIN", "next.csv", GOOD)
    replies = wait_for_dms(fake, "UADMIN", 3)
    assert len(replies) == 3 and "next.csv" in replies[-1]


def test_a_100000_column_header_is_answered_with_the_limit(
    slack: Slack, fake: FakeSlack, teams: None, uow_factory: UnitOfWorkFactory
) -> None:
    wide = ",".join(f"c{n}" for n in range(100_000)) + "\n"
    share(slack, "UADMIN", "wide.csv", (wide + "D1,UA,qualifying\n").encode())

    [reply] = wait_for_dms(fake, "UADMIN", 1)

    assert "Nothing was imported from wide.csv: The header row has 100,000 columns; at most 1,000 are read." in reply
    assert "Traceback" not in reply and deals(uow_factory) == {}
