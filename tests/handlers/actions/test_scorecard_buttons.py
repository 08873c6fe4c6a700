"""The digest's "Full scorecard" (a button, or an overflow entry past 40 reps): authorized on the server."""

from __future__ import annotations

from typing import Any

import pytest

from bot.fake_slack import SignedRequest
from domain.ports import UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.debrief_steps import today
from tests.handlers.scorecard_steps import ALEX_WORDS, MAYA_WORDS, alex_this_week, shown, week_label


@pytest.fixture
def team(slack: Slack, uow_factory: UnitOfWorkFactory) -> Slack:
    alex_this_week(slack, uow_factory)
    return slack


def _button(slack: Slack, user_id: str, value: str) -> SignedRequest:
    return slack.requests.block_actions(user_id, ids.OPEN_REP_SCORECARD, value=value, channel_id=f"D{user_id}")


def _overflow(slack: Slack, user_id: str, value: str) -> SignedRequest:
    request = slack.requests.block_actions(user_id, ids.OPEN_REP_SCORECARD, selected_option=value,
                                           action_type="overflow", channel_id=f"D{user_id}")
    assert request.payload["actions"][0]["selected_option"]["value"] == value
    return request


def _clicked(slack: Slack, request: SignedRequest) -> tuple[dict[str, Any] | None, str]:
    """(the modal the click opened, what was said at its response_url)."""
    assert slack.dispatch(request).status == 200
    slack.listeners.wait_idle()
    modal = slack.fake.view_opened_by(request.payload["trigger_id"])
    return modal, shown(slack.fake.responses_for(request.response_token or ""))


@pytest.mark.parametrize("click", [_button, _overflow])
def test_maya_opens_alexs_full_scorecard(team: Slack, click: Any) -> None:
    modal, said = _clicked(team, click(team, "UMGR", f"UA|{week_label(today())}"))

    assert modal is not None and said == "[]"
    assert "Alex Rivera's scorecard" in shown(modal) and ALEX_WORDS in shown(modal) and MAYA_WORDS in shown(modal)


def test_the_admin_opens_it_with_the_numbers_only(team: Slack) -> None:
    modal, _ = _clicked(team, _button(team, "UADMIN", f"UA|{week_label(today())}"))

    assert modal is not None and "You see the numbers as an admin" in shown(modal)
    assert ALEX_WORDS not in shown(modal) and MAYA_WORDS not in shown(modal)


@pytest.mark.parametrize(("person", "value", "said"), [
    ("UMGR2", "UA|{week}", "<@UA> is on <@UMGR>'s team; only <@UMGR> and admins can see <@UA>'s scorecard."),
    ("UB", "UA|{week}", "only <@UMGR> and admins can see <@UA>'s scorecard"),
    ("UMGR", "UA|2026-48", "That button could not be read"),
    ("UMGR", "UA", "That button could not be read"),
    ("UMGR", "<script>|{week}", "That button could not be read"),
    ("UMGR", "UB|{week}", "No scorecard yet: <@UB>'s coaching cycle has not started."),
])
def test_a_forged_or_foreign_value_opens_nothing_and_says_why(team: Slack, person: str, value: str,
                                                              said: str) -> None:
    request = _button(team, person, value.format(week=week_label(today())))
    modal, answer = _clicked(team, request)

    assert modal is None and said in answer and ALEX_WORDS not in answer
    assert not [c for c in team.fake.calls_to("views.open")
                if c.params.get("trigger_id") == request.payload["trigger_id"]]
