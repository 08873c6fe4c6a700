"""The end-of-day prompt and the manager's digest through Slack: signed clicks and submissions, virtual time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import (
    FakeSlack,
    FakeSlackServer,
    RecordingSlackClient,
    SlackRequests,
    datepicker,
    plain_text,
    static_select,
)
from domain.model import WorkspaceRef
from domain.notifications.debrief_digest import QUIET
from domain.ports import UnitOfWorkFactory
from handlers.blocks.call_fields import ACCOUNT, CALL_ON, CALL_TYPE, DO_DIFFERENTLY, PRACTICE_NEXT, WENT_WELL
from handlers.blocks.inputs import VALUE
from handlers.edge import ids
from handlers.jobs.dispatch import DispatchJob
from tests.fakes import FakeDispatcherLock
from tests.handlers.conftest import SECRET, Slack
from tests.handlers.contract_steps import click
from tests.handlers.jobs.steps import VirtualTime
from tests.handlers.receipt_steps import replay

T1 = WorkspaceRef("T1")
MONDAY = date(2026, 11, 30)
BERLIN_FIVE = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)  # Monday 17:00 in Berlin (UB)
LA_FIVE = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # Monday 17:00 in Los Angeles (UA)


@dataclass
class World:
    slack: Slack
    time: VirtualTime
    job: DispatchJob
    uow_factory: UnitOfWorkFactory

    @property
    def fake(self) -> FakeSlack:
        return self.slack.fake

    def tick(self, at: datetime) -> None:
        self.time.now = at
        self.job.tick(clock=self.time)

    def call_free_days(self) -> dict[str, set[date]]:
        with self.uow_factory(read_only=True) as uow:
            return uow.call_free_days.for_reps_between(T1, ["UA", "UB", "UC"], date(2026, 11, 1), date(2026, 12, 31))


@pytest.fixture
def world(uow_factory: UnitOfWorkFactory, fake: FakeSlack, fake_server: FakeSlackServer,
          slack_requests: SlackRequests) -> Iterator[World]:
    time = VirtualTime(datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    settings = load_settings(None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET,
                             SLACK_API_URL=fake_server.base_url)
    services = build_services(uow_factory, settings, clock=time, sleep=time.sleep)
    client = RecordingSlackClient(fake)
    app = create_app(settings, services, client=client)
    slack = Slack(app, fake, slack_requests)
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    yield World(slack, time, DispatchJob(services, client, FakeDispatcherLock()), uow_factory)
    app.listener_runner.listener_executor.shutdown(wait=True)


def _of_kind(fake: FakeSlack, user_id: str, kind: str) -> list[dict[str, Any]]:
    return [m for m in fake.messages_to(user_id)
            if f"/{kind}/" in str((m.get("metadata") or {}).get("event_payload", {}).get("key", ""))]


def _button(message: dict[str, Any], action_id: str) -> str:
    for block in message["blocks"]:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("action_id") == action_id:
                return str(element.get("value"))
    raise AssertionError(f"no {action_id} button in {message}")


def _text(messages: list[dict[str, Any]]) -> str:
    return json.dumps(messages, ensure_ascii=False)


def test_the_prompt_comes_at_17_00_local_and_no_calls_today_is_noted_in_place_once(world: World) -> None:
    world.tick(BERLIN_FIVE)
    [prompt] = _of_kind(world.fake, "UB", "debrief_prompt")
    assert prompt["text"] == "Any calls today worth a one-minute debrief?"
    assert _of_kind(world.fake, "UA", "debrief_prompt") == []  # 08:00 in Los Angeles
    value = _button(prompt, ids.NO_CALLS_TODAY)

    request = world.slack.requests.block_actions("UB", ids.NO_CALLS_TODAY, value=value)
    world.slack.dispatch(request)
    world.fake.wait_for(lambda: len(world.fake.responses_for(request.response_token or "")) == 1)
    [answer] = world.fake.responses_for(request.response_token or "")
    assert answer["replace_original"] is True and answer["text"] == "Noted: no calls today."
    replay(world.slack, request, request)  # Slack's retry and a double click: stored once, answered once
    assert len(world.fake.responses_for(request.response_token or "")) == 1
    assert world.call_free_days() == {"UB": {MONDAY}}


def test_nobody_answers_another_reps_prompt(world: World) -> None:
    world.tick(BERLIN_FIVE)
    value = _button(_of_kind(world.fake, "UB", "debrief_prompt")[0], ids.NO_CALLS_TODAY)

    for action in (ids.NO_CALLS_TODAY, ids.NOT_TODAY):
        [refusal] = click(world.slack, "UMGR", action, value)  # a crafted payload naming Bea's prompt
        assert refusal["response_type"] == "ephemeral" and refusal["replace_original"] is False
        assert "sent to <@UB>: only they can answer it" in refusal["text"]
    [unreadable] = click(world.slack, "UB", ids.NO_CALLS_TODAY, "<!channel>:2026-11-30")
    assert "could not be read" in unreadable["text"]
    assert world.call_free_days() == {}


def test_not_today_only_answers(world: World) -> None:
    world.tick(BERLIN_FIVE)
    value = _button(_of_kind(world.fake, "UB", "debrief_prompt")[0], ids.NOT_TODAY)
    [answer] = click(world.slack, "UB", ids.NOT_TODAY, value)
    assert answer["replace_original"] is True and answer["text"] == "OK, see you tomorrow."
    assert world.call_free_days() == {}


def test_coach_notify_off_debrief_prompt_stops_it_for_that_rep_only(world: World) -> None:
    reply = world.slack.coach("UB", "notify off debrief_prompt")
    assert "debrief prompt" in reply.last_text.lower()
    world.tick(BERLIN_FIVE)
    world.tick(LA_FIVE)
    assert _of_kind(world.fake, "UB", "debrief_prompt") == []
    assert len(_of_kind(world.fake, "UA", "debrief_prompt")) == 1


def _open_from_prompt(world: World, rep_id: str, value: str) -> dict[str, Any]:
    request = world.slack.requests.block_actions(rep_id, ids.OPEN_DEBRIEF, value=value)
    assert world.slack.dispatch(request).status == 200
    trigger_id = request.payload["trigger_id"]
    world.fake.wait_for(lambda: world.fake.view_opened_by(trigger_id) is not None)
    modal = world.fake.view_opened_by(trigger_id)
    assert modal is not None
    return modal


def _debrief(world: World, rep_id: str, modal: dict[str, Any], account: str, day: date) -> None:
    values = {
        ACCOUNT: {VALUE: plain_text(account)}, CALL_TYPE: {VALUE: static_select("discovery")},
        CALL_ON: {VALUE: datepicker(day)}, WENT_WELL: {VALUE: plain_text(f"Good questions at {account}")},
        DO_DIFFERENTLY: {VALUE: plain_text("Talk less")}, PRACTICE_NEXT: {VALUE: plain_text("Quantify pain")},
    }
    request = world.slack.requests.view_submission(rep_id, ids.DEBRIEF_VIEW, values,
                                                   private_metadata=modal["private_metadata"])
    reply = world.slack.dispatch(request)
    assert reply.status == 200 and not reply.body, reply.body  # closed: no inline errors


def test_the_prompts_debrief_button_opens_the_form_on_the_prompts_day(world: World) -> None:
    world.tick(BERLIN_FIVE)
    value = _button(_of_kind(world.fake, "UB", "debrief_prompt")[0], ids.OPEN_DEBRIEF)
    world.time.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # Bea answers Monday's prompt on Tuesday morning

    modal = _open_from_prompt(world, "UB", value)

    dates = [b["element"].get("initial_date") for b in modal["blocks"] if b.get("block_id") == CALL_ON]
    assert dates == ["2026-11-30"]


def test_five_debriefs_in_a_row_reach_the_manager_as_one_digest_with_a_feedback_button_per_line(
        world: World) -> None:
    world.tick(BERLIN_FIVE)
    value = _button(_of_kind(world.fake, "UB", "debrief_prompt")[0], ids.OPEN_DEBRIEF)
    for n in range(5):  # one a minute
        world.time.now = BERLIN_FIVE + timedelta(minutes=1 + n)
        _debrief(world, "UB", _open_from_prompt(world, "UB", value), f"Account {n}", MONDAY)
        world.tick(world.time.now)

    assert _of_kind(world.fake, "UMGR", "debrief_digest") == []  # still inside the quiet period
    at = world.time.now
    while at <= BERLIN_FIVE + timedelta(minutes=30):
        world.tick(at)
        at += timedelta(minutes=1)

    [digest] = _of_kind(world.fake, "UMGR", "debrief_digest")
    assert digest["text"] == "5 new debriefs from your reps: Bea Schmidt"
    shown = _text([digest])
    assert all(f"with *Account {n}* (Mon 30 Nov)" in shown for n in range(5))
    key = digest["metadata"]["event_payload"]["key"]
    assert key == f"T1/UMGR/debrief_digest/debriefs@{BERLIN_FIVE + timedelta(minutes=5) + QUIET:%Y%m%dT%H%MZ}"

    feedback_id = _button(digest, ids.DEBRIEF_FEEDBACK)
    request = world.slack.requests.block_actions("UMGR", ids.DEBRIEF_FEEDBACK, value=feedback_id)
    assert world.slack.dispatch(request).status == 200
    trigger_id = request.payload["trigger_id"]
    world.fake.wait_for(lambda: world.fake.view_opened_by(trigger_id) is not None)
    feedback = world.fake.view_opened_by(trigger_id)
    assert feedback is not None and feedback["callback_id"] == ids.DEBRIEF_FEEDBACK_VIEW
