"""1:1 pre-work behaves the same on the fake, SQLite and PostgreSQL: one per session, replaced in place,
read for many sessions at once, the pair's previous one found, scoped by workspace; the enablement
pre-read's answers kept with their questions, and the questionnaire in the workspace's settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.coaching.preread import PrereadAnswer
from domain.coaching.prework import Prework
from domain.coaching.sessions import CoachingSession
from domain.model import Workspace, WorkspaceRef, WorkspaceSettings
from domain.ports import UnitOfWorkFactory

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")
START = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)


def _sessions(uow_factory: UnitOfWorkFactory) -> list[int]:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        found = [uow.sessions.add(CoachingSession(T1, "UA", "UMGR", START + timedelta(weeks=n))).id or 0
                 for n in range(3)]
        uow.commit()
    return found


def test_pre_work_is_kept_once_per_session_and_the_previous_one_is_found(any_uow_factory: UnitOfWorkFactory) -> None:
    first, second, third = _sessions(any_uow_factory)
    with any_uow_factory() as uow:
        uow.prework.save(Prework(T1, first, "UA", ("Hooli & <Initech>", "Q1 goals", "Hiring"), "Why?", "2.1x"))
        uow.prework.save(Prework(T1, first, "UA", ("Hooli", "Q1 goals", "Hiring", "Promotion"), "Why?", "2.1x",
                                 ("What keeps you up at night?",)))
        uow.prework.save(Prework(T1, second, "UA", ("Territory", "Q1 goals", "Hiring")))
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        kept = uow.prework.get(T1, first)
        assert kept is not None and kept.agenda == ("Hooli", "Q1 goals", "Hiring", "Promotion")
        assert kept.manager_questions == ("What keeps you up at night?",) and kept.workspace == T1
        assert kept.updated_at is not None
        assert set(uow.prework.for_sessions(T1, [first, second, third])) == {first, second}
        assert uow.prework.get(T2, first) is None and uow.prework.for_sessions(T2, [first]) == {}
        before_third = uow.prework.previous(T1, "UA", "UMGR", START + timedelta(weeks=2))
        assert before_third is not None and before_third.session_id == second
        assert uow.prework.previous(T1, "UA", "UMGR", START) is None
        assert uow.prework.previous(T1, "UA", "UOTHER", START + timedelta(weeks=2)) is None


def test_pre_read_answers_are_kept_with_their_questions_and_replaced_with_the_pre_work(
        any_uow_factory: UnitOfWorkFactory) -> None:
    first, second, _ = _sessions(any_uow_factory)
    answered = (PrereadAnswer("What did you take from the playbook?", "Multi-threading & <b>"),
                PrereadAnswer("Which objection hurt most?", "Budget\nagain"))
    with any_uow_factory() as uow:
        uow.prework.save(Prework(T1, first, "UA", ("a", "b", "c"), preread=answered))
        uow.prework.save(Prework(T1, second, "UA", ("a", "b", "c")))
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        kept = uow.prework.get(T1, first)
        assert kept is not None and kept.preread == answered
        assert uow.prework.for_sessions(T1, [first])[first].preread == answered
        none = uow.prework.get(T1, second)
        assert none is not None and none.preread == ()
    with any_uow_factory() as uow:
        uow.prework.save(Prework(T1, first, "UA", ("a", "b", "c"), preread=answered[1:]))
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        replaced = uow.prework.get(T1, first)
        assert replaced is not None and replaced.preread == answered[1:]


def test_the_pre_read_questionnaire_is_kept_in_the_workspaces_settings(any_uow_factory: UnitOfWorkFactory) -> None:
    asked = ("What did you take from the playbook?", "Which objection & <deal> hurt most?")
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1, settings=WorkspaceSettings(preread_questions=asked)))
        uow.workspaces.add(Workspace(T2))
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        first, second = uow.workspaces.get(T1), uow.workspaces.get(T2)
    assert first is not None and first.settings.preread_questions == asked
    assert second is not None and second.settings.preread_questions == ()
