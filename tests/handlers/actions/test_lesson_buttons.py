"""A micro-lesson in the rep's DM and its three buttons, through the dispatch tick and signed clicks."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import Engine, text

from handlers.edge import ids
from tests.handlers.lesson_steps import Lessons, la, lessons, text_of

__all__ = ["lessons"]  # the fixture

TUE, WED, NEXT_TUE = date(2026, 12, 15), date(2026, 12, 16), date(2026, 12, 22)


def _rows(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(
            "SELECT lesson_id, status FROM lesson_progress ORDER BY id"))]


def test_tuesday_brings_the_first_discovery_lesson_with_its_example_and_three_buttons(lessons: Lessons,
                                                                                     engine: Engine) -> None:
    lessons.advance_to(la(TUE, time(9, 59)))
    assert lessons.lessons_to("UA") == []

    lessons.advance_to(la(TUE, time(10, 0)))

    [lesson] = lessons.lessons_to("UA")
    shown = text_of(lesson)
    assert "The PAIN framework" in shown and "*Discovery*, lesson 1 of 4" in shown
    assert "*A real example*" in shown and "night-shift planners" in shown and "*Practise it*" in shown
    assert [e["text"]["text"] for b in lesson["blocks"] if b["type"] == "actions" for e in b["elements"]] == [
        "Done", "Remind me tomorrow", "Discuss in our next session", "Pause a week", "Stop these"]  # + the footer
    assert _rows(engine) == [("pain_framework", "sent")]
    assert lessons.lessons_to("UB") == []  # no cycle, no lessons


def test_done_answers_in_place_once_and_the_skills_next_day_brings_the_next_lesson(lessons: Lessons,
                                                                                  engine: Engine) -> None:
    lessons.advance_to(la(TUE))
    [lesson] = lessons.lessons_to("UA")

    first = lessons.click("UA", lesson, ids.LESSON_DONE)
    again = lessons.click("UA", lesson, ids.LESSON_DONE)  # a double click
    answer = lessons.answer_to(first)
    lessons.slack.finish_listeners()

    assert answer["replace_original"] is True
    assert "*Done.* Lessons done: 1 of 8. Next: *Trial closes* (Closing)" in text_of(answer)
    assert not any(b["type"] == "actions" for b in answer["blocks"])  # the buttons went
    assert lessons.fake.responses_for(again.response_token or "") == []
    assert _rows(engine) == [("pain_framework", "done")]


def test_remind_me_tomorrow_brings_it_back_on_wednesday_at_ten_once(lessons: Lessons, engine: Engine) -> None:
    lessons.advance_to(la(TUE))
    [lesson] = lessons.lessons_to("UA")

    answer = lessons.answer_to(lessons.click("UA", lesson, ids.LESSON_REMIND))
    lessons.advance_to(la(WED, time(12)))

    assert "I'll bring this lesson back" in text_of(answer) and "<!date^" in text_of(answer)
    first, reminder = lessons.lessons_to("UA")
    assert reminder["ts"] != first["ts"] and "As you asked: this lesson again" in text_of(reminder)
    assert "The PAIN framework" in text_of(reminder)
    assert ids.LESSON_REMIND not in text_of(reminder)  # once
    assert _rows(engine) == [("pain_framework", "sent")]


def test_discuss_is_noted_for_the_next_session_and_the_rep_is_told(lessons: Lessons, engine: Engine) -> None:
    lessons.advance_to(la(TUE))
    [lesson] = lessons.lessons_to("UA")

    answer = lessons.answer_to(lessons.click("UA", lesson, ids.LESSON_DISCUSS))

    assert "*Noted* for your next coaching session: you and <@UMGR> will talk it through." in text_of(answer)
    assert _rows(engine) == [("pain_framework", "discuss")]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT discuss_at IS NOT NULL FROM lesson_progress")).scalar_one()
    lessons.advance_to(la(NEXT_TUE, time(11)))
    assert "Transitional questions" in text_of(lessons.lessons_to("UA")[-1])  # the skill moved on


def test_a_click_by_anyone_but_the_lessons_rep_is_refused_and_changes_nothing(lessons: Lessons,
                                                                             engine: Engine) -> None:
    lessons.advance_to(la(TUE))
    [lesson] = lessons.lessons_to("UA")

    answer = lessons.answer_to(lessons.click("UA", lesson, ids.LESSON_DONE, as_user="UB"))

    assert answer.get("response_type") == "ephemeral" and answer.get("replace_original") is False
    assert "only the rep it was sent to can answer it" in text_of(answer)
    assert _rows(engine) == [("pain_framework", "sent")]
