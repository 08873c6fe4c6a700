"""Shadow coaching through Slack: `/coach shadow @rep [deal]`, the observer's modal, the rep's feedback DM.

Signed requests against the fake Slack; what the manager and the rep would
see is asserted, and what is stored is counted in the database.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine

from bot.fake_slack import SlackRequests, check_view
from domain.model import WorkspaceRef
from domain.ports import UnitOfWorkFactory
from handlers.blocks.call_fields import ACCOUNT, CALL_ON, DEAL, WENT_WELL, indicator_block
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.blocks.shadow_modal import FEEDBACK_BLOCK, score_block
from handlers.edge import ids
from tests.handlers.conftest import SECRET, TEAM, Slack
from tests.handlers.receipt_steps import column, replay, rows, texts_to
from tests.handlers.shadow_steps import (
    import_deals,
    open_shadow,
    shadow_request,
    shadow_values,
    submit_shadow,
    today_in,
    week3_team,
)

NY = "America/New_York"


def _block(modal: dict[str, Any], block_id: str) -> dict[str, Any]:
    return next(b for b in modal["blocks"] if b.get("block_id") == block_id)


def _buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in message.get("blocks", []) if b["type"] == "actions" for e in b["elements"]]


def _yesterday() -> Any:
    return today_in(NY) - timedelta(days=1)


def test_the_manager_opens_the_observers_form_with_the_reps_focus_and_deal(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    week3_team(slack)
    import_deals(uow_factory)

    modal = open_shadow(slack, "UMGR", "<@UA|alex> acme")

    assert check_view(modal) == []
    text = json.dumps(modal["blocks"])
    assert "What did Alex Rivera do well regarding Discovery and Closing?" in text
    assert "What should Alex Rivera do differently next time?" in text
    assert _block(modal, DEAL)["element"]["initial_option"]["value"] == "D1"  # the open Acme deal, not the won one
    scores = _block(modal, score_block("discovery"))
    assert [o["value"] for o in scores["element"]["options"]] == ["1", "2", "3", "4", "5"]
    assert scores["hint"]["text"].startswith("1 = ")  # the rubric's anchors
    assert _block(modal, indicator_block("discovery_questions_asked"))
    assert _block(modal, FEEDBACK_BLOCK)["optional"] is False

    other = open_shadow(slack, "UMGR", "<@UA|alex>   Umbrella  Inc")
    assert "initial_option" not in _block(other, DEAL)["element"]
    assert _block(other, ACCOUNT)["element"]["initial_value"] == "Umbrella Inc"


def test_only_the_reps_own_manager_may_shadow_and_each_refusal_says_why(slack: Slack, fake) -> None:
    week3_team(slack)
    before = len(fake.opened_views)

    assert "Only <@UA>'s own manager can shadow" in slack.coach("UMGR2", "shadow <@UA|alex>").last_text
    admin = slack.coach("UADMIN", "shadow <@UA|alex>").last_text
    assert "Only <@UA>'s own manager" in admin and "being an admin does not open them" in admin
    assert "cannot shadow your own calls" in slack.coach("UA", "shadow <@UA|alex>").last_text
    assert "Name the rep whose call you joined" in slack.coach("UMGR", "shadow Acme").last_text
    assert "one rep's call at a time" in slack.coach("UMGR", "shadow <@UA|alex> <@UB|bea>").last_text
    assert len(fake.opened_views) == before  # no form to fill in for nothing


def test_a_shadowed_call_reaches_the_rep_with_the_feedback_and_a_debrief_button(
        slack: Slack, fake, engine: Engine) -> None:
    week3_team(slack)
    modal = open_shadow(slack, "UMGR", "<@UA|alex>")
    values = shadow_values(on=_yesterday(), account="Acme Corp",
                           indicators={"discovery_questions_asked": "7", "next_step_defined": "yes"},
                           scores={"discovery": 4, "closing": 2},
                           feedback="Great questions <!channel>; pause after each one.")

    reply = submit_shadow(slack, "UMGR", modal, values)

    assert (reply.status, reply.body) == (200, "")  # the modal closes
    fake.wait_for(lambda: texts_to(slack, "UA", "shadowed your") == 1)
    dm = fake.messages_to("UA")[-1]
    shown = json.dumps(dm)
    assert "<@UMGR> shadowed your discovery call with *Acme Corp*" in shown
    assert "Great questions &lt;!channel&gt;; pause after each one." in shown  # the manager's words, not a ping
    assert "Discovery 4/5" in shown and "Closing 2/5" in shown and "7 questions" in shown
    [button] = _buttons(dm)
    [stored_id] = column(engine, "SELECT id FROM shadow_observations")
    assert (button["action_id"], button["value"], button["text"]["text"]) == (
        ids.OPEN_DEBRIEF, f"shadow:{stored_id}", "Add my debrief of this call")
    fake.wait_for(lambda: texts_to(slack, "UMGR", "Saved your notes") == 1)
    confirmation = json.dumps(fake.messages_to("UMGR")[-1])
    assert "1 shadowed call this week (target 2-3)" in confirmation
    assert rows(engine, "shadow_observations") == 1


def test_bad_input_comes_back_under_its_field_and_nothing_is_stored(slack: Slack, fake, engine: Engine) -> None:
    week3_team(slack)
    modal = open_shadow(slack, "UMGR", "<@UA|alex>")
    values = shadow_values(on=today_in(NY) + timedelta(days=2), answers=("", "Fine.", "Fine."),
                           indicators={"discovery_questions_asked": "-3"}, scores={"discovery": 4, "closing": None},
                           feedback="   ")

    reply = submit_shadow(slack, "UMGR", modal, values)

    errors = json.loads(reply.body)["errors"]
    assert "in the future" in errors[CALL_ON]
    assert "Write a sentence or two" in errors[WENT_WELL]
    assert "cannot be negative" in errors[indicator_block("discovery_questions_asked")]
    assert "Pick a score" in errors[score_block("closing")]
    assert "Write the feedback Alex Rivera will get" in errors[FEEDBACK_BLOCK]
    slack.finish_listeners()
    assert rows(engine, "shadow_observations") == 0
    assert texts_to(slack, "UA", "shadowed your") == 0


def test_a_double_submit_stores_one_observation_and_tells_once(slack: Slack, engine: Engine) -> None:
    week3_team(slack)
    request = shadow_request(slack)

    replies = replay(slack, request, request)

    assert all((r.status, r.body) == (200, "") for r in replies)
    assert rows(engine, "shadow_observations") == 1
    assert texts_to(slack, "UA", "shadowed your") == 1
    assert texts_to(slack, "UMGR", "Saved your notes") == 1


def test_a_forged_form_for_another_teams_rep_is_refused_inline(slack: Slack, engine: Engine) -> None:
    week3_team(slack)
    modal = open_shadow(slack, "UMGR2", "<@UC|chen>")
    values = shadow_values(on=_yesterday(), scores={})

    forged = {**modal, "private_metadata": json.dumps({"rep": "UA", "skills": []})}
    refused = json.loads(submit_shadow(slack, "UMGR2", forged, values).body)["errors"]
    assert "Only this rep's own manager can shadow their calls" in refused[DEAL]

    as_admin = json.loads(submit_shadow(slack, "UADMIN", forged, values).body)["errors"]
    assert "being an admin does not open them" in as_admin[DEAL]

    for garbage in ("not json", json.dumps({"rep": "UA", "skills": "discovery"}), json.dumps({"rep": "<!here>"})):
        tampered = json.loads(submit_shadow(slack, "UMGR", {**modal, "private_metadata": garbage}, values).body)
        assert tampered["errors"] == {DEAL: FORM_UNREADABLE}
    slack.finish_listeners()
    assert rows(engine, "shadow_observations") == 0


def test_a_form_whose_skills_were_forged_is_refused(slack: Slack, engine: Engine) -> None:
    week3_team(slack)
    modal = open_shadow(slack, "UMGR", "<@UA|alex>")
    forged = {**modal, "private_metadata": json.dumps({"rep": "UA", "skills": ["discovery"]})}

    errors = json.loads(submit_shadow(slack, "UMGR", forged, shadow_values(on=_yesterday())).body)["errors"]

    assert "focus skills changed while this form was open" in errors[DEAL]
    assert rows(engine, "shadow_observations") == 0


def test_a_deal_of_another_rep_picked_through_a_crafted_payload_is_refused(
        slack: Slack, uow_factory: UnitOfWorkFactory, engine: Engine) -> None:
    week3_team(slack)
    import_deals(uow_factory)
    modal = open_shadow(slack, "UMGR", "<@UA|alex>")

    reply = submit_shadow(slack, "UMGR", modal, shadow_values(on=_yesterday(), deal="D4", account=None))

    assert "not one of Alex Rivera's" in json.loads(reply.body)["errors"][DEAL]
    assert rows(engine, "shadow_observations") == 0


def test_a_submission_from_another_workspace_stores_nothing(slack: Slack, fake_server, engine: Engine) -> None:
    week3_team(slack)
    modal = open_shadow(slack, "UMGR", "<@UA|alex>")
    other = SlackRequests(SECRET, team_id="T0TWO", response_url_base=fake_server.response_url_base)

    reply = slack.dispatch(other.view_submission("UMGR", ids.SHADOW_VIEW, shadow_values(on=_yesterday()),
                                                 private_metadata=modal["private_metadata"]))
    slack.finish_listeners()

    assert reply.status == 200
    assert rows(engine, "shadow_observations") == 0
    assert texts_to(slack, "UA", "shadowed your") == 0


HUGE = "9" * 4300 + "1"
BAD_VALUES: list[tuple[dict[str, Any], str, str]] = [
    ({"indicators": {"discovery_questions_asked": "²"}}, indicator_block("discovery_questions_asked"), "Type a number"),
    ({"indicators": {"discovery_questions_asked": HUGE}}, indicator_block("discovery_questions_asked"),
     "Type a number"),
    ({"indicators": {"discovery_questions_asked": "nan"}}, indicator_block("discovery_questions_asked"), "number"),
    ({"indicators": {"discovery_questions_asked": "2.5"}}, indicator_block("discovery_questions_asked"),
     "whole number"),
    ({"indicators": {"next_step_defined": "maybe"}}, indicator_block("next_step_defined"), "Pick yes or no"),
    ({"indicators": {"proposal_to_decision_days": "1e400"}}, indicator_block("proposal_to_decision_days"), "number"),
    ({"scores": {"discovery": "²", "closing": 3}}, score_block("discovery"), "Scores go from 1 to 5, not ²."),
    ({"scores": {"discovery": HUGE, "closing": 3}}, score_block("discovery"), "Scores go from 1 to 5, not 9999999…"),
    ({"scores": {"discovery": "-1", "closing": 3}}, score_block("discovery"), "Scores go from 1 to 5, not -1."),
    ({"call_type": "webinar"}, "call_type", "Pick the kind of call"),
    ({"link": "javascript:alert(1)"}, "recording_link", "starts with https://"),
    ({"feedback": "x" * 3001}, FEEDBACK_BLOCK, "Keep it to 3000 characters"),
    ({"account": None}, DEAL, "Pick the deal or type the account"),
]


def test_bad_values_in_the_observers_form_come_back_inline(slack: Slack, caplog, engine: Engine) -> None:
    week3_team(slack)
    modal = open_shadow(slack, "UMGR", "<@UA|alex>")

    for changes, block, expected in BAD_VALUES:
        reply = submit_shadow(slack, "UMGR", modal, shadow_values(on=_yesterday(), **changes))
        assert reply.status == 200
        errors = json.loads(reply.body)["errors"]
        assert expected in errors[block], (changes, errors)
    slack.finish_listeners()
    assert [r.getMessage() for r in caplog.records if r.name == "coachflow.errors"] == []
    assert rows(engine, "shadow_observations") == 0


def _click(slack: Slack, user_id: str, value: str) -> tuple[str, str | None]:
    """Click "Add my debrief of this call" (in a DM); (the trigger_id, the response_url's token)."""
    request = slack.requests.block_actions(user_id, ids.OPEN_DEBRIEF, value=value)
    assert slack.dispatch(request).status == 200
    return request.payload["trigger_id"], request.response_token


def test_the_rep_adds_their_debrief_of_the_shadowed_call_from_the_dm(slack: Slack, fake, engine: Engine) -> None:
    week3_team(slack)
    yesterday = _yesterday()
    submit_shadow(slack, "UMGR", open_shadow(slack, "UMGR", "<@UA|alex>"),
                  shadow_values(on=yesterday, account="Acme Corp", call_type="demo"))
    fake.wait_for(lambda: texts_to(slack, "UA", "shadowed your") == 1)
    [button] = _buttons(fake.messages_to("UA")[-1])

    trigger_id, _ = _click(slack, "UA", button["value"])

    fake.wait_for(lambda: fake.view_opened_by(trigger_id) is not None)
    modal = fake.view_opened_by(trigger_id)
    assert modal is not None and modal["callback_id"] == ids.DEBRIEF_VIEW
    [stored_id] = column(engine, "SELECT id FROM shadow_observations")
    assert json.loads(modal["private_metadata"])["shadow"] == stored_id  # the debrief will link to the observation
    assert _block(modal, ACCOUNT)["element"]["initial_value"] == "Acme Corp"
    assert _block(modal, CALL_ON)["element"]["initial_date"] == yesterday.isoformat()
    assert _block(modal, "call_type")["element"]["initial_option"]["value"] == "demo"
    assert "what went well regarding discovery and closing?" in json.dumps(modal["blocks"]).lower()


def test_nobody_else_opens_a_debrief_linked_to_someone_elses_shadowed_call(slack: Slack, fake) -> None:
    week3_team(slack)
    submit_shadow(slack, "UMGR", open_shadow(slack, "UMGR", "<@UA|alex>"), shadow_values(on=_yesterday()))
    fake.wait_for(lambda: texts_to(slack, "UA", "shadowed your") == 1)
    [button] = _buttons(fake.messages_to("UA")[-1])
    before = len(fake.opened_views)

    for clicker in ("UB", "UC", "UMGR"):
        _, token = _click(slack, clicker, button["value"])
        assert token is not None
        fake.wait_for(lambda token=token: len(fake.responses_for(token)) == 1)
        assert "not one of yours" in json.dumps(fake.responses_for(token))
    assert len(fake.opened_views) == before


def _deals_listed(slack: Slack, user_id: str, modal: dict[str, Any], typed: str) -> list[str]:
    request = slack.requests.block_suggestion(user_id, ids.DEBRIEF_DEAL_SELECT, typed, block_id=DEAL,
                                              view={"callback_id": modal["callback_id"],
                                                    "private_metadata": modal["private_metadata"]})
    reply = slack.dispatch(request)
    assert reply.status == 200
    return [o["value"] for o in reply.json.get("options", [])]


def test_the_deal_select_of_the_observers_form_lists_the_reps_open_deals_to_their_manager_only(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    week3_team(slack)
    import_deals(uow_factory)
    modal = open_shadow(slack, "UMGR", "<@UA|alex>")

    assert sorted(_deals_listed(slack, "UMGR", modal, "")) == ["D1", "D2"]  # Alex's open deals
    assert _deals_listed(slack, "UMGR", modal, "glob") == ["D2"]
    assert _deals_listed(slack, "UMGR2", modal, "") == []  # the same form, submitted by someone else


def _filled(limit: int) -> str:
    """Exactly `limit` characters (code points), multi-byte: what the column must hold as typed."""
    return ("通話🎯é" * limit)[:limit]


def test_the_observers_form_at_its_limits_is_stored_as_typed_and_one_more_is_refused(
        slack: Slack, uow_factory: UnitOfWorkFactory, engine: Engine) -> None:
    week3_team(slack)
    modal = open_shadow(slack, "UMGR", "<@UA|alex>")
    answer, feedback, account = _filled(3000), _filled(3000), _filled(255)

    for block, too_long in ((FEEDBACK_BLOCK, {"feedback": feedback + "x"}), (ACCOUNT, {"account": account + "x"}),
                            (WENT_WELL, {"answers": (answer + "x", "b", "c")})):
        refused = submit_shadow(slack, "UMGR", modal, shadow_values(on=_yesterday(), **too_long))
        error_block = DEAL if block == ACCOUNT else block  # the account is the deal's field
        assert "Keep it to" in json.loads(refused.body)["errors"][error_block]
    assert rows(engine, "shadow_observations") == 0

    reply = submit_shadow(slack, "UMGR", modal, shadow_values(on=_yesterday(), account=account, feedback=feedback,
                                                              answers=(answer, answer, answer)))

    assert reply.body == ""
    with uow_factory(read_only=True) as uow:
        [stored] = uow.shadow_observations.for_reps_between(WorkspaceRef(TEAM), ["UA"], _yesterday(),
                                                            _yesterday())["UA"]
    assert (stored.call.account, stored.feedback, stored.answers.practice_next) == (account, feedback, answer)
