"""The kind registry and its renderers: each kind once, each with exactly one renderer, or no start."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from domain.model import Member, WorkspaceRef
from domain.notifications.cycle_tasks import CYCLE_TASKS
from domain.notifications.kind import KindRegistry, Occasion
from domain.notifications.registry import KINDS
from domain.notifications.team_tasks import TEAM_TASKS
from domain.notifications.week_ahead import WEEK_AHEAD, WeekAheadNote
from handlers.blocks.cycle_tasks import cycle_tasks_message, team_tasks_message
from handlers.blocks.notifications import RENDERERS, Renderers, bind, timeless
from handlers.blocks.week_ahead import week_ahead_message

WS = WorkspaceRef("T1")
MAYA = Member(WS, "UMGR", "Maya", "America/New_York")
ALEX = Member(WS, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR")


def test_the_registry_holds_each_kind_once_in_the_order_coach_notify_lists_them() -> None:
    assert list(KINDS) == ["week_ahead", "cycle_tasks", "team_tasks", "homework_due", "micro_lesson",
                           "debrief_prompt", "debrief_digest", "friday_scorecard", "team_scorecard", "peer_learning",
                           "commitment_reminder", "commitment_due", "session_prework", "session_prework_reminder",
                           "session_card", "maintenance_checkin", "cycle_results", "challenge_nudge",
                           "challenge_summary", "challenge_invite", "challenge_invite_team"]
    assert KINDS["cycle_tasks"] is CYCLE_TASKS and "scorecard" not in KINDS
    with pytest.raises(ValueError, match="two scheduled kinds are called 'week_ahead'"):
        KindRegistry(WEEK_AHEAD, replace(CYCLE_TASKS, name="week_ahead"))


def test_the_edge_refuses_to_start_with_a_kind_left_without_its_renderer() -> None:
    with pytest.raises(ValueError, match="without a renderer: team_tasks"):
        Renderers(KINDS, bind(WEEK_AHEAD, week_ahead_message), bind(CYCLE_TASKS, timeless(cycle_tasks_message)))
    with pytest.raises(ValueError, match="week_ahead: bound twice"):
        Renderers(KINDS, bind(WEEK_AHEAD, week_ahead_message), bind(WEEK_AHEAD, week_ahead_message))
    impostor = replace(TEAM_TASKS, title="Another note of the same name")
    with pytest.raises(ValueError, match="not the registered kind"):
        Renderers(KINDS, bind(WEEK_AHEAD, week_ahead_message), bind(CYCLE_TASKS, timeless(cycle_tasks_message)),
                  bind(impostor, timeless(team_tasks_message)))


def test_a_row_is_rendered_by_its_own_kinds_builder() -> None:
    note = WeekAheadNote(WS, MAYA, [ALEX], date(2026, 11, 30))
    now = datetime(2026, 11, 30, 13, tzinfo=UTC)
    assert RENDERERS.render("week_ahead", note, now) == week_ahead_message(note, now)


def test_an_occasion_reads_its_period_as_a_day_or_an_anchor() -> None:
    assert Occasion("UA", "2026-11-30").on == date(2026, 11, 30)
    assert Occasion("UA", "2026-11-30").ref is None
    session = Occasion("UA", "s42@20261124T2000Z")
    assert (session.ref, session.at, session.on) == ("s42", datetime(2026, 11, 24, 20, tzinfo=UTC), date(2026, 11, 24))
    deadline = Occasion("UA", "d7@2026-12-04")
    assert (deadline.ref, deadline.at, deadline.on) == ("d7", None, date(2026, 12, 4))
