"""The homework reminder through the dispatch tick and the fake Slack: once, at 09:00 local, with its Hand in button."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from domain.coaching.homework import HandIn
from handlers.edge import ids
from tests.handlers.jobs.steps import T1, add_team, tick

WEDNESDAY = date(2026, 12, 2)


def _run_until(job, time, end: datetime) -> None:
    at = time.now
    while at <= end:
        tick(job, time, at)
        at += timedelta(minutes=30)


def _reminders(fake, user_id: str) -> list[dict]:
    return [m for m in fake.messages_to(user_id) if "homework_due" in json.dumps(m)]


def test_the_rep_is_reminded_once_at_nine_their_time_with_the_assignment_and_a_hand_in_button(world) -> None:
    fake, time, services, client, job = world
    add_team(fake, services, client, "UMGR", "Asia/Kolkata", ["UA", "UB"])
    first = services.homework.assign_and_tell(T1, "UMGR", "UA", None, "Write <!here> five questions", WEDNESDAY,
                                              "text").result
    second = services.homework.assign_and_tell(T1, "UMGR", "UB", None, "Map one deal", WEDNESDAY, "text").result
    services.homework.hand_in_and_tell(T1, "UB", second.id or 0, HandIn("Mapped Acme"))  # handed in: no reminder

    _run_until(job, time, datetime(2026, 12, 3, 0, 0, tzinfo=UTC))

    [reminder] = _reminders(fake, "UA")
    assert reminder["text"].startswith("Your homework from <@UMGR> is due today")
    blocks = json.dumps(reminder["blocks"])
    assert "&lt;!here&gt;" in blocks and ids.OPEN_HAND_IN in blocks and f'"value": "{first.id}"' in blocks
    assert _reminders(fake, "UB") == []
    calls = [c for c in fake.calls_to("chat.postMessage") if "homework_due" in json.dumps(c.params)]
    assert len(calls) == 1
