"""The 21-day challenge's rules: its days, when a day closes, repairs, streaks and compliance."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.coaching.challenge import (
    CHALLENGE_DAYS,
    Answer,
    DayKind,
    DayRecord,
    DayStatus,
    answer_deadline,
    answerable_day,
    challenge_days,
    days_off,
    progress,
    record_answer,
    repair,
)
from domain.errors import InvalidInput

LONDON, TOKYO = ZoneInfo("Europe/London"), ZoneInfo("Asia/Tokyo")
MON_TO_FRI = frozenset(range(5))
START = date(2027, 1, 4)  # a Monday


def _days(kind: DayKind = DayKind.WORKING, holidays: frozenset[date] = frozenset(),
          away: tuple[date, date] | None = None) -> tuple[date, ...]:
    def is_away(day: date) -> bool:
        return away is not None and away[0] <= day <= away[1]
    return challenge_days(START, days_off(kind, MON_TO_FRI, holidays, is_away))


def _at(day: date, hour: int, minute: int = 0, tz: ZoneInfo = LONDON) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def test_21_working_days_skip_weekends_and_a_holiday_and_a_week_off_move_the_end_out() -> None:
    plain = _days()
    assert len(plain) == CHALLENGE_DAYS and plain[0] == START and plain[-1] == date(2027, 2, 1)
    assert all(d.weekday() < 5 for d in plain)
    paused = _days(holidays=frozenset({date(2027, 1, 18)}), away=(date(2027, 1, 25), date(2027, 1, 29)))
    assert len(paused) == CHALLENGE_DAYS and paused[-1] == date(2027, 2, 9)  # six days later
    assert date(2027, 1, 18) not in paused and date(2027, 1, 27) not in paused
    calendar = _days(DayKind.CALENDAR)
    assert calendar == tuple(START + timedelta(days=n) for n in range(CHALLENGE_DAYS))


def test_a_day_closes_at_the_next_local_midnight_plus_the_grace_across_the_clock_change() -> None:
    # The UK moves to BST at 01:00 GMT on Sunday 28 March 2027: Saturday's answer counts until
    # Sunday 00:00 GMT + 3 h = 03:00 UTC (04:00 on the new clock), not an hour later or earlier.
    assert answer_deadline(date(2027, 3, 27), LONDON) == datetime(2027, 3, 28, 3, 0, tzinfo=UTC)
    # Sunday's closes at Monday 00:00 BST (Sunday 23:00 UTC) + 3 h.
    assert answer_deadline(date(2027, 3, 28), LONDON) == datetime(2027, 3, 29, 2, 0, tzinfo=UTC)


def test_a_late_answer_after_midnight_lands_on_its_own_day_until_the_grace_ends() -> None:
    days = _days()
    monday, tuesday = days[0], days[1]
    late = record_answer({}, days, monday, Answer.DONE, _at(tuesday, 1, 30), LONDON)
    assert late[monday].answer is Answer.DONE and tuesday not in late
    with pytest.raises(InvalidInput, match="closed at midnight"):
        record_answer({}, days, monday, Answer.DONE, _at(tuesday, 3, 0), LONDON)
    with pytest.raises(InvalidInput, match="not begun"):
        record_answer({}, days, tuesday, Answer.DONE, _at(monday, 18), LONDON)
    with pytest.raises(InvalidInput, match="not a day of your challenge"):
        record_answer({}, days, date(2027, 1, 9), Answer.DONE, _at(date(2027, 1, 9), 9), LONDON)  # a Saturday
    # A command without a day means the earliest one still open: Monday while its grace runs (what "change it
    # with /challenge done until midnight, plus 3 h" promises), then Tuesday.
    assert answerable_day(days, _at(tuesday, 1, 30), LONDON) == monday
    assert answerable_day(days, _at(tuesday, 3, 0), LONDON) == tuesday
    assert answerable_day(days, _at(days[-1] + timedelta(days=1), 3, 0), LONDON) is None  # the last day closed


def test_answering_again_replaces_the_answer_and_counts_once() -> None:
    days = _days()
    once = record_answer({}, days, days[0], Answer.MISSED, _at(days[0], 17), LONDON)
    twice = record_answer(once, days, days[0], Answer.DONE, _at(days[0], 17, 1), LONDON, note=" 6 questions ")
    assert twice == {days[0]: DayRecord(days[0], Answer.DONE, "6 questions")}
    assert progress(twice, days, _at(days[1], 12), LONDON).done == 1


def test_a_mixed_record_streak_and_compliance_at_every_step() -> None:
    days = _days()
    records: dict[date, DayRecord] = {}
    steps = [Answer.DONE, Answer.DONE, Answer.NO_CALLS, Answer.DONE, Answer.MISSED, Answer.DONE, None, Answer.DONE]
    expected = [  # (streak, longest, done, relevant) after each day closes
        (1, 1, 1, 1), (2, 2, 2, 2), (2, 2, 2, 2), (3, 3, 3, 3), (0, 3, 3, 4), (1, 3, 4, 5), (0, 3, 4, 6),
        (1, 3, 5, 7)]
    for n, (answer, want) in enumerate(zip(steps, expected, strict=True)):
        day = days[n]
        if answer is not None:
            records = record_answer(records, days, day, answer, _at(day, 17), LONDON)
        after = progress(records, days, answer_deadline(day, LONDON), LONDON)  # the day has just closed
        assert (after.streak, after.longest_streak, after.done, after.relevant) == want, (n, after)
    final = progress(records, days, answer_deadline(days[7], LONDON), LONDON)
    assert final.compliance == pytest.approx(5 / 7) and final.days_left == CHALLENGE_DAYS - 8
    assert dict(final.statuses)[days[6]] is DayStatus.MISSED  # never answered: missed once it closed


def test_one_repair_makes_up_yesterdays_missed_day_on_the_next_challenge_day_only() -> None:
    days = _days()
    records = record_answer({}, days, days[0], Answer.DONE, _at(days[0], 17), LONDON)
    records = record_answer(records, days, days[1], Answer.MISSED, _at(days[1], 17), LONDON)
    with pytest.raises(InvalidInput, match="was not missed"):
        repair(records, days, _at(days[1], 18), LONDON)  # on the missed day itself, the day before was done
    with pytest.raises(InvalidInput, match="next challenge day"):
        repair(records, days, _at(date(2027, 1, 9), 9), LONDON)  # a Saturday is no challenge day
    mended = repair(records, days, _at(days[2], 9), LONDON)
    assert mended[days[1]].repaired and progress(mended, days, _at(days[2], 9), LONDON).streak == 2
    assert dict(progress(mended, days, _at(days[2], 9), LONDON).statuses)[days[1]] is DayStatus.REPAIRED
    with pytest.raises(InvalidInput, match="made up already"):
        record_answer(mended, days, days[1], Answer.MISSED, _at(days[2], 1), LONDON)

    later = record_answer(mended, days, days[3], Answer.MISSED, _at(days[3], 17), LONDON)
    with pytest.raises(InvalidInput, match="used this challenge's repair"):
        repair(later, days, _at(days[4], 9), LONDON)
    assert progress(later, days, _at(days[4], 9), LONDON).repairs_left == 0


def test_a_rep_who_flies_from_london_to_tokyo_keeps_every_day_once() -> None:
    days = _days()
    monday, tuesday, wednesday = days[0], days[1], days[2]
    records = record_answer({}, days, monday, Answer.DONE, _at(monday, 17), LONDON)
    # Monday 20:00 London she boards; she lands Tuesday 18:00 in Tokyo and answers Tuesday there.
    landed = _at(tuesday, 18, tz=TOKYO)
    records = record_answer(records, days, tuesday, Answer.DONE, landed, TOKYO)
    # Wednesday 09:00 in Tokyo is midnight in London: Wednesday is one day, wherever she answers it.
    records = record_answer(records, days, wednesday, Answer.DONE, _at(wednesday, 9, tz=TOKYO), TOKYO)
    now = _at(wednesday, 23, tz=TOKYO)
    seen = progress(records, days, now, TOKYO)
    assert seen.done == 3 and seen.streak == 3 and len(records) == 3
    assert [s for d, s in seen.statuses if d <= wednesday] == [DayStatus.DONE] * 3
