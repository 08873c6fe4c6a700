"""The enablement pre-read questionnaire, kept in the workspace's settings and changed by its admins only.

The questions are asked in every 1:1's pre-work from the moment they are
set (domain/services/prework.py); answers already given keep the question as
it was asked, so removing or rewording one here changes no stored pre-work.
"""

from __future__ import annotations

from dataclasses import replace

from domain.coaching.preread import question_problem
from domain.errors import InvalidInput, NotAllowed
from domain.model import Workspace, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory

NOT_ADMIN = ("Only a Coachflow admin sets the enablement pre-read. "
             "Ask one of your workspace's admins (`/coach admin teams` is theirs too).")


class PrereadService:
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    def questions(self, ws: WorkspaceRef, admin_id: str) -> tuple[str, ...]:
        with self._uow_factory(read_only=True) as uow:
            return self._admins(uow, ws, admin_id).settings.preread_questions

    def add(self, ws: WorkspaceRef, admin_id: str, question: str) -> tuple[str, ...]:
        """The questionnaire with `question` asked last; refused past the limit, blank, too long or a repeat."""
        cleaned = " ".join(question.split())
        with self._uow_factory() as uow:
            workspace = self._admins(uow, ws, admin_id)
            asked = workspace.settings.preread_questions
            if problem := question_problem(asked, cleaned):
                raise InvalidInput(problem)
            return self._store(uow, workspace, (*asked, cleaned))

    def remove(self, ws: WorkspaceRef, admin_id: str, number: int) -> tuple[str, ...]:
        """Without the `number`-th question (1-based, as `/coach admin preread` lists them)."""
        with self._uow_factory() as uow:
            workspace = self._admins(uow, ws, admin_id)
            asked = workspace.settings.preread_questions
            if not asked:
                raise InvalidInput("The pre-read has no questions to remove.")
            if not 1 <= number <= len(asked):
                raise InvalidInput(f"The pre-read has questions 1 to {len(asked)}; "
                                   "`/coach admin preread` lists them with their numbers.")
            return self._store(uow, workspace, asked[:number - 1] + asked[number:])

    def clear(self, ws: WorkspaceRef, admin_id: str) -> tuple[str, ...]:
        with self._uow_factory() as uow:
            return self._store(uow, self._admins(uow, ws, admin_id), ())

    @staticmethod
    def _admins(uow: UnitOfWork, ws: WorkspaceRef, admin_id: str) -> Workspace:
        admin = uow.members.get(ws, admin_id)
        if admin is None or not admin.is_admin:
            raise NotAllowed(NOT_ADMIN)
        return uow.workspaces.get(ws) or Workspace(ref=ws)

    @staticmethod
    def _store(uow: UnitOfWork, workspace: Workspace, questions: tuple[str, ...]) -> tuple[str, ...]:
        uow.workspaces.update(replace(workspace, settings=replace(workspace.settings, preread_questions=questions)))
        uow.commit()
        return questions
