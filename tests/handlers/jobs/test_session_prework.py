"""1:1 pre-work through the dispatch tick and the fake Slack: Maya manages from New York, Alex works in London.

The DM comes 24 h before the session in elapsed time (across the UK's clock change too), at once when the
session is booked sooner, and the reminder 2 h before only when the pre-work is still missing.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from handlers.edge import ids
from tests.handlers.jobs.steps import T1, book_alex, maya_and_alex, tick

_OPENING = {"session_prework": ":memo: Your 1:1 with", "session_prework_reminder": ":hourglass_flowing_sand:"}


def _of_kind(fake, user_id: str, kind: str, session_id: int | None = None) -> list[dict]:
    """`kind`'s DMs to `user_id` (about one session, when named: its button carries the session id)."""
    return [m for m in fake.messages_to(user_id) if m["text"].startswith(_OPENING[kind])
            and (session_id is None or f'"value": "{session_id}"' in json.dumps(m["blocks"]))]


def _first_sent(job, time, fake, user_id: str, kind: str, start: datetime, end: datetime,
                step: timedelta = timedelta(minutes=30), session_id: int | None = None) -> datetime | None:
    at = start
    while at <= end:
        tick(job, time, at)
        if _of_kind(fake, user_id, kind, session_id):
            return at
        at += step
    return None


def test_the_pre_work_dm_comes_24_hours_before_in_elapsed_time_across_the_uk_clock_change(world) -> None:
    # Maya books from New York (EDT since 8 March) a 1:1 on Sunday 29 March 2026 at 05:00 her time: 09:00 UTC,
    # 10:00 in London, which moved to BST at 01:00 UTC that morning. 24 h before is Saturday 09:00 UTC, which
    # is 09:00 in London (still GMT): 25 h earlier on London's clock, not 10:00.
    fake, time, services, _client, job = maya_and_alex(world, datetime(2026, 3, 25, 15, 0, tzinfo=UTC))
    session_id = book_alex(services, "2026-03-29 05:00")

    sent_at = _first_sent(job, time, fake, "UA", "session_prework", time.now,
                          datetime(2026, 3, 29, 9, 0, tzinfo=UTC), step=timedelta(minutes=15))
    assert sent_at == datetime(2026, 3, 28, 9, 0, tzinfo=UTC)
    [dm] = _of_kind(fake, "UA", "session_prework")
    assert "Sun 29 Mar 10:00" in dm["text"]  # the session in Alex's own time (BST)
    assert ids.OPEN_PREWORK in json.dumps(dm["blocks"]) and f'"value": "{session_id}"' in json.dumps(dm["blocks"])
    assert "Prepare for our 1:1" in json.dumps(dm["blocks"])
    assert not _of_kind(fake, "UMGR", "session_prework")  # the manager gets none: it is the rep's to write


def test_the_pre_work_dm_comes_24_hours_before_across_new_yorks_clock_change_too(world) -> None:
    # New York leaves EDT at 06:00 UTC on Sunday 1 November 2026 (London left BST a week before). Maya books
    # that Sunday at 11:00 her time (EST): 16:00 UTC, 16:00 in London. 24 h before is Saturday 16:00 UTC,
    # 12:00 on her Saturday clock (EDT): 24 real hours, not the 25 that "11:00 the day before" would be.
    fake, time, services, _client, job = maya_and_alex(world, datetime(2026, 10, 28, 12, 0, tzinfo=UTC))
    book_alex(services, "2026-11-01 11:00")

    sent_at = _first_sent(job, time, fake, "UA", "session_prework", time.now,
                          datetime(2026, 11, 1, 16, 0, tzinfo=UTC), step=timedelta(minutes=15))
    assert sent_at == datetime(2026, 10, 31, 16, 0, tzinfo=UTC)
    [dm] = _of_kind(fake, "UA", "session_prework")
    assert "Sun 1 Nov 16:00" in dm["text"]  # Alex's own time (GMT)


def test_a_session_booked_sooner_than_24_hours_sends_the_pre_work_dm_at_once(world) -> None:
    fake, time, services, _client, job = maya_and_alex(world, datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    book_alex(services, "2026-12-01 14:00")  # 19:00 UTC, seven hours ahead
    assert not _of_kind(fake, "UA", "session_prework")

    tick(job, time, time.now + timedelta(minutes=1))
    assert len(_of_kind(fake, "UA", "session_prework")) == 1
    _first_sent(job, time, fake, "UX", "session_prework", time.now, datetime(2026, 12, 1, 20, 0, tzinfo=UTC))
    assert len(_of_kind(fake, "UA", "session_prework")) == 1  # once, whatever more ticks run


def test_the_reminder_comes_two_hours_before_only_while_the_pre_work_is_missing(world) -> None:
    fake, time, services, _client, job = maya_and_alex(world, datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    first = book_alex(services, "2026-12-03 10:00")  # 15:00 UTC Thursday
    second = book_alex(services, "2026-12-10 10:00")  # a week later

    reminded_at = _first_sent(job, time, fake, "UA", "session_prework_reminder", time.now,
                              datetime(2026, 12, 3, 15, 0, tzinfo=UTC))
    assert reminded_at == datetime(2026, 12, 3, 13, 0, tzinfo=UTC)
    assert first != second

    # The next week Alex writes the pre-work after the 24 h DM: no reminder for that session.
    sent_at = _first_sent(job, time, fake, "UA", "session_prework", datetime(2026, 12, 8, 12, 0, tzinfo=UTC),
                          datetime(2026, 12, 10, 15, 0, tzinfo=UTC), session_id=second)
    assert sent_at == datetime(2026, 12, 9, 15, 0, tzinfo=UTC)
    services.prework.save_and_tell(T1, "UA", second, ["Hooli pricing", "My Q1 goals", "Hiring"], [], "", "")
    _first_sent(job, time, fake, "UX", "session_prework_reminder", time.now,
                datetime(2026, 12, 10, 16, 0, tzinfo=UTC))
    assert len(_of_kind(fake, "UA", "session_prework_reminder", first)) == 1
    assert not _of_kind(fake, "UA", "session_prework_reminder", second)


def test_a_cancelled_session_sends_no_pre_work(world) -> None:
    fake, time, services, _client, job = maya_and_alex(world, datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    session_id = book_alex(services, "2026-12-03 10:00")
    services.sessions.cancel_and_tell(T1, "UMGR", session_id=session_id)
    _first_sent(job, time, fake, "UX", "session_prework", time.now, datetime(2026, 12, 3, 16, 0, tzinfo=UTC))
    assert not _of_kind(fake, "UA", "session_prework") and not _of_kind(fake, "UA", "session_prework_reminder")
