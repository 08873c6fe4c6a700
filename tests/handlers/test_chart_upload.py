"""Charts to a DM: `send_matrix` for week 2's prioritization and `upload_chart` when Slack says no."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.app import build_services
from bot.config import load_settings
from bot.fake_slack import UPLOAD_URL, FakeSlack, FakeSlackServer, RecordingSlackClient
from domain.model import WorkspaceRef
from handlers.blocks.kit import message, section
from handlers.charts import MatrixPoint, skills_radar
from handlers.edge.chart_upload import send_matrix, upload_chart
from handlers.edge.services import Services

POINTS = [MatrixPoint("Discovery", 4, 2), MatrixPoint("Closing", 4, 2), MatrixPoint("Pipeline management", 2, 4)]
TEXT_VERSION = message("Alex's skill gaps by impact and difficulty",
                       [section("*Quick wins*: Discovery, Closing\n*Ignore for now*: Pipeline management")])
MATRIX_SIZE = (792, 704)
WS = WorkspaceRef("T1")


def _services(uow_factory: Any, charts: str) -> Services:
    return build_services(uow_factory, load_settings(None, COACHFLOW_CHARTS=charts))


def test_the_matrix_follows_its_text_version_in_the_dm(uow_factory: Any, fake: FakeSlack) -> None:
    sent = send_matrix(RecordingSlackClient(fake), _services(uow_factory, "on"), WS, "UA", POINTS,
                       "Alex Rivera: where to focus", TEXT_VERSION)

    assert sent is True
    text, picture = fake.messages_to("UA")
    assert text["text"] == "Alex's skill gaps by impact and difficulty"
    assert picture["files"][0]["title"] == "Alex Rivera: where to focus"
    [chart] = fake.files_shared_with("UA")
    assert chart.image_size == MATRIX_SIZE
    assert chart.alt_txt is not None
    assert "Quick wins (high impact, low difficulty): Discovery (impact 4, difficulty 2); Closing" in chart.alt_txt
    assert "Ignore for now (low impact, high difficulty): Pipeline management" in chart.alt_txt


@pytest.mark.parametrize(("charts", "points"), [("off", POINTS), ("on", [])])
def test_with_charts_off_or_nothing_rated_only_the_text_goes(
    uow_factory: Any, fake: FakeSlack, charts: str, points: list[MatrixPoint]
) -> None:
    services = _services(uow_factory, charts)
    sent = send_matrix(RecordingSlackClient(fake), services, WS, "UA", points, "Alex", TEXT_VERSION)

    assert sent is False
    assert [m["text"] for m in fake.messages_to("UA")] == [TEXT_VERSION["text"]]
    assert fake.shared_files == [] and fake.calls_to("files.getUploadURLExternal") == []


def test_a_refused_upload_still_leaves_the_text(uow_factory: Any, fake: FakeSlack) -> None:
    fake.fail_next("files.completeUploadExternal", "posting_to_channel_denied")

    assert send_matrix(RecordingSlackClient(fake), _services(uow_factory, "on"), WS, "UA", POINTS, "Alex",
                       TEXT_VERSION) is False
    assert [m["text"] for m in fake.messages_to("UA")] == [TEXT_VERSION["text"]]


def test_an_upload_url_that_fails_over_real_http_is_logged_not_raised(
    fake: FakeSlack, fake_server: FakeSlackServer, caplog: pytest.LogCaptureFixture
) -> None:
    client = WebClient(token=fake.bot_token, base_url=fake_server.base_url, timeout=5)
    png = skills_radar(["Discovery quality"], [3.0], "Alex")
    fake.server_error_next(UPLOAD_URL, 503)

    with caplog.at_level(logging.WARNING, logger="handlers.edge.dm_upload"):
        assert upload_chart(client, "UA", png, "alex.png", "Alex", "Radar chart") is False
    assert "could not upload alex.png to UA: HTTP Error 503" in caplog.text
    assert fake.shared_files == []

    # The same client uploads fine once the upload URL answers again, all over HTTP.
    assert upload_chart(client, "UA", png, "alex.png", "Alex", "Radar chart") is True
    assert fake.files_shared_with("UA")[0].content == png


def test_no_chart_reaches_a_deactivated_person(fake: FakeSlack, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="handlers.edge.dm_upload"):
        assert upload_chart(RecordingSlackClient(fake), "UGONE", b"png", "a.png", "A", "alt") is False
    assert "user_disabled" in caplog.text and fake.calls_to("files.getUploadURLExternal") == []


def test_alt_text_is_cut_to_what_slack_accepts(fake: FakeSlack) -> None:
    assert upload_chart(RecordingSlackClient(fake), "UA", b"png", "a.png", "A", "word " * 400) is True
    alt = fake.files_shared_with("UA")[0].alt_txt
    assert alt is not None and len(alt) == 1000 and alt.endswith("…")


def test_a_display_name_in_the_charts_comment_is_text_not_markup(uow_factory: Any, fake: FakeSlack) -> None:
    title = "Skill gaps of <!channel> <https://evil.example|Sign here>"
    send_matrix(RecordingSlackClient(fake), _services(uow_factory, "on"), WS, "UA", POINTS, title, TEXT_VERSION)

    _, picture = fake.messages_to("UA")
    assert picture["text"].startswith("Skill gaps of &lt;!channel&gt; &lt;https://evil.example|Sign here&gt;: ")
    assert picture["files"][0]["title"] == title  # a file's title is plain text: shown as typed
