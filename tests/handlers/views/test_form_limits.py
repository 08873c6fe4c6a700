"""Each modal submitted at its limits is stored as typed, on SQLite and PostgreSQL; one past them is refused inline.

Every text field is filled to its `max_length` with multi-byte characters
(CJK, emoji, accents), through the real listener. On PostgreSQL a value too
long for its column fails the whole request with 500, so this is where a
form limit larger than its column shows.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain import field_lengths
from domain.coaching.homework import HomeworkStatus
from domain.model import WorkspaceRef
from domain.pipeline.model import MAX_NAME
from domain.ports import UnitOfWorkFactory
from handlers.blocks.contract import MANAGER_COMMITMENTS, REP_COMMITMENTS, target_block
from handlers.blocks.diagnosis_modals import CALL_LINK, CALL_TITLE, NOTES
from handlers.edge import ids
from tests.handlers import homework_steps
from tests.handlers.conftest import TEAM, Reply, Slack
from tests.handlers.contract_steps import contract_values, submit_view
from tests.handlers.debrief_steps import (
    button_value,
    click,
    debrief_command,
    opened_by,
    submit,
    team_in_develop,
    wait_for_copy,
)
from tests.handlers.debrief_steps import today as debrief_today
from tests.handlers.debrief_steps import values as debrief_form
from tests.handlers.diagnosis_steps import DIMENSIONS, open_modal, score_values, submit_score
from tests.handlers.roleplay_steps import open_form, submit_practised, teams_with_deals

WS = WorkspaceRef(TEAM)


def filled(limit: int, prefix: str = "") -> str:
    """Exactly `limit` characters (code points), multi-byte after `prefix`."""
    text = prefix + "通話🎯é" * limit
    return text[:limit]


def _yesterday() -> Any:
    return datetime.now(UTC).date() - timedelta(days=2)


def _team(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")


def _scores(uow_factory: UnitOfWorkFactory) -> list[Any]:
    with uow_factory() as uow:
        return uow.call_scores.for_rep(WS, "UA")


def test_a_long_recording_link_without_a_title_is_stored(slack: Slack, fake, uow_factory: UnitOfWorkFactory) -> None:
    # The probe: no title and a 234-character link; the link used to go into the 150-character title.
    _team(slack)
    link = "https://calls.example.com/recordings/" + "a1b2c3" * 40
    link = link[:234]
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")

    reply = submit_score(slack, "UMGR", modal, score_values(None, _yesterday(), dict.fromkeys(DIMENSIONS, 3), link))

    assert (reply.status, reply.body) == (200, "")
    [stored] = _scores(uow_factory)
    assert (stored.call_title, stored.call_link) == ("", link)
    fake.wait_for(lambda: any(link in m["text"] for m in fake.messages_to("UA")))  # named by its link


def test_the_score_modal_at_its_limits_is_stored_as_typed(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    _team(slack)
    title = filled(field_lengths.CALL_TITLE)
    link = filled(field_lengths.CALL_LINK, "https://calls.example.com/")
    notes = filled(field_lengths.CALL_NOTES)
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")
    assert {b["block_id"]: b["element"].get("max_length") for b in modal["blocks"] if b["type"] == "input"
            and b["element"]["type"] == "plain_text_input"} == {CALL_TITLE: len(title), CALL_LINK: len(link),
                                                                 NOTES: len(notes)}

    reply = submit_score(slack, "UMGR", modal,
                         score_values(title, _yesterday(), dict.fromkeys(DIMENSIONS, 4), link, notes))

    assert (reply.status, reply.body) == (200, "")
    [stored] = _scores(uow_factory)
    assert (stored.call_title, stored.call_link, stored.notes) == (title, link, notes)


@pytest.mark.parametrize(("block", "limit"), [(CALL_TITLE, field_lengths.CALL_TITLE),
                                         (CALL_LINK, field_lengths.CALL_LINK),
                                         (NOTES, field_lengths.CALL_NOTES)])
def test_one_character_more_is_refused_inline(slack: Slack, uow_factory: UnitOfWorkFactory, block: str,
                                              limit: int) -> None:
    # A crafted submission does not pass through the modal's max_length.
    _team(slack)
    fields: dict[str, str | None] = {CALL_TITLE: "Acme", CALL_LINK: None, NOTES: None}
    fields[block] = filled(limit + 1, "https://" if block == CALL_LINK else "")
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")

    reply = submit_score(slack, "UMGR", modal, score_values(fields[CALL_TITLE], _yesterday(),
                                                            dict.fromkeys(DIMENSIONS, 4), fields[CALL_LINK],
                                                            fields[NOTES]))

    assert reply.status == 200
    assert json.loads(reply.body)["errors"] == {block: f"Keep it to {limit} characters; this is {limit + 1}."}
    assert _scores(uow_factory) == []


@pytest.fixture
def focused(slack: Slack) -> Slack:
    _team(slack)
    slack.coach("UMGR", "start <@UA|alex>")
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")
    submit_score(slack, "UMGR", modal, score_values("Acme", _yesterday(), dict.fromkeys(DIMENSIONS, 3)))
    slack.coach("UMGR", "focus <@UA|alex> discovery closing")
    return slack


def _contract(uow_factory: UnitOfWorkFactory) -> Any:
    with uow_factory() as uow:
        cycle = uow.cycles.active_for(WS, "UA")
        assert cycle is not None and cycle.id is not None
        return uow.contracts.for_cycle(cycle.id)


def test_the_contract_modal_at_its_limits_is_stored_as_typed(focused: Slack, uow_factory: UnitOfWorkFactory) -> None:
    targets = [filled(field_lengths.CONTRACT_TARGET, "8 "), filled(field_lengths.CONTRACT_TARGET, "yes ")]
    rep_commits = filled(field_lengths.CONTRACT_COMMITMENTS, "I will ")
    manager_commits = filled(field_lengths.CONTRACT_COMMITMENTS, "I will ")
    modal = open_modal(focused, "UMGR", "contract <@UA|alex>")
    rows = [("discovery", "discovery_questions_asked", targets[0]), ("closing", "next_step_defined", targets[1])]

    reply = submit_view(focused, "UMGR", ids.CONTRACT_VIEW, modal,
                        contract_values(rows, "2.5", rep_commits, manager_commits))

    assert (reply.status, reply.body) == (200, "")
    stored = _contract(uow_factory)
    assert [m.target for m in stored.metrics] == targets
    assert (stored.rep_commitments, stored.manager_commitments) == (rep_commits, manager_commits)


@pytest.mark.parametrize(("block", "limit"), [(target_block(0), field_lengths.CONTRACT_TARGET),
                                         (REP_COMMITMENTS, field_lengths.CONTRACT_COMMITMENTS),
                                         (MANAGER_COMMITMENTS, field_lengths.CONTRACT_COMMITMENTS)])
def test_a_contract_field_one_character_too_long_is_refused_inline(
    focused: Slack, uow_factory: UnitOfWorkFactory, block: str, limit: int
) -> None:
    text = {block: filled(limit + 1, "8 ")}
    rows = [("discovery", "discovery_questions_asked", text.get(target_block(0), "8 per call"))]
    modal = open_modal(focused, "UMGR", "contract <@UA|alex>")

    reply = submit_view(focused, "UMGR", ids.CONTRACT_VIEW, modal, contract_values(
        rows, "2", text.get(REP_COMMITMENTS, "Score calls"), text.get(MANAGER_COMMITMENTS, "Shadow Tuesdays")))

    assert reply.status == 200
    assert json.loads(reply.body)["errors"] == {block: f"Keep it to {limit} characters; this is {limit + 1}."}
    assert _contract(uow_factory) is None


def test_a_roleplay_note_and_an_account_name_at_their_limits_are_stored_as_typed(
    slack: Slack, uow_factory: UnitOfWorkFactory
) -> None:
    account = filled(MAX_NAME, "Acme ")  # the CRM's longest deal name, kept as the account at the time
    teams_with_deals(slack, uow_factory, account)
    note = filled(field_lengths.ROLEPLAY_NOTE, "Practised ")
    form = open_form(slack, "UMGR", "UA:A1")
    [field] = [b for b in form["blocks"] if b["type"] == "input"]
    assert field["element"]["max_length"] == len(note)

    reply = submit_practised(slack, "UMGR", form["private_metadata"], note)

    assert (reply.status, reply.body) == (200, "")
    with uow_factory() as uow:
        [stored] = uow.roleplays.recent(WS, ["UA"], datetime.now(UTC) - timedelta(days=1))["UA"]
    assert (stored.account, stored.note) == (account, note)
# -- homework: the assignment, the hand-in (answer, link) and the feedback --------------------------------


def _homework(uow_factory: UnitOfWorkFactory) -> list[Any]:
    with uow_factory() as uow:
        return uow.homework.for_reps(WS, ["UA"], list(HomeworkStatus)).get("UA", [])


def _assigned(slack: Slack, text: str, kind: str) -> Reply:
    modal = open_modal(slack, "UMGR", "homework <@UA|alex>")
    return homework_steps.assign(slack, modal, text, homework_steps.local_today("America/New_York"), kind)


def _hand_in_form(slack: Slack) -> dict[str, Any]:
    assignment = homework_steps.dm_with(slack, "UA", "gave you homework")
    form, _ = homework_steps.click_to_open(slack, "UA", ids.OPEN_HAND_IN,
                                           homework_steps.button_value(assignment, ids.OPEN_HAND_IN))
    assert form is not None
    return form


def test_homework_at_its_limits_is_stored_as_typed(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    _team(slack)
    assignment = filled(field_lengths.HOMEWORK_TEXT, "Write ")
    note = filled(field_lengths.HOMEWORK_ANSWER, "See ")
    link = filled(field_lengths.HOMEWORK_LINK, "https://docs.example.com/")
    feedback = filled(field_lengths.HOMEWORK_FEEDBACK, "Good ")

    assert _assigned(slack, assignment, "link").body == ""
    assert homework_steps.hand_in(slack, "UA", _hand_in_form(slack), answer=note, link=link).body == ""
    handed = homework_steps.dm_with(slack, "UMGR", "handed in their homework")
    form, _ = homework_steps.click_to_open(slack, "UMGR", ids.OPEN_HOMEWORK_FEEDBACK,
                                           homework_steps.button_value(handed, ids.OPEN_HOMEWORK_FEEDBACK))
    assert form is not None and homework_steps.answer(slack, "UMGR", form, feedback).body == ""

    [stored] = _homework(uow_factory)
    assert stored.hand_in is not None
    assert (stored.text, stored.hand_in.text, stored.hand_in.link, stored.feedback) == (
        assignment, note, link, feedback)


@pytest.mark.parametrize("field", ["text", "answer", "link", "feedback"])
def test_homework_one_character_too_long_is_refused_inline(slack: Slack, uow_factory: UnitOfWorkFactory,
                                                           field: str) -> None:
    _team(slack)
    limits = {"text": field_lengths.HOMEWORK_TEXT, "answer": field_lengths.HOMEWORK_ANSWER,
              "link": field_lengths.HOMEWORK_LINK, "feedback": field_lengths.HOMEWORK_FEEDBACK}
    too_long = filled(limits[field] + 1, "https://x.example/" if field == "link" else "")
    expected = f"Keep it to {limits[field]} characters; this is {limits[field] + 1}."
    modal = open_modal(slack, "UMGR", "homework <@UA|alex>")
    if field == "text":
        reply = homework_steps.assign(slack, modal, too_long, homework_steps.local_today("America/New_York"))
        assert homework_steps.errors_of(reply) == {homework_steps.shown_text_block(modal): expected}
        assert _homework(uow_factory) == []
        return
    assert homework_steps.assign(slack, modal, "Questions", homework_steps.local_today("America/New_York"),
                                 "link").body == ""
    form = _hand_in_form(slack)
    if field != "feedback":
        typed = {"answer": too_long, "link": "https://x.example"} if field == "answer" else {"link": too_long}
        assert homework_steps.errors_of(homework_steps.hand_in(slack, "UA", form, **typed)) == {field: expected}
        assert [h.status for h in _homework(uow_factory)] == [HomeworkStatus.ASSIGNED]
        return
    assert homework_steps.hand_in(slack, "UA", form, link="https://x.example").body == ""
    handed = homework_steps.dm_with(slack, "UMGR", "handed in their homework")
    feedback_form, _ = homework_steps.click_to_open(slack, "UMGR", ids.OPEN_HOMEWORK_FEEDBACK,
                                                    homework_steps.button_value(handed, ids.OPEN_HOMEWORK_FEEDBACK))
    assert feedback_form is not None
    reply = homework_steps.answer(slack, "UMGR", feedback_form, too_long)
    assert homework_steps.errors_of(reply) == {"feedback": expected}
    assert [h.status for h in _homework(uow_factory)] == [HomeworkStatus.HANDED_IN]


def test_the_debrief_modal_at_its_limits_is_stored_as_typed(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team_in_develop(slack, uow_factory)
    account = filled(field_lengths.CALL_ACCOUNT)
    answers = tuple(filled(field_lengths.DEBRIEF_ANSWER, prefix) for prefix in ("a", "b", "c"))
    link = "https://rec.example/" + "x" * (field_lengths.RECORDING_LINK - len("https://rec.example/"))
    modal = debrief_command(slack, "UA", "Contoso")

    reply = submit(slack, "UA", modal, debrief_form(account, answers=answers, link=link))

    assert reply.status == 200 and reply.body == "", reply.body
    with uow_factory() as uow:
        [stored] = uow.debriefs.for_reps_between(WS, ["UA"], debrief_today() - timedelta(days=30),
                                                 debrief_today())["UA"]
    assert stored.call.account == account and stored.recording_link == link
    assert tuple(stored.answers.as_dict().values()) == answers
    too_long = submit(slack, "UA", modal, debrief_form(account + "x", answers=(answers[0] + "x", "b", "c"),
                                                      link=link + "x"))
    problems = json.loads(too_long.body)["errors"]
    assert "Keep it to 255" in problems["deal"]  # the account is part of which call it was
    assert "Keep it to 3000" in problems["went_well"] and "Keep it to 500" in problems["recording_link"]


def test_feedback_at_its_limit_is_stored_and_one_more_is_refused(slack: Slack, uow_factory: UnitOfWorkFactory
                                                                 ) -> None:
    team_in_develop(slack, uow_factory)
    submit(slack, "UA", debrief_command(slack, "UA", "Contoso"), debrief_form("Contoso"))
    debrief_id = button_value(wait_for_copy(slack, "UA"), ids.EDIT_DEBRIEF)
    assert debrief_id
    trigger, _ = click(slack, "UMGR", ids.DEBRIEF_FEEDBACK, debrief_id)
    modal = opened_by(slack, trigger)
    text = filled(field_lengths.DEBRIEF_FEEDBACK)

    def send(feedback: str) -> Any:
        return submit(slack, "UMGR", modal, {"feedback": {"value": {"type": "plain_text_input", "value": feedback}}},
                      callback_id=ids.DEBRIEF_FEEDBACK_VIEW)

    assert "Keep it to 3000" in json.loads(send(text + "x").body)["errors"]["feedback"]
    assert send(text).body == ""
    with uow_factory() as uow:
        stored = uow.debriefs.feedback_for(WS, [int(debrief_id)])[int(debrief_id)]
    assert [f.text for f in stored] == [text]
