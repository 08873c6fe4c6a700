"""Micro-lessons in program weeks 3-6 (Develop): which lesson, on which day, and what the rep made of it.

Lessons come on lesson days: Tuesday and Thursday at 10:00 in the rep's own
time zone, in program weeks 3-6 of their active cycle, on working days only
(a holiday brings no lesson). With two focus skills, Tuesday is the first
skill's day and Thursday the second's, so no day mixes two skills; with
one skill (or once a skill's lessons are all behind the rep) the other
skill takes every lesson day, so its lessons come on successive days.

A lesson day brings the first lesson of its skill, in catalog order, that
the rep has not moved on from: marked done, or kept for the next coaching
session. One lesson at a time: a lesson left unanswered comes back on the
skill's next day. "Remind me tomorrow" brings the same lesson once more on
the next working day that is not a lesson day, at the same time. Pure: no
clock, no storage.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from domain.coaching.cycle import CoachingCycle
from domain.model import WorkspaceRef, WorkspaceSettings

LESSON_WEEKS = range(3, 7)  # program weeks 3-6: the Develop stage
LESSON_WEEKDAYS = (1, 3)  # Tuesday, Thursday (date.weekday())
LESSON_TIME = time(10, 0)  # local time, the rep's own zone
LESSON_MINUTES = 15
_LAST_WEEK_SEARCHED = 60  # how far an extended cycle's weeks 3-6 are looked for, in weeks
_REMINDER_SEARCH = 21  # days a reminder looks ahead for a working day that is not a lesson day


class LessonStatus(str, enum.Enum):
    SENT = "sent"  # reached the rep; no answer yet
    DONE = "done"
    REMIND = "remind"  # asked to see it again the next working day
    DISCUSS = "discuss"  # kept for the next coaching session


class LessonAnswer(str, enum.Enum):
    """What the rep clicked under a lesson."""

    DONE = "done"
    REMIND = "remind"
    DISCUSS = "discuss"


@dataclass(frozen=True)
class LessonProgress:
    """One lesson of one cycle, for its rep: unique per (workspace, cycle, lesson)."""

    workspace: WorkspaceRef
    rep_id: str
    cycle_id: int
    competency: str
    lesson_id: str
    status: LessonStatus = LessonStatus.SENT
    sent_at: datetime | None = None  # when it last reached the rep
    done_at: datetime | None = None
    remind_on: date | None = None  # the day of its one reminder (kept after it was sent)
    discuss_at: datetime | None = None  # when the rep asked to discuss it (kept when done later)
    updated_at: datetime | None = None
    id: int | None = None

    @property
    def moved_on(self) -> bool:
        """Done, or kept for the session: the skill's next day brings its next lesson."""
        return self.status in (LessonStatus.DONE, LessonStatus.DISCUSS)

    @property
    def reminder_pending(self) -> bool:
        return self.status is LessonStatus.REMIND and self.remind_on is not None

    @property
    def can_remind(self) -> bool:
        """One reminder per lesson, and none once it is done."""
        return self.remind_on is None and self.status is not LessonStatus.DONE

    @property
    def to_discuss(self) -> bool:
        return self.discuss_at is not None

    def delivered(self, now: datetime) -> LessonProgress:
        """It reached the rep (again): a reminder that went out is an open lesson once more."""
        status = LessonStatus.SENT if self.status is LessonStatus.REMIND else self.status
        return replace(self, status=status, sent_at=now, updated_at=now)

    def answered(self, answer: LessonAnswer, now: datetime, remind_on: date | None = None) -> LessonProgress:
        """Done stays done (a later "discuss" is noted beside it); a reminder needs its day."""
        if answer is LessonAnswer.DONE:
            return replace(self, status=LessonStatus.DONE, done_at=self.done_at or now, updated_at=now)
        if answer is LessonAnswer.DISCUSS:
            status = self.status if self.status is LessonStatus.DONE else LessonStatus.DISCUSS
            return replace(self, status=status, discuss_at=self.discuss_at or now, updated_at=now)
        if remind_on is None:
            raise ValueError("a reminder needs its day")
        return replace(self, status=LessonStatus.REMIND, remind_on=remind_on, updated_at=now)


@dataclass(frozen=True)
class LessonChoice:
    """What a lesson day brings: a lesson of one skill, its place among that skill's lessons."""

    competency: str
    lesson_id: str
    number: int  # 1-based, in catalog order
    of: int


def lesson_days(cycle: CoachingCycle, settings: WorkspaceSettings) -> list[date]:
    """Every lesson day of the cycle: Tuesdays and Thursdays of program weeks 3-6 that are working days.

    Program weeks follow the cycle's offset, so an advanced or extended
    cycle's lesson days move with its Develop stage.
    """
    days: list[date] = []
    for week in range(_LAST_WEEK_SEARCHED):
        monday = cycle.starts_on + timedelta(weeks=week)
        for weekday in LESSON_WEEKDAYS:
            day = monday + timedelta(days=weekday)
            program_week = cycle.program_week(day)
            if program_week in LESSON_WEEKS and _working(day, settings):
                days.append(day)
        if cycle.program_week(monday) > LESSON_WEEKS[-1]:
            break
    return days


def _working(day: date, settings: WorkspaceSettings) -> bool:
    return day.weekday() in settings.working_days and day not in settings.holidays


def skill_order(day: date, focus: Sequence[str]) -> list[str]:
    """The focus skills in the order a lesson day offers them: its own skill first.

    Tuesday belongs to the first focus skill, Thursday to the second; the
    other skill takes the day only when its own has nothing left.
    """
    if not focus:
        return []
    own = LESSON_WEEKDAYS.index(day.weekday()) % len(focus) if day.weekday() in LESSON_WEEKDAYS else 0
    return [*focus[own:], *focus[:own]]


def next_lesson(
    day: date,
    focus: Sequence[str],
    lessons: Mapping[str, Sequence[str]],
    progress: Mapping[str, LessonProgress],
) -> LessonChoice | None:
    """The lesson a lesson day brings, or None when every focus skill's lessons are behind the rep.

    `lessons`: each competency's lesson ids in catalog order; `progress`:
    this cycle's rows by lesson id.
    """
    for competency in skill_order(day, focus):
        ids = list(lessons.get(competency, ()))
        for number, lesson_id in enumerate(ids, start=1):
            row = progress.get(lesson_id)
            if row is None or not row.moved_on:
                return LessonChoice(competency, lesson_id, number, len(ids))
    return None


def has_lessons_left(focus: Sequence[str], lessons: Mapping[str, Sequence[str]],
                     progress: Mapping[str, LessonProgress]) -> bool:
    return any(
        (row := progress.get(lesson_id)) is None or not row.moved_on
        for competency in focus for lesson_id in lessons.get(competency, ())
    )


def reminder_day(asked_on: date, settings: WorkspaceSettings, busy: Iterable[date]) -> date | None:
    """The next working day after `asked_on` (the rep's local date) that is not a lesson day.

    A lesson day already has its own lesson; a second one that day would
    break "one lesson at a time". None when no such day comes within three
    weeks (a workspace without working days).
    """
    taken = set(busy)
    for ahead in range(1, _REMINDER_SEARCH + 1):
        day = asked_on + timedelta(days=ahead)
        if _working(day, settings) and day not in taken:
            return day
    return None
