"""Issue 12's takeaways builders called with hostile takeaways and agenda items; merged into `hostile_cases.CASES`.

What a manager writes is read by the rep (and what the rep put on the agenda by the manager): it must never
ping, link or format.
"""

from __future__ import annotations

from datetime import timedelta

from domain.coaching.sessions import CoachingSession
from domain.coaching.takeaways import Takeaways
from domain.services.takeaway_notices import PastSession, RecentTakeaways, TakeawaysForm, TakeawaysRecorded
from handlers.blocks import takeaways
from tests.unit.handlers.hostile_common import HOSTILE, MANAGER, NOW, REP, WS, Call

SESSION = CoachingSession(WS, "UREP", "UMGR", NOW - timedelta(days=1), id=1)
AGENDA = (HOSTILE, f"{HOSTILE} 2", f"{HOSTILE} 3")
TAKEN = Takeaways(WS, 1, "UREP", HOSTILE, (HOSTILE,), "UMGR", NOW)
RECORDED = TakeawaysRecorded(SESSION, REP, MANAGER, TAKEN, AGENDA, edited=True)
RECENT = RecentTakeaways(MANAGER, (PastSession(SESSION, TAKEN, AGENDA, may_record=True),
                                   PastSession(SESSION, None, AGENDA, may_record=False)),
                         {"UREP": REP, "UMGR": MANAGER}, NOW)

TAKEAWAYS_CASES: dict[str, list[Call]] = {
    "takeaways.takeaways_section": [Call(lambda agenda=agenda: takeaways.takeaways_section(TAKEN, agenda))
                                    for agenda in (AGENDA, ())],
    "takeaways.takeaways_modal": [Call(lambda: takeaways.takeaways_modal(TakeawaysForm(SESSION, REP, MANAGER,
                                                                                       AGENDA, TAKEN)))],
    "takeaways.takeaways_recorded_message": [Call(lambda to=to: takeaways.takeaways_recorded_message(RECORDED, to))
                                             for to in ("UREP", "UMGR", "UADMIN")],
    "takeaways.recent_blocks": [Call(lambda: takeaways.recent_blocks(RECENT))],
}

TAKEAWAYS_NO_PERSON_TEXT: dict[str, str] = {
    "takeaways.read_takeaways": "reads a submission, builds nothing",
    "takeaways.takeaways_button": "a fixed label and the session id",
}
