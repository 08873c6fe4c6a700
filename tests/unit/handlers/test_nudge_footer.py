"""The nudge footer: every registered kind's largest message says why it came, offers Pause a week and
Stop these, keeps its own action and stays within Slack's 50 blocks."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from bot.fake_slack import check_message
from domain.coaching.cycle import Stage
from domain.coaching.session_card import ReviewItem, ReviewStatus
from domain.delivery import DeliveryKey
from domain.notifications.challenge import ChallengeNudge
from domain.notifications.challenge_invite import ChallengeInvite, TeamChallengeInvites
from domain.notifications.challenge_summary import ChallengeSummary
from domain.notifications.cycle_results import CycleResultsNote
from domain.notifications.cycle_tasks import CycleTasksNote
from domain.notifications.debrief_prompt import DebriefPromptNote
from domain.notifications.homework_due import HomeworkDueNote
from domain.notifications.hygiene import why_line
from domain.notifications.maintenance import MaintenanceCheckinNote
from domain.notifications.peer_learning import PeerAskNote
from domain.notifications.registry import KINDS
from domain.notifications.session_card import SessionCardNote
from domain.notifications.session_prework import PreworkNote
from domain.notifications.team_tasks import TeamTasksNote
from domain.notifications.week_ahead import WeekAheadNote
from domain.scheduling.kinds import Audience, Cadence
from handlers.blocks import kit, limits
from handlers.blocks.notifications import RENDERERS, footer
from handlers.blocks.nudge_footer import (
    FOOTER_BLOCKS,
    FOOTER_ID,
    TRIMMED,
    FooterValue,
    fit_content,
    footer_blocks,
    paused_footer,
    read_footer_value,
    replaced_footer,
    stopped_footer,
    undone_footer,
    with_footer,
)
from handlers.edge import ids
from tests.unit.handlers.hostile_cases import CYCLE, PROGRESS
from tests.unit.handlers.hostile_cases_challenge import VIEW as CHALLENGE_VIEW
from tests.unit.handlers.hostile_cases_challenge_invite import INVITED_SKILLS
from tests.unit.handlers.hostile_cases_commitments import ACTION, NOTE
from tests.unit.handlers.hostile_cases_develop import DIGEST, HOMEWORK, LESSON_NOTES
from tests.unit.handlers.hostile_cases_peer import FOUND
from tests.unit.handlers.hostile_cases_prework import SESSION, WRITTEN
from tests.unit.handlers.hostile_cases_results import RESULT
from tests.unit.handlers.hostile_cases_session_card import CARD
from tests.unit.handlers.hostile_common import HOSTILE, MANAGER, NOW, REP, TODAY, WS
from tests.unit.handlers.scorecard_samples import team_of
from tests.unit.handlers.test_scorecard_blocks import _crowded

MANY_REPS = [replace(REP, user_id=f"UR{n:03d}", name=f"Rep {n}") for n in range(60)]
REVIEW = tuple(ReviewItem(replace(ACTION, id=n, action=f"Action {n}"), ReviewStatus.OPEN) for n in range(60))

# Each kind's largest message (and its ordinary one); a kind added to the registry must add its own here.
SAMPLES: dict[str, list[Any]] = {
    "week_ahead": [WeekAheadNote(WS, MANAGER, MANY_REPS, TODAY)],
    "cycle_tasks": [CycleTasksNote(WS, REP, PROGRESS, Stage.DIAGNOSE, 1, True, True)],
    "team_tasks": [TeamTasksNote(WS, MANAGER, [(rep, Stage.DIAGNOSE, 1, [HOSTILE]) for rep in MANY_REPS])],
    "homework_due": [HomeworkDueNote(WS, REP, HOMEWORK)],
    "micro_lesson": LESSON_NOTES,
    "debrief_prompt": [DebriefPromptNote(WS, REP, TODAY)],
    "debrief_digest": [DIGEST],
    "friday_scorecard": [_crowded()],
    "team_scorecard": [team_of(40), team_of(400)],
    "peer_learning": [PeerAskNote(WS, REP, FOUND, HOSTILE, HOSTILE, "CCOACH", (HOSTILE, HOSTILE))],
    "commitment_reminder": [NOTE],
    "commitment_due": [NOTE],
    "session_prework": [PreworkNote(WS, REP, "UMGR", SESSION, WRITTEN)],
    "session_prework_reminder": [PreworkNote(WS, REP, "UMGR", SESSION, WRITTEN, reminder=True)],
    "session_card": [SessionCardNote(WS, CARD), SessionCardNote(WS, replace(CARD, review=REVIEW))],
    "maintenance_checkin": [MaintenanceCheckinNote(WS, REP, CYCLE, date(2027, 3, 1))],
    "cycle_results": [CycleResultsNote(WS, "UREP", RESULT)],
    "challenge_nudge": [ChallengeNudge(WS, CHALLENGE_VIEW, TODAY)],
    "challenge_summary": [ChallengeSummary(WS, MANAGER, "weekly", TODAY, tuple(
        replace(CHALLENGE_VIEW, rep=rep) for rep in MANY_REPS))],
    "challenge_invite": [ChallengeInvite(WS, REP, CYCLE, INVITED_SKILLS)],
    "challenge_invite_team": [TeamChallengeInvites(WS, MANAGER, (REP,)),
                              TeamChallengeInvites(WS, MANAGER, tuple(MANY_REPS))],
}
# Kinds that only inform and ask for nothing: no button of their own is expected.
INFORMS_ONLY = {"week_ahead": "the manager's week at a glance: who is on the team and who is away",
                "cycle_results": "the finished cycle's figures, to read; /coach results shows them again"}


def _controls(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Buttons and menus: in rows of actions, or beside a section."""
    found = []
    for block in blocks:
        if block["type"] == "actions":
            found += block["elements"]
        if "action_id" in (block.get("accessory") or {}):
            found.append(block["accessory"])
    return found


def test_every_registered_kind_has_a_sample_here() -> None:
    assert set(SAMPLES) == set(KINDS), "add the new kind's largest message to SAMPLES"


@pytest.mark.parametrize(("name", "content"), [(name, c) for name, cs in SAMPLES.items() for c in cs],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_kinds_message_says_why_offers_pause_and_stop_keeps_its_action_and_fits(name: str,
                                                                                         content: Any) -> None:
    kind = KINDS[name]
    own = RENDERERS.render(name, content, NOW)
    sent = footer(DeliveryKey("T1", "UREP", name, "2026-12-01"), own)

    assert check_message(sent["blocks"], sent["text"]) == []
    assert len(sent["blocks"]) <= limits.MESSAGE_BLOCKS
    why, row = sent["blocks"][-FOOTER_BLOCKS:]
    assert why["block_id"].startswith(FOOTER_ID) and row["block_id"].startswith(FOOTER_ID)
    assert why["elements"][0]["text"] == kit.mrkdwn_text(why_line(kind), limits.SECTION_TEXT)
    assert why["elements"][0]["text"].startswith("You get this because ")
    labels = {b["text"]["text"]: b for b in row["elements"]}
    assert set(labels) == {"Pause a week", "Stop these"}
    assert read_footer_value(labels["Stop these"]["value"]) == FooterValue(0, name, "UREP")
    content_buttons = _controls(sent["blocks"][:-FOOTER_BLOCKS])
    assert content_buttons or name in INFORMS_ONLY, f"{name}: its message has no button for what it asks"
    # The content's own last row of buttons survives any trimming.
    if own["blocks"][-1]["type"] == "actions":
        assert sent["blocks"][-FOOTER_BLOCKS - 1] == own["blocks"][-1]


def test_why_lines_name_the_reason_and_the_time() -> None:
    assert why_line(KINDS["week_ahead"]) == "You get this because you coach reps in Coachflow · Mondays 08:00 your time"
    assert why_line(KINDS["session_prework"]).endswith("a 1:1 booked with your manager · 24 h before it starts")
    assert why_line(KINDS["debrief_prompt"]).endswith("· working days, 17:00 your time")
    assert "`/coach notify` shows it" in why_line(KINDS["friday_scorecard"])  # an admin may move the slot
    plain = replace(KINDS["week_ahead"], why=None, audience=Audience.REPS, cadence=Cadence.MONTHLY, weekday=None,
                    day_of_month=1)
    assert why_line(plain) == "You get this because you are on a coaching team in Coachflow · monthly, 08:00 your time"


def test_a_kind_that_must_be_sent_says_so_instead_of_offering_stop() -> None:
    kind = replace(KINDS["commitment_due"], must_send="your manager reviews these answers in your 1:1")
    why, row = footer_blocks(kind, FooterValue(0, kind.name, "UREP"))
    assert [b["text"]["text"] for b in row["elements"]] == ["Pause a week"]
    assert "cannot be switched off: your manager reviews these answers" in json.dumps(why)
    with pytest.raises(ValueError, match="says why"):
        replace(kind, must_send=" ")


def test_a_full_message_gives_way_to_the_footer_and_keeps_its_buttons() -> None:
    content = [kit.section(f"line {n}") for n in range(60)] + [kit.actions(kit.button("Do it", "x"))]
    built = with_footer({"text": "t", "blocks": content}, KINDS["week_ahead"], "UREP")
    blocks = built["blocks"]
    assert len(blocks) == limits.MESSAGE_BLOCKS
    assert blocks[-3]["elements"][0]["action_id"] == "x" and TRIMMED in json.dumps(blocks[-4], ensure_ascii=False)
    assert fit_content(content[:3], 10) == content[:3]


def test_button_values_read_back_and_crafted_ones_are_refused() -> None:
    value = FooterValue(2, "week_ahead", "UMGR", date(2026, 12, 20))
    assert read_footer_value(value.encoded()) == value
    assert read_footer_value("0|week_ahead|UMGR") == FooterValue(0, "week_ahead", "UMGR")
    for crafted in (None, "", "x|week_ahead|UMGR", "0|Week Ahead|UMGR", "0|week_ahead|<!channel>",
                    "0|week_ahead|UMGR|2026-13-40", "0|week_ahead|UMGR|x"):
        assert read_footer_value(crafted) is None


def test_after_a_click_the_footer_says_what_changed_with_undo_and_undo_brings_new_buttons() -> None:
    kind, value = KINDS["debrief_prompt"], FooterValue(0, "debrief_prompt", "UREP")
    paused = paused_footer(kind, value, replace(REP, paused_until=date(2026, 12, 8)), date(2026, 12, 3))
    assert "nothing scheduled until Tuesday 8 December" in json.dumps(paused)
    [undo] = paused[-1]["elements"]
    assert undo["action_id"] == ids.NUDGE_UNDO_PAUSE and read_footer_value(undo["value"]) == FooterValue(
        0, "debrief_prompt", "UREP", date(2026, 12, 3))
    stopped = stopped_footer(kind, value)
    assert "no more *End-of-day debrief prompt" in json.dumps(stopped) and "notify on debrief_prompt" in json.dumps(
        stopped)
    again = undone_footer(kind, value, "they come again")
    assert {read_footer_value(b["value"]) for b in again[-1]["elements"]} == {FooterValue(1, "debrief_prompt", "UREP")}
    original = with_footer(kit.message("Hello", [kit.section("Hello")]), kind, "UREP")
    replaced = replaced_footer(original, stopped)
    assert replaced["blocks"] == [original["blocks"][0], *stopped] and replaced["text"] == original["text"]


def test_a_content_closing_with_its_own_note_keeps_it_when_trimmed() -> None:
    content = [kit.section(f"line {n}") for n in range(49)] + [kit.context("…and 12 more: `/coach team`.")]
    blocks = with_footer({"text": "t", "blocks": content}, KINDS["week_ahead"], "UREP")["blocks"]
    assert len(blocks) == limits.MESSAGE_BLOCKS and "and 12 more" in json.dumps(blocks[-3])
    assert TRIMMED not in json.dumps(blocks, ensure_ascii=False)
