"""Steps shared by the maintenance check-in tests: Maya (New York) coaches Lena (London), whose cycle began on
Monday 7 September 2026 and is in maintenance from November; the monthly DM comes from the dispatch job."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.fake_slack.state_values import plain_text, static_select
from domain.coaching.calls import CallRef, CallType
from domain.coaching.debriefs import Debrief
from domain.coaching.maintenance_checkins import SLIPPING, MaintenanceCheckin, rating_field
from handlers.blocks.inputs import VALUE
from handlers.edge import ids
from tests.handlers.conftest import Reply
from tests.handlers.homework_steps import button_value, click_to_open, submit_view
from tests.handlers.jobs.steps import T1
from tests.handlers.loop_world import Loop
from tests.unit.domain.maintenance_world import ANSWERS, MONTHS, QUESTIONS, working_days

Values = dict[str, dict[str, dict[str, Any]]]
STARTED_ON = datetime(2026, 10, 26, 14, tzinfo=UTC)  # a Monday: Maya starts the cycle back from 7 September
DM = "monthly maintenance check-in for"


def lena_in_maintenance(loop: Loop) -> int:
    """Maya's team, Lena's cycle from 7 September with discovery and closing as focus, her debriefs; its id."""
    loop.at(STARTED_ON)
    loop.slack.coach("UADMIN", "help", replies=2)
    loop.slack.coach("UMGR", "team add <@UL|lena>")
    loop.slack.coach("UMGR2", "team add <@UC|chen>")
    loop.slack.coach("UMGR", "start <@UL|lena> 2026-09-07")
    focus = loop.slack.coach("UMGR", "focus <@UL|lena> discovery, closing")
    assert "Discovery" in focus.last_text, focus.last_text
    with loop.uow_factory() as uow:
        cycle = uow.cycles.active_for(T1, "UL")
        assert cycle is not None and cycle.id is not None
        for monday, questions in MONTHS:
            for n, day in enumerate(working_days(monday)):
                uow.debriefs.add(Debrief(T1, "UL", CallRef(f"Call {n}"), CallType.DISCOVERY, day, ANSWERS,
                                         {QUESTIONS: questions}, skills=("discovery",)))
        uow.commit()
    return cycle.id


def checkin_dm_at(loop: Loop, first_tuesday: datetime) -> tuple[datetime | None, dict[str, Any] | None]:
    """Tick from 10 minutes before 10:00 London on `first_tuesday` until Lena's check-in DM; (when, the DM)."""
    loop.at(first_tuesday - timedelta(minutes=10))
    came = loop.first_dm_at("UL", DM, first_tuesday + timedelta(hours=2))
    found = loop.dms("UL", DM)
    return came, (found[-1] if found else None)


def checkin_values(discovery: str | None, closing: str | None, slipping: str | None = None) -> Values:
    return {rating_field("discovery"): {VALUE: static_select(discovery)},
            rating_field("closing"): {VALUE: static_select(closing)},
            SLIPPING: {VALUE: plain_text(slipping)}}


def open_checkin(loop: Loop, message: dict[str, Any], user_id: str = "UL") -> tuple[dict[str, Any] | None, Any]:
    return click_to_open(loop.slack, user_id, ids.OPEN_MAINTENANCE_CHECKIN,
                         button_value(message, ids.OPEN_MAINTENANCE_CHECKIN))


def submit_checkin(loop: Loop, modal: dict[str, Any], values: Values, user_id: str = "UL") -> Reply:
    return submit_view(loop.slack, user_id, ids.MAINTENANCE_CHECKIN_VIEW, modal, values)


def checkins(loop: Loop) -> list[MaintenanceCheckin]:
    with loop.uow_factory(read_only=True) as uow:
        cycle_ids = [c.id or 0 for c in uow.cycles.history(T1, "UL")]
        return [c for cycle_id in cycle_ids
                for c in uow.maintenance_checkins.for_cycle(T1, cycle_id, date(2030, 1, 1), 12)]


def shown(message: dict[str, Any]) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


def restart_values(message: dict[str, Any]) -> list[str]:
    return [str(e["value"]) for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]
            if e.get("action_id") == ids.RESTART_FROM_CHECKIN]
