"""21-day challenge privacy: every challenge button and form, crafted to name Alex's challenge, is refused.

Maya starts Alex's challenge with a behaviour carrying `SECRET`. Only Alex
answers his days; his manager reads his figures but answers nothing; another
rep, another manager and someone in another workspace get a clear refusal,
nothing changes, and none of the challenge's text reaches them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.fake_slack import FakeSlackServer, SignedRequest, SlackRequests
from domain.ports import UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers.challenge_steps import open_start, submit_start
from tests.handlers.conftest import Slack
from tests.handlers.homework_steps import WS, dm_with, local_today
from tests.handlers.privacy_steps import OUTSIDER, SECRET, attempt, requests_for

WRONG = ("UB", "UMGR2", "UMGR", OUTSIDER)  # another rep, another manager, Alex's own manager, another workspace
Build = Callable[[SlackRequests, int, str], SignedRequest]


def _today() -> str:
    return local_today("America/Los_Angeles").isoformat()


def _click(action_id: str) -> Build:
    return lambda r, c, p: r.block_actions(p, action_id, value=f"{c}:{_today()}", channel_id=f"D{p}")


def _repair() -> Build:
    return lambda r, c, p: r.block_actions(p, ids.CHALLENGE_REPAIR, value=str(c), channel_id=f"D{p}")


def _form(callback_id: str, metadata: Callable[[int], dict[str, Any]], values: dict[str, Any]) -> Build:
    return lambda r, c, p: r.view_submission(p, callback_id, values, private_metadata=json.dumps(metadata(c)))


NOTE_VALUES = {"answer": {"value": {"type": "static_select", "selected_option": {"value": "done"}}},
               "note": {"value": {"type": "plain_text_input", "value": "crafted"}}}
START_VALUES = {"behaviour:discovery": {"value": {"type": "plain_text_input", "value": "crafted"}},
                "behaviour:closing": {"value": {"type": "plain_text_input", "value": "crafted"}}}
CASES: dict[str, tuple[Build, str]] = {
    "did it": (_click(ids.CHALLENGE_DONE), "only they can answer"),
    "missed": (_click(ids.CHALLENGE_MISSED), "only they can answer"),
    "no calls": (_click(ids.CHALLENGE_NO_CALLS), "only they can answer"),
    "repair": (_repair(), "only they can answer"),
    "add a note": (_click(ids.CHALLENGE_ADD_NOTE), ""),  # opens an empty form; its submission is refused
    "note form": (_form(ids.CHALLENGE_NOTE_VIEW, lambda c: {"c": c, "d": _today()}, NOTE_VALUES),
                  "only they can answer"),
    "start form": (_form(ids.CHALLENGE_VIEW, lambda c: {"r": "UA", "s": ["discovery", "closing"]}, START_VALUES),
                   "challenge"),
}


@pytest.fixture
def alexs_challenge(slack: Slack, uow_factory: UnitOfWorkFactory) -> int:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    slack.coach("UMGR", "start <@UA|alex>")
    slack.coach("UMGR", "focus <@UA|alex> discovery closing")
    modal = open_start(slack, "UMGR", "start <@UA|alex>")
    assert submit_start(slack, "UMGR", modal, {"discovery": f"{SECRET} ask five questions"}).body == ""
    dm_with(slack, "UA", "started your 21-day challenge")
    slack.listeners.wait_idle()
    with uow_factory(read_only=True) as uow:
        [challenge] = uow.challenges.active_for(WS, ["UA"]).values()
    return challenge.id or 0


def _state(uow_factory: UnitOfWorkFactory) -> list[Any]:
    with uow_factory(read_only=True) as uow:
        found = uow.challenges.latest_for(WS, ["UA", "UB", "UC"])
        days = uow.challenges.days(WS, [c.id or 0 for c in found.values()])
    answered = sorted((cid, day, str(kept.record)) for cid, mine in days.items() for day, kept in mine.items())
    return [*sorted((c.id, c.rep_id, c.status, c.repairs_used) for c in found.values()), answered]


@pytest.mark.parametrize("case", sorted(CASES))
def test_nobody_else_answers_repairs_or_restarts_alexs_challenge(case: str, slack: Slack, engine: Engine,
                                                                 uow_factory: UnitOfWorkFactory,
                                                                 fake_server: FakeSlackServer,
                                                                 alexs_challenge: int) -> None:
    build, refusal = CASES[case]
    before = _state(uow_factory)
    for person in WRONG:
        outcome = attempt(slack, engine, person,
                          build(requests_for(slack, person, fake_server.base_url), alexs_challenge, person))
        if person != OUTSIDER:  # another workspace's request is dropped at the edge, unanswered
            assert refusal in outcome.seen, (case, person, outcome.seen[:400])
        assert SECRET not in outcome.seen, (case, person)
        assert _state(uow_factory) == before, (case, person)


def test_only_alexs_manager_sends_him_encouragement_once_a_day_whatever_the_clicks(
        slack: Slack, engine: Engine, uow_factory: UnitOfWorkFactory, fake_server: FakeSlackServer,
        alexs_challenge: int) -> None:
    for person in ("UB", "UMGR2", "UA", OUTSIDER):
        requests = requests_for(slack, person, fake_server.base_url)
        outcome = attempt(slack, engine, person, requests.block_actions(
            person, ids.CHALLENGE_ENCOURAGE, value=str(alexs_challenge), channel_id=f"D{person}"))
        if person != OUTSIDER:
            assert "own manager" in outcome.seen, (person, outcome.seen[:300])
        assert SECRET not in outcome.seen
    assert not [m for m in slack.fake.messages_to("UA") if "cheering you on" in m["text"]]
    click = slack.requests.block_actions("UMGR", ids.CHALLENGE_ENCOURAGE, value=str(alexs_challenge),
                                         channel_id="DUMGR")
    sent = attempt(slack, engine, "UMGR", click)
    assert "Sent <@UA> your encouragement" in sent.seen
    attempt(slack, engine, "UMGR", click)  # Slack's retry
    again = attempt(slack, engine, "UMGR", slack.requests.block_actions(  # a second click, another message
        "UMGR", ids.CHALLENGE_ENCOURAGE, value=str(alexs_challenge), channel_id="DUMGR"))
    assert "today already" in again.seen
    cheers = [m for m in slack.fake.messages_to("UA") if "cheering you on" in m["text"]]
    assert len(cheers) == 1 and "<@UMGR>" in cheers[0]["text"]
    with uow_factory(read_only=True) as uow:
        assert not uow.challenges.add_encouragement(WS, alexs_challenge, "UMGR", local_today("America/New_York"),
                                                    datetime.now(UTC))
