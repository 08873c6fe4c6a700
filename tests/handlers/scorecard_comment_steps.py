"""Steps of the scorecard comment tests: a rep's "Add a comment for my manager" clicked, the modal filled in."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.fake_slack import SignedRequest, plain_text
from domain.coaching.scorecard_comments import IsoWeek
from domain.services.scorecard_comments import COMMENT_FIELD
from handlers.blocks.inputs import VALUE
from handlers.edge import ids
from tests.handlers.conftest import PEOPLE, Slack
from tests.handlers.debrief_steps import opened_by


def this_week(user_id: str) -> IsoWeek:
    """The ISO week of the person's local today: the week of their latest scorecard."""
    return IsoWeek.of(datetime.now(UTC).astimezone(ZoneInfo(PEOPLE[user_id][1])).date())


def comment_values(text: str | None) -> dict[str, dict[str, dict[str, Any]]]:
    return {COMMENT_FIELD: {VALUE: plain_text(text)}}


def click_comment(slack: Slack, user_id: str, value: str) -> tuple[str, str | None]:
    """Click "Add a comment for my manager" in the person's DM; (its trigger_id, its response token)."""
    request = slack.requests.block_actions(user_id, ids.ADD_SCORECARD_COMMENT, value=value,
                                           channel_id=f"D{user_id}")
    assert slack.dispatch(request).status == 200
    return request.payload["trigger_id"], request.response_token


def open_comment(slack: Slack, user_id: str, week: IsoWeek | None = None) -> dict[str, Any]:
    """The comment modal the person's click opened, on their own scorecard of `week` (default: this week)."""
    trigger, _ = click_comment(slack, user_id, (week or this_week(user_id)).label)
    return opened_by(slack, trigger)


def comment_request(slack: Slack, user_id: str, modal: dict[str, Any], text: str | None) -> SignedRequest:
    return slack.requests.view_submission(user_id, ids.SCORECARD_COMMENT_VIEW, comment_values(text),
                                          private_metadata=modal["private_metadata"], blocks=modal["blocks"])


def dms_saying(slack: Slack, user_id: str, words: str) -> list[dict[str, Any]]:
    return [m for m in slack.fake.messages_to(user_id) if words in json.dumps(m, ensure_ascii=False)]


def answer_at(slack: Slack, token: str | None) -> str:
    """Everything answered at a click's response_url, once there is something."""
    assert token is not None
    slack.fake.wait_for(lambda: bool(slack.fake.responses_for(token)))
    return json.dumps(slack.fake.responses_for(token), ensure_ascii=False)
