"""The post-call debrief through Slack: /debrief, App Home, the message shortcut, the deal search,
inline errors, the DM copy, editing it, and the manager's feedback in its thread."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine

from bot.fake_slack import check_view
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.debriefs import ShadowObservation
from handlers.blocks.debriefs import open_debrief_value
from handlers.edge import ids
from tests.handlers.conftest import Slack, home_text
from tests.handlers.debrief_steps import (
    WS,
    blocks_of,
    button_value,
    click,
    copies_to,
    debrief_command,
    errors,
    opened_by,
    submit,
    team_in_develop,
    today,
    values,
    wait_for_copy,
)
from tests.handlers.receipt_steps import column, rows


def test_debrief_opens_the_modal_with_the_focus_questions_and_saves_a_copy_for_the_rep(
        slack: Slack, uow_factory, engine: Engine) -> None:
    team_in_develop(slack, uow_factory)
    modal = debrief_command(slack, "UA", "Contoso")
    assert check_view(modal) == []
    found = blocks_of(modal)
    assert found["went_well"]["label"]["text"] == "What went well regarding discovery and closing?"
    assert found["account"]["element"]["initial_value"] == "Contoso"  # no deal of that name: the account
    assert found["call_on"]["element"]["initial_date"] == today().isoformat()  # Alex's own today
    assert {"ind_discovery_questions_asked", "ind_next_step_defined", "ind_proposal_to_decision_days"} <= set(found)

    reply = submit(slack, "UA", modal, values("Contoso", indicators={"discovery_questions_asked": "6",
                                                          "next_step_defined": "yes"},
                                              link="https://rec.example/calls/1"))

    assert reply.status == 200 and reply.body == ""  # the modal closes
    copy = wait_for_copy(slack, "UA")
    shown = json.dumps(copy["blocks"])
    assert "Contoso" in copy["text"] and "discovery call" in copy["text"]
    assert "Asked about budget early" in shown and "Questions asked per discovery call: *6 questions*" in shown
    assert "Next step defined with a date: *yes*" in shown and "https://rec.example/calls/1" in shown
    assert button_value(copy, ids.EDIT_DEBRIEF) == str(column(engine, "SELECT id FROM debriefs")[0])
    assert rows(engine, "debriefs") == 1


def test_debrief_with_a_deal_name_picks_the_reps_own_open_deal(slack: Slack, uow_factory, engine: Engine) -> None:
    team_in_develop(slack, uow_factory)
    modal = debrief_command(slack, "UA", "acme renewal")
    picked = blocks_of(modal)["deal"]["element"]["initial_option"]
    assert picked["value"] == "OPP-1" and picked["text"]["text"] == "Acme renewal"
    assert "initial_value" not in blocks_of(modal)["account"]["element"]
    assert "initial_option" not in blocks_of(debrief_command(slack, "UA", "Umbrella pilot"))["deal"]["element"]

    submit(slack, "UA", modal, values(account=None, deal=("OPP-1", "Acme renewal")))
    wait_for_copy(slack, "UA")
    assert column(engine, "SELECT account || '/' || deal_id FROM debriefs") == ["Acme renewal/OPP-1"]


def test_a_rep_without_a_cycle_gets_the_three_questions_and_no_indicator_fields(slack: Slack, uow_factory) -> None:
    team_in_develop(slack, uow_factory)
    found = blocks_of(debrief_command(slack, "UB"))
    assert found["went_well"]["label"]["text"] == "What went well?"
    assert not [block for block in found if block.startswith("ind_")]


def test_bad_input_comes_back_under_its_field_and_nothing_is_stored(slack: Slack, uow_factory, engine: Engine) -> None:
    team_in_develop(slack, uow_factory)
    modal = debrief_command(slack, "UA")
    reply = submit(slack, "UA", modal, values(
        on=today() + timedelta(days=2), answers=("Good", " ", "x" * 3001), link="http://rec.example/1",
        indicators={"discovery_questions_asked": "-2", "proposal_to_decision_days": "abc"}))
    found = errors(reply)
    assert "future" in found["call_on"]
    assert "Write a sentence" in found["do_differently"] and "3000" in found["practice_next"]
    assert "https://" in found["recording_link"]
    assert "negative" in found["ind_discovery_questions_asked"]
    assert "Type a number" in found["ind_proposal_to_decision_days"]
    long_ago = submit(slack, "UA", modal, values(on=today() - timedelta(weeks=5)))
    assert "coaching cycle started" in errors(long_ago)["call_on"]
    crafted = submit(slack, "UA", modal, values(account=None, deal=("OPP-9", "Umbrella pilot")))
    assert "not one of your" in errors(crafted)["deal"]  # another rep's deal, typed into a crafted payload
    slack.finish_listeners()
    assert rows(engine, "debriefs") == 0 and copies_to(slack, "UA") == []


def test_the_app_home_button_opens_the_modal(slack: Slack, uow_factory) -> None:
    team_in_develop(slack, uow_factory)
    home = slack.open_home("UA")
    assert ids.OPEN_DEBRIEF in home_text(home)
    trigger, _ = click(slack, "UA", ids.OPEN_DEBRIEF, "", view=home)
    assert opened_by(slack, trigger)["callback_id"] == ids.DEBRIEF_VIEW


def test_the_message_shortcut_prefills_the_account_and_the_recording_link(slack: Slack, uow_factory) -> None:
    team_in_develop(slack, uow_factory)
    text = ("*Contoso* – discovery call\nRecording ready: <https://rec.example/v/42|Watch> "
            "and https://other.example/x")
    request = slack.requests.message_shortcut("UA", ids.DEBRIEF_SHORTCUT, text)
    assert slack.dispatch(request).status == 200
    found = blocks_of(opened_by(slack, request.payload["trigger_id"]))
    assert found["recording_link"]["element"]["initial_value"] == "https://rec.example/v/42"
    assert found["account"]["element"]["initial_value"] == "Contoso – discovery call"
    calendar = slack.requests.message_shortcut("UA", ids.DEBRIEF_SHORTCUT, "Globex expansion: demo\n10:00-10:30")
    slack.dispatch(calendar)
    picked = blocks_of(opened_by(slack, calendar.payload["trigger_id"]))["deal"]["element"]["initial_option"]
    assert picked["value"] == "OPP-2"


def test_the_deal_search_lists_only_the_callers_own_open_deals(slack: Slack, uow_factory) -> None:
    team_in_develop(slack, uow_factory)

    def options(user_id: str, typed: str, metadata: str = "") -> list[str]:
        request = slack.requests.block_suggestion(user_id, ids.DEBRIEF_DEAL_SELECT, typed, block_id="deal",
                                                  view={"private_metadata": metadata})
        reply = slack.dispatch(request)
        assert reply.status == 200
        return [o["text"]["text"] for o in json.loads(reply.body)["options"]]

    assert options("UA", "") == ["Acme renewal", "Globex expansion"]
    assert options("UA", "glo") == ["Globex expansion"]
    assert options("UA", "umbrella") == []
    assert options("UB", "") == ["Umbrella pilot"]
    assert options("UA", "", json.dumps({"rep": "UB"})) == []  # a crafted modal naming another rep
    assert options("UMGR", "", json.dumps({"rep": "UA"})) == ["Acme renewal", "Globex expansion"]
    assert options("UMGR2", "", json.dumps({"rep": "UA"})) == []


def test_the_rep_edits_a_debrief_the_copy_is_updated_and_the_earlier_version_kept(
        slack: Slack, uow_factory, engine: Engine) -> None:
    team_in_develop(slack, uow_factory)
    submit(slack, "UA", debrief_command(slack, "UA", "Acme"), values(indicators={"discovery_questions_asked": "4"}))
    copy = wait_for_copy(slack, "UA")
    debrief_id = button_value(copy, ids.EDIT_DEBRIEF)
    assert debrief_id

    trigger, _ = click(slack, "UA", ids.EDIT_DEBRIEF, debrief_id)
    modal = opened_by(slack, trigger)
    found = blocks_of(modal)
    assert modal["title"]["text"] == "Edit debrief"
    assert found["account"]["element"]["initial_value"] == "Acme"
    assert found["went_well"]["element"]["initial_value"] == "Asked about budget early"
    assert found["ind_discovery_questions_asked"]["element"]["initial_value"] == "4"

    reply = submit(slack, "UA", modal, values("Acme Corp", indicators={"discovery_questions_asked": "7"}))
    assert reply.body == ""

    def the_copy() -> dict:
        return next(m for m in slack.fake.messages_to("UA") if m["ts"] == copy["ts"])

    slack.fake.wait_for(lambda: "Debrief edited" in the_copy().get("text", ""))
    updated = the_copy()
    assert "edited" in updated  # the same message, updated in place
    assert "Acme Corp" in updated["text"] and "*7 questions*" in json.dumps(updated["blocks"])
    assert len(copies_to(slack, "UA")) == 1
    [stored] = column(engine, "SELECT history FROM debriefs")
    history = json.loads(stored) if isinstance(stored, str) else stored
    assert [(v["account"], v["indicators"]) for v in history] == [("Acme", {"discovery_questions_asked": 4})]
    assert column(engine, "SELECT version FROM debriefs") == [2]


def test_nobody_edits_another_reps_debrief(slack: Slack, uow_factory, engine: Engine) -> None:
    team_in_develop(slack, uow_factory)
    submit(slack, "UA", debrief_command(slack, "UA", "Acme"), values())
    debrief_id = button_value(wait_for_copy(slack, "UA"), ids.EDIT_DEBRIEF)
    assert debrief_id
    before = len(slack.fake.opened_views)

    _, token = click(slack, "UB", ids.EDIT_DEBRIEF, debrief_id)
    assert "not yours" in json.dumps(_answer(slack, token))
    # A crafted submission naming Alex's debrief from Bea's own modal.
    crafted = submit(slack, "UB", {"private_metadata": json.dumps({"debrief": int(debrief_id)})}, values("Mine"))
    assert "not yours" in errors(crafted)["deal"]
    slack.finish_listeners()
    assert len(slack.fake.opened_views) == before
    assert column(engine, "SELECT account FROM debriefs") == ["Acme"]


def test_the_manager_replies_with_feedback_in_the_thread_of_the_reps_copy(
        slack: Slack, uow_factory, engine: Engine) -> None:
    team_in_develop(slack, uow_factory)
    submit(slack, "UA", debrief_command(slack, "UA", "Acme"), values())
    copy = wait_for_copy(slack, "UA")
    debrief_id = button_value(copy, ids.EDIT_DEBRIEF)
    assert debrief_id

    trigger, _ = click(slack, "UMGR", ids.DEBRIEF_FEEDBACK, debrief_id)
    modal = opened_by(slack, trigger)
    assert modal["callback_id"] == ids.DEBRIEF_FEEDBACK_VIEW and check_view(modal) == []
    hostile = "Great start <!channel> — ask about <https://evil.example|budget> sooner"
    reply = submit(slack, "UMGR", modal, {"feedback": {"value": {"type": "plain_text_input", "value": hostile}}},
                   callback_id=ids.DEBRIEF_FEEDBACK_VIEW)
    assert reply.body == ""

    slack.fake.wait_for(lambda: any(m.get("thread_ts") == copy["ts"] for m in slack.fake.messages_to("UA")))
    [answer] = [m for m in slack.fake.messages_to("UA") if m.get("thread_ts") == copy["ts"]]
    shown = json.dumps(answer["blocks"])
    assert "&lt;!channel&gt;" in shown and "<!channel>" not in shown  # the manager's text, never live
    assert column(engine, "SELECT text FROM debrief_feedback") == [hostile]


def _answer(slack: Slack, token: str | None) -> dict[str, Any]:
    """The last answer at the click's response_url, once there is one."""
    assert token is not None
    slack.fake.wait_for(lambda: bool(slack.fake.responses_for(token)))
    return slack.fake.responses_for(token)[-1]


def test_only_the_reps_own_manager_may_reply(slack: Slack, uow_factory, engine: Engine) -> None:
    team_in_develop(slack, uow_factory)
    submit(slack, "UA", debrief_command(slack, "UA", "Acme"), values())
    debrief_id = button_value(wait_for_copy(slack, "UA"), ids.EDIT_DEBRIEF)
    assert debrief_id
    before = len(slack.fake.opened_views)
    for someone in ("UMGR2", "UB", "UA"):
        _, token = click(slack, someone, ids.DEBRIEF_FEEDBACK, debrief_id)
        assert "your own reps" in json.dumps(_answer(slack, token))
    crafted = submit(slack, "UMGR2", {"private_metadata": json.dumps({"debrief": int(debrief_id)})},
                     {"feedback": {"value": {"type": "plain_text_input", "value": "Sneaky"}}},
                     callback_id=ids.DEBRIEF_FEEDBACK_VIEW)
    assert "your own reps" in errors(crafted)["feedback"]
    slack.finish_listeners()
    assert len(slack.fake.opened_views) == before and rows(engine, "debrief_feedback") == 0


def test_a_shadowed_calls_add_my_debrief_button_links_the_debrief(slack: Slack, uow_factory, engine: Engine) -> None:
    team_in_develop(slack, uow_factory)
    with uow_factory() as uow:
        seen = uow.shadow_observations.add(ShadowObservation(
            WS, "UA", "UMGR", CallRef("Acme renewal", "OPP-1"), CallType.DEMO, today() - timedelta(days=1),
            CallAnswers("a", "b", "c"), "Good call"))
        uow.commit()
    assert isinstance(seen.id, int)
    trigger, _ = click(slack, "UA", ids.OPEN_DEBRIEF, open_debrief_value(seen.id))
    modal = opened_by(slack, trigger)
    assert blocks_of(modal)["call_type"]["element"]["initial_option"]["value"] == "demo"
    submit(slack, "UA", modal, values(account=None, deal=("OPP-1", "Acme renewal"), call_type="demo"))
    wait_for_copy(slack, "UA")
    assert column(engine, "SELECT shadow_id FROM debriefs") == [seen.id]


def test_someone_coachflow_does_not_know_yet_gets_the_modal_from_the_command_and_the_shortcut(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    modal = debrief_command(slack, "UB")
    assert blocks_of(modal)["went_well"]["label"]["text"] == "What went well?"
    request = slack.requests.message_shortcut("UC", ids.DEBRIEF_SHORTCUT, "Weekly sync with Hooli")
    assert slack.dispatch(request).status == 200
    found = blocks_of(opened_by(slack, request.payload["trigger_id"]))
    assert found["account"]["element"]["initial_value"] == "Weekly sync with Hooli"
