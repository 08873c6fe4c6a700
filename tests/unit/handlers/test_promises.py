"""What Coachflow tells people it does is what it does: features are named once they are registered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from domain.notifications.registry import KINDS
from domain.services.roster import AddOutcome, RepResult
from handlers.blocks.roster import rep_joined_notice, rep_reminder_titles

ROOT = Path(__file__).resolve().parents[3]
# Features of the program that arrive as scheduled messages of their own kind. Debriefs arrived with issue 10,
# scorecards with issue 11, the 21-day challenge and the maintenance check-in with issue 13.
SCHEDULED_FEATURES = ["debrief", "scorecard", "challenge", "check-in"]
REGISTERED = " ".join(kind.title.lower() for kind in KINDS.values())


def _welcome(reminders: list[str] | None = None) -> str:
    notice = rep_joined_notice(RepResult("UA", AddOutcome.ADDED), "UMGR", reminders)
    return json.dumps(notice, ensure_ascii=False).lower()


def _manifest_description() -> str:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    info = manifest["display_information"]
    return f"{info['description']} {info['long_description']}".lower()


@pytest.mark.parametrize("feature", SCHEDULED_FEATURES)
def test_each_feature_the_program_promises_is_registered_and_named_in_the_welcome(feature: str) -> None:
    assert feature in REGISTERED, "a scheduled kind of its own"
    assert feature in _welcome(), "the rep's welcome DM"
    assert feature in _manifest_description(), "manifest.yml's description"


def test_the_welcome_lists_what_a_rep_is_sent_as_registered() -> None:
    titles = rep_reminder_titles()
    # CYCLE_TASKS, HOMEWORK_DUE, MICRO_LESSONS, DEBRIEF_PROMPT, FRIDAY_SCORECARD and PEER_LEARNING, without "(reps)"
    assert titles == ["Monday tasks in cycle weeks 1-2", "Homework reminder on its due date",
                      "Micro-lessons, Tuesdays and Thursdays in cycle weeks 3-6",
                      "End-of-day debrief prompt on working days", "Friday scorecard",
                      "Friday ask to share your approach, when you improved most on your team",
                      "Commitment reminder the working day before its deadline",
                      "Commitment follow-up on its deadline: done, partly or not done",
                      "1:1 pre-work, 24 h before the session", "1:1 pre-work reminder 2 h before, if still missing",
                      "Monthly maintenance check-in after a cycle", "The cycle's results, the day after its week 8",
                      "21-day challenge: the morning nudge with one-click answers",
                      "Invitation to your 21-day challenge, Monday of cycle week 7"]
    assert ("coachflow sends you: monday tasks in cycle weeks 1-2; homework reminder on its due date; "
            "micro-lessons, tuesdays and thursdays in cycle weeks 3-6; end-of-day debrief prompt on working days; "
            "friday scorecard; friday ask to share your approach, when you improved most on your team; "
            "commitment reminder the working day before its deadline; "
            "commitment follow-up on its deadline: done, partly or not done; "
            "1:1 pre-work, 24 h before the session; 1:1 pre-work reminder 2 h before, if still missing; "
            "monthly maintenance check-in after a cycle; "
            "the cycle's results, the day after its week 8; "
            "21-day challenge: the morning nudge with one-click answers; "
            "invitation to your 21-day challenge, monday of cycle week 7.") in _welcome()


def test_a_newly_registered_kind_appears_in_the_welcome() -> None:
    welcome = _welcome(["Monday tasks in cycle weeks 1-2", "Friday scorecard"])
    assert "coachflow sends you: monday tasks in cycle weeks 1-2; friday scorecard." in welcome
    assert "coachflow sends you" not in _welcome([])  # nothing scheduled: no empty promise
