"""Nudge hygiene through the dispatch tick: every message carries its footer, a stopped kind stays stopped
while the others keep coming, and a deactivated person gets nothing until Slack says they are back."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from domain.delivery import DeliveryStatus
from handlers.edge import ids
from handlers.jobs.refresh_profiles import refresh_profiles
from tests.handlers.jobs.steps import T1, add_team, tick

CYCLE_MONDAY = date(2026, 11, 30)
MONDAY_EVENING = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)  # 17:30 New York
TUESDAY_EVENING = datetime(2026, 12, 1, 22, 30, tzinfo=UTC)
WEDNESDAY_MORNING = datetime(2026, 12, 2, 14, 30, tzinfo=UTC)  # 09:30 New York
NEXT_MONDAY_MORNING = datetime(2026, 12, 7, 13, 30, tzinfo=UTC)  # 08:30 New York


def _kinds(fake, user_id: str) -> list[str]:
    return [m["metadata"]["event_payload"]["key"].split("/")[2] for m in fake.messages_to(user_id)]


def _footer_actions(message: dict) -> list[str]:
    return [e["action_id"] for b in message["blocks"] for e in b.get("elements", []) if "action_id" in e]


def test_a_stopped_kind_is_not_sent_the_next_day_but_the_others_are(world) -> None:
    fake, time, services, client, job = world
    add_team(fake, services, client, "UMGR", "America/New_York", ["UA", "UB"])
    services.cycles.start(T1, "UMGR", "UA", CYCLE_MONDAY)

    tick(job, time, MONDAY_EVENING)
    assert _kinds(fake, "UA") == ["cycle_tasks", "debrief_prompt"] and _kinds(fake, "UMGR") == ["week_ahead"]
    for message in [*fake.messages_to("UA"), *fake.messages_to("UMGR")]:
        assert "You get this because" in json.dumps(message["blocks"])
        assert {ids.NUDGE_PAUSE_WEEK, ids.NUDGE_STOP} <= set(_footer_actions(message))

    # What "Stop these" under Alex's prompt and Maya's note call (tests/handlers/test_nudge_buttons.py clicks them).
    services.preferences.stop_kind(T1, "UA", "UA", "debrief_prompt", True)
    services.preferences.stop_kind(T1, "UMGR", "UMGR", "week_ahead", True)

    tick(job, time, TUESDAY_EVENING)
    assert _kinds(fake, "UA") == ["cycle_tasks", "debrief_prompt"]  # no second prompt
    assert _kinds(fake, "UB") == ["debrief_prompt", "debrief_prompt"]  # Bea's keep coming
    tick(job, time, WEDNESDAY_MORNING)
    assert _kinds(fake, "UMGR") == ["week_ahead", "team_tasks"]  # Maya's other notes keep coming
    tick(job, time, NEXT_MONDAY_MORNING)
    assert _kinds(fake, "UMGR") == ["week_ahead", "team_tasks"]  # no week-ahead note this Monday


def test_a_deactivated_person_gets_nothing_until_slack_says_they_are_back(world, uow_factory) -> None:
    fake, time, services, client, job = world
    add_team(fake, services, client, "UMGR", "America/New_York", ["UA", "UB"])
    fake.add_user("UA", "Rep UA", "America/New_York", deleted=True)  # an admin deactivated Alex
    refresh_profiles(client, services, T1, sleep=lambda _: None)

    tick(job, time, MONDAY_EVENING)
    tick(job, time, TUESDAY_EVENING)

    assert fake.messages_to("UA") == [] and _kinds(fake, "UB") == ["debrief_prompt", "debrief_prompt"]
    with uow_factory() as uow:
        assert uow.members.get(T1, "UA").deactivated
        assert uow.schedules.for_member(T1, "UA") == []
        # Nothing was even tried: no failed row for Alex, as a send to a deactivated account would leave.
        assert [d for d in uow.deliveries.search(status=DeliveryStatus.FAILED) if d.key.recipient_id == "UA"] == []

    fake.add_user("UA", "Rep UA", "America/New_York")  # reactivated
    refresh_profiles(client, services, T1, sleep=lambda _: None)
    tick(job, time, datetime(2026, 12, 2, 22, 30, tzinfo=UTC))
    assert _kinds(fake, "UA") == ["debrief_prompt"]
