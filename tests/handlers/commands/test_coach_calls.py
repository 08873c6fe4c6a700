"""`/coach calls [@rep] [last week]`: the week's calls with debriefs and shadow notes, rep and manager only."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.debriefs import Debrief, ShadowObservation, week_of
from domain.model import WorkspaceRef
from tests.handlers.conftest import TEAM, Slack

WS = WorkspaceRef(TEAM)


def _monday_for(tz: str) -> date:
    return week_of(datetime.now(UTC).astimezone(ZoneInfo(tz)).date())[0]


def _calls(slack: Slack, uow_factory) -> None:
    slack.coach("UADMIN", "help", replies=2)  # the first person to use /coach becomes admin
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    monday = _monday_for("America/New_York")
    with uow_factory() as uow:
        seen = uow.shadow_observations.add(ShadowObservation(
            WS, "UA", "UMGR", CallRef("Acme <!channel>"), CallType.DISCOVERY, monday + timedelta(days=1),
            CallAnswers("Opened with <!here> the agenda", "Ask about budget", "PAIN questions"),
            feedback="Great pause after the price question", skill_scores={"discovery": 4},
            indicators={"discovery_questions_asked": 5}, skills=("discovery",)))
        uow.debriefs.add(Debrief(WS, "UA", CallRef("Acme <!channel>"), CallType.DISCOVERY, monday + timedelta(days=1),
                                 CallAnswers("I asked seven questions", "Slow down", "Quantify impact"),
                                 indicators={"discovery_questions_asked": 7}, shadow_id=seen.id))
        uow.debriefs.add(Debrief(WS, "UA", CallRef("Globex"), CallType.DEMO, monday - timedelta(days=3),
                                 CallAnswers("Last week's demo went fine", "b", "c")))
        uow.debriefs.add(Debrief(WS, "UC", CallRef("Initech"), CallType.CLOSING, monday + timedelta(days=1),
                                 CallAnswers("Chen's private notes", "b", "c")))
        uow.commit()


def _shown(reply) -> str:
    return json.dumps(reply.responses[-1]["blocks"])


def test_the_manager_sees_each_call_with_the_debrief_and_shadow_notes_side_by_side(slack: Slack, uow_factory) -> None:
    _calls(slack, uow_factory)

    team = slack.coach("UMGR", "calls")
    alex_last = slack.coach("UMGR", "calls <@UA|alex> last week")

    shown = _shown(team)
    assert team.responses[-1]["response_type"] == "ephemeral"
    assert "<@UA>" in shown and "<@UB>" in shown and "nothing this week" in shown  # Bea: said, not left out
    assert "I asked seven questions" in shown and "Great pause after the price question" in shown
    assert "Discovery 4/5" in shown and "Questions asked per discovery call: 7 questions" in shown
    assert "Acme &lt;!channel&gt;" in shown and "&lt;!here&gt;" in shown and "<!channel>" not in shown
    assert "Last week's demo" not in shown and "Chen's private notes" not in shown
    assert "Last week's demo went fine" in _shown(alex_last) and "I asked seven" not in _shown(alex_last)


def test_a_rep_sees_only_their_own_calls(slack: Slack, uow_factory) -> None:
    _calls(slack, uow_factory)

    own = slack.coach("UA", "calls")
    other = slack.coach("UA", "calls <@UB|bea>")

    assert "I asked seven questions" in _shown(own) and "Great pause" in _shown(own)
    assert "not <@UB>'s" in other.last_text


def test_nobody_else_sees_a_reps_calls_not_another_manager_nor_an_admin(slack: Slack, uow_factory) -> None:
    _calls(slack, uow_factory)

    for viewer in ("UMGR2", "UADMIN", "UB"):
        refused = slack.coach(viewer, "calls <@UA|alex>")
        assert "not <@UA>'s" in refused.last_text, viewer
        assert "seven questions" not in refused.last_text


def test_a_typo_in_the_week_is_answered_before_anything_is_read(slack: Slack) -> None:
    reply = slack.coach("UMGR", "calls yesterday")
    assert "neither `this week` nor `last week`" in reply.last_text
