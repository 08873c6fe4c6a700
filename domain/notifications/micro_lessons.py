"""Tuesday and Thursday in program weeks 3-6: a 15-minute micro-lesson on one of the rep's focus skills.

An anchored kind: each rep's lesson days (domain/coaching/lessons.py) and
any reminder they asked for are anchors on dates (ON_DATE at 10:00 local),
listed by `LessonDays` for a batch of reps. The days follow the rep's cycle
and focus skills, which other features change without telling the
scheduler, so the kind rechecks each rep every few hours; the lesson
buttons refresh the rep at once. Which lesson a day brings is decided when
it is sent, from what the rep has done by then; once Slack has it, the
lesson is recorded as sent (`delivered`).

Ledger periods: `c<cycle id>@<day>` for a lesson day, `r<progress id>@<day>`
for a reminder.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from domain.catalog import Catalog, MicroLesson, load_catalog
from domain.catalog.lesson_texts import LessonText, worded
from domain.coaching.cycle import CoachingCycle
from domain.coaching.lessons import (
    LESSON_TIME,
    LessonChoice,
    LessonProgress,
    LessonStatus,
    has_lessons_left,
    lesson_days,
    next_lesson,
)
from domain.model import Member, WorkspaceRef, WorkspaceSettings
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.anchors import Anchor, Deadline
from domain.scheduling.kinds import END_OF_DAY, Audience, Cadence

KIND_NAME = "micro_lesson"
RECHECK = timedelta(hours=6)
_DAY_REF, _REMINDER_REF = "c", "r"


@dataclass(frozen=True)
class LessonNote:
    """One lesson for one rep: what it teaches, where it stands, and which buttons it offers."""

    workspace: WorkspaceRef
    rep: Member
    cycle_id: int
    skill: str  # the competency's name
    choice: LessonChoice
    lesson: MicroLesson  # in the workspace's own wording
    week: int
    reminder: bool = False  # the one reminder the rep asked for
    can_remind: bool = True


def lessons_by_skill(catalog: Catalog) -> dict[str, list[str]]:
    return {comp.id: [lesson.id for lesson in comp.micro_lessons] for comp in catalog.competencies}


def _settings(uow: UnitOfWork, ws: WorkspaceRef) -> WorkspaceSettings:
    workspace = uow.workspaces.get(ws)
    return workspace.settings if workspace is not None else WorkspaceSettings()


@dataclass(frozen=True)
class CycleLessons:
    """A batch of reps' active cycles with their focus skills and lesson rows: four queries."""

    cycles: dict[str, CoachingCycle]
    focus: dict[int, list[str]]
    progress: dict[int, dict[str, LessonProgress]]

    @classmethod
    def load(cls, uow: UnitOfWork, ws: WorkspaceRef, rep_ids: Sequence[str]) -> CycleLessons:
        cycles = uow.cycles.active_for_reps(ws, rep_ids)
        ids = [c.id for c in cycles.values() if c.id is not None]
        return cls(cycles, uow.priorities.focus_for(ids), uow.lessons.for_cycles(ws, ids))

    def of(self, rep_id: str) -> tuple[CoachingCycle, list[str], dict[str, LessonProgress]] | None:
        cycle = self.cycles.get(rep_id)
        if cycle is None or cycle.id is None:
            return None
        return cycle, self.focus.get(cycle.id, []), self.progress.get(cycle.id, {})


def anchors_of(cycle: CoachingCycle, focus: Sequence[str], progress: Mapping[str, LessonProgress],
               lessons: Mapping[str, Sequence[str]], settings: WorkspaceSettings) -> list[Anchor]:
    """A rep's lesson days while a focus skill has a lesson left, and their pending reminder."""
    anchors: list[Anchor] = []
    if focus and has_lessons_left(focus, lessons, progress):
        anchors += [Deadline(f"{_DAY_REF}{cycle.id}", day) for day in lesson_days(cycle, settings)]
    # A reminder of a lesson the catalog no longer has (COACHFLOW_CATALOG changed since) has nothing to show.
    anchors += [Deadline(f"{_REMINDER_REF}{row.id}", row.remind_on) for row in progress.values()
                if row.reminder_pending and row.remind_on is not None
                and row.lesson_id in lessons.get(row.competency, ())]
    return anchors


class LessonDays:
    """The kind's `AnchorSource`: each rep's lesson days and reminders, five queries a batch."""

    def __init__(self, catalog: Catalog) -> None:
        self._lessons = lessons_by_skill(catalog)

    def upcoming(
        self, uow: UnitOfWork, ws: WorkspaceRef, recipient_ids: Sequence[str], after: datetime
    ) -> Mapping[str, Sequence[Anchor]]:
        settings = _settings(uow, ws)
        loaded = CycleLessons.load(uow, ws, recipient_ids)
        found: dict[str, list[Anchor]] = {}
        for rep_id in recipient_ids:
            mine = loaded.of(rep_id)
            if mine is None:
                continue
            anchors = [a for a in anchors_of(*mine, self._lessons, settings) if a.is_upcoming(after)]
            if anchors:
                found[rep_id] = anchors
        return found


class LessonNotes:
    """The kind's gatherer and its `delivered` hook, over the deployment's catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._lessons = lessons_by_skill(catalog)

    def gather(self, uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]) -> dict[Occasion, LessonNote]:
        """Six queries for any number of reps: them, their cycles, focus, lesson rows, the workspace's texts."""
        rep_ids = list(dict.fromkeys(o.recipient_id for o in occasions))
        reps = uow.members.get_many(ws, rep_ids)
        loaded = CycleLessons.load(uow, ws, rep_ids)
        texts = uow.lesson_texts.for_workspace(ws) if loaded.cycles else {}
        notes: dict[Occasion, LessonNote] = {}
        for occasion in occasions:
            rep, mine = reps.get(occasion.recipient_id), loaded.of(occasion.recipient_id)
            found = self._note(ws, rep, mine, occasion) if rep is not None and mine is not None else None
            if found is not None:
                notes[occasion] = self.worded(found, texts)
        return notes

    def _note(self, ws: WorkspaceRef, rep: Member, mine: tuple[CoachingCycle, list[str], dict[str, LessonProgress]],
              occasion: Occasion) -> LessonNote | None:
        cycle, focus, progress = mine
        ref = occasion.ref or ""
        if ref == f"{_DAY_REF}{cycle.id}":
            choice = next_lesson(occasion.on, focus, self._lessons, progress)
            if choice is None:
                return None
            row = progress.get(choice.lesson_id)
            return self.note(ws, rep, cycle, choice, occasion.on, can_remind=row is None or row.can_remind)
        for row in progress.values():
            if ref == f"{_REMINDER_REF}{row.id}" and row.reminder_pending:
                return self.note(ws, rep, cycle, self.choice_of(row), occasion.on, reminder=True)
        return None  # another cycle's day, or a reminder answered since

    def choice_of(self, row: LessonProgress) -> LessonChoice:
        ids = self._lessons.get(row.competency, [])
        number = ids.index(row.lesson_id) + 1 if row.lesson_id in ids else 1
        return LessonChoice(row.competency, row.lesson_id, number, len(ids))

    def note(self, ws: WorkspaceRef, rep: Member, cycle: CoachingCycle, choice: LessonChoice, on: date,
             *, reminder: bool = False, can_remind: bool = True) -> LessonNote:
        """The note for `choice` on the rep's local day `on`, in the catalog's wording (see `worded`)."""
        comp, lesson = self._catalog.lesson(choice.lesson_id)
        return LessonNote(ws, rep, cycle.id or 0, comp.name, choice, lesson, cycle.program_week(on),
                          reminder=reminder, can_remind=can_remind and not reminder)

    @staticmethod
    def worded(note: LessonNote, texts: Mapping[str, LessonText]) -> LessonNote:
        return replace(note, lesson=worded(note.lesson, texts))

    def delivered(self, uow: UnitOfWork, ws: WorkspaceRef, occasion: Occasion, note: LessonNote,
                  now: datetime) -> None:
        """Slack has the lesson: its row says sent (a reminder that went out is open again)."""
        fresh = LessonProgress(ws, note.rep.user_id, note.cycle_id, note.choice.competency, note.choice.lesson_id,
                               LessonStatus.SENT, sent_at=now, updated_at=now)
        uow.lessons.save(uow.lessons.locked(ws, fresh).delivered(now))


def micro_lessons_kind(catalog: Catalog) -> ScheduledKind[LessonNote]:
    """The kind over a catalog: the shipped one in the registry, the deployment's in `bot`."""
    notes = LessonNotes(catalog)
    return ScheduledKind(
        name=KIND_NAME,
        title="Micro-lessons, Tuesdays and Thursdays in cycle weeks 3-6 (reps)",
        why="you are in weeks 3-6 of a coaching cycle",
        audience=Audience.REPS,
        cadence=Cadence.ON_DATE,
        local_time=LESSON_TIME,
        stale=END_OF_DAY,  # worth reading until the day ends
        source=LessonDays(catalog),
        recheck=RECHECK,
        gather=notes.gather,
        delivered=notes.delivered,
    )


MICRO_LESSONS = micro_lessons_kind(load_catalog())
