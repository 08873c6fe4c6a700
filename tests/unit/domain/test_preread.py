"""The enablement pre-read: the admin's questionnaire (1-5 questions, admins only, per workspace) and the
rep's answers in the 1:1 pre-work (every question answered, kept with the question as asked)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.coaching.preread import (
    MAX_QUESTIONS,
    PrereadAnswer,
    answer_key,
    answer_problems,
    answers_of,
    prefill,
    question_problem,
)
from domain.coaching.prework import item_key
from domain.coaching.sessions import CoachingSession
from domain.errors import FieldProblems, InvalidInput, NotAllowed
from domain.field_lengths import PREREAD_ANSWER, PREREAD_QUESTION
from domain.fingerprint import version_of
from domain.model import Member, Role, Workspace, WorkspaceRef, WorkspaceSettings
from domain.services.preread import PrereadService
from domain.services.prework import PREREAD_CHANGED, PreworkService
from storage.mapping import settings_from_json, settings_to_json
from tests.fakes import FakeStore

WS, OTHER = WorkspaceRef("T1"), WorkspaceRef("T2")
NOW = datetime(2026, 12, 1, 14, tzinfo=UTC)
AGENDA = ["Hooli pricing", "My Q1 goals", "Hiring plan"]
PLAYBOOK, OBJECTION = "What did you take from this week's playbook?", "Which objection cost you a deal?"


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.workspaces.add(Workspace(OTHER))
        uow.members.add(Member(WS, "UADMIN", "Ada", "Europe/London", is_admin=True))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        uow.members.add(Member(WS, "UL", "Lena", "Europe/London", manager_id="UMGR"))
        uow.members.add(Member(OTHER, "UADMIN", "Ada elsewhere", "UTC", is_admin=True))
        uow.sessions.add(CoachingSession(WS, "UL", "UMGR", NOW + timedelta(days=1)))
        uow.commit()
    return store


def _session_id(store: FakeStore) -> int:
    with store.uow(read_only=True) as uow:
        return max(uow.sessions.upcoming_for(WS, ["UL"], NOW)["UL"], key=lambda s: s.id or 0).id or 0


# -- the rules -------------------------------------------------------------------------------


def test_a_question_is_refused_blank_too_long_repeated_or_sixth() -> None:
    assert question_problem((), PLAYBOOK) is None
    assert "Write the question" in (question_problem((), "") or "")
    assert "too long" in (question_problem((), "x" * (PREREAD_QUESTION + 1)) or "")
    assert "asks that already" in (question_problem((PLAYBOOK,), f"  {PLAYBOOK.upper()}") or "x")
    five = tuple(f"Question {n}?" for n in range(MAX_QUESTIONS))
    assert f"its {MAX_QUESTIONS} questions already" in (question_problem(five, "A sixth?") or "")


def test_every_question_needs_an_answer_that_fits() -> None:
    answers = answers_of((PLAYBOOK, OBJECTION, "Third?"), ["  Multi-threading  ", "   "])
    assert answers[0] == PrereadAnswer(PLAYBOOK, "Multi-threading") and answers[2].answer == ""
    problems = answer_problems(answers)
    assert set(problems) == {answer_key(2), answer_key(3)} and "answer it" in problems[answer_key(2)]
    too_long = answer_problems((PrereadAnswer(PLAYBOOK, "x" * (PREREAD_ANSWER + 1)),))
    assert f"Keep it to {PREREAD_ANSWER} characters" in too_long[answer_key(1)]


def test_prefill_matches_answers_to_the_same_question_and_leaves_a_new_one_empty() -> None:
    given = (PrereadAnswer(PLAYBOOK, "Multi-threading"), PrereadAnswer("Removed since?", "Gone"))
    assert prefill((OBJECTION, f"{PLAYBOOK} "), given) == [None, "Multi-threading"]


def test_the_version_changes_with_the_questionnaire() -> None:
    assert version_of(()) == "" and version_of((PLAYBOOK,)) == version_of((PLAYBOOK,))
    assert version_of((PLAYBOOK,)) != version_of((PLAYBOOK, OBJECTION))


def test_the_questionnaire_is_kept_in_the_settings_json_only_once_set() -> None:
    assert "preread_questions" not in settings_to_json(WorkspaceSettings())
    settings = WorkspaceSettings(preread_questions=(PLAYBOOK, OBJECTION))
    assert settings_from_json(settings_to_json(settings)) == settings
    assert settings_from_json({"preread_questions": "not a list"}).preread_questions == ()


# -- the admin's questionnaire ---------------------------------------------------------------


def test_only_an_admin_changes_or_reads_the_questionnaire_and_only_their_workspaces(store: FakeStore) -> None:
    service = PrereadService(store.uow)
    for who in ("UMGR", "UL", "UNKNOWN"):
        with pytest.raises(NotAllowed, match="Only a Coachflow admin"):
            service.add(WS, who, PLAYBOOK)
        with pytest.raises(NotAllowed):
            service.questions(WS, who)
    assert service.add(WS, "UADMIN", PLAYBOOK) == (PLAYBOOK,)
    assert service.add(WS, "UADMIN", f"  {OBJECTION}\n") == (PLAYBOOK, OBJECTION)
    assert service.questions(OTHER, "UADMIN") == ()  # the same admin id elsewhere sees its own (none)
    assert service.remove(WS, "UADMIN", 1) == (OBJECTION,)
    with pytest.raises(InvalidInput, match="questions 1 to 1"):
        service.remove(WS, "UADMIN", 2)
    assert service.clear(WS, "UADMIN") == ()
    with pytest.raises(InvalidInput, match="no questions to remove"):
        service.remove(WS, "UADMIN", 1)


def test_a_sixth_question_is_refused_and_nothing_changes(store: FakeStore) -> None:
    service = PrereadService(store.uow)
    for n in range(MAX_QUESTIONS):
        service.add(WS, "UADMIN", f"Question {n + 1}?")
    with pytest.raises(InvalidInput, match="Remove one first"):
        service.add(WS, "UADMIN", "A sixth?")
    assert len(service.questions(WS, "UADMIN")) == MAX_QUESTIONS


# -- the rep's answers -------------------------------------------------------------------------


def test_answers_are_stored_with_the_question_as_asked_and_survive_an_edited_questionnaire(
        store: FakeStore) -> None:
    preread, prework = PrereadService(store.uow), PreworkService(store.uow, lambda: NOW)
    session_id = _session_id(store)
    preread.add(WS, "UADMIN", PLAYBOOK)
    preread.add(WS, "UADMIN", OBJECTION)
    form = prework.form(WS, "UL", session_id)
    assert form.preread == (PLAYBOOK, OBJECTION)

    with pytest.raises(FieldProblems) as blank:
        prework.save_and_tell(WS, "UL", session_id, AGENDA, [], "", "", answers=("Multi-threading", " "),
                              preread_version=version_of(form.preread))
    assert set(blank.value.problems) == {answer_key(2)}
    done = prework.save_and_tell(WS, "UL", session_id, AGENDA, [], "", "",
                                 answers=("Multi-threading", "Budget"), preread_version=version_of(form.preread))
    assert done.result.prework.preread == (PrereadAnswer(PLAYBOOK, "Multi-threading"),
                                           PrereadAnswer(OBJECTION, "Budget"))

    preread.remove(WS, "UADMIN", 1)
    preread.add(WS, "UADMIN", "Newest?")
    with store.uow(read_only=True) as uow:
        kept = uow.prework.get(WS, session_id)
    assert kept is not None and kept.preread[0].question == PLAYBOOK  # the snapshot, unchanged
    reopened = prework.form(WS, "UL", session_id)
    assert prefill(reopened.preread, kept.preread) == ["Budget", None]


def test_a_form_opened_before_the_questionnaire_changed_is_refused_inline(store: FakeStore) -> None:
    preread, prework = PrereadService(store.uow), PreworkService(store.uow, lambda: NOW)
    session_id = _session_id(store)
    opened = prework.form(WS, "UL", session_id)  # no pre-read yet
    preread.add(WS, "UADMIN", PLAYBOOK)
    with pytest.raises(FieldProblems) as changed:
        prework.save_and_tell(WS, "UL", session_id, AGENDA, [], "", "", preread_version=version_of(opened.preread))
    assert changed.value.problems == {answer_key(1): PREREAD_CHANGED}


def test_without_a_questionnaire_answers_given_before_are_kept(store: FakeStore) -> None:
    preread, prework = PrereadService(store.uow), PreworkService(store.uow, lambda: NOW)
    session_id = _session_id(store)
    preread.add(WS, "UADMIN", PLAYBOOK)
    prework.save_and_tell(WS, "UL", session_id, AGENDA, [], "", "", answers=("Multi-threading",),
                          preread_version=version_of((PLAYBOOK,)))
    preread.clear(WS, "UADMIN")
    assert prework.form(WS, "UL", session_id).preread == ()
    done = prework.save_and_tell(WS, "UL", session_id, [*AGENDA, "Promotion"], [], "", "")
    assert done.result.prework.preread == (PrereadAnswer(PLAYBOOK, "Multi-threading"),)
    with pytest.raises(FieldProblems) as few:  # the agenda's own rule still applies beside the pre-read's
        prework.save_and_tell(WS, "UL", session_id, AGENDA[:1], [], "", "")
    assert set(few.value.problems) == {item_key(1)}
