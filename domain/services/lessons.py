"""Micro-lessons: the rep's answers to a lesson, and a workspace's own wording.

The lessons themselves arrive through the scheduling engine
(domain/notifications/micro_lessons.py). Here: "Done", "Remind me
tomorrow" and "Discuss in our next session" (one use case, stored once
per click, refused for anyone but the lesson's rep) and the overrides
`coachflow catalog lessons` stores. App Home's batched read of where each
rep stands is in lesson_summaries.py (re-exported here).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from domain.catalog import Catalog, Competency, MicroLesson
from domain.catalog.lesson_texts import LessonText, parse_lesson_texts
from domain.coaching.cycle import CoachingCycle, CycleStatus
from domain.coaching.lessons import (
    LESSON_TIME,
    LessonAnswer,
    LessonProgress,
    LessonStatus,
    lesson_days,
    reminder_day,
)
from domain.effects import Done, Notice, refresh
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.model import Member, WorkspaceRef, WorkspaceSettings
from domain.notifications.micro_lessons import (
    LessonNote,
    LessonNotes,
)
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record
from domain.scheduling.calendar import resolve_local, zone
from domain.services.lesson_summaries import (
    LessonCalendar,
    LessonSummary,
    NextLesson,
    lesson_summaries,
    workspace_settings,
)
from domain.services.scheduling import ScheduleService
from domain.services.use_case import finish

__all__ = ["LessonAnswered", "LessonService", "LessonShown", "LessonSummary", "NextLesson", "lesson_summaries"]

NOT_YOURS = "This lesson was sent to someone else; only the rep it was sent to can answer it."


@dataclass(frozen=True)
class LessonAnswered:
    """What the rep's click did: the lesson shown again with the answer in place of its buttons."""

    note: LessonNote
    answer: LessonAnswer
    progress: LessonProgress
    summary: LessonSummary
    remind_at: datetime | None = None  # UTC, for a reminder


@dataclass(frozen=True)
class LessonShown(Notice):
    """To the rep, when their click cannot be answered in place: the lesson and what the click did."""

    answered: LessonAnswered


class LessonService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog, clock: Callable[[], datetime],
                 schedules: ScheduleService | None = None) -> None:
        self._uow_factory = uow_factory
        self._lessons = LessonCalendar(catalog)
        self._clock = clock
        self._schedules = schedules

    def answer_and_tell(self, ws: WorkspaceRef, user_id: str, cycle_id: int, lesson_id: str, answer: LessonAnswer,
                        receipt: Receipt | None = None) -> Done[LessonAnswered]:
        """A lesson button: Done, Remind me tomorrow or Discuss in our next session.

        `receipt`: the click; a replay of it raises `Replayed`. Only the
        lesson's rep may answer it, while its cycle runs.
        """
        now = self._clock()
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep, cycle = self._own_cycle(uow, ws, user_id, cycle_id)
            settings = workspace_settings(uow, ws)
            comp, _ = self._lesson(lesson_id)
            focus = uow.priorities.focus_for([cycle_id]).get(cycle_id, [])
            fresh = LessonProgress(ws, user_id, cycle_id, comp.id, lesson_id, LessonStatus.SENT, updated_at=now)
            row = uow.lessons.locked(ws, fresh)
            if row.rep_id != user_id:
                raise NotAllowed(NOT_YOURS)
            if comp.id not in focus and row.sent_at is None and row.status is LessonStatus.SENT:
                raise InvalidInput("That lesson is not one of your focus skills' lessons; nothing was recorded.")
            remind_on = self._reminder(rep, settings, cycle, row, now) if answer is LessonAnswer.REMIND else None
            updated = row.answered(answer, now, remind_on)
            uow.lessons.save(updated)
            if self._schedules is not None:  # a reminder to plan, or a lesson no longer due
                self._schedules.refresh_in(uow, ws, [user_id], now)
            progress = uow.lessons.for_cycles(ws, [cycle_id]).get(cycle_id, {})
            texts = uow.lesson_texts.for_workspace(ws)
            summary = self._lessons.summary(rep, settings, cycle, focus, progress, texts, now)
            today = now.astimezone(zone(rep.time_zone)).date()
            note = self._lessons.notes.note(ws, rep, cycle, self._lessons.notes.choice_of(updated), today,
                                            can_remind=updated.can_remind)
            remind_at = resolve_local(remind_on, LESSON_TIME, zone(rep.time_zone)) if remind_on else None
            result = LessonAnswered(LessonNotes.worded(note, texts), answer, updated, summary, remind_at)
            done = finish(uow, ws, Done(result, refresh(user_id, rep.manager_id)), catalog=self._lessons.catalog,
                          now=now)
            uow.commit()
        return done

    def _own_cycle(self, uow: UnitOfWork, ws: WorkspaceRef, user_id: str, cycle_id: int) -> tuple[Member,
                                                                                                  CoachingCycle]:
        rep = uow.members.get(ws, user_id)
        cycle = next((c for c in uow.cycles.history(ws, user_id) if c.id == cycle_id), None) if rep else None
        if rep is None or cycle is None:
            raise NotAllowed(NOT_YOURS)
        if cycle.status is not CycleStatus.ACTIVE:
            raise InvalidInput("This lesson belongs to a coaching cycle that has ended; nothing was recorded.")
        return rep, cycle

    def _lesson(self, lesson_id: str) -> tuple[Competency, MicroLesson]:
        try:
            return self._lessons.catalog.lesson(lesson_id)
        except NotFound:
            raise InvalidInput("That lesson is no longer in the skill catalog; nothing was recorded.") from None

    @staticmethod
    def _reminder(rep: Member, settings: WorkspaceSettings, cycle: CoachingCycle, row: LessonProgress,
                  now: datetime) -> date:
        if row.status is LessonStatus.DONE:
            raise InvalidInput("You marked this lesson done already, so there is nothing to remind you of.")
        if not row.can_remind:
            raise InvalidInput("I brought this lesson back once already. Mark it done, or keep it for your "
                               "next coaching session.")
        today = now.astimezone(zone(rep.time_zone)).date()
        day = reminder_day(today, settings, lesson_days(cycle, settings))
        if day is None:
            raise InvalidInput("There is no working day ahead to bring it back on; ask an admin about "
                               "`/coach admin workweek`.")
        return day

    # -- the App Home read, for the people given -------------------------------

    def summaries(self, ws: WorkspaceRef, rep_ids: Sequence[str]) -> dict[str, LessonSummary]:
        with self._uow_factory(read_only=True) as uow:
            return lesson_summaries(uow, ws, rep_ids, self._lessons.catalog, self._clock())

    def to_discuss(self, ws: WorkspaceRef, rep_ids: Sequence[str]) -> dict[str, list[LessonProgress]]:
        """The lessons each rep asked to discuss, for the coaching session's agenda."""
        with self._uow_factory(read_only=True) as uow:
            return uow.lessons.to_discuss(ws, rep_ids)

    # -- a workspace's own wording (`coachflow catalog lessons`) ----------------

    def set_texts(self, ws: WorkspaceRef, raw: object, source: str) -> dict[str, LessonText]:
        """Validate an admin's file against the catalog (raises `CatalogError`) and make it the workspace's."""
        texts = parse_lesson_texts(raw, self._lessons.catalog, source)
        with self._uow_factory() as uow:
            self._require_workspace(uow, ws)
            uow.lesson_texts.replace(ws, texts)
            uow.commit()
        return texts

    def clear_texts(self, ws: WorkspaceRef) -> int:
        with self._uow_factory() as uow:
            self._require_workspace(uow, ws)
            removed = uow.lesson_texts.clear(ws)
            uow.commit()
        return removed

    @staticmethod
    def _require_workspace(uow: UnitOfWork, ws: WorkspaceRef) -> None:
        if uow.workspaces.get(ws) is None:
            raise NotFound(f"Workspace {ws.team_id} is not in this database; Coachflow adds it when someone "
                           "there first uses `/coach`.")
