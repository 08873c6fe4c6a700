"""Where each rep stands with their micro-lessons: done, of how many, the next one and when, for many reps at once.

`lesson_summaries` is App Home's batched read (six queries whatever the
number of reps); `LessonCalendar` is the catalog's lessons and the kind's
calendar, shared with the lesson buttons' use case (domain/services/lessons.py).
Kept apart from that use case so App Home (`homes_for`) can import it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from domain.catalog import Catalog
from domain.catalog.lesson_texts import LessonText, worded
from domain.coaching.cycle import CoachingCycle
from domain.coaching.lessons import LessonChoice, LessonProgress, LessonStatus, next_lesson
from domain.model import Member, WorkspaceRef, WorkspaceSettings
from domain.notifications.micro_lessons import (
    CycleLessons,
    LessonNotes,
    anchors_of,
    lessons_by_skill,
    micro_lessons_kind,
)
from domain.ports import UnitOfWork
from domain.scheduling.anchored import anchored_occurrences
from domain.scheduling.kinds import NotificationKind


@dataclass(frozen=True)
class NextLesson:
    title: str
    skill: str
    at: datetime  # UTC; shown in the viewer's time zone


@dataclass(frozen=True)
class LessonSummary:
    """Where a rep stands with the lessons of their active cycle (App Home, for the rep and their manager)."""

    rep_id: str
    cycle_id: int
    done: int
    total: int  # four per focus skill
    next: NextLesson | None  # None: nothing left, or lessons switched off
    to_discuss: int


def workspace_settings(uow: UnitOfWork, ws: WorkspaceRef) -> WorkspaceSettings:
    workspace = uow.workspaces.get(ws)
    return workspace.settings if workspace is not None else WorkspaceSettings()


class LessonCalendar:
    """The catalog's lessons and the kind's calendar, shared by the use case and the batched read."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.lessons = lessons_by_skill(catalog)
        self.notes = LessonNotes(catalog)
        self.kind: NotificationKind = micro_lessons_kind(catalog)

    def summary(self, member: Member, settings: WorkspaceSettings, cycle: CoachingCycle, focus: Sequence[str],
                progress: Mapping[str, LessonProgress], texts: Mapping[str, LessonText],
                now: datetime) -> LessonSummary:
        mine = [lesson_id for skill in focus for lesson_id in self.lessons.get(skill, ())]
        done = sum(1 for lesson_id in mine if (row := progress.get(lesson_id)) and row.status is LessonStatus.DONE)
        to_discuss = sum(1 for row in progress.values() if row.to_discuss)
        return LessonSummary(member.user_id, cycle.id or 0, done, len(mine),
                             self._next(member, settings, cycle, focus, progress, texts, now), to_discuss)

    def _next(self, member: Member, settings: WorkspaceSettings, cycle: CoachingCycle, focus: Sequence[str],
              progress: Mapping[str, LessonProgress], texts: Mapping[str, LessonText],
              now: datetime) -> NextLesson | None:
        anchors = anchors_of(cycle, focus, progress, self.lessons, settings)
        for occurrence in anchored_occurrences(self.kind, member, settings, anchors):
            if occurrence.due_at <= now:
                continue
            choice = self._choice(occurrence.ledger_period, occurrence.period, cycle, focus, progress)
            if choice is not None:
                comp, lesson = self.catalog.lesson(choice.lesson_id)
                return NextLesson(worded(lesson, texts).title, comp.name, occurrence.due_at)
        return None

    def _choice(self, period: str, day: date, cycle: CoachingCycle, focus: Sequence[str],
                progress: Mapping[str, LessonProgress]) -> LessonChoice | None:
        if period.startswith(f"c{cycle.id}@"):
            return next_lesson(day, focus, self.lessons, progress)
        reminded = [row for row in progress.values() if period.startswith(f"r{row.id}@")]
        return self.notes.choice_of(reminded[0]) if reminded else None


def lesson_summaries(uow: UnitOfWork, ws: WorkspaceRef, rep_ids: Sequence[str], catalog: Catalog,
                     now: datetime) -> dict[str, LessonSummary]:
    """Each rep's lessons (done, of how many, the next one and when), in six queries for any number of reps.

    Reps without an active cycle or focus skills are left out. For App Home:
    "lessons done 3/8, next: Transitional questions on Thu".
    """
    wanted = list(dict.fromkeys(rep_ids))
    if not wanted:
        return {}
    lessons = LessonCalendar(catalog)
    settings = workspace_settings(uow, ws)
    members = uow.members.get_many(ws, wanted)
    loaded = CycleLessons.load(uow, ws, wanted)
    texts = uow.lesson_texts.for_workspace(ws) if loaded.cycles else {}
    found: dict[str, LessonSummary] = {}
    for rep_id in wanted:
        member, mine = members.get(rep_id), loaded.of(rep_id)
        if member is None or mine is None or not mine[1]:
            continue
        found[rep_id] = lessons.summary(member, settings, *mine, texts, now)
    return found
