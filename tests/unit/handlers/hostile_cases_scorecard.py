"""Issue 11's scorecard builders called with hostile text; merged into `hostile_cases.CASES`.

A rep's name, their "what went well", a CRM's account and deal names, the
manager's feedback, lesson and homework titles, an admin's skill names and
a contract's typed target can all hold text meant to ping or to phish.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from domain.coaching.leading import Agreement
from domain.coaching.scorecard import (
    CoachingTime,
    DealClosed,
    DealMove,
    Example,
    PipelineImpact,
    ShadowFeedback,
    TeamScorecard,
)
from domain.pipeline.model import Stage as DealStage
from handlers.blocks import kit, scorecard, scorecard_team
from tests.unit.handlers.hostile_common import HOSTILE, MANAGER, NOW, REP, Call
from tests.unit.handlers.scorecard_samples import WEEK, card, indicator_weeks

DAY = date(2026, 11, 25)
HOSTILE_CARD = card(
    {"discovery": [indicator_weeks("discovery_questions_asked", [(4, 3), (5, 4), (5, 3), (6.5, 4)], HOSTILE,
                                   agreement=Agreement(1, 8, 6))],
     "closing": [indicator_weeks("next_step_defined", [(50, 4), (75, 4), (75, 4), (100, 4)], "yes")]},
    rep=REP, skill_names={"discovery": HOSTILE, "closing": HOSTILE},
    examples=(Example(DAY, HOSTILE, HOSTILE), Example(DAY, HOSTILE, f"{HOSTILE}\n> {HOSTILE}\n\n\n{HOSTILE}")),
    pipeline=PipelineImpact((DealMove(HOSTILE, DealStage.QUALIFYING, DealStage.PRESENTING, DAY, 12, 18.0),),
                            (DealClosed(HOSTILE, True, DAY, Decimal(12000)),), (DealClosed(HOSTILE, False, DAY),)),
    feedback=(ShadowFeedback(DAY, HOSTILE, "UMGR", HOSTILE, {"discovery": 4, HOSTILE: 2}),) * 4,
    lessons_done=(HOSTILE,) * 8, homework_done=(HOSTILE,),
)
QUIET_CARD = replace(HOSTILE_CARD, debriefed=0, shadowed=0, examples=(), feedback=(), lessons_done=(),
                     homework_done=(), pipeline=PipelineImpact())
TEAMS = [TeamScorecard(HOSTILE_CARD.workspace, MANAGER, WEEK, cards, CoachingTime(3, 4, 0, 8.0))
         for cards in ((HOSTILE_CARD, QUIET_CARD), (HOSTILE_CARD, QUIET_CARD) * 30)]

SCORECARD_CASES: dict[str, list[Call]] = {
    "scorecard.scorecard_blocks": [Call(lambda viewer=viewer: kit.message("", scorecard.scorecard_blocks(
        HOSTILE_CARD, viewer=viewer))) for viewer in ("rep", "manager")],
    "scorecard.scorecard_message": [Call(lambda shown=shown: scorecard.scorecard_message(shown, NOW))
                                    for shown in (HOSTILE_CARD, QUIET_CARD)],
    "scorecard.scorecard_modal": [Call(lambda viewer=viewer: scorecard.scorecard_modal(HOSTILE_CARD, viewer=viewer))
                                  for viewer in ("rep", "manager")],
    "scorecard_team.team_scorecard_blocks": [Call(lambda team=team: kit.message(
        "", scorecard_team.team_scorecard_blocks(team))) for team in TEAMS],
    "scorecard_team.team_scorecard_message": [Call(lambda team=team: scorecard_team.team_scorecard_message(team, NOW))
                                              for team in TEAMS],
    "scorecard_team.rep_line": [Call(lambda shown=shown: kit.section(scorecard_team.rep_line(shown)))
                                for shown in (HOSTILE_CARD, QUIET_CARD)],
}

SCORECARD_NO_PERSON_TEXT: dict[str, str] = {
    **dict.fromkeys(["scorecard_text.week_title", "scorecard_text.short_week", "scorecard_text.cycle_text",
                     "scorecard_text.calls_text", "scorecard_text.value_text", "scorecard_text.agreement_text",
                     "scorecard_text.indicator_words", "scorecard_text.headline_text",
                     "scorecard_team.coaching_text", "scorecard_team.silent_text"],
                    "a plain fragment that the builders using it escape (covered through them)"),
    "scorecard.comment_button": "a button with the week's label as its value",
    "scorecard_team.rep_scorecard_value": "a button value: a Slack user id and a week label",
    "scorecard_team.read_rep_scorecard_value": "reads a button value, builds nothing",
}
