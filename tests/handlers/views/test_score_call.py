"""Scoring a call through the modal: inline errors, the rep told, self vs manager, privacy."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.fake_slack import check_view
from handlers.blocks.diagnosis_modals import CALL_ON, CALL_TITLE, dimension_block
from tests.handlers.conftest import Slack
from tests.handlers.diagnosis_steps import DIMENSIONS, open_modal, score_values, submit_score


def _today(tz: str):
    return datetime.now(UTC).astimezone(ZoneInfo(tz)).date()


def _team(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")


def test_a_manager_scores_a_reps_call_and_the_rep_is_told(slack: Slack, fake) -> None:
    _team(slack)
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")
    assert check_view(modal) == []
    assert "Alex" in json.dumps(modal["blocks"]) or "<@UA>" in json.dumps(modal["blocks"])

    yesterday = _today("America/New_York") - timedelta(days=1)
    scores = dict.fromkeys(DIMENSIONS, 4) | {"discovery_quality": 2}
    reply = submit_score(slack, "UMGR", modal, score_values("Acme discovery", yesterday, scores))

    assert reply.status == 200 and reply.body == ""  # the modal closes
    fake.wait_for(lambda: any("Acme discovery" in m["text"] for m in fake.messages_to("UA")))
    assert "Saved your scores" in fake.messages_to("UMGR")[-1]["text"]
    profile = slack.coach("UMGR", "profile <@UA|alex>").last_text
    assert "2.0" in profile
    assert "(1 call scored by a manager so far; the profile averages up to 10; weakest first)" in profile
    weakest = profile.index("Discovery quality")
    assert all(profile.index(name) > weakest for name in ["Value connection", "Executive presence"])


def test_bad_input_comes_back_inline_and_nothing_is_saved(slack: Slack, fake) -> None:
    _team(slack)
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")
    tomorrow = _today("America/New_York") + timedelta(days=2)
    scores = dict.fromkeys(DIMENSIONS, 3) | {DIMENSIONS[0]: 7, DIMENSIONS[1]: None}

    reply = submit_score(slack, "UMGR", modal, score_values("", tomorrow, scores))

    errors = json.loads(reply.body)["errors"]
    assert "in the future" in errors[CALL_ON]
    assert "Name the call" in errors[CALL_TITLE]
    assert "not 7" in errors[dimension_block(DIMENSIONS[0])]
    assert "Pick a score" in errors[dimension_block(DIMENSIONS[1])]
    assert "No call scored by a manager yet." in slack.coach("UMGR", "profile <@UA|alex>").last_text
    assert not any("scored your call" in m["text"] for m in fake.messages_to("UA"))


def test_the_rep_scores_the_same_call_and_sees_the_gap(slack: Slack, fake) -> None:
    _team(slack)
    day = _today("America/Los_Angeles") - timedelta(days=1)
    manager_modal = open_modal(slack, "UMGR", "score <@UA|alex>")
    submit_score(slack, "UMGR", manager_modal, score_values("Acme discovery", day, dict.fromkeys(DIMENSIONS, 2)))
    own_modal = open_modal(slack, "UA", "score")
    assert "your own calls" in json.dumps(own_modal["blocks"])

    reply = submit_score(slack, "UA", own_modal, score_values("acme  Discovery", day, dict.fromkeys(DIMENSIONS, 4)))

    assert reply.body == ""
    profile = slack.coach("UA", "profile").last_text
    assert "Self vs manager" in profile and "+2" in profile
    assert "(1 call scored by a manager so far" in profile  # the self-score is not observed skill


def test_nobody_scores_or_reads_a_rep_who_is_not_theirs(slack: Slack, fake) -> None:
    _team(slack)
    slack.coach("UMGR2", "team add <@UC|chen>")
    before = len(fake.opened_views)

    assert "not on your team" in slack.coach("UMGR2", "score <@UA|alex>").last_text
    assert "not on your team" in slack.coach("UB", "score <@UA|alex>").last_text
    assert len(fake.opened_views) == before  # no modal to fill in for nothing
    for viewer in ["UMGR2", "UB", "UADMIN"]:
        assert "not <@UA>'s" in slack.coach(viewer, "profile <@UA|alex>").last_text


def test_a_forged_submission_for_someone_elses_rep_is_refused(slack: Slack, fake) -> None:
    _team(slack)
    slack.coach("UMGR2", "team add <@UC|chen>")
    modal = open_modal(slack, "UMGR2", "score <@UC|chen>")
    forged = {**modal, "private_metadata": json.dumps({"rep": "UA"})}
    day = _today("America/Chicago") - timedelta(days=1)

    reply = submit_score(slack, "UMGR2", forged, score_values("Acme", day, dict.fromkeys(DIMENSIONS, 3)))

    assert "not on your team" in json.loads(reply.body)["errors"][CALL_TITLE]
    assert "No call scored by a manager yet." in slack.coach("UMGR", "profile <@UA|alex>").last_text
