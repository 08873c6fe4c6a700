"""File uploads (files_upload_v2's three steps) against the fake, over HTTP and in-process alike."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.fake_slack import UPLOAD_URL, FakeSlack, FakeSlackServer, RecordingSlackClient, png_size, read_png


def tiny_png(width: int, height: int) -> bytes:
    """A valid greyscale PNG, built by hand so these tests need no image library."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


PNG = tiny_png(40, 30)


@pytest.fixture(params=["http", "in_process"])
def client(request: pytest.FixtureRequest, fake: FakeSlack, server: FakeSlackServer) -> WebClient:
    """The real WebClient over HTTP, and the in-process RecordingSlackClient: both must behave the same."""
    if request.param == "http":
        return WebClient(token=fake.bot_token, base_url=server.base_url, timeout=5)
    return RecordingSlackClient(fake)


def _dm(client: WebClient, user_id: str) -> str:
    return str(client.conversations_open(users=user_id)["channel"]["id"])


def test_a_png_uploaded_to_a_dm_arrives_whole_with_its_title_and_alt_text(fake: FakeSlack, client: WebClient) -> None:
    channel = _dm(client, "U1")
    response = client.files_upload_v2(channel=channel, file=PNG, filename="profile.png", title="Skills profile",
                                      alt_txt="Radar chart: discovery 2.0", initial_comment="Your profile")

    assert response["file"]["title"] == "Skills profile"
    [shared] = fake.files_shared_with("U1")
    assert shared.content == PNG and shared.image_size == (40, 30)
    assert (shared.filename, shared.title) == ("profile.png", "Skills profile")
    assert shared.alt_txt == "Radar chart: discovery 2.0"
    assert shared.channel == channel
    message = fake.messages_to("U1")[-1]
    assert message["text"] == "Your profile" and message["upload"] is True
    assert message["files"][0] | {"original_w": 40, "original_h": 30, "mimetype": "image/png"} == message["files"][0]
    steps = [c.method for c in fake.calls if c.method != "conversations.open"]
    assert steps == ["files.getUploadURLExternal", UPLOAD_URL, "files.completeUploadExternal"]


def test_a_user_id_is_not_a_channel_for_an_upload(fake: FakeSlack, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as refused:
        client.files_upload_v2(channel="U1", file=PNG, filename="a.png")
    assert refused.value.response["error"] == "invalid_arguments"
    assert "^[CGDZ][A-Z0-9]{8,}$" in str(refused.value.response["response_metadata"])
    assert fake.shared_files == []


def test_an_unknown_channel_is_not_found(fake: FakeSlack, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as refused:
        client.files_upload_v2(channel="C0NOWHERE", file=PNG, filename="a.png")
    assert refused.value.response["error"] == "channel_not_found"


def test_alt_text_may_have_1000_characters_and_no_more(fake: FakeSlack, client: WebClient) -> None:
    channel = _dm(client, "U1")
    client.files_upload_v2(channel=channel, file=PNG, filename="a.png", alt_txt="x" * 1000)
    with pytest.raises(SlackApiError) as refused:
        client.files_upload_v2(channel=channel, file=PNG, filename="b.png", alt_txt="x" * 1001)
    assert refused.value.response["error"] == "alt_txt_too_large"
    assert [f.filename for f in fake.shared_files] == ["a.png"]


def test_an_upload_url_needs_a_length_and_a_filename(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as empty:
        client.files_getUploadURLExternal(filename="a.png", length=0)
    assert empty.value.response["error"] == "missing_argument"
    with pytest.raises(SlackApiError) as unnamed:
        client.files_getUploadURLExternal(filename="", length=3)
    assert unnamed.value.response["error"] == "invalid_arguments"


def test_completing_needs_the_bytes_first_and_works_once(fake: FakeSlack, client: WebClient) -> None:
    ticket = client.files_getUploadURLExternal(filename="a.png", length=len(PNG))
    files = [{"id": ticket["file_id"], "title": "A"}]
    with pytest.raises(SlackApiError) as early:
        client.files_completeUploadExternal(files=files, channel_id="DU1")
    assert early.value.response["error"] == "file_not_found"

    assert fake.receive_upload(ticket["upload_url"], PNG) == (200, f"OK - {len(PNG)}".encode())
    client.files_completeUploadExternal(files=files, channel_id="DU1")
    with pytest.raises(SlackApiError) as again:
        client.files_completeUploadExternal(files=files, channel_id="DU1")
    assert again.value.response["error"] == "file_not_found"
    assert len(fake.files_shared_with("U1")) == 1


def test_completed_without_a_channel_the_file_stays_private(fake: FakeSlack, client: WebClient) -> None:
    client.files_upload_v2(file=PNG, filename="private.png")
    [shared] = fake.shared_files
    assert shared.channel is None and fake.messages_to("U1") == []


def test_a_failing_upload_url_raises_before_anything_is_shared(fake: FakeSlack, client: WebClient) -> None:
    # urllib raises HTTPError for a 5xx from the upload URL; slack_sdk lets it through.
    fake.server_error_next(UPLOAD_URL, 503)
    with pytest.raises(HTTPError) as failed:
        client.files_upload_v2(channel=_dm(client, "U1"), file=PNG, filename="a.png")
    assert failed.value.code == 503
    assert fake.shared_files == [] and fake.calls_to(UPLOAD_URL)[-1].status == 503


def test_an_injected_api_error_fails_the_upload_like_slack_would(fake: FakeSlack, client: WebClient) -> None:
    fake.fail_next("files.getUploadURLExternal", "file_uploads_disabled")
    with pytest.raises(SlackApiError) as refused:
        client.files_upload_v2(channel=_dm(client, "U1"), file=PNG, filename="a.png")
    assert refused.value.response["error"] == "file_uploads_disabled"


def test_an_unknown_upload_url_is_404_and_multipart_is_not_read(fake: FakeSlack, server: FakeSlackServer) -> None:
    def post(url: str, content_type: str) -> int:
        try:
            with urlopen(Request(url, data=PNG, headers={"Content-Type": content_type}), timeout=5) as answer:
                return int(answer.status)
        except HTTPError as error:
            return error.code

    ticket = WebClient(token=fake.bot_token, base_url=server.base_url).files_getUploadURLExternal(
        filename="a.png", length=len(PNG)
    )
    assert ticket["upload_url"].startswith(server.root_url)
    assert post(f"{server.root_url}/upload/v1/nope", "application/octet-stream") == 404
    assert post(ticket["upload_url"], "multipart/form-data; boundary=x") == 501
    assert post(ticket["upload_url"], "application/octet-stream") == 200


def test_without_a_server_upload_urls_point_nowhere_real(fake: FakeSlack) -> None:
    ticket = RecordingSlackClient(fake).files_getUploadURLExternal(filename="a.png", length=3)
    assert ticket["upload_url"].startswith("http://fake-slack.invalid/upload/v1/")


@pytest.mark.parametrize(
    ("corrupt", "problem"),
    [
        (lambda png: b"GIF89a" + png[6:], "signature"),
        (lambda png: png[:-20], "truncated"),
        (lambda png: png[:20] + bytes([png[20] ^ 1]) + png[21:], "CRC"),
    ],
)
def test_the_png_reader_tells_a_whole_image_from_broken_bytes(corrupt: Callable[[bytes], bytes], problem: str) -> None:
    assert read_png(PNG).width == 40
    with pytest.raises(ValueError, match=problem):
        read_png(corrupt(PNG))
    assert png_size(corrupt(PNG)) is None
