"""The cycle's results page and a team's lines as Block Kit: wording, direction, no data, Slack's limits."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from domain.catalog import load_catalog
from domain.coaching.commitments import KeptRate
from domain.coaching.cycle import CoachingCycle
from domain.coaching.results import (
    ChallengeFigures,
    CoachingHours,
    CycleResults,
    IndicatorResult,
    SkillResult,
    cycle_span,
    team_totals,
)
from domain.model import Member, WorkspaceRef
from domain.services.results import TeamResults
from handlers.blocks import limits
from handlers.blocks.results import NO_CHALLENGE, results_message, team_results_message

CATALOG = load_catalog()
WS = WorkspaceRef("T1")
CYCLE = CoachingCycle(WS, "UA", "UMGR", date(2026, 10, 5), id=1)
DAYS = CATALOG.indicator("proposal_to_decision_days")
RESULT = CycleResults(
    WS, Member(WS, "UA", "Alex Rivera", "UTC", manager_id="UMGR"), "UMGR", CYCLE, cycle_span(CYCLE, date(2026, 12, 2)),
    (SkillResult("closing", (IndicatorResult(DAYS, 20.0, 3, 12.0, 4),)),), {"closing": "Closing"}, (), {}, None,
    KeptRate(0, 0), CoachingHours(0, 0.0, None, 6), None,
)


def _shown(built: dict[str, object]) -> str:
    return json.dumps(built, ensure_ascii=False)


def test_fewer_days_read_as_down_and_better_and_missing_data_is_said_plainly() -> None:
    page = _shown(results_message(RESULT))
    assert "Days from proposal to decision: 20 days in week 3 → 12 days in the last two weeks (↓ 8, better)" in page
    assert "No pipeline data" in page and "No call was scored by the manager" in page
    assert "none fell due" in page and "0 1:1s held, 0 h (no signed contract to measure against)" in page
    assert NO_CHALLENGE in page and "A chart of these figures follows" not in page


def test_a_challenge_and_a_chart_to_follow_are_shown() -> None:
    page = _shown(results_message(replace(RESULT, challenge=ChallengeFigures(0.8, 6, 12, 15)), chart_follows=True))
    assert "compliance 80%, 12 of 15 relevant days done, longest streak 6" in page
    assert "A chart of these figures follows in your DM" in page and "to go" not in page


def test_a_challenge_still_running_at_the_cycles_end_says_its_figures_are_so_far() -> None:
    running = replace(RESULT, challenge=ChallengeFigures(2 / 3, 2, 2, 3, days_left=1))
    assert "compliance 67%, 2 of 3 relevant days done, longest streak 2 (so far: 1 day to go)" in _shown(
        results_message(running, chart_follows=False))


def test_a_team_of_45_fits_in_one_message_with_the_rest_counted() -> None:
    reps = [replace(RESULT, rep=Member(WS, f"U{n:03d}", f"Rep {n}", "UTC")) for n in range(45)]
    built = team_results_message(TeamResults(WS, None, date(2026, 11, 1), tuple(reps), team_totals(reps)))
    blocks = built["blocks"]
    assert len(blocks) <= limits.MESSAGE_BLOCKS
    assert all(len(b["text"]["text"]) <= limits.SECTION_TEXT for b in blocks if b["type"] == "section")
    shown = _shown(built)
    assert shown.count("• <@U") == 40 and "…and 5 more reps" in shown and "*Totals* (45 reps)" in shown
