"""Week 2 through Slack: rate gaps, the 2-skill rule, the contract signed by both, changes signed again."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.fake_slack import check_view
from bot.modal_values import rating_values
from domain.services.prioritization import impact_field
from handlers.blocks.contract import WEEKLY_HOURS, indicator_block, skill_block, target_block
from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.contract_steps import click, contract_values, sign, submit_view
from tests.handlers.diagnosis_steps import DIMENSIONS, open_modal, score_values, submit_score

GOOD_ROWS = [("discovery", "discovery_questions_asked", "8 per call"), ("closing", "next_step_defined", "yes")]


@pytest.fixture
def team(slack: Slack) -> Slack:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR", "start <@UA|alex>")
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")
    day = datetime.now(UTC).date() - timedelta(days=2)
    scores = dict.fromkeys(DIMENSIONS, 4) | {"discovery_quality": 2}
    submit_score(slack, "UMGR", modal, score_values("Acme", day, scores))
    return slack


def _texts(fake, user_id: str) -> str:
    return json.dumps(fake.messages_to(user_id), ensure_ascii=False)


def test_ratings_land_on_the_matrix_and_the_proposal_becomes_the_focus(team: Slack, fake) -> None:
    modal = open_modal(team, "UMGR", "prioritize <@UA|alex>")
    assert check_view(modal) == []
    assert "observed 2.0" in json.dumps(modal["blocks"])  # the weakest skill is shown with its evidence

    ratings = {"discovery": (5, 2), "objection_handling": (4, 4), "value_articulation": (2, 4), "closing": (4, 2)}
    reply = submit_view(team, "UMGR", ids.PRIORITIZE_VIEW, modal, rating_values(ratings))

    assert reply.body == ""
    fake.wait_for(lambda: "Proposed focus" in _texts(fake, "UMGR"))
    matrix = fake.messages_to("UMGR")[-1]
    text = json.dumps(matrix)
    assert "Quick wins" in text and "Long-term priorities" in text and "Ignore for now" in text
    assert "*Discovery* (foundational) and *Closing* (advanced)" in text
    fake.wait_for(lambda: len(fake.files_shared_with("UMGR")) == 1)  # the matrix as a picture, after the text
    [chart] = fake.files_shared_with("UMGR")
    assert chart.image_size is not None
    assert "Quick wins (high impact, low difficulty): Discovery (impact 5, difficulty 2)" in (chart.alt_txt or "")

    accepted = click(team, "UMGR", ids.ACCEPT_FOCUS, "UA")
    assert "*Focus skills*: Discovery, Closing" in json.dumps(accepted[-1])
    refused = team.coach("UMGR", "focus <@UA|alex> add pipeline_management").last_text
    assert "at most 2 skills" in refused
    assert "Discovery, Closing" in team.coach("UA", "focus").last_text  # the rep reads their own


def test_bad_ratings_are_shown_inline(team: Slack) -> None:
    modal = open_modal(team, "UMGR", "prioritize <@UA|alex>")
    reply = submit_view(team, "UMGR", ids.PRIORITIZE_VIEW, modal, rating_values({"discovery": (5, None)}))
    assert "difficulty" in json.loads(reply.body)["errors"]["difficulty_discovery"]
    empty = submit_view(team, "UMGR", ids.PRIORITIZE_VIEW, modal, rating_values({}))
    assert "at least one" in json.loads(empty.body)["errors"][impact_field("discovery")]


def test_the_contract_is_signed_by_both_and_a_change_needs_both_again(team: Slack, fake) -> None:
    team.coach("UMGR", "focus <@UA|alex> discovery closing")
    modal = open_modal(team, "UMGR", "contract <@UA|alex>")
    assert check_view(modal) == []
    assert modal["blocks"][1]["element"]["initial_option"]["value"] == "discovery"  # the focus, prefilled

    bad = submit_view(team, "UMGR", ids.CONTRACT_VIEW, modal, contract_values(
        [("discovery", "next_step_defined", ""), ("objection_handling", None, None)], "40"))
    errors = json.loads(bad.body)["errors"]
    assert {skill_block(0), indicator_block(0), target_block(0), WEEKLY_HOURS} <= set(errors)
    assert "foundational skill with an advanced" in errors[skill_block(0)]
    assert "no coaching contract yet" in team.coach("UA", "contract").last_text  # nothing half-saved

    reply = submit_view(team, "UMGR", ids.CONTRACT_VIEW, modal, contract_values(GOOD_ROWS, "2.5"))
    assert reply.body == ""
    fake.wait_for(lambda: "wrote your coaching contract" in _texts(fake, "UA"))
    to_rep = fake.messages_to("UA")[-1]
    assert "Sign version 1" in json.dumps(to_rep)  # the fake Slack refuses messages over Block Kit limits

    signed_by_rep = sign(team, "UA", "UA", 1)
    assert "awaiting the manager" in signed_by_rep[-1]["text"]
    fake.wait_for(lambda: "<@UA> signed the coaching contract" in _texts(fake, "UMGR"))
    sign(team, "UMGR", "UA", 1)
    fake.wait_for(lambda: "signed by you both" in _texts(fake, "UA"))
    assert "version 1: signed" in team.coach("UA", "contract").last_text
    assert "Sign version" not in team.coach("UA", "contract").last_text

    edit = open_modal(team, "UMGR", "contract <@UA|alex>")
    submit_view(team, "UMGR", ids.CONTRACT_VIEW, edit, contract_values(GOOD_ROWS, "3"))
    fake.wait_for(lambda: "changed your coaching contract" in _texts(fake, "UA"))
    assert "weekly time 2.5h → 3h" in _texts(fake, "UA")
    shown = team.coach("UMGR", "contract <@UA|alex> show").last_text
    assert "version 2: awaiting both signatures" in shown
    stale = sign(team, "UA", "UA", 1)  # the button in the first DM
    assert "has changed since" in json.dumps(stale[-1])


def test_other_managers_and_reps_cannot_read_or_change_priorities_or_the_contract(team: Slack) -> None:
    team.coach("UMGR", "focus <@UA|alex> discovery closing")
    assert "not on your team" in team.coach("UMGR2", "prioritize <@UA|alex>").last_text
    assert "not <@UA>'s" in team.coach("UMGR2", "focus <@UA|alex>").last_text
    assert "not on your team" in team.coach("UB", "focus <@UA|alex> closing").last_text
    assert "not on your team" in team.coach("UMGR2", "contract <@UA|alex>").last_text
    assert "not <@UA>'s" in team.coach("UB", "contract <@UA|alex> show").last_text
    assert "no active coaching cycle" in team.coach("UMGR", "prioritize <@UB|bea>").last_text


def test_a_form_left_open_while_the_contract_changed_does_not_overwrite_it(team: Slack, fake) -> None:
    team.coach("UMGR", "focus <@UA|alex> discovery closing")
    first = open_modal(team, "UMGR", "contract <@UA|alex>")
    second = open_modal(team, "UMGR", "contract <@UA|alex>")
    submit_view(team, "UMGR", ids.CONTRACT_VIEW, second, contract_values(GOOD_ROWS, "2"))
    fake.wait_for(lambda: "wrote your coaching contract" in _texts(fake, "UA"))

    stale = submit_view(team, "UMGR", ids.CONTRACT_VIEW, first, contract_values(GOOD_ROWS, "5"))

    assert "changed while this form was open (now version 1)" in json.loads(stale.body)["errors"][skill_block(0)]
    assert "Weekly time*: 2 hours" in team.coach("UMGR", "contract <@UA|alex> show").last_text


def test_ratings_from_a_form_of_an_ended_cycle_do_not_land_in_the_new_one(team: Slack) -> None:
    modal = open_modal(team, "UMGR", "prioritize <@UA|alex>")
    team.coach("UMGR", "cycle <@UA|alex> end")
    team.coach("UMGR", "start <@UA|alex>")

    reply = submit_view(team, "UMGR", ids.PRIORITIZE_VIEW, modal, rating_values({"discovery": (5, 2)}))

    assert "cycle that has ended" in json.loads(reply.body)["errors"][impact_field("discovery")]
    assert "No skill has been rated yet" in team.coach("UMGR", "focus <@UA|alex>").last_text
