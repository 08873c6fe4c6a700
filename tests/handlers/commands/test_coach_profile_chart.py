"""`/coach profile` answers in words, then the radar chart arrives in the viewer's DM (COACHFLOW_CHARTS)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.fake_slack import FakeSlack, FakeSlackServer, SlackRequests
from tests.handlers.conftest import Slack, make_app
from tests.handlers.diagnosis_steps import DIMENSIONS, open_modal, score_values, submit_score

RADAR_SIZE = (704, 704)
FILE_METHODS = {"files.getUploadURLExternal", "files.completeUploadExternal"}


def _team_with_scored_call(slack: Slack, scores: dict[str, int]) -> None:
    slack.coach("UADMIN", "help", replies=2)  # the first person to use /coach becomes admin
    slack.coach("UMGR", "team add <@UA|alex>")
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")
    yesterday = datetime.now(UTC).date() - timedelta(days=2)
    reply = submit_score(slack, "UMGR", modal, score_values("Acme discovery", yesterday, scores))
    assert reply.body == ""


def _file_calls(fake: FakeSlack) -> list[str]:
    return [c.method for c in fake.calls if c.method in FILE_METHODS]


def test_the_profile_radar_arrives_in_the_viewers_dm_with_the_averages_in_its_alt_text(slack: Slack, fake) -> None:
    _team_with_scored_call(slack, dict.fromkeys(DIMENSIONS, 4) | {"discovery_quality": 2})

    text = slack.coach("UMGR", "profile <@UA|alex>").last_text
    fake.wait_for(lambda: fake.files_shared_with("UMGR"))

    assert "Discovery quality" in text and "2.0" in text  # the text version came as before
    [chart] = fake.files_shared_with("UMGR")
    assert chart.image_size == RADAR_SIZE  # a real, whole PNG
    assert chart.title == "Skills profile of Alex Rivera"
    assert chart.filename == "skills-profile-of-alex-rivera.png"
    assert chart.alt_txt is not None
    assert "Discovery quality 2.0" in chart.alt_txt
    for name in ["Value connection", "Objection response", "Next-step clarity", "Executive presence"]:
        assert f"{name} 4.0" in chart.alt_txt
    assert "/coach profile" in (chart.initial_comment or "")
    assert fake.files_shared_with("UA") == []  # the manager looked; the rep's DM stays quiet
    assert fake.messages_to("UMGR")[-1]["files"][0]["original_w"] == RADAR_SIZE[0]


def test_a_rep_gets_their_own_radar(slack: Slack, fake) -> None:
    _team_with_scored_call(slack, dict.fromkeys(DIMENSIONS, 3))

    slack.coach("UA", "profile")
    fake.wait_for(lambda: fake.files_shared_with("UA"))

    [chart] = fake.files_shared_with("UA")
    assert chart.image_size == RADAR_SIZE and "Discovery quality 3.0" in (chart.alt_txt or "")


def test_no_scored_call_means_no_chart(slack: Slack, fake) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")

    assert "No call scored by a manager yet." in slack.coach("UMGR", "profile <@UA|alex>").last_text
    slack.finish_listeners()
    assert fake.shared_files == [] and _file_calls(fake) == []


def test_with_charts_off_only_the_text_arrives(
    uow_factory: Any, fake: FakeSlack, fake_server: FakeSlackServer, slack_requests: SlackRequests
) -> None:
    slack = Slack(make_app(uow_factory, fake, fake_server, COACHFLOW_CHARTS="off"), fake, slack_requests)
    _team_with_scored_call(slack, dict.fromkeys(DIMENSIONS, 4))

    text = slack.coach("UMGR", "profile <@UA|alex>").last_text
    slack.finish_listeners()

    assert "Value connection" in text and "4.0" in text
    assert fake.shared_files == [] and _file_calls(fake) == []


@pytest.mark.parametrize(("method", "error"), [("files.completeUploadExternal", "not_in_channel"),
                                               ("files.getUploadURLExternal", "file_uploads_disabled")])
def test_a_failed_upload_is_logged_and_the_text_still_arrives(
    slack: Slack, fake, caplog: pytest.LogCaptureFixture, method: str, error: str
) -> None:
    _team_with_scored_call(slack, dict.fromkeys(DIMENSIONS, 4))
    fake.fail_next(method, error)

    with caplog.at_level(logging.WARNING, logger="handlers.edge.dm_upload"):
        text = slack.coach("UMGR", "profile <@UA|alex>").last_text
        slack.finish_listeners()

    assert "Skills profile of Alex Rivera" in text
    assert fake.shared_files == []
    assert f"could not upload skills-profile-of-alex-rivera.png to UMGR: {error}" in caplog.text
