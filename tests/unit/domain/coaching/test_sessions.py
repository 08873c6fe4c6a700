"""1:1 sessions: reading typed times in the manager's zone (DST weeks too), overlaps and series."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.coaching.session_time import parse_clock, parse_when
from domain.coaching.sessions import CoachingSession, Repeat, clash, next_of, occurrences, repeat_of, start_problem
from domain.errors import InvalidInput
from domain.model import WorkspaceRef

NY, LONDON = ZoneInfo("America/New_York"), ZoneInfo("Europe/London")
WS = WorkspaceRef("T1")
# Tuesday 1 Dec 2026, 10:00 in New York
NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(("typed", "local"), [
    ("tomorrow 15:00", datetime(2026, 12, 2, 15, 0)),  # noqa: DTZ001
    ("today 16:30", datetime(2026, 12, 1, 16, 30)),  # noqa: DTZ001
    ("fri 9:30", datetime(2026, 12, 4, 9, 30)),  # noqa: DTZ001
    ("Friday 9:30am", datetime(2026, 12, 4, 9, 30)),  # noqa: DTZ001
    ("tue 9:00", datetime(2026, 12, 8, 9, 0)),  # noqa: DTZ001  # today is Tuesday and 9:00 has passed: next week
    ("tue 11:00", datetime(2026, 12, 1, 11, 0)),  # noqa: DTZ001  # still ahead today
    ("2026-12-02 14:00", datetime(2026, 12, 2, 14, 0)),  # noqa: DTZ001
    ("tomorrow 3pm", datetime(2026, 12, 2, 15, 0)),  # noqa: DTZ001
    ("tomorrow 3 pm", datetime(2026, 12, 2, 15, 0)),  # noqa: DTZ001
    ("tomorrow 12am", datetime(2026, 12, 2, 0, 0)),  # noqa: DTZ001
    ("3pm", datetime(2026, 12, 1, 15, 0)),  # noqa: DTZ001
])
def test_typed_times_are_read_on_the_managers_wall_clock(typed: str, local: datetime) -> None:
    when = parse_when(typed, NOW, NY)
    assert when.starts_at == local.replace(tzinfo=NY).astimezone(UTC)
    assert when.note is None


@pytest.mark.parametrize("typed", ["", "soon", "tomorrow", "tomorrow 25:00", "fri 9:75", "13pm", "2026-02-30 10:00",
                                   "tomorrow at 3pm please", "15"])
def test_unreadable_times_name_the_accepted_forms(typed: str) -> None:
    with pytest.raises(InvalidInput, match=r"tomorrow 15:00.*fri 9:30.*2026-12-02 14:00"):
        parse_when(typed, NOW, NY)


def test_clock_forms() -> None:
    assert parse_clock("9:30am") == time(9, 30) and parse_clock("12pm") == time(12, 0)
    assert parse_clock("12am") == time(0, 0) and parse_clock("0:05") == time(0, 5)
    assert parse_clock("9") is None and parse_clock("24:00") is None


def test_a_time_in_the_spring_forward_gap_is_booked_after_it_and_said() -> None:
    # New York clocks jump from 02:00 to 03:00 on Sun 8 Mar 2026... 2027: Sun 14 Mar 2027
    now = datetime(2027, 3, 10, 15, tzinfo=UTC)
    when = parse_when("2027-03-14 2:30", now, NY)
    assert when.starts_at.astimezone(NY).strftime("%H:%M") == "03:00"
    assert when.note is not None and "does not exist" in when.note and "03:00" in when.note


def test_a_time_that_happens_twice_is_the_first_and_said() -> None:
    now = datetime(2027, 10, 25, 15, tzinfo=UTC)  # London clocks go back at 02:00 on Sun 31 Oct 2027
    when = parse_when("2027-10-31 1:30", now, LONDON)
    assert when.starts_at == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # 01:30 BST, the first
    assert when.note is not None and "twice" in when.note


def test_the_past_and_far_future_are_refused_in_the_managers_words() -> None:
    assert "has passed" in (start_problem(NOW - timedelta(minutes=1), NOW, NY) or "")
    assert start_problem(NOW + timedelta(days=400), NOW, NY) == "Book a session within the next year."
    assert start_problem(NOW + timedelta(hours=1), NOW, NY) is None


def _session(start: datetime, minutes: int = 45, sid: int = 1) -> CoachingSession:
    return CoachingSession(WS, "UA", "UMGR", start, minutes, id=sid)


def test_overlap_is_half_open() -> None:
    at = datetime(2026, 12, 2, 20, tzinfo=UTC)
    existing = [_session(at)]
    assert clash(existing, at + timedelta(minutes=45), 30) is None  # starts as the other ends
    assert clash(existing, at - timedelta(minutes=30), 30) is None  # ends as the other starts
    assert clash(existing, at + timedelta(minutes=44), 30) == existing[0]
    assert clash(existing, at - timedelta(minutes=10), 15) == existing[0]
    assert clash(existing, at, 45, ignoring=1) is None  # a move does not clash with itself
    cancelled = existing[0].cancelled_by("UMGR", NOW)
    assert clash([cancelled], at, 45) is None and cancelled.history[-1].by == "UMGR"


def test_a_weekly_series_keeps_the_managers_wall_clock_across_dst() -> None:
    first = datetime(2027, 3, 1, 15, tzinfo=NY)  # Monday 15:00 EST; clocks go forward on 14 Mar
    starts = occurrences(first.astimezone(UTC), Repeat.WEEKLY, NY)
    assert len(starts) == 8
    assert {s.astimezone(NY).strftime("%a %H:%M") for s in starts} == {"Mon 15:00"}
    assert starts[1] - starts[0] == timedelta(weeks=1)
    assert starts[2] - starts[1] == timedelta(weeks=1, hours=-1)  # across the change: an hour less in UTC
    biweekly = occurrences(first.astimezone(UTC), Repeat.BIWEEKLY, NY)
    assert [b.astimezone(NY).strftime('%-d %b %H:%M') for b in biweekly] == [
        '1 Mar 15:00', '15 Mar 15:00', '29 Mar 15:00', '12 Apr 15:00']
    assert occurrences(first, Repeat.ONCE, NY) == [first]


def test_repeats_and_next() -> None:
    assert repeat_of("bi-weekly") is Repeat.BIWEEKLY and repeat_of(None) is Repeat.ONCE and repeat_of("daily") is None
    a, b = _session(NOW + timedelta(days=2), sid=1), _session(NOW + timedelta(days=1), sid=2)
    assert next_of([a, b], NOW) == b
    assert next_of([a, b.cancelled_by("UMGR", NOW)], NOW) == a
    moved = a.moved_to(NOW + timedelta(days=3), "UMGR", NOW)
    assert moved.history[-1].from_start == a.starts_at
    with pytest.raises(InvalidInput):
        moved.cancelled_by("UMGR", NOW).moved_to(NOW, "UMGR", NOW)
