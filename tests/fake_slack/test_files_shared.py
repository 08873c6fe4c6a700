"""Shared files in the fake Slack: files.info, the private URLs with and without the bot token, events."""

from __future__ import annotations

import json
import urllib.request
from urllib.error import HTTPError

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.fake_slack import FakeSlack, FakeSlackServer, RecordingSlackClient, SlackRequests
from bot.fake_slack.workspace import FILE_DOWNLOAD
from tests.fake_slack.helpers import SIGNING_SECRET

CSV = b"id,owner,stage\nD1,U1,prospecting\n"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # urllib then raises HTTPError with the 302


def get(url: str, token: str | None = None, *, follow: bool = True) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET, optionally with a bearer token."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=5) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read()
    except HTTPError as error:
        try:
            return error.code, error.headers.get("Location", ""), error.read()
        finally:
            error.close()


def test_a_csv_shared_in_the_dm_is_described_by_files_info(fake: FakeSlack, web_client: WebClient,
                                                           server: FakeSlackServer) -> None:
    file_id = fake.share_file("U1", "Q3 deals.csv", CSV)

    file = web_client.files_info(file=file_id)["file"]

    assert file["id"] == file_id and file["name"] == "Q3 deals.csv" and file["user"] == "U1"
    assert (file["filetype"], file["mimetype"], file["pretty_type"]) == ("csv", "text/csv", "CSV")
    assert file["size"] == len(CSV)
    assert file["ims"] == ["DU1"] and file["channels"] == [] and "DU1" in file["shares"]["private"]
    assert file["url_private_download"] == f"{server.root_url}/files-pri/T0DEMO-{file_id}/download/Q3%20deals.csv"
    assert file["is_external"] is False and file["mode"] == "hosted"
    # The upload also shows in the DM, as the person's own message.
    [message] = fake.messages_to("U1")
    assert message["user"] == "U1" and "bot_id" not in message and message["files"][0]["id"] == file_id


def test_the_bytes_come_with_the_bot_token_and_a_sign_in_page_without(fake: FakeSlack, web_client: WebClient) -> None:
    file = web_client.files_info(file=fake.share_file("U1", "deals.csv", CSV))["file"]

    assert get(file["url_private_download"], fake.bot_token) == (200, "text/csv", CSV)
    assert get(file["url_private"], fake.bot_token)[2] == CSV

    status, location, _ = get(file["url_private_download"], follow=False)
    assert status == 302 and "/signin?redir=%2Ffiles-pri%2F" in location
    for token in (None, "xoxb-someone-else"):
        status, content_type, body = get(file["url_private_download"], token)  # urllib follows the redirect
        assert (status, content_type.split(";")[0]) == (200, "text/html") and body.startswith(b"<!DOCTYPE html>")
    downloads = fake.calls_to(FILE_DOWNLOAD)
    assert [(c.ok, c.status) for c in downloads] == [(True, 200), (True, 200), (False, 302), (False, 302), (False, 302)]


def test_unknown_and_deleted_files(fake: FakeSlack, web_client: WebClient) -> None:
    file = web_client.files_info(file=fake.share_file("U1", "deals.csv", CSV))["file"]
    fake.delete_file(file["id"])

    with pytest.raises(SlackApiError) as deleted:
        web_client.files_info(file=file["id"])
    with pytest.raises(SlackApiError) as unknown:
        web_client.files_info(file="F404")

    assert deleted.value.response["error"] == "file_deleted"
    assert unknown.value.response["error"] == "file_not_found"
    assert get(file["url_private_download"], fake.bot_token)[0] == 404


def test_a_file_in_a_channel_and_a_file_by_type(fake: FakeSlack) -> None:
    client = RecordingSlackClient(fake)
    in_channel = client.files_info(file=fake.share_file("U2", "chart.png", b"\x89PNG", channel_id="C0GENERAL"))["file"]
    typed = client.files_info(file=fake.share_file("U1", "export", CSV, "csv", mimetype="text/plain"))["file"]

    assert in_channel["channels"] == ["C0GENERAL"] and in_channel["ims"] == []
    assert (in_channel["filetype"], in_channel["mimetype"]) == ("png", "image/png")
    assert (typed["filetype"], typed["mimetype"]) == ("csv", "text/plain")
    # Without a server the URLs lead nowhere that could be reached.
    assert typed["url_private"].startswith("https://files.slack.invalid/")


def test_the_file_shared_event_and_its_retry() -> None:
    requests = SlackRequests(SIGNING_SECRET, team_id="T0DEMO")

    first = requests.file_shared("U1", "F0000000001")
    again = requests.retried(first, attempt=2, reason="http_error")

    event = json.loads(first.body)["event"]
    assert {k: event[k] for k in ("type", "channel_id", "file_id", "user_id", "file")} == {
        "type": "file_shared", "channel_id": "DU1", "file_id": "F0000000001", "user_id": "U1",
        "file": {"id": "F0000000001"},
    }
    assert "event_ts" in event and "channel_type" not in event
    assert again.body == first.body  # the same event_id
    assert (again.headers["x-slack-retry-num"], again.headers["x-slack-retry-reason"]) == ("2", "http_error")
    assert "x-slack-retry-num" not in first.headers
