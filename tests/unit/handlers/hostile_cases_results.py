"""Hostile-text cases of the cycle's results builders (issue 13), merged into `hostile_cases.CASES`.

The page carries the rep's display name and the contract's targets as the manager typed them.
"""

from __future__ import annotations

from datetime import date

from domain.coaching.commitments import KeptRate
from domain.coaching.cycle import CoachingCycle
from domain.coaching.leading import Target
from domain.coaching.results import (
    ChallengeFigures,
    CoachingHours,
    CycleResults,
    IndicatorResult,
    PipelineFigures,
    PipelineResult,
    ScoreChange,
    SkillResult,
    cycle_span,
    team_totals,
)
from domain.notifications.cycle_results import CycleResultsNote
from domain.services.results import TeamResults
from handlers.blocks import kit, results
from tests.unit.handlers.hostile_common import CATALOG, HOSTILE, NOW, REP, WS, Call

_CYCLE = CoachingCycle(WS, "UREP", "UMGR", date(2026, 10, 5), id=3)
_INDICATOR = CATALOG.indicators_for("discovery")[0]
_FIGURES = PipelineFigures(3, (4.0, None, 2.5, None), (0.5, None, 1.0, None), None, 0.25)
RESULT = CycleResults(
    WS, REP, "UMGR", _CYCLE, cycle_span(_CYCLE, date(2026, 12, 9)),
    (SkillResult("discovery", (IndicatorResult(_INDICATOR, 3.0, 3, 6.5, 6, Target(HOSTILE, 6.0)),)),),
    {"discovery": HOSTILE}, (ScoreChange("discovery_quality", 2.5, 2, 4.0, 2),), {"discovery_quality": HOSTILE},
    PipelineResult(_FIGURES, _FIGURES), KeptRate(2, 3), CoachingHours(6, 4.5, 0.5, 6), ChallengeFigures(0.8, 6, 12, 15),
)
_TEAM = TeamResults(WS, "UMGR", date(2026, 11, 1), (RESULT,), team_totals([RESULT]))

RESULTS_CASES: dict[str, list[Call]] = {
    "results.results_blocks": [Call(lambda: kit.message("", results.results_blocks(RESULT)))],
    "results.results_message": [Call(lambda: results.results_message(RESULT, chart_follows=True))],
    "results.results_note_message": [Call(lambda to=to: results.results_note_message(
        CycleResultsNote(WS, to, RESULT), NOW)) for to in ("UREP", "UMGR")],
    "results.ended_results_message": [Call(lambda to=to: results.ended_results_message(RESULT, to))
                                      for to in ("UREP", "UMGR")],
    # A team's lines name reps by live mention, never by display name: no person text to show.
    "results.team_results_message": [Call(lambda: results.team_results_message(_TEAM), shows_person_text=False)],
}

RESULTS_NO_PERSON_TEXT: dict[str, str] = {}
