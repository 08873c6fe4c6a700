"""`/coach roleplay [@rep]` and "Mark practised", through signed requests against the fake Slack.

The team and its pipeline are in tests/handlers/roleplay_steps.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.fake_slack import SlackRequests
from domain.model import Member, Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.services.pipeline import PipelineService
from domain.services.roleplays import NOTE
from handlers.edge import ids
from tests.handlers.conftest import SECRET, Reply, Slack
from tests.handlers.receipt_steps import rows, texts_to
from tests.handlers.roleplay_steps import HEADER, day, note_values, open_form, submit_practised, teams_with_deals


@pytest.fixture
def teams(slack: Slack, uow_factory: UnitOfWorkFactory) -> Slack:
    return teams_with_deals(slack, uow_factory)


def _shown(reply: Reply) -> str:
    return json.dumps(reply.responses[-1], ensure_ascii=False)


def _buttons(reply: Reply) -> list[str]:
    return [b["accessory"]["value"] for b in reply.responses[-1]["blocks"]
            if b.get("accessory", {}).get("action_id") == ids.MARK_ROLEPLAY]


def test_a_manager_gets_a_reps_stalled_deals_largest_first_with_the_focus(teams: Slack) -> None:
    teams.coach("UMGR", "start <@UA|alex>")
    teams.coach("UMGR", "focus <@UA|alex> discovery closing")

    reply = teams.coach("UMGR", "roleplay <@UA|alex>")

    assert reply.responses[-1]["response_type"] == "ephemeral"
    shown = _shown(reply)
    assert "2 of <@UA>'s 3 open deals are past the usual time in their stage" in shown
    assert shown.index("Globex") < shown.index("Acme")  # 40,000 before 12,000
    assert "*Role-play the next conversation with Globex*: in Qualifying for 25 days (their average: 12)" in shown
    assert "in Qualifying for 34 days (their average: 12)" in shown and "Fresh" not in shown
    assert "Amount: 12,000" in shown and "Focus (Discovery): practise uncovering the cost of inaction" in shown
    assert _buttons(reply) == ["UA:A2", "UA:A1"]
    # The account name came from a CSV: shown as typed, never a broadcast or a link.
    assert "Acme &lt;!channel&gt; &amp; &lt;https://evil.example|Sign here&gt;" in shown and "<!channel>" not in shown


def test_a_rep_runs_it_for_themself(teams: Slack) -> None:
    shown = _shown(teams.coach("UA", "roleplay"))
    assert "in Qualifying for 34 days (your average: 12)" in shown and "your 3 open deals" in shown
    assert "No coaching cycle yet" in shown  # so no focus on the cards, and it says why


@pytest.mark.parametrize(("viewer", "text"), [
    ("UMGR2", "roleplay <@UA|alex>"),  # another manager
    ("UB", "roleplay <@UA|alex>"),  # a teammate
    ("UA", "roleplay <@UC|chen>"),  # a rep, about someone else's rep
    ("UMGR", "roleplay <@UGONE|gone>"),  # nobody Coachflow knows: the same answer
])
def test_nobody_else_sees_a_reps_deals(teams: Slack, viewer: str, text: str) -> None:
    said = teams.coach(viewer, text).last_text
    assert "is not on your team, so you cannot see or practise their deals" in said
    assert "Globex" not in said and "Initech" not in said


def test_an_admin_sees_any_rep(teams: Slack) -> None:
    assert "Initech" in _shown(teams.coach("UADMIN", "roleplay <@UC|chen>"))


def test_no_pipeline_says_how_to_import_one(teams: Slack) -> None:
    said = teams.coach("UMGR", "roleplay <@UB|bea>").last_text
    assert "<@UB> has no deals in Coachflow yet" in said and "CSV file in Coachflow's DM" in said


def test_two_reps_at_once_is_a_typo_answered_with_what_to_type(teams: Slack) -> None:
    said = teams.coach("UMGR", "roleplay <@UA|alex> <@UB|bea>").last_text
    assert "One rep at a time: `/coach roleplay @alex`" in said


# -- Mark practised ------------------------------------------------------------------------


def test_marking_practised_records_it_tells_both_and_the_card_shows_it(teams: Slack, engine: Engine) -> None:
    form = open_form(teams, "UMGR", "UA:A1")
    assert form["callback_id"] == ids.ROLEPLAY_PRACTISED_VIEW and "Acme &lt;!channel&gt;" in json.dumps(form)

    reply = submit_practised(teams, "UMGR", form["private_metadata"], "Ran the cost-of-inaction questions twice")

    assert (reply.status, reply.body) == (200, "")
    teams.fake.wait_for(lambda: texts_to(teams, "UA", "recorded a role-play with you") == 1)
    teams.fake.wait_for(lambda: texts_to(teams, "UMGR", "Recorded: a role-play with") == 1)
    assert texts_to(teams, "UA", "Ran the cost-of-inaction questions twice") == 1
    assert rows(engine, "roleplay_practices") == 1
    again = teams.coach("UMGR", "roleplay <@UA|alex>")
    assert _buttons(again) == ["UA:A2"] and "practised" in _shown(again)


def test_a_rep_marking_their_own_tells_their_manager(teams: Slack) -> None:
    form = open_form(teams, "UA", "UA:A2")
    assert submit_practised(teams, "UA", form["private_metadata"]).body == ""
    teams.fake.wait_for(lambda: texts_to(teams, "UMGR", "<@UA> practised a role-play") == 1)
    teams.fake.wait_for(lambda: texts_to(teams, "UA", "Recorded: your role-play") == 1)


def test_a_note_too_long_comes_back_under_the_note_and_nothing_is_stored(teams: Slack, engine: Engine) -> None:
    form = open_form(teams, "UMGR", "UA:A1")
    reply = submit_practised(teams, "UMGR", form["private_metadata"], "x" * 1001)
    assert json.loads(reply.body)["errors"] == {NOTE: "Keep it to 1000 characters; this is 1001."}
    assert rows(engine, "roleplay_practices") == 0


@pytest.mark.parametrize(("user", "metadata", "refusal"), [
    ("UMGR2", '{"rep": "UA", "deal": "A1"}', "<@UA> is not on your team"),  # Omar, naming Maya's rep
    ("UMGR", '{"rep": "UC", "deal": "C1"}', "<@UC> is not on your team"),  # Maya, naming Omar's rep
    ("UMGR", '{"rep": "UA", "deal": "C1"}', "That deal is not <@UA>'s"),  # Maya's rep, Omar's rep's deal
    ("UMGR", '{"rep": "UA", "deal": "X1"}', "That deal is not <@UA>'s"),  # another workspace's deal
    ("UMGR", '{"rep": "UA"}', "could not be read"),  # a form whose deal is gone
])
def test_a_crafted_form_naming_someone_elses_deal_is_refused_inline(teams: Slack, engine: Engine,
                                                                     uow_factory: UnitOfWorkFactory, user: str,
                                                                     metadata: str, refusal: str) -> None:
    elsewhere = WorkspaceRef("T2")
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(elsewhere))
        uow.members.add(Member(elsewhere, "UA", "Alex elsewhere", "UTC", manager_id="UMGR"))
        uow.commit()
    PipelineService(uow_factory).import_file(
        elsewhere, (HEADER + f"X1,Other,UA,99999,qualifying,open,,{day(60)},\n").encode(), "t2.csv")

    reply = submit_practised(teams, user, metadata, "note")

    assert reply.status == 200 and refusal in json.loads(reply.body)["errors"][NOTE]
    teams.finish_listeners()
    assert rows(engine, "roleplay_practices") == 0


@pytest.mark.parametrize("value", ["UC:C1", "UA:C1", "UA:", "not a value", "UA:" + "x" * 200])
def test_a_crafted_button_opens_nothing_and_says_why(teams: Slack, value: str) -> None:
    click = teams.requests.block_actions("UMGR", ids.MARK_ROLEPLAY, value=value)
    assert teams.dispatch(click).status == 200
    assert click.response_token is not None
    teams.fake.wait_for(lambda: len(teams.fake.responses_for(click.response_token or "")) == 1)
    said = json.dumps(teams.fake.responses_for(click.response_token)[-1])
    assert any(words in said for words in ("not on your team", "not <@UA>'s", "could not be read")), said
    assert teams.fake.view_opened_by(click.payload["trigger_id"]) is None


def test_a_form_from_another_workspace_stores_nothing(teams: Slack, fake_server: Any, engine: Engine) -> None:
    other = SlackRequests(SECRET, team_id="T0TWO", response_url_base=fake_server.response_url_base)
    request = other.view_submission("UMGR", ids.ROLEPLAY_PRACTISED_VIEW, note_values("x"),
                                    private_metadata='{"rep": "UA", "deal": "A1"}')
    assert teams.dispatch(request).status == 200
    teams.finish_listeners()
    assert rows(engine, "roleplay_practices") == 0


def test_a_manager_without_deals_of_their_own_is_pointed_to_a_reps(teams: Slack) -> None:
    said = teams.coach("UMGR", "roleplay").last_text
    assert "You have no deals in Coachflow yet" in said and "`/coach roleplay @alex`" in said
