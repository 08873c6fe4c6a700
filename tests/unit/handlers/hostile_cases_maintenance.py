"""Issue 13's maintenance check-in builders called with hostile text; merged into `hostile_cases.CASES`.

What the rep says is slipping is read by their manager: it must never ping, link or format.
"""

from __future__ import annotations

from datetime import date

from domain.coaching.cycle import CoachingCycle
from domain.coaching.maintenance import Backslide
from domain.coaching.maintenance_checkins import IndicatorReading, MaintenanceCheckin
from domain.notifications.maintenance import MaintenanceCheckinNote
from domain.services.cycles import CycleView
from domain.services.maintenance_notices import CheckinForm, CheckinForManager, CheckinSaved, CycleRestarted
from handlers.blocks import maintenance
from tests.unit.handlers.hostile_common import CATALOG, HOSTILE, NOW, REP, TODAY, WS, Call

CYCLE = CoachingCycle(WS, "UREP", "UMGR", date(2026, 9, 7), id=1)
READINGS = (IndicatorReading("discovery", "discovery_questions_asked", 4.5, 6),
            IndicatorReading("discovery", "unknown_indicator", None, 0))
LAST = MaintenanceCheckin(WS, "UREP", "UMGR", 1, date(2026, 11, 1), (("discovery", 4),), HOSTILE, READINGS, NOW,
                          id=1)
NOW_CHECKIN = MaintenanceCheckin(WS, "UREP", "UMGR", 1, date(2026, 12, 1), (("discovery", 3),),
                                 f"{HOSTILE}\n{HOSTILE}", READINGS, NOW, id=2)
FLAG = Backslide("discovery", 1, ("discovery_questions_asked",))
NEW = CoachingCycle(WS, "UREP", "UMGR", date(2026, 12, 14), id=3)

MAINTENANCE_CASES: dict[str, list[Call]] = {
    "maintenance.maintenance_checkin_message": [
        Call(lambda: maintenance.maintenance_checkin_message(MaintenanceCheckinNote(WS, REP, CYCLE,
                                                                                    date(2026, 12, 1))),
             shows_person_text=False)],
    "maintenance.checkin_modal": [Call(lambda current=current: maintenance.checkin_modal(
        CheckinForm(REP, CYCLE, date(2026, 12, 1), ("discovery",), READINGS, LAST, current), CATALOG),
        shows_person_text=current is not None) for current in (None, NOW_CHECKIN)],
    "maintenance.checkin_saved_message": [Call(lambda: maintenance.checkin_saved_message(
        CheckinSaved(NOW_CHECKIN, True), CATALOG), shows_person_text=False)],
    "maintenance.checkin_for_manager_message": [Call(lambda flags=flags: maintenance.checkin_for_manager_message(
        CheckinForManager(REP, NOW_CHECKIN, LAST, flags, False), CATALOG)) for flags in ((), (FLAG,))],
    "maintenance.cycle_restarted_message": [Call(lambda to=to: maintenance.cycle_restarted_message(
        CycleRestarted(REP, "discovery", CycleView(REP, NEW, [CYCLE], TODAY), "UADMIN"), CATALOG, to),
        shows_person_text=False) for to in ("UMGR", "UADMIN")],
}

MAINTENANCE_NO_PERSON_TEXT: dict[str, str] = {
    "maintenance.read_checkin": "reads a submission, builds nothing",
    "maintenance.read_restart_value": "reads a button value, builds nothing",
    "maintenance.restart_value": "a button value: a check-in id and a catalog id",
}
