"""Weeks 3-6 privacy, the commands and the other workspace (the buttons and forms: test_develop_privacy.py).

`/coach calls|roleplay|shadow|homework @alex` and `/debrief` typed by
someone other than Alex and Maya show none of Alex's records; a second
workspace on the same database, where the same people (the same Slack
user ids, as in an Enterprise Grid org) have records of their own, shares
none of them with this one either way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine

from bot.fake_slack import FakeSlack, FakeSlackServer, SlackRequests
from domain.ports import UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers.conftest import PEOPLE, Slack, make_app
from tests.handlers.conftest import SECRET as SIGNING_SECRET
from tests.handlers.debrief_steps import debrief_command, submit, values, wait_for_copy
from tests.handlers.diagnosis_steps import open_modal
from tests.handlers.homework_steps import assign, button_value, dm_with, local_today
from tests.handlers.privacy_steps import (
    OTHER_TEAM,
    OUTSIDER,
    SECRET,
    World,
    alex_on_record,
    attempt,
    counts,
    everything_sent_to,
    requests_for,
)
from tests.handlers.scorecard_steps import scorecard
from tests.handlers.shadow_steps import open_shadow, shadow_values, submit_shadow, today_in

COMMANDS = [  # (command, text, what the wrong person reads)
    ("/coach", "calls <@UA|alex>", "You can see your own calls and your reps', not <@UA>'s"),
    ("/coach", "calls <@UA|alex> last week", "You can see your own calls and your reps', not <@UA>'s"),
    ("/coach", "shadow <@UA|alex> Globex", "Only <@UA>'s own manager can shadow their calls"),
    ("/coach", "homework <@UA|alex>", "<@UA> is not on your team"),
    ("/coach", "roleplay <@UA|alex>", "<@UA> is not on your team, so you cannot see or practise their deals"),
    ("/scorecard", "<@UA|alex>", "<@UA> is on <@UMGR>'s team; only <@UMGR> and admins can see <@UA>'s scorecard"),
    ("/scorecard", "<@UA|alex> last", "only <@UMGR> and admins can see <@UA>'s scorecard"),
    ("/scorecard", "<@UA|alex> export", "only <@UMGR> and admins can see <@UA>'s scorecard"),
    ("/scorecard", "<@UA|alex> post", "Only <@UA> can post <@UA>'s scorecard"),
    ("/scorecard", "team <@UMGR|maya>", "Only <@UMGR> and admins can see <@UMGR>'s team scorecard"),
    ("/scorecard", "team <@UMGR|maya> export", "Only <@UMGR> and admins can see <@UMGR>'s team scorecard"),
    ("/coach", "plan <@UA|alex>", "<@UA> is not on your team, so you cannot record their action plan"),
    ("/coach", "results <@UA|alex>", "You can see your own cycle's results and your reps', not <@UA>'s"),
]
ADMIN_READS_PIPELINES = {"roleplay <@UA|alex>"}  # the role-play cards' documented exception: no private text
ADMIN_READS_RESULTS = {"results <@UA|alex>": "Cycle results: Alex Rivera"}  # the numbers, nobody's words
# An admin sees any rep's scorecard and any team's, by the numbers: nobody's words (so no SECRET) in any of them.
ADMIN_SEES_SCORECARDS = {
    "<@UA|alex>": "You see the numbers as an admin",
    "<@UA|alex> last": "You see the numbers as an admin",
    "<@UA|alex> export": "the weekly indicator table of <@UA>",
    "team <@UMGR|maya>": "as an admin sees it",
    "team <@UMGR|maya> export": "the weekly indicator table of <@UMGR>'s team",
}


@pytest.fixture
def world(slack: Slack, uow_factory: UnitOfWorkFactory) -> World:
    return alex_on_record(slack, uow_factory)


@pytest.mark.parametrize(("command", "text", "refusal"), COMMANDS, ids=[text for _, text, _ in COMMANDS])
def test_a_command_naming_alex_shows_nobody_else_his_records(
        slack: Slack, engine: Engine, fake_server: FakeSlackServer, world: World,
        command: str, text: str, refusal: str) -> None:
    before, alex_dms = counts(engine), len(slack.fake.messages_to("UA"))
    for person in ("UB", "UMGR2", "UADMIN", OUTSIDER):
        request = requests_for(slack, person, fake_server.response_url_base).slash_command(person, command, text)
        outcome = attempt(slack, engine, person, request)

        assert SECRET not in outcome.seen and SECRET not in json.dumps(outcome.calls), person
        assert outcome.counts == before and outcome.dms_to_alex == alex_dms and outcome.modal is None, person
        if person == OUTSIDER:
            assert "not installed in this workspace" in outcome.seen
        elif person == "UADMIN" and text in ADMIN_READS_PIPELINES:
            assert "Role-plays on real deals" in outcome.seen
        elif person == "UADMIN" and text in ADMIN_READS_RESULTS:
            assert ADMIN_READS_RESULTS[text] in outcome.seen, outcome.seen
        elif person == "UADMIN" and command == ids.SCORECARD_COMMAND and text in ADMIN_SEES_SCORECARDS:
            assert ADMIN_SEES_SCORECARDS[text] in outcome.seen, outcome.seen
        else:
            assert refusal in outcome.seen, (person, outcome.seen)


def test_each_persons_own_calls_home_and_debrief_form_hold_nothing_of_alexs(
        slack: Slack, engine: Engine, world: World) -> None:
    for person in ("UB", "UC", "UMGR2", "UADMIN"):
        assert SECRET not in slack.coach(person, "calls").last_text, person
        assert SECRET not in slack.coach(person, "calls last week").last_text, person
        modal = debrief_command(slack, person, "Globex")  # Alex's deal's name: only the account is filled in
        assert "initial_option" not in json.dumps(modal) and SECRET not in json.dumps(modal), person
        assert SECRET not in json.dumps(slack.open_home(person)), person
        assert SECRET not in everything_sent_to(slack, person), person


# -- a second workspace on the same database ------------------------------------------------------------


@pytest.fixture
def elsewhere(uow_factory: UnitOfWorkFactory) -> Iterator[Slack]:
    """The app of workspace T0TWO, with the same people, over the same database."""
    fake = FakeSlack(team_id=OTHER_TEAM)
    for user_id, (name, tz) in PEOPLE.items():
        fake.add_user(user_id, name, tz)
    with FakeSlackServer(fake) as server:
        app = make_app(uow_factory, fake, server)
        yield Slack(app, fake, SlackRequests(SIGNING_SECRET, team_id=OTHER_TEAM,
                                             response_url_base=server.response_url_base))
        app.listener_runner.listener_executor.shutdown(wait=True)


ELSEWHERE_SECRET = "Quasar-K3"


def _records_elsewhere(other: Slack) -> tuple[str, str, str]:
    """In T0TWO, Maya manages Alex too: his debrief, her shadow notes and his homework there (debrief, shadow,
    homework ids)."""
    other.coach("UADMIN", "help", replies=2)
    other.coach("UMGR", "team add <@UA|alex>")
    answers = tuple(f"{ELSEWHERE_SECRET} {n}" for n in ("went well", "differently", "practice"))
    assert submit(other, "UA", debrief_command(other, "UA"), values("Elsewhere", answers=answers)).body == ""
    debrief_id = button_value(wait_for_copy(other, "UA"), ids.EDIT_DEBRIEF)
    modal = open_shadow(other, "UMGR", "<@UA|alex>")
    observed = shadow_values(on=today_in("America/New_York") - timedelta(days=1), scores={}, indicators={},
                             feedback=f"{ELSEWHERE_SECRET} shadow")
    assert submit_shadow(other, "UMGR", modal, observed).body == ""
    shadow_id = button_value(dm_with(other, "UA", "shadowed your"), ids.OPEN_DEBRIEF).removeprefix("shadow:")
    assign(other, open_modal(other, "UMGR", "homework <@UA|alex>"), f"{ELSEWHERE_SECRET} homework",
           local_today("America/New_York") + timedelta(days=2))
    homework_id = button_value(dm_with(other, "UA", "gave you homework"), ids.OPEN_HAND_IN)
    other.listeners.wait_idle()
    return debrief_id, shadow_id, homework_id


def test_the_same_people_in_another_workspace_share_no_record_with_this_one(
        slack: Slack, engine: Engine, world: World, elsewhere: Slack) -> None:
    debrief_id, shadow_id, homework_id = _records_elsewhere(elsewhere)
    before = counts(engine)
    tries = [  # T1's Alex and Maya (the same user ids) name T0TWO's records
        ("UA", ids.EDIT_DEBRIEF, debrief_id, "That debrief is not yours"),
        ("UMGR", ids.DEBRIEF_FEEDBACK, debrief_id, "You can reply to the debriefs of your own reps only"),
        ("UA", ids.OPEN_DEBRIEF, f"shadow:{shadow_id}", "That shadowed call is not one of yours"),
        ("UA", ids.OPEN_HAND_IN, homework_id, "That homework is not yours"),
        ("UMGR", ids.OPEN_HOMEWORK_FEEDBACK, homework_id, "Only the rep's own manager"),
    ]
    for person, action_id, value, refusal in tries:
        request = slack.requests.block_actions(person, action_id, value=value, channel_id=f"D{person}")
        outcome = attempt(slack, engine, person, request)
        assert refusal in outcome.seen and outcome.modal is None, (action_id, outcome.seen)
        assert ELSEWHERE_SECRET not in outcome.seen
    assert counts(engine) == before

    for person, text in (("UA", "calls"), ("UMGR", "calls"), ("UMGR", "calls <@UA|alex>")):
        shown = slack.coach(person, text).last_text
        assert SECRET in shown and ELSEWHERE_SECRET not in shown, (person, text)
        assert SECRET not in elsewhere.coach(person, text).last_text, (person, text)
    for person in PEOPLE:
        assert ELSEWHERE_SECRET not in everything_sent_to(slack, person)
        assert SECRET not in everything_sent_to(elsewhere, person)


def test_a_scorecard_asked_for_in_another_workspace_shows_nothing_of_this_ones(
        slack: Slack, world: World, elsewhere: Slack) -> None:
    """In T0TWO, Maya coaches the same Alex (same user id) but he has no cycle there: T1's card never shows."""
    elsewhere.coach("UADMIN", "help", replies=2)
    elsewhere.coach("UMGR", "team add <@UA|alex>")
    week = today_in("America/Los_Angeles").isocalendar()
    asked = {
        ("UA", ""): "No scorecard yet: your coaching cycle has not started.",
        ("UMGR", "<@UA|alex>"): "No scorecard yet: <@UA>'s coaching cycle has not started.",
        ("UMGR", "team"): "No team scorecard yet",
        ("UADMIN", "<@UA|alex> export"): "No rows to export",
    }
    for (person, text), said in asked.items():
        answer = json.dumps(scorecard(elsewhere, person, text).responses)
        assert said in answer and SECRET not in answer, (person, text, answer)
    click = elsewhere.requests.block_actions("UMGR", ids.OPEN_REP_SCORECARD, value=f"UA|{week[0]}-W{week[1]:02d}",
                                             channel_id="DUMGR")
    assert elsewhere.dispatch(click).status == 200
    elsewhere.listeners.wait_idle()
    assert elsewhere.fake.view_opened_by(click.payload["trigger_id"]) is None
    assert "No scorecard yet" in json.dumps(elsewhere.fake.responses_for(click.response_token or ""))
    assert not elsewhere.fake.files_shared_with("UADMIN")
    for person in PEOPLE:
        assert SECRET not in everything_sent_to(elsewhere, person)
