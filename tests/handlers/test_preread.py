"""The enablement pre-read through Slack: Ada (admin) sets the questions, Lena answers them in her 1:1
pre-work, Maya reads the answers; blank answers, non-admins and other workspaces are refused."""

from __future__ import annotations

import json
from typing import Any

from bot.fake_slack.state_values import plain_text
from domain.coaching.preread import PrereadAnswer, answer_key
from domain.coaching.prework import item_key
from domain.model import Workspace, WorkspaceRef, WorkspaceSettings
from domain.ports import UnitOfWorkFactory
from handlers.blocks.inputs import VALUE
from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.homework_steps import dm_with, errors_of
from tests.handlers.prework_steps import Values, book, open_prework, prework_values, stored, submit_prework, team
from tests.handlers.receipt_steps import replay, texts_to

PLAYBOOK = "What did you take from this week's discovery playbook?"
# As Slack sends it in a command's text: `&`, `<` and `>` as entities.
TYPED_HOSTILE = "Which &lt;!channel&gt; objection &amp; &lt;https://evil.example|link&gt; hurt most?"
HOSTILE = "Which <!channel> objection & <https://evil.example|link> hurt most?"
ANSWER = "<!here> Budget *again*, see <https://evil.example|this>"


def answers(*typed: str | None) -> Values:
    return {answer_key(n): {VALUE: plain_text(text)} for n, text in enumerate(typed, start=1)}


def answering(*typed: str | None) -> Values:
    return {**prework_values("Hooli pricing", "My Q1 goals", "Hiring plan"), **answers(*typed)}


def labels(modal: dict[str, Any]) -> list[str]:
    return [b["label"]["text"] for b in modal["blocks"] if str(b.get("block_id", "")).startswith("preread_")]


def test_admin_sets_the_pre_read_the_rep_answers_it_and_the_manager_reads_it_escaped(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    added = slack.coach("UADMIN", f"admin preread add {PLAYBOOK}")
    assert "Question added" in added.last_text and PLAYBOOK in added.last_text
    # Kept as the admin typed it (not as Slack's entities), shown escaped once.
    assert "2. Which &lt;!channel&gt; objection &amp; &lt;https" in slack.coach(
        "UADMIN", f"admin preread add {TYPED_HOSTILE}").last_text
    listed = slack.coach("UADMIN", "admin preread").last_text
    assert "1. What did you take" in listed and "&lt;!channel&gt;" in listed and "<!channel>" not in listed
    assert "2 questions" in slack.coach("UADMIN", "admin settings").last_text

    session_id = book(slack, uow_factory)
    modal, _ = open_prework(slack, session_id)
    assert modal is not None and "Pre-read from enablement" in json.dumps(modal["blocks"])
    assert labels(modal) == [PLAYBOOK, HOSTILE]  # a plain-text label: shown as typed, never parsed

    saved = submit_prework(slack, modal, answering("Ask about the second stakeholder", ANSWER))
    assert errors_of(saved) == {}
    kept = stored(uow_factory, session_id)
    assert kept is not None and kept.preread == (PrereadAnswer(PLAYBOOK, "Ask about the second stakeholder"),
                                                 PrereadAnswer(HOSTILE, ANSWER))
    told = json.dumps(dm_with(slack, "UMGR", "sent their pre-work")["blocks"])
    assert "Pre-read from enablement" in told and "Ask about the second stakeholder" in told
    assert "&lt;!here&gt;" in told and "<!here>" not in told and "<!channel>" not in told
    assert "<https://evil" not in told

    # The admin rewords the questionnaire: Lena's answers keep their question; a new one shows empty.
    slack.coach("UADMIN", "admin preread remove 2")
    slack.coach("UADMIN", "admin preread add Which deal needs your manager most?")
    kept = stored(uow_factory, session_id)
    assert kept is not None and kept.preread[1].question == HOSTILE
    reopened, _ = open_prework(slack, session_id)
    assert reopened is not None
    initial = [b["element"].get("initial_value") for b in reopened["blocks"]
               if str(b.get("block_id", "")).startswith("preread_")]
    assert initial == ["Ask about the second stakeholder", None]


def test_a_blank_answer_is_refused_inline_under_its_question_and_nothing_is_stored(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    slack.coach("UADMIN", f"admin preread add {PLAYBOOK}")
    slack.coach("UADMIN", "admin preread add Which objection hurt most?")
    session_id = book(slack, uow_factory)
    modal, _ = open_prework(slack, session_id)
    assert modal is not None

    blank = errors_of(submit_prework(slack, modal, answering("Multi-threading", "   ")))
    assert list(blank) == [answer_key(2)] and "answer it" in blank[answer_key(2)]
    both = errors_of(submit_prework(slack, modal, {**prework_values("Only one"), **answers(None, "x" * 2001)}))
    assert set(both) == {item_key(1), answer_key(1), answer_key(2)} and "2000 characters" in both[answer_key(2)]
    assert stored(uow_factory, session_id) is None and texts_to(slack, "UMGR", "pre-work") == 0


def test_a_form_opened_before_the_questions_changed_is_refused_inline(slack: Slack,
                                                                     uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    session_id = book(slack, uow_factory)
    modal, _ = open_prework(slack, session_id)
    assert modal is not None and "Pre-read" not in json.dumps(modal)  # none set: the modal as without one
    slack.coach("UADMIN", f"admin preread add {PLAYBOOK}")
    late = errors_of(submit_prework(slack, modal, prework_values("Hooli pricing", "My Q1 goals", "Hiring plan")))
    assert "changed its pre-read questions" in late[item_key(1)]  # the form has no pre-read field to show it under
    assert stored(uow_factory, session_id) is None


def test_only_admins_change_the_pre_read_and_bad_questions_are_refused_clearly(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    for who in ("UMGR", "UL"):
        for text in (f"admin preread add {PLAYBOOK}", "admin preread", "admin preread clear"):
            assert "Only a Coachflow admin" in slack.coach(who, text).last_text
    assert "Write the question" in slack.coach("UADMIN", "admin preread add").last_text
    assert "Keep it to 300 characters" in slack.coach("UADMIN", f"admin preread add {'x' * 301}").last_text
    for n in range(1, 6):
        slack.coach("UADMIN", f"admin preread add Question {n}?")
    assert "Remove one first" in slack.coach("UADMIN", "admin preread add A sixth?").last_text
    assert "questions 1 to 5" in slack.coach("UADMIN", "admin preread remove 9").last_text
    assert "by its number" in slack.coach("UADMIN", "admin preread remove two").last_text
    help_text = slack.coach("UADMIN", "help").last_text
    assert "/coach admin preread" in help_text
    assert "no questions" in slack.coach("UADMIN", "admin preread clear").last_text
    with uow_factory(read_only=True) as uow:
        workspace = uow.workspaces.get(WorkspaceRef("T1"))
    assert workspace is not None and workspace.settings.preread_questions == ()


def test_another_workspaces_pre_read_never_shows(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(WorkspaceRef("T0TWO"), settings=WorkspaceSettings(
            preread_questions=("Elsewhere's secret question?",))))
        uow.commit()
    assert "no questions" in slack.coach("UADMIN", "admin preread").last_text
    session_id = book(slack, uow_factory)
    modal, _ = open_prework(slack, session_id)
    assert modal is not None and "secret question" not in json.dumps(modal) and "Pre-read" not in json.dumps(modal)
    assert errors_of(submit_prework(slack, modal, prework_values("Hooli pricing", "My Q1 goals", "Hiring"))) == {}
    kept = stored(uow_factory, session_id)
    assert kept is not None and kept.preread == ()


def test_pre_work_with_its_pre_read_sent_twice_is_stored_once_and_told_once(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    slack.coach("UADMIN", f"admin preread add {PLAYBOOK}")
    session_id = book(slack, uow_factory)
    modal, _ = open_prework(slack, session_id)
    assert modal is not None
    request = slack.requests.view_submission("UL", ids.PREWORK_VIEW, answering("Multi-threading"),
                                             private_metadata=modal["private_metadata"], blocks=modal["blocks"])
    assert all(r.status == 200 and r.body == "" for r in replay(slack, request, request, request))
    kept = stored(uow_factory, session_id)
    assert kept is not None and kept.preread == (PrereadAnswer(PLAYBOOK, "Multi-threading"),)
    assert texts_to(slack, "UMGR", "Multi-threading") == 1
