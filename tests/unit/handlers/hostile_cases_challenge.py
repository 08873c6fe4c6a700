"""Issue 13's challenge builders called with hostile behaviours and notes; merged into `hostile_cases.CASES`.

A manager may write the rep's behaviour, and the rep's note reaches the manager: neither may ping, link or format.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from domain.coaching.challenge import Answer, DayKind, DayRecord
from domain.coaching.challenge_model import Behaviour, Challenge, ChallengeStatus, ChallengeWithDays
from domain.model import WorkspaceSettings
from domain.notifications.challenge import ChallengeNudge
from domain.notifications.challenge_summary import ChallengeSummary
from domain.services.challenge_notices import (
    ChallengeCompleted,
    ChallengeFinishedForManager,
    ChallengeStarted,
    Encouraged,
)
from domain.services.challenge_views import build_view
from domain.services.challenges import ChallengeForm
from handlers.blocks import challenge, challenge_summary
from tests.unit.handlers.hostile_common import CATALOG, HOSTILE, MANAGER, NOW, REP, WS, Call

START = date(2026, 12, 1)
_REP = replace(REP, paused_until=None)
CHALLENGE = Challenge(WS, "UREP", "UMGR", START, DayKind.CALENDAR,
                      (Behaviour("discovery", HOSTILE), Behaviour("closing", f"{HOSTILE} 2")), id=7)
RECORDS = {START + timedelta(days=n): DayRecord(START + timedelta(days=n), Answer.DONE, HOSTILE) for n in range(3)}
RECORDS[START + timedelta(days=3)] = DayRecord(START + timedelta(days=3), Answer.MISSED, HOSTILE)
VIEW = build_view(ChallengeWithDays(CHALLENGE, {}), _REP, WorkspaceSettings(), NOW, CATALOG)
VIEW = replace(VIEW, records=RECORDS)
DONE = replace(VIEW, challenge=replace(CHALLENGE, status=ChallengeStatus.COMPLETE))
TODAY = NOW.date()

CHALLENGE_CASES: dict[str, list[Call]] = {
    "challenge.nudge_message": [Call(lambda: challenge.nudge_message(ChallengeNudge(WS, VIEW, TODAY), NOW))],
    "challenge.answered_message": [Call(lambda day=day: challenge.answered_message(VIEW, day),
                                        shows_person_text=day is not None)  # a repair: no note to show
                                   for day in (START, START + timedelta(days=3), None)],
    "challenge.challenge_start_modal": [Call(lambda: challenge.challenge_start_modal(ChallengeForm(
        _REP, CHALLENGE.behaviours, {"discovery": HOSTILE}, "21 working days")))],
    "challenge.started_message": [Call(lambda to=to: challenge.started_message(ChallengeStarted(VIEW, "UMGR"), to))
                                  for to in ("UREP", "UMGR")],
    "challenge.completed_message": [Call(lambda: challenge.completed_message(ChallengeCompleted(DONE)))],
    "challenge.finished_for_manager_message": [Call(lambda: challenge.finished_for_manager_message(
        ChallengeFinishedForManager(DONE)))],
    "challenge.progress_message": [Call(lambda: challenge.progress_message(VIEW))],
    "challenge.home_blocks": [Call(lambda view=view: challenge.home_blocks(view)) for view in (VIEW,)],
    "challenge_summary.summary_message": [Call(lambda cadence=cadence: challenge_summary.summary_message(
        ChallengeSummary(WS, MANAGER, cadence, TODAY, (VIEW, DONE)), NOW), shows_person_text=False)
        for cadence in ("daily", "weekly")],  # mentions and figures only: no behaviour, no note
    "challenge_summary.encouraged_message": [Call(lambda: challenge_summary.encouraged_message(
        Encouraged("UMGR", VIEW)), shows_person_text=False)],
    "challenge_summary.encouragement_sent_reply": [Call(lambda: challenge_summary.encouragement_sent_reply(VIEW),
                                                        shows_person_text=False)],
}

CHALLENGE_NO_PERSON_TEXT: dict[str, str] = {
    "challenge.challenge_note_modal": "an empty note form: the day and fixed answers",
    "challenge.compliance_text": "a percentage",
    "challenge.figures": "figures only",
    "challenge.day_value": "ids only (a challenge id and a date)",
    "challenge.read_day_value": "reads a button value, builds nothing",
    "challenge.read_note": "reads a submission, builds nothing",
    "challenge.read_start": "reads a submission, builds nothing",
    "scorecard_text.challenge_text": "figures only (issue 13)",
}
