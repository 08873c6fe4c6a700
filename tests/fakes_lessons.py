"""The fake micro-lesson tables (used by `tests.fakes`): progress per (workspace, cycle, lesson), texts per lesson."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from domain.catalog.lesson_texts import LessonText
from domain.coaching.lessons import LessonProgress
from domain.model import WorkspaceRef

ProgressKey = tuple[str, int, str]  # team, cycle, lesson


class FakeLessonProgressRepository:
    def __init__(self, rows: dict[ProgressKey, LessonProgress]) -> None:
        self._rows = rows

    def for_cycles(self, ref: WorkspaceRef, cycle_ids: Iterable[int]) -> dict[int, dict[str, LessonProgress]]:
        wanted = set(cycle_ids)
        found: dict[int, dict[str, LessonProgress]] = {}
        for (team, cycle_id, lesson_id), row in self._rows.items():
            if team == ref.team_id and cycle_id in wanted:
                found.setdefault(cycle_id, {})[lesson_id] = row
        return found

    def locked(self, ref: WorkspaceRef, fresh: LessonProgress) -> LessonProgress:
        key = (ref.team_id, fresh.cycle_id, fresh.lesson_id)
        if key not in self._rows:
            self._rows[key] = replace(fresh, workspace=ref, id=len(self._rows) + 1)
        return self._rows[key]

    def save(self, progress: LessonProgress) -> None:
        key = (progress.workspace.team_id, progress.cycle_id, progress.lesson_id)
        if key not in self._rows or self._rows[key].id != progress.id:
            raise LookupError(f"lesson progress {progress.id}")
        self._rows[key] = progress

    def to_discuss(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, list[LessonProgress]]:
        wanted = set(rep_ids)
        found: dict[str, list[LessonProgress]] = {}
        mine = [r for (team, _, _), r in self._rows.items()
                if team == ref.team_id and r.rep_id in wanted and r.discuss_at is not None]
        for row in sorted(mine, key=lambda r: (r.rep_id, r.discuss_at, r.id or 0)):
            found.setdefault(row.rep_id, []).append(row)
        return found


class FakeLessonTextRepository:
    def __init__(self, texts: dict[tuple[str, str], LessonText]) -> None:
        self._texts = texts

    def for_workspace(self, ref: WorkspaceRef) -> dict[str, LessonText]:
        return {lesson_id: text for (team, lesson_id), text in self._texts.items() if team == ref.team_id}

    def replace(self, ref: WorkspaceRef, texts: Mapping[str, LessonText]) -> None:
        self.clear(ref)
        self._texts.update({(ref.team_id, lesson_id): text for lesson_id, text in texts.items()})

    def clear(self, ref: WorkspaceRef) -> int:
        mine = [key for key in self._texts if key[0] == ref.team_id]
        for key in mine:
            del self._texts[key]
        return len(mine)
