"""The week-7 invitation through Slack (issue 13): the DM's and App Home's "Start my 21-day challenge" open
`/challenge`'s start form, saving it starts the challenge and the invitation leaves Home; the manager's
"Start <rep>'s challenge" does the same for their rep; nobody else's click opens the rep's form.

Lena (London) is moved into week 7 of her cycle by her manager Maya (New York) on Monday 15 March 2027.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine

from bot.fake_slack import FakeSlackServer
from domain.ports import UnitOfWorkFactory
from handlers.blocks.challenge_invite import SELF
from handlers.edge import ids
from tests.handlers.challenge_steps import HALF_HOUR, button_value, lena_coached, submit_start, text_of
from tests.handlers.conftest import Slack
from tests.handlers.homework_steps import WS, click_to_open, errors_of
from tests.handlers.jobs.steps import T1
from tests.handlers.loop_world import Loop, loop_fixture  # noqa: F401  (the `loop` fixture)
from tests.handlers.privacy_steps import OUTSIDER, attempt, requests_for

REP_DM = "Week 7: time for your 21-day challenge"
MANAGER_DM = "entered week 7 without a 21-day challenge"
NOT_STARTED = "21-day challenge* · not started"


def _lena_in_week_7(loop: Loop) -> None:
    lena_coached(loop)
    for _ in range(3):  # diagnose -> prioritize -> develop -> habit: week 7 from this Monday
        loop.slack.coach("UMGR", "cycle <@UL|lena> advance")
    with loop.uow_factory(read_only=True) as uow:
        cycle = uow.cycles.active_for(T1, "UL")
        assert cycle is not None and cycle.program_week(date(2027, 3, 15)) == 7


def _home(loop: Loop, user_id: str) -> str:
    return json.dumps(loop.slack.open_home(user_id)["blocks"], ensure_ascii=False)


def _running(loop: Loop) -> tuple[str, str] | None:
    with loop.uow_factory(read_only=True) as uow:
        found = uow.challenges.active_for(T1, ["UL"]).get("UL")
    return (found.started_by, found.behaviours[0].text) if found is not None else None


def test_the_reps_button_opens_the_start_form_and_saving_starts_it_and_clears_home(loop: Loop) -> None:
    _lena_in_week_7(loop)
    home = _home(loop, "UL")
    assert NOT_STARTED in home and ids.CHALLENGE_INVITE_START in home and "Discovery" in home

    sent = loop.first_dm_at("UL", REP_DM, datetime(2027, 3, 15, 10, 0, tzinfo=UTC))
    assert sent == datetime(2027, 3, 15, 9, 0, tzinfo=UTC)  # 09:00 in London (GMT until 28 March)
    [invite] = loop.dms("UL", REP_DM)
    assert "habit" in text_of(invite) and "Ask at least 5 probing questions" in text_of(invite)
    assert button_value(invite, ids.CHALLENGE_INVITE_START) == SELF

    loop.at(datetime(2027, 3, 15, 9, 30, tzinfo=UTC))
    modal, _ = click_to_open(loop.slack, "UL", ids.CHALLENGE_INVITE_START, SELF)
    assert modal is not None and modal["callback_id"] == ids.CHALLENGE_VIEW
    assert json.loads(modal["private_metadata"])["r"] == "UL"
    assert "Ask at least 5 probing questions in every discovery call" in text_of(modal)
    assert errors_of(submit_start(loop.slack, "UL", modal, {"discovery": "Ask 6 probing questions"})) == {}
    loop.slack.listeners.wait_idle()
    assert loop.dms("UL", "started your 21-day challenge")
    assert _running(loop) == ("UL", "Ask 6 probing questions")

    home = _home(loop, "UL")
    assert NOT_STARTED not in home and ids.CHALLENGE_INVITE_START not in home and "Ask 6 probing questions" in home
    # Maya's Monday list (09:00 New York, 13:00 UTC) has nobody left to name: no DM at all.
    loop.run_until(datetime(2027, 3, 15, 18, 0, tzinfo=UTC), step=HALF_HOUR)
    assert loop.dms("UMGR", MANAGER_DM) == []


def test_the_managers_button_opens_the_form_for_their_rep_and_saving_starts_hers(loop: Loop) -> None:
    _lena_in_week_7(loop)
    sent = loop.first_dm_at("UMGR", MANAGER_DM, datetime(2027, 3, 15, 18, 0, tzinfo=UTC), HALF_HOUR)
    assert sent == datetime(2027, 3, 15, 13, 0, tzinfo=UTC)  # 09:00 in New York (EDT since 14 March)
    [note] = loop.dms("UMGR", MANAGER_DM)
    assert "<@UL>" in text_of(note) and "Start Lena Lewis's challenge" in text_of(note)
    assert button_value(note, ids.CHALLENGE_INVITE_START) == "UL"

    modal, _ = click_to_open(loop.slack, "UMGR", ids.CHALLENGE_INVITE_START, "UL")
    assert modal is not None and json.loads(modal["private_metadata"])["r"] == "UL"
    assert errors_of(submit_start(loop.slack, "UMGR", modal)) == {}
    loop.slack.listeners.wait_idle()
    assert _running(loop) == ("UMGR", "Ask at least 5 probing questions in every discovery call")
    assert NOT_STARTED not in _home(loop, "UL")


def test_the_home_button_opens_her_form_and_a_refusal_from_home_comes_by_dm(loop: Loop) -> None:
    _lena_in_week_7(loop)
    home = loop.slack.open_home("UL")
    request = loop.slack.requests.block_actions("UL", ids.CHALLENGE_INVITE_START, SELF, view=home)
    assert loop.slack.dispatch(request).status == 200
    loop.slack.listeners.wait_idle()
    opened = loop.fake.view_opened_by(request.payload["trigger_id"])
    assert opened is not None and json.loads(opened["private_metadata"])["r"] == "UL"
    # Maya's own Home has no such button; a crafted click from it opens her own form: refused, told by DM.
    crafted = loop.slack.requests.block_actions("UMGR", ids.CHALLENGE_INVITE_START, SELF,
                                                view=loop.slack.open_home("UMGR"))
    assert loop.slack.dispatch(crafted).status == 200
    loop.slack.listeners.wait_idle()
    assert loop.fake.view_opened_by(crafted.payload["trigger_id"]) is None
    assert loop.dms("UMGR", "focus skills")


# -- privacy: nobody else's click opens Alex's form ---------------------------------------------------


@pytest.fixture
def alex_coached(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    slack.coach("UMGR", "start <@UA|alex>")
    slack.coach("UMGR", "focus <@UA|alex> discovery closing")


@pytest.mark.parametrize(("person", "value", "refusal"), [
    ("UB", SELF, "needs focus skills"),  # another rep clicking Alex's own button: her own form, refused
    ("UMGR", SELF, "focus skills"),  # his manager clicking it: her own (she is not coached), refused
    ("UMGR2", SELF, "focus skills"),
    ("UB", "UA", "for a rep you coach"),  # a crafted manager's button naming Alex
    ("UMGR2", "UA", "for a rep you coach"),  # another manager's button for Alex
    ("UC", "UA", "for a rep you coach"),
    ("UA", "crafted", "could not be read"),
    (OUTSIDER, "UA", ""),  # another workspace: dropped at the edge
    (OUTSIDER, SELF, ""),
])
def test_nobody_else_opens_alexs_start_form(person: str, value: str, refusal: str, slack: Slack, engine: Engine,
                                            fake_server: FakeSlackServer, alex_coached: None) -> None:
    requests = requests_for(slack, person, fake_server.base_url)
    outcome = attempt(slack, engine, person, requests.block_actions(
        person, ids.CHALLENGE_INVITE_START, value=value, channel_id=f"D{person}"))
    assert outcome.modal is None, (person, value)
    assert refusal in outcome.seen, (person, value, outcome.seen[:300])


def test_alex_and_his_manager_do_open_it(slack: Slack, engine: Engine, uow_factory: UnitOfWorkFactory,
                                         alex_coached: None) -> None:
    for person, value in (("UA", SELF), ("UA", "UA"), ("UMGR", "UA")):
        outcome = attempt(slack, engine, person, slack.requests.block_actions(
            person, ids.CHALLENGE_INVITE_START, value=value, channel_id=f"D{person}"))
        assert outcome.modal is not None and json.loads(outcome.modal["private_metadata"])["r"] == "UA"
    with uow_factory(read_only=True) as uow:
        assert uow.challenges.active_for(WS, ["UA"]) == {}  # opening a form stores nothing
