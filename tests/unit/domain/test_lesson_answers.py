"""The rep's answers to a lesson (Done, Remind me tomorrow, Discuss) and a workspace's own lesson texts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from domain.catalog import CatalogError
from domain.coaching.lessons import LessonAnswer, LessonStatus
from domain.errors import InvalidInput, NotAllowed
from domain.model import WorkspaceSettings
from domain.receipts import Receipt, Replayed
from tests.unit.domain.lessons_world import CATALOG, CLOSING, DISCOVERY, T1, LessonWorld, local

NY = "America/New_York"
TEN = time(10, 0)
TUE, WED, THU, FRI = date(2026, 12, 15), date(2026, 12, 16), date(2026, 12, 17), date(2026, 12, 18)
NEXT_TUE, NEXT_THU = date(2026, 12, 22), date(2026, 12, 24)


def _first_lessons(world: LessonWorld, until: datetime) -> None:
    world.rep("UA", NY, ["discovery", "closing"])
    world.run_until(until)


def test_remind_me_tomorrow_brings_the_same_lesson_back_the_next_working_day_at_ten_once() -> None:
    world = LessonWorld()
    _first_lessons(world, local(TUE, time(11), NY))
    [tuesday] = world.got("UA")

    answered = world.answer("UA", tuesday, LessonAnswer.REMIND).result
    world.run_until(local(WED, time(23), NY))

    assert answered.remind_at == local(WED, TEN, NY)
    reminder = world.got("UA")[-1]
    assert (reminder.at, reminder.lesson_id) == (local(WED, TEN, NY), DISCOVERY[0])
    assert reminder.note.reminder and not reminder.note.can_remind  # once: no second "remind me"
    with pytest.raises(InvalidInput, match="brought this lesson back once already"):
        world.answer("UA", reminder, LessonAnswer.REMIND)
    row = world.progress(world.cycle_of("UA"))[DISCOVERY[0]]
    assert (row.status, row.remind_on, row.sent_at) == (LessonStatus.SENT, WED, local(WED, TEN, NY))


def test_a_lesson_done_before_its_reminder_is_not_sent_again() -> None:
    world = LessonWorld()
    _first_lessons(world, local(TUE, time(11), NY))
    [tuesday] = world.got("UA")
    world.answer("UA", tuesday, LessonAnswer.REMIND)

    world.answer("UA", tuesday, LessonAnswer.DONE, at=local(TUE, time(16), NY))
    world.run_until(local(NEXT_TUE, time(12), NY))

    assert [(r.at, r.lesson_id) for r in world.got("UA")] == [
        (local(TUE, TEN, NY), DISCOVERY[0]), (local(THU, TEN, NY), CLOSING[0]),
        (local(NEXT_TUE, TEN, NY), DISCOVERY[1])]


def test_a_reminder_never_lands_on_a_lesson_day_nor_on_a_holiday() -> None:
    world = LessonWorld(settings=WorkspaceSettings(holidays=frozenset({FRI})))
    _first_lessons(world, local(THU, time(11), NY))
    tuesday, thursday = world.got("UA")

    late = world.answer("UA", tuesday, LessonAnswer.REMIND, at=local(WED, time(17), NY)).result
    friday_off = world.answer("UA", thursday, LessonAnswer.REMIND, at=local(THU, time(17), NY)).result

    monday = date(2026, 12, 21)
    assert late.remind_at == local(monday, TEN, NY)  # Thursday is closing's day, Friday a holiday
    assert friday_off.remind_at == local(monday, TEN, NY)


def test_a_lesson_kept_for_the_session_is_noted_and_the_skill_moves_on() -> None:
    world = LessonWorld()
    _first_lessons(world, local(TUE, time(11), NY))
    [tuesday] = world.got("UA")

    answered = world.answer("UA", tuesday, LessonAnswer.DISCUSS).result
    world.answer("UA", tuesday, LessonAnswer.DONE, at=local(WED, TEN, NY))  # done later: still to discuss
    world.run_until(local(NEXT_TUE, time(12), NY))

    assert answered.progress.status is LessonStatus.DISCUSS and answered.note.rep.manager_id == "UMGR"
    assert world.got("UA")[-1].lesson_id == DISCOVERY[1]
    [kept] = world.lessons.to_discuss(T1, ["UA"])["UA"]
    assert (kept.lesson_id, kept.status, kept.discuss_at) == (DISCOVERY[0], LessonStatus.DONE, local(TUE, time(11), NY))


def test_done_says_how_far_the_rep_is_and_what_comes_next() -> None:
    world = LessonWorld()
    _first_lessons(world, local(TUE, time(11), NY))
    [tuesday] = world.got("UA")

    summary = world.answer("UA", tuesday, LessonAnswer.DONE).result.summary

    assert (summary.done, summary.total) == (1, 8)
    assert summary.next is not None
    assert (summary.next.title, summary.next.skill, summary.next.at) == (
        CATALOG.lesson(CLOSING[0])[1].title, "Closing", local(THU, TEN, NY))


def test_only_the_lessons_rep_may_answer_it() -> None:
    world = LessonWorld()
    _first_lessons(world, local(TUE, time(11), NY))
    world.rep("UB", NY, ["closing"])
    [tuesday] = world.got("UA")

    with pytest.raises(NotAllowed, match="only the rep it was sent to"):
        world.answer("UB", tuesday, LessonAnswer.DONE)
    with pytest.raises(NotAllowed):
        world.lessons.answer_and_tell(T1, "UMGR", tuesday.note.cycle_id, DISCOVERY[0], LessonAnswer.DONE)

    assert world.status(tuesday) is LessonStatus.SENT


def test_a_crafted_lesson_id_records_nothing() -> None:
    world = LessonWorld()
    cycle = world.rep("UA", NY, ["discovery"])
    assert cycle.id is not None

    with pytest.raises(InvalidInput, match="no longer in the skill catalog"):
        world.lessons.answer_and_tell(T1, "UA", cycle.id, "no_such_lesson", LessonAnswer.DONE)
    with pytest.raises(InvalidInput, match="not one of your focus skills"):
        world.lessons.answer_and_tell(T1, "UA", cycle.id, CLOSING[0], LessonAnswer.DONE)
    assert world.progress(cycle) == {}


def test_a_click_replayed_is_recorded_once() -> None:
    world = LessonWorld()
    _first_lessons(world, local(TUE, time(11), NY))
    [tuesday] = world.got("UA")
    click = Receipt("lessons.discuss", "k" * 64)
    world.lessons.answer_and_tell(T1, "UA", tuesday.note.cycle_id, DISCOVERY[0], LessonAnswer.DISCUSS, click)

    with pytest.raises(Replayed):
        world.lessons.answer_and_tell(T1, "UA", tuesday.note.cycle_id, DISCOVERY[0], LessonAnswer.DISCUSS, click)


def test_a_workspaces_own_texts_are_what_its_reps_read() -> None:
    world = LessonWorld()
    world.lessons.set_texts(T1, {DISCOVERY[0]: {"title": "PAIN, our way", "example": "At Acme we ..."}}, "ours.json")
    _first_lessons(world, local(TUE, time(11), NY))

    [tuesday] = world.got("UA")
    lesson = tuesday.note.lesson
    assert (lesson.title, lesson.example) == ("PAIN, our way", "At Acme we ...")
    assert lesson.summary == CATALOG.lesson(DISCOVERY[0])[1].summary  # what the file leaves out stays
    assert world.lessons.clear_texts(T1) == 1


def test_lesson_texts_name_unknown_ids_and_every_other_problem() -> None:
    world = LessonWorld()
    with pytest.raises(CatalogError, match=r"unknown lesson ids: nope, nada \(the catalog's lessons: pain_framework"):
        world.lessons.set_texts(T1, {"nope": {"title": "x"}, "nada": {}}, "ours.json")
    with pytest.raises(CatalogError) as error:
        world.lessons.set_texts(T1, {DISCOVERY[0]: {"title": "x" * 76, "sumary": "typo"},
                                     DISCOVERY[1]: {"example": "two\x00"}}, "ours.json")
    assert error.value.problems == (
        "pain_framework: title is 76 characters; at most 75 fit in Slack",
        "pain_framework: sumary is not a lesson text (use title, summary, example, exercise)",
        "transitional_questions: example: remove the invisible NUL character",
    )


def test_summaries_leave_out_reps_without_a_cycle_or_focus() -> None:
    world = LessonWorld()
    world.now = datetime(2026, 12, 14, 12, tzinfo=UTC)
    world.rep("UA", NY, ["discovery", "closing"])
    world.rep("UB", NY, [])

    found = world.lessons.summaries(T1, ["UA", "UB", "UNKNOWN"])

    assert list(found) == ["UA"]
    assert found["UA"].next is not None and found["UA"].next.at == local(TUE, TEN, NY)


def test_an_answer_is_one_unit_of_work_that_builds_both_homes() -> None:
    world = LessonWorld()
    _first_lessons(world, local(TUE, time(11), NY))
    [tuesday] = world.got("UA")
    before = len(world.store.units)

    done = world.answer("UA", tuesday, LessonAnswer.REMIND)

    [unit] = world.store.units[before:]
    assert not unit.read_only and unit.committed
    assert [home.viewer.user_id for home in done.effects.homes if home.viewer] == ["UA", "UMGR"]


def test_a_reminder_of_a_lesson_the_catalog_no_longer_has_is_dropped_not_sent() -> None:
    world = LessonWorld()
    _first_lessons(world, local(TUE, time(11), NY))
    [tuesday] = world.got("UA")
    world.answer("UA", tuesday, LessonAnswer.REMIND)
    key = next(k for k in world.store.tables.lessons if k[2] == DISCOVERY[0])
    world.store.tables.lessons[key] = replace(world.store.tables.lessons[key], lesson_id="retired_lesson")

    world.run_until(local(WED, time(23), NY))

    assert [r.lesson_id for r in world.got("UA")] == [DISCOVERY[0]]
