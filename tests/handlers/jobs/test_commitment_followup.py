"""The follow-up of an action plan through the dispatch tick and the fake Slack: a reminder at 09:00 in the
owner's own zone on the working day before the deadline, and the check-in on the day, answered."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from domain.coaching.commitments import ActionDraft, CommitmentStatus
from handlers.edge import ids
from handlers.edge.directory import SlackUserDirectory
from handlers.edge.sender import deliver
from tests.handlers.jobs.steps import T1, tick

MONDAY_DEADLINE = date(2026, 12, 7)  # the working day before it is Friday 4 December


_OPENING = {"commitment_reminder": "Reminder: your action is due", "commitment_due": "Today is the deadline"}


def _of_kind(fake, user_id: str, kind: str) -> list[dict]:
    return [m for m in fake.messages_to(user_id) if m["text"].startswith(_OPENING[kind])]


def _first_sent(job, time, fake, user_id: str, kind: str, start: datetime, end: datetime) -> datetime | None:
    """Tick every 30 minutes from `start`; the instant the first `kind` message reached `user_id`."""
    at = start
    while at <= end:
        tick(job, time, at)
        if _of_kind(fake, user_id, kind):
            return at
        at += timedelta(minutes=30)
    return None


def _plan(services, client) -> tuple[int, int]:
    """Maya (New York) agrees with Alex (London) on two actions: Alex's own, and one delegated to Dana (Tokyo)."""
    saved = services.commitments.save_plan(T1, "UMGR", "UA", [
        ActionDraft("Send Hooli the ROI one-pager", None, MONDAY_DEADLINE, "Hooli replies", 4, "A template"),
        ActionDraft("Book the Hooli security review", "UD", MONDAY_DEADLINE, "Review on the calendar"),
    ], False, SlackUserDirectory(client)).result
    own, delegated = saved.commitments
    return own.id or 0, delegated.id or 0


def _world(world):
    fake, time, services, client, job = world
    fake.add_user("UA", "Alex Rivera", "Europe/London")
    fake.add_user("UD", "Dana Delegate", "Asia/Tokyo")
    fake.add_user("UMGR", "Maya Manager", "America/New_York")
    directory = SlackUserDirectory(client)
    services.roster.enroll_caller(T1, "UMGR", directory)
    services.roster.add_reps(T1, "UMGR", ["UA"], directory)
    time.now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # Tuesday: the plan is agreed
    return fake, time, services, client, job


def test_each_owner_is_reminded_at_nine_their_time_on_the_working_day_before_the_deadline(world) -> None:
    fake, time, services, client, job = _world(world)
    _plan(services, client)

    # Dana in Tokyo: Friday 09:00 JST is Friday 00:00 UTC; Alex in London: Friday 09:00 UTC.
    dana_at = _first_sent(job, time, fake, "UD", "commitment_reminder", datetime(2026, 12, 3, 12, 0, tzinfo=UTC),
                          datetime(2026, 12, 4, 12, 0, tzinfo=UTC))
    assert dana_at == datetime(2026, 12, 4, 0, 0, tzinfo=UTC)
    alex_at = _first_sent(job, time, fake, "UA", "commitment_reminder", time.now,
                          datetime(2026, 12, 4, 12, 0, tzinfo=UTC))
    assert alex_at == datetime(2026, 12, 4, 9, 0, tzinfo=UTC)

    [dana] = _of_kind(fake, "UD", "commitment_reminder")
    assert "Book the Hooli security review" in json.dumps(dana) and "ROI one-pager" not in json.dumps(dana)
    # Once each, whatever more ticks run over the weekend.
    _first_sent(job, time, fake, "UX", "commitment_reminder", time.now, datetime(2026, 12, 6, 12, 0, tzinfo=UTC))
    assert len(_of_kind(fake, "UA", "commitment_reminder")) == 1
    assert len(_of_kind(fake, "UD", "commitment_reminder")) == 1


def test_the_deadline_check_in_answered_partly_with_an_obstacle_reaches_the_manager(world) -> None:
    fake, time, services, client, job = _world(world)
    own_id, _ = _plan(services, client)

    sent_at = _first_sent(job, time, fake, "UA", "commitment_due", datetime(2026, 12, 7, 6, 0, tzinfo=UTC),
                          datetime(2026, 12, 7, 23, 0, tzinfo=UTC))
    assert sent_at == datetime(2026, 12, 7, 16, 0, tzinfo=UTC)  # 16:00 in London on the deadline day
    [check_in] = _of_kind(fake, "UA", "commitment_due")
    buttons = json.dumps(check_in["blocks"])
    assert all(b in buttons for b in (ids.COMMITMENT_DONE, ids.COMMITMENT_PARTLY, ids.COMMITMENT_NOT_DONE))

    done = services.commitments.answer_and_tell(T1, "UA", own_id, CommitmentStatus.PARTLY,
                                                "Hooli's CFO was out until Thursday")
    deliver(client, services, T1, done.effects)

    fake.wait_for(lambda: any("partly done" in m["text"] for m in fake.messages_to("UMGR")))
    [told] = [m for m in fake.messages_to("UMGR") if "partly done" in m["text"]]
    assert "Hooli's CFO was out until Thursday" in json.dumps(told["blocks"]).replace("&#x27;", "'")
    # Answered: a later tick sends nothing more about it.
    tick(job, time, datetime(2026, 12, 7, 23, 30, tzinfo=UTC))
    assert len(_of_kind(fake, "UA", "commitment_due")) == 1
