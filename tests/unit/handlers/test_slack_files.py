"""Fetching a shared file from Slack: the token goes to Slack only, and a sign-in page is not a CSV."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot.fake_slack import FakeSlack, FakeSlackServer
from domain.pipeline.upload import FileUnavailable
from handlers.edge.files import SlackSharedFiles, on_slack

CSV = b"id,owner,stage\nD1,U1,prospecting\n"


@pytest.fixture
def fake() -> FakeSlack:
    fake = FakeSlack()
    fake.add_user("U1", "Maria Lopez", "UTC")
    return fake


@pytest.fixture
def client(fake: FakeSlack) -> Iterator[WebClient]:
    with FakeSlackServer(fake) as server:
        yield WebClient(token=fake.bot_token, base_url=server.base_url, timeout=5)


def test_info_then_download_with_the_bot_token(fake: FakeSlack, client: WebClient) -> None:
    files = SlackSharedFiles(client)

    shared = files.info(fake.share_file("U1", "deals.csv", CSV))

    assert (shared.name, shared.size, shared.filetype, shared.mimetype) == ("deals.csv", len(CSV), "csv", "text/csv")
    assert shared.is_csv and shared.downloadable
    assert files.download(shared, max_bytes=1000) == CSV
    assert files.download(shared, max_bytes=5) == CSV[:6]  # one byte past the limit says "too large"


def test_a_sign_in_page_is_not_taken_for_the_file(fake: FakeSlack, client: WebClient) -> None:
    files = SlackSharedFiles(client)
    shared = files.info(fake.share_file("U1", "deals.csv", CSV))
    client.token = "xoxb-without-files-read"  # what a token Slack will not serve files to gets

    with pytest.raises(FileUnavailable) as refused:
        files.download(shared, max_bytes=1000)

    assert "sign-in page" in str(refused.value) and "files:read" in str(refused.value)


def test_deleted_files(fake: FakeSlack, client: WebClient) -> None:
    files = SlackSharedFiles(client)
    file_id = fake.share_file("U1", "deals.csv", CSV)
    shared = files.info(file_id)
    fake.delete_file(file_id)

    with pytest.raises(FileUnavailable, match="gone"):
        files.download(shared, max_bytes=1000)
    with pytest.raises(FileUnavailable, match="gone"):
        files.info(file_id)


@pytest.mark.parametrize(
    ("url", "api", "trusted"),
    [
        ("https://files.slack.com/files-pri/T1-F1/download/a.csv", "https://slack.com/api/", True),
        ("https://files.slack-gov.com/files-pri/T1-F1/a.csv", "https://slack-gov.com/api/", True),
        ("http://127.0.0.1:8123/files-pri/T1-F1/a.csv", "http://127.0.0.1:8123/api/", True),
        ("https://docs.google.com/spreadsheets/d/1", "https://slack.com/api/", False),  # an external file
        ("https://files.slack.com.evil.example/a.csv", "https://slack.com/api/", False),
        ("http://files.slack.com/a.csv", "https://slack.com/api/", False),  # no downgrade to plain HTTP
        ("", "https://slack.com/api/", False),
    ],
)
def test_the_token_goes_to_slacks_own_hosts_only(url: str, api: str, trusted: bool) -> None:
    assert on_slack(url, api) is trusted
