"""What `/coach` says: examples people can use, skills by their names, and "you" for the reader themself."""

from __future__ import annotations

import re

from tests.handlers.conftest import Slack


def _team(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")


def test_a_rep_coached_elsewhere_comes_with_a_move_example_naming_real_people(slack: Slack) -> None:
    _team(slack)

    said = slack.coach("UMGR2", "team add <@UA|alex>").last_text

    assert "@you" not in said
    assert "`/coach team move` <@UA> <@UMGR2>" in said  # the rep, then the manager who asked: both live mentions


def test_the_two_skill_rule_names_the_skills_as_the_catalog_does(slack: Slack) -> None:
    _team(slack)
    slack.coach("UMGR", "start <@UA|alex>")
    slack.coach("UMGR", "focus <@UA|alex> discovery, value articulation")

    said = slack.coach("UMGR", "focus <@UA|alex> add closing").last_text

    assert "at most 2 skills" in said and "Discovery and Value articulation already" in said
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", said), said  # no catalog id such as value_articulation


def test_a_rep_asking_about_themself_is_told_you(slack: Slack) -> None:
    _team(slack)
    for text, expected in {
        "start <@UA|alex>": "You cannot start or steer your own cycle",
        "cycle <@UA|alex> advance": "You cannot start or steer your own cycle",
        "prioritize <@UA|alex>": "You cannot set your own priorities",
        "focus <@UA|alex> closing": "You cannot set your own priorities",
        "contract <@UA|alex>": "You cannot write your own coaching contract",
        "focus": "You have no active coaching cycle yet",
        "contract": "You have no coaching contract yet; your manager writes it",
        "cycle": "You have no active cycle",
        "team remove <@UA|alex>": "You are coached by <@UMGR>",
        "team move <@UA|alex> <@UMGR2|omar>": "You are coached by <@UMGR>",
    }.items():
        reply = slack.coach("UA", text)
        said = reply.last_text
        assert expected in said, (text, said)
        assert "<@UA>" not in said, (text, said)  # never about themself in the third person
