"""A micro-lesson in the rep's DM: the technique, a real example, a practice prompt, and three buttons.

The same lesson comes back in place of the message once the rep answers
(`lesson_answered_message`), with what their click did where the buttons were.
"""

from __future__ import annotations

import re
from typing import Any

from domain.coaching.lessons import LESSON_MINUTES, LessonAnswer, LessonStatus
from domain.notifications.micro_lessons import LessonNote
from domain.services.lessons import LessonAnswered, LessonSummary
from handlers.blocks import limits
from handlers.blocks.kit import (
    Block,
    actions,
    button,
    context,
    divider,
    header,
    local_time,
    md,
    mention,
    message,
    section,
)
from handlers.edge import ids

_VALUE = re.compile(r"^([0-9]{1,12}):([a-z][a-z0-9_]{0,39})$", re.ASCII)
SCHEDULE = "Micro-lessons come Tuesdays and Thursdays at 10:00 your time in weeks 3-6."


def lesson_value(note: LessonNote) -> str:
    return f"{note.cycle_id}:{note.choice.lesson_id}"


def read_lesson_value(value: str | None) -> tuple[int, str] | None:
    """(cycle id, lesson id) from a lesson button we wrote; None for anything else."""
    found = _VALUE.match(value or "")
    return (int(found.group(1)), found.group(2)) if found else None


def lesson_blocks(note: LessonNote) -> list[Block]:
    lesson, choice = note.lesson, note.choice
    intro = (":alarm_clock: As you asked: this lesson again." if note.reminder
             else f":books: Your {LESSON_MINUTES}-minute lesson for week {note.week}.")
    blocks: list[Block] = [
        header(lesson.title),
        context(md("{intro} *{skill}*, lesson {number} of {of}.", intro=intro, skill=note.skill,
                   number=choice.number, of=choice.of)),
        section(md("*The technique*\n{text}", text=lesson.summary)),
    ]
    if lesson.example:
        blocks.append(section(md("*A real example*\n{text}", text=lesson.example)))
    blocks.append(section(md("*Practise it*\n{text}", text=lesson.exercise)))
    return blocks


def _text(note: LessonNote) -> str:
    return limits.clip(f"{note.skill} lesson {note.choice.number} of {note.choice.of}: {note.lesson.title}",
                       limits.MESSAGE_TEXT)


def lesson_message(note: LessonNote) -> dict[str, Any]:
    value = lesson_value(note)
    buttons = [button("Done", ids.LESSON_DONE, value=value, style="primary")]
    if note.can_remind:
        buttons.append(button("Remind me tomorrow", ids.LESSON_REMIND, value=value))
    buttons.append(button("Discuss in our next session", ids.LESSON_DISCUSS, value=value))
    return message(_text(note), [*lesson_blocks(note), actions(*buttons), context(SCHEDULE)])


def _progress(summary: LessonSummary) -> str:
    done = md("Lessons done: {done} of {total}.", done=summary.done, total=summary.total)
    if summary.next is None:
        return md("{done} No more lessons are planned for this cycle.", done=done)
    return md("{done} Next: *{title}* ({skill}), {at}.", done=done, title=summary.next.title,
              skill=summary.next.skill, at=local_time(summary.next.at))


def answer_line(answered: LessonAnswered) -> str:
    """What the click did, where the buttons were."""
    if answered.answer is LessonAnswer.DONE:
        return md(":white_check_mark: *Done.* {progress}", progress=_progress(answered.summary))
    if answered.answer is LessonAnswer.REMIND and answered.remind_at is not None:
        return md(":alarm_clock: *I'll bring this lesson back {at}*, once.", at=local_time(answered.remind_at))
    manager = answered.note.rep.manager_id
    who = md("you and {manager}", manager=mention(manager)) if manager else "you and your manager"
    return md(":speech_balloon: *Noted* for your next coaching session: {who} will talk it through.", who=who)


def lesson_answered_message(answered: LessonAnswered) -> dict[str, Any]:
    note = answered.note
    value = lesson_value(note)
    blocks = [*lesson_blocks(note), divider(), section(answer_line(answered))]
    if answered.answer is not LessonAnswer.DONE and answered.progress.status is not LessonStatus.DONE:
        blocks.append(actions(button("Done", ids.LESSON_DONE, value=value, style="primary")))
    blocks.append(context(SCHEDULE))
    return message(_text(note), blocks)
