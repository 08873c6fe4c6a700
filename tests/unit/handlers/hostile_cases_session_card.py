"""Hostile-text cases of the session card's builders (issue 12), merged into `hostile_cases.CASES`.

The card carries what the rep wrote (agenda, questions, background), the manager's questions, the actions'
words and obstacles, and deal names from the CRM: each shown as typed, never obeyed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from domain.coaching.commitments import CommitmentStatus
from domain.coaching.leading import WeekValue
from domain.coaching.preread import PrereadAnswer
from domain.coaching.prework import Prework
from domain.coaching.roleplay import Baseline, RoleplayCard
from domain.coaching.session_card import FocusSkill, IndicatorReading, ReviewItem, ReviewStatus, SessionCard
from domain.coaching.sessions import CoachingSession
from domain.coaching.takeaways import Takeaways
from domain.notifications.session_card import SessionCardNote
from domain.pipeline.model import Stage
from handlers.blocks import kit, session_card
from tests.unit.handlers.hostile_cases_commitments import ACTION, DELEGATED, PARTLY
from tests.unit.handlers.hostile_common import CATALOG, HOSTILE, MANAGER, NOW, REP, WS, Call

SESSION = CoachingSession(WS, "UREP", "UMGR", NOW + timedelta(minutes=5), id=7)
WRITTEN = Prework(WS, 7, "UREP", (HOSTILE, f"{HOSTILE} 2", f"{HOSTILE} 3"), HOSTILE, HOSTILE, (HOSTILE, HOSTILE),
                  preread=(PrereadAnswer(HOSTILE, HOSTILE),))
TAKEN = Takeaways(WS, 7, "UREP", HOSTILE, (HOSTILE,), "UMGR", NOW)
_INDICATOR = CATALOG.indicators_for("discovery")[0]
READING = IndicatorReading(_INDICATOR, WeekValue(_INDICATOR.id, NOW.date() - timedelta(days=2), 6.5, 4, 1.5))
STALLED = RoleplayCard("UREP", "D1", HOSTILE, Stage.PRESENTING, Decimal(12000), 34, 12.0, Baseline.REP)
CARD = SessionCard(
    session=SESSION, rep=REP, manager=MANAGER, viewer_id="UMGR", prework=WRITTEN,
    review=(ReviewItem(PARTLY, ReviewStatus.PARTLY), ReviewItem(ACTION, ReviewStatus.OVERDUE),
            ReviewItem(replace(DELEGATED, status=CommitmentStatus.DONE), ReviewStatus.DONE)),
    previous_start=NOW - timedelta(days=7), focus=(FocusSkill("discovery", HOSTILE, (READING,)),),
    stalled=(STALLED,), has_pipeline=True, plan=(), may_change=True, takeaways=TAKEN,
    previous_takeaways=replace(TAKEN, session_id=6),
)
RECORDED = replace(CARD, plan=(replace(ACTION, session_id=7),), prework=None, viewer_id="UREP", may_change=False)

SESSION_CARD_CASES: dict[str, list[Call]] = {
    "session_card.card_blocks": [Call(lambda card=card: kit.message("", session_card.card_blocks(card)))
                                 for card in (CARD, RECORDED)],
    "session_card.session_card_message": [Call(lambda card=card: session_card.session_card_message(card))
                                          for card in (CARD, RECORDED)],
    "session_card.session_card_note_message": [Call(lambda: session_card.session_card_note_message(
        SessionCardNote(WS, CARD), NOW))],
}

SESSION_CARD_NO_PERSON_TEXT: dict[str, str] = {
    "commitments.commitment_menu": "an overflow of our own labels; the value is the action's id",
}
