"""Steps of the weeks 3-6 privacy suite: Alex's records made through the app, and crafted attempts at them.

Maya (UMGR) manages Alex (UA) and Bea (UB); Omar (UMGR2) manages Chen (UC);
Ada (UADMIN) is the admin and manages nobody. Everything Alex and Maya write
about Alex carries `SECRET`, so any of it reaching someone else is found by
searching what the fake Slack received for them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine

from bot.fake_slack import SignedRequest, SlackRequests
from bot.modal_values import feedback_values
from domain.ports import UnitOfWorkFactory
from domain.services.pipeline import PipelineService
from handlers.blocks.debrief_prompts import answer_value
from handlers.edge import ids
from tests.handlers.conftest import SECRET as SIGNING_SECRET
from tests.handlers.conftest import Slack
from tests.handlers.debrief_steps import debrief_command, opened_by, submit, today, values, wait_for_copy
from tests.handlers.diagnosis_steps import open_modal
from tests.handlers.homework_steps import assign, button_value, click_to_open, dm_with, hand_in, local_today
from tests.handlers.receipt_steps import rows
from tests.handlers.roleplay_steps import WS, deals_csv, open_form, submit_practised
from tests.handlers.shadow_steps import open_shadow, shadow_values, submit_shadow, today_in

SECRET = "Zephyr-Q7"  # in every text written about Alex: none of it may reach anyone else
OTHER_TEAM = "T0TWO"
OUTSIDER = "UOUT2"  # someone in the other workspace
WRONG_PEOPLE = ("UB", "UMGR2", "UADMIN", OUTSIDER)  # another rep, another manager, the admin, another workspace
TABLES = ("debriefs", "debrief_feedback", "shadow_observations", "homework", "lesson_progress",
          "roleplay_practices", "call_free_days", "opportunities", "members", "peer_shares")


@dataclass
class World:
    """Alex's records, as their ids travel in buttons and modals."""

    debrief_id: str
    shadow_id: str
    homework_id: str
    cycle_id: int
    edit_modal: dict[str, Any]  # Alex's debrief opened to edit
    debrief_feedback_modal: dict[str, Any]  # Maya's reply to it
    shadow_modal: dict[str, Any]  # Maya's observer form about Alex
    homework_modal: dict[str, Any]  # Maya's assignment form for Alex
    hand_in_modal: dict[str, Any]  # Alex's hand-in form
    homework_feedback_modal: dict[str, Any]  # Maya's answer to it
    practice_modal: dict[str, Any]  # Maya's "Mark practised" form of Alex's deal A1


def alex_on_record(slack: Slack, uow_factory: UnitOfWorkFactory) -> World:
    """Two teams, Alex in week 3 with stalled deals, and each kind of his records made by him and Maya."""
    slack.coach("UADMIN", "help", replies=2)  # the workspace's first person: its admin
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    ny_today = today_in("America/New_York")
    slack.coach("UMGR", f"start <@UA|alex> {(ny_today - timedelta(days=ny_today.weekday() + 14)).isoformat()}")
    slack.coach("UMGR", "focus <@UA|alex> discovery closing")
    assert PipelineService(uow_factory).import_file(WS, deals_csv("Acme renewal"), "deals.csv").imported == 7

    answers = (f"{SECRET} asked about budget", f"{SECRET} would listen longer", f"{SECRET} quantify pain")
    assert submit(slack, "UA", debrief_command(slack, "UA"), values(f"Acme {SECRET}", answers=answers)).body == ""
    debrief_id = button_value(wait_for_copy(slack, "UA"), ids.EDIT_DEBRIEF)
    edit_modal = _opened(slack, "UA", ids.EDIT_DEBRIEF, debrief_id)
    debrief_feedback_modal = _opened(slack, "UMGR", ids.DEBRIEF_FEEDBACK, debrief_id)
    feedback = slack.requests.view_submission("UMGR", ids.DEBRIEF_FEEDBACK_VIEW,
                                              feedback_values(f"{SECRET} from Maya on the debrief"),
                                              private_metadata=debrief_feedback_modal["private_metadata"])
    assert slack.dispatch(feedback).body == ""

    shadow_modal = open_shadow(slack, "UMGR", "<@UA|alex>")
    observed = shadow_values(on=ny_today - timedelta(days=1), feedback=f"{SECRET} shadow feedback for Alex")
    assert submit_shadow(slack, "UMGR", shadow_modal, observed).body == ""
    shadow_id = button_value(dm_with(slack, "UA", "shadowed your"), ids.OPEN_DEBRIEF).removeprefix("shadow:")

    homework_modal = open_modal(slack, "UMGR", "homework <@UA|alex>")
    assert assign(slack, homework_modal, f"{SECRET} write five discovery questions",
                  local_today("America/New_York") + timedelta(days=2)).body == ""
    homework_id = button_value(dm_with(slack, "UA", "gave you homework"), ids.OPEN_HAND_IN)
    hand_in_modal, _ = click_to_open(slack, "UA", ids.OPEN_HAND_IN, homework_id)
    assert hand_in_modal is not None
    assert hand_in(slack, "UA", hand_in_modal, answer=f"{SECRET} 1. What if you wait?").body == ""
    dm_with(slack, "UMGR", "handed in their homework")
    homework_feedback_modal, _ = click_to_open(slack, "UMGR", ids.OPEN_HOMEWORK_FEEDBACK, homework_id)
    assert homework_feedback_modal is not None

    submit_practised(slack, "UMGR", open_form(slack, "UMGR", "UA:A2")["private_metadata"], f"{SECRET} objections")
    practice_modal = open_form(slack, "UMGR", "UA:A1")
    with uow_factory(read_only=True) as uow:
        cycle = uow.cycles.active_for(WS, "UA")
    assert cycle is not None and cycle.id is not None
    slack.listeners.wait_idle()
    return World(debrief_id, shadow_id, homework_id, cycle.id, edit_modal, debrief_feedback_modal, shadow_modal,
                 homework_modal, hand_in_modal, homework_feedback_modal, practice_modal)


def _opened(slack: Slack, user_id: str, action_id: str, value: str) -> dict[str, Any]:
    request = slack.requests.block_actions(user_id, action_id, value=value, channel_id=f"D{user_id}")
    assert slack.dispatch(request).status == 200
    return opened_by(slack, request.payload["trigger_id"])


def prompt_value() -> str:
    """The value of "No calls today" / "Not today" on Alex's end-of-day prompt of yesterday."""
    return answer_value("UA", today() - timedelta(days=1))


# -- an attempt, and what it left behind ------------------------------------------------------------------


@dataclass
class Outcome:
    """What a person noticed after one request, and what Slack was asked meanwhile."""

    seen: str  # the HTTP answer, the replies at the response_url, new DMs to the person, a modal opened
    calls: list[Any]  # every Web API call and response_url post the request caused
    counts: dict[str, int]
    dms_to_alex: int
    modal: dict[str, Any] | None


def counts(engine: Engine) -> dict[str, int]:
    return {table: rows(engine, table) for table in TABLES}


def requests_for(slack: Slack, person: str, base_url: str) -> SlackRequests:
    """Signed like Slack's; the outsider's carry the other workspace's team id."""
    return SlackRequests(SIGNING_SECRET, team_id=OTHER_TEAM, response_url_base=base_url) if person == OUTSIDER \
        else slack.requests


def attempt(slack: Slack, engine: Engine, person: str, request: SignedRequest) -> Outcome:
    """Send `request` (made for `person`), wait until the app is done with it, and gather what it caused."""
    slack.listeners.wait_idle()
    before_calls, before_dms = len(slack.fake.calls), len(slack.fake.messages_to(person))
    reply = slack.dispatch(request)
    assert reply.status == 200, reply.body
    slack.listeners.wait_idle()
    token = request.response_token or ""
    trigger = request.payload.get("trigger_id") if request.payload else None
    modal = slack.fake.view_opened_by(trigger) if isinstance(trigger, str) else None
    new_dms = slack.fake.messages_to(person)[before_dms:] if person != OUTSIDER else []
    seen = json.dumps([reply.body, slack.fake.responses_for(token), new_dms, modal], ensure_ascii=False)
    calls = [{"method": c.method, **c.params} for c in slack.fake.calls[before_calls:]]
    return Outcome(seen, calls, counts(engine), len(slack.fake.messages_to("UA")), modal)


def everything_sent_to(slack: Slack, person: str) -> str:
    """Every DM, ephemeral message and App Home the person has had (for the final sweep)."""
    return json.dumps([slack.fake.messages_to(person), slack.fake.ephemerals_to(person), slack.fake.home_of(person)],
                      ensure_ascii=False)

