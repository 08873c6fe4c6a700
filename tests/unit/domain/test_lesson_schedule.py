"""Which micro-lesson a rep gets when: Tuesdays and Thursdays at 10:00 local in program weeks 3-6.

Through the real planner and drain on the fakes: time zones from UTC-10 to
UTC+14, a clock change, holidays, time off, opt-outs, exactly once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.coaching.lessons import LessonAnswer, LessonStatus
from domain.delivery import DeliveryStatus
from domain.model import WorkspaceSettings
from tests.unit.domain.lessons_world import CLOSING, DISCOVERY, T1, LessonWorld, local

TEN = time(10, 0)
WEEK_3_TUE, WEEK_3_THU = date(2026, 12, 15), date(2026, 12, 17)
WEEK_4_TUE, WEEK_4_THU = date(2026, 12, 22), date(2026, 12, 24)
END_OF_WEEK_6 = datetime(2027, 1, 11, 12, 0, tzinfo=UTC)


def test_week_three_tuesday_brings_skill_a_lesson_1_and_thursday_skill_b_lesson_1() -> None:
    world = LessonWorld()
    world.rep("UA", "America/New_York", ["discovery", "closing"])

    world.run_until(local(WEEK_3_THU, time(12), "America/New_York"))

    got = world.got("UA")
    assert [(r.at, r.lesson_id) for r in got] == [
        (local(WEEK_3_TUE, TEN, "America/New_York"), DISCOVERY[0]),
        (local(WEEK_3_THU, TEN, "America/New_York"), CLOSING[0]),
    ]
    assert got[0].note.skill == "Discovery" and got[0].note.week == 3
    assert (got[0].note.choice.number, got[0].note.choice.of) == (1, 4)


def test_each_skill_moves_to_its_next_lesson_once_the_last_is_done_and_repeats_it_until_then() -> None:
    world = LessonWorld()
    cycle = world.rep("UA", "Europe/Berlin", ["discovery", "closing"])
    world.run_until(local(WEEK_3_THU, time(12), "Europe/Berlin"))
    tuesday, thursday = world.got("UA")
    world.answer("UA", tuesday, LessonAnswer.DONE)  # discovery 1 done; closing 1 left unanswered

    world.run_until(local(WEEK_4_THU, time(12), "Europe/Berlin"))

    assert [r.lesson_id for r in world.got("UA")] == [DISCOVERY[0], CLOSING[0], DISCOVERY[1], CLOSING[0]]
    progress = world.progress(cycle)
    assert progress[DISCOVERY[0]].status is LessonStatus.DONE
    assert progress[CLOSING[0]].status is LessonStatus.SENT  # recorded when Slack took it, twice now
    assert progress[CLOSING[0]].sent_at == local(WEEK_4_THU, TEN, "Europe/Berlin")
    assert thursday.note.can_remind


def test_a_rep_who_does_every_lesson_gets_all_eight_and_then_nothing() -> None:
    world = LessonWorld()
    world.rep("UA", "America/Chicago", ["discovery", "closing"])

    world.doing_every_lesson("UA", END_OF_WEEK_6)

    got = world.got("UA")
    assert [r.lesson_id for r in got] == [lesson for pair in zip(DISCOVERY, CLOSING, strict=True) for lesson in pair]
    # Tuesdays are discovery's, Thursdays closing's, weeks 3 to 6: never two skills on one day.
    chicago = ZoneInfo("America/Chicago")
    assert [(r.note.week, r.at.astimezone(chicago).strftime("%a %H:%M"), r.note.skill) for r in got] == [
        (week, day, skill) for week in (3, 4, 5, 6)
        for day, skill in (("Tue 10:00", "Discovery"), ("Thu 10:00", "Closing"))]


def test_one_focus_skill_takes_every_lesson_day_so_its_lessons_come_on_successive_days() -> None:
    world = LessonWorld()
    world.rep("UA", "America/New_York", ["closing"])

    world.doing_every_lesson("UA", END_OF_WEEK_6)

    got = world.got("UA")
    assert [r.lesson_id for r in got] == CLOSING
    assert [r.at for r in got] == [local(day, TEN, "America/New_York") for day in (
        WEEK_3_TUE, WEEK_3_THU, WEEK_4_TUE, WEEK_4_THU)]


@pytest.mark.parametrize("tz", ["Pacific/Honolulu", "America/Los_Angeles", "UTC", "Asia/Kolkata",
                                "Australia/Sydney", "Pacific/Kiritimati"])
def test_the_lesson_comes_at_ten_on_the_reps_own_tuesday_from_utc_minus_10_to_utc_plus_14(tz: str) -> None:
    world = LessonWorld()
    world.now = datetime(2026, 12, 13, 0, 0, tzinfo=UTC)
    world.rep("UA", tz, ["discovery", "closing"])

    world.run_until(local(WEEK_3_TUE, time(23), tz))

    [first] = world.got("UA")
    assert first.at == local(WEEK_3_TUE, TEN, tz)
    assert first.period.endswith("@2026-12-15")  # the rep's own Tuesday, whatever the UTC date
    assert first.lesson_id == DISCOVERY[0]


def test_the_lesson_stays_at_ten_local_across_the_clock_change() -> None:
    world = LessonWorld()
    world.now = datetime(2026, 10, 25, 12, 0, tzinfo=UTC)
    world.rep("UA", "America/New_York", ["discovery"], starts_on=date(2026, 10, 12))  # week 3 ends Sun 1 Nov, DST ends

    world.run_until(datetime(2026, 11, 4, 0, 0, tzinfo=UTC))

    assert [r.at for r in world.got("UA")] == [
        datetime(2026, 10, 27, 14, 0, tzinfo=UTC),  # Tue, 10:00 EDT
        datetime(2026, 10, 29, 14, 0, tzinfo=UTC),  # Thu, 10:00 EDT
        datetime(2026, 11, 3, 15, 0, tzinfo=UTC),  # Tue, 10:00 EST
    ]


def test_a_holiday_brings_no_lesson_and_the_skill_picks_up_on_its_next_day() -> None:
    world = LessonWorld(settings=WorkspaceSettings(holidays=frozenset({WEEK_3_TUE})))
    world.rep("UA", "America/New_York", ["discovery", "closing"])

    world.run_until(local(WEEK_4_TUE, time(12), "America/New_York"))

    assert [(r.at, r.lesson_id) for r in world.got("UA")] == [
        (local(WEEK_3_THU, TEN, "America/New_York"), CLOSING[0]),
        (local(WEEK_4_TUE, TEN, "America/New_York"), DISCOVERY[0]),
    ]
    assert not any(period.endswith(WEEK_3_TUE.isoformat()) for period in world.ledger("UA"))


def test_time_off_cancels_the_lessons_it_covers() -> None:
    world = LessonWorld()
    world.rep("UA", "Asia/Tokyo", ["discovery", "closing"], paused_until=WEEK_4_TUE)

    world.run_until(local(WEEK_4_TUE, time(12), "Asia/Tokyo"))

    assert [(r.at, r.lesson_id) for r in world.got("UA")] == [(local(WEEK_4_TUE, TEN, "Asia/Tokyo"), DISCOVERY[0])]


@pytest.mark.parametrize("switched_off", ["rep", "workspace"])
def test_an_opt_out_silences_the_lessons(switched_off: str) -> None:
    disabled = frozenset({"micro_lesson"}) if switched_off == "workspace" else frozenset()
    world = LessonWorld(settings=WorkspaceSettings(disabled_kinds=disabled))
    muted = frozenset({"micro_lesson"}) if switched_off == "rep" else frozenset()
    world.rep("UA", "America/New_York", ["discovery"], muted_kinds=muted)

    world.run_until(END_OF_WEEK_6)

    assert world.got("UA") == []


def test_no_lessons_outside_weeks_three_to_six_or_without_focus_skills() -> None:
    world = LessonWorld()
    world.now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    world.rep("UA", "America/New_York", ["discovery"])
    world.rep("UB", "America/New_York", [])

    world.run_until(datetime(2027, 2, 1, tzinfo=UTC))

    assert all(3 <= r.note.week <= 6 for r in world.got("UA"))
    assert world.got("UA")[0].at == local(WEEK_3_TUE, TEN, "America/New_York")
    assert world.got("UB") == []
    assert all(r.at.date() < date(2027, 1, 11) for r in world.got("UA"))


def test_each_lesson_day_is_sent_once_whatever_the_ticks_and_restarts() -> None:
    world = LessonWorld()
    world.rep("UA", "America/New_York", ["discovery", "closing"])
    ten = local(WEEK_3_TUE, TEN, "America/New_York")

    for at in (ten, ten, ten + timedelta(minutes=1)):
        world.tick(at)
    world.schedules.refresh_people(T1, ["UA"], ten + timedelta(minutes=2))  # a restart re-plans
    world.tick(ten + timedelta(minutes=3))

    assert [r.lesson_id for r in world.got("UA")] == [DISCOVERY[0]]
    assert list(world.ledger("UA").values()) == [DeliveryStatus.SENT]


def test_a_focus_set_without_telling_the_scheduler_is_found_by_the_recheck_the_same_day() -> None:
    world = LessonWorld()
    world.now = local(WEEK_3_TUE, time(6), "America/New_York")
    world.rep("UA", "America/New_York", [], refresh=True)  # no focus yet: nothing planned
    world.set_focus("UA", ["discovery"])  # the contract feature sets it, the scheduler is not told

    world.run_until(local(WEEK_3_TUE, time(23), "America/New_York"))

    [late] = world.got("UA")
    assert late.lesson_id == DISCOVERY[0]
    assert local(WEEK_3_TUE, TEN, "America/New_York") <= late.at <= local(WEEK_3_TUE, time(12), "America/New_York")

