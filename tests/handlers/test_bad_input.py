"""Every parser answers bad input with a clear message; nothing reaches Bolt's error handler.

Fed to each listener as Slack would deliver it (or as someone holding a
signed request could craft it): digits of other scripts (`²` passes
str.isdigit() but not int(), `١٢` passes float()), a number of 4,300 digits
(int() refuses more than 4,300), negatives, empty values and, in
private_metadata, state values and button values, types our builders never
write. A command gets an ephemeral reply, a submission an inline error, a
tampered button an ephemeral refusal or nothing.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.fake_slack.requests import FORM
from bot.modal_values import (
    assessment_values,
    contract_values,
    debrief_values,
    feedback_values,
    hand_in_values,
    homework_values,
    rating_values,
)
from domain.catalog import load_catalog
from domain.model import WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.services.debrief_feedback import FEEDBACK_FIELD
from domain.services.roleplays import NOTE
from handlers.blocks import call_fields
from handlers.blocks.contract import WEEKLY_HOURS, skill_block
from handlers.blocks.diagnosis_modals import CALL_TITLE, dimension_block, question_block
from handlers.blocks.inputs import FORM_UNREADABLE, VALUE
from handlers.edge import ids
from handlers.edge.errors import APOLOGY
from tests.handlers.conftest import TEAM, Slack
from tests.handlers.diagnosis_steps import DIMENSIONS, score_values
from tests.handlers.roleplay_steps import note_values
from tests.handlers.shadow_steps import shadow_values

CATALOG = load_catalog()
HUGE = "9" * 4300 + "1"  # one digit past what int() reads
FIRST_QUESTION = next(iter(CATALOG.questions())).question.id


@pytest.fixture
def team(slack: Slack, caplog: pytest.LogCaptureFixture) -> Slack:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR", "start <@UA|alex>")
    caplog.set_level(logging.ERROR, logger="coachflow.errors")
    caplog.clear()
    return slack


def _no_unhandled_error(slack: Slack, caplog: pytest.LogCaptureFixture) -> None:
    slack.finish_listeners()
    assert [r.getMessage() for r in caplog.records if r.name == "coachflow.errors"] == []


# --- slash commands: an ephemeral reply saying what to type ----------------------------------

COMMANDS = [
    ("UMGR", "cycle <@UA|alex> extend ²", "Extend by a whole number of weeks, 1 to 4"),
    ("UMGR", f"cycle <@UA|alex> extend {HUGE}", "Extend by a whole number of weeks, 1 to 4"),
    ("UMGR", "cycle <@UA|alex> extend -2", "Extend by a whole number of weeks, 1 to 4"),
    ("UMGR", "cycle <@UA|alex> extend ٣", "Extend by a whole number of weeks, 1 to 4"),
    ("UMGR", "cycle <@UA|alex> extend 999", "1 to 4 weeks"),
    ("UMGR", "cycle <@UA|alex> extend 0", "1 to 4 weeks"),
    ("UA", "pause ²d", "Say how long"),
    ("UA", f"pause {HUGE}d", "Say how long"),
    ("UA", "pause -3d", "Say how long"),
    ("UA", "pause ٣d", "Say how long"),
    ("UA", "pause until ²026-12-01", "Say how long"),
    ("UADMIN", "admin quiet ²0:00-07:00", "Quiet hours look like"),
    ("UADMIN", f"admin quiet {HUGE}:00-07:00", "Quiet hours look like"),
    ("UADMIN", "admin holiday add ²026-12-25", "Give the holiday as a date"),
    ("UADMIN", f"admin holiday add {HUGE}", "Give the holiday as a date"),
    ("UMGR", "start <@UB|bea> ２０２６-１２-０７", "I did not understand"),
    ("UMGR", "score <@UA|alex> ²", "I did not understand"),
    ("UMGR", "focus <@UA|alex> add ²", "²"),
    ("UMGR", f"focus <@UA|alex> {HUGE}", "999"),
    ("UMGR", "contract <@UA|alex> -1", "`/coach contract` shows yours"),
    ("UMGR", "prioritize <@UA|alex> ²", "Say whose gaps to rate"),
    ("UMGR", "shadow ²", "Name the rep whose call you joined"),
    ("UMGR", f"shadow {HUGE}", "Name the rep whose call you joined"),
]


@pytest.mark.parametrize(("user", "text", "expected"), COMMANDS, ids=[f"{t[:40]}" for _, t, _ in COMMANDS])
def test_commands_answer_bad_numbers_in_words(team: Slack, caplog: pytest.LogCaptureFixture, user: str, text: str,
                                              expected: str) -> None:
    reply = team.coach(user, text)
    assert expected in reply.last_text and APOLOGY not in reply.last_text
    _no_unhandled_error(team, caplog)


# --- modal submissions: an inline error under the field ---------------------------------------

def _option(value: object) -> dict[str, Any]:
    return {VALUE: {"type": "static_select", "selected_option": {"text": {"type": "plain_text", "text": "x"},
                                                                  "value": value}}}


def _score(dimension_value: object = None, metadata: object = '{"rep": "UA"}') -> tuple[str, dict[str, Any], object]:
    values = score_values("Acme", "2026-11-02", dict.fromkeys(DIMENSIONS, 3))
    if dimension_value is not None:
        values[dimension_block(DIMENSIONS[0])] = _option(dimension_value)
    return ids.SCORE_CALL_VIEW, values, metadata


def _assessment(value: object) -> tuple[str, dict[str, Any], object]:
    values = assessment_values(CATALOG, 3, 3)
    values[question_block(FIRST_QUESTION, "confidence")] = _option(value)
    return ids.SELF_ASSESSMENT_VIEW, values, ""


def _ratings(impact: object, metadata: object = '{"rep": "UA", "cycle": 1}') -> tuple[str, dict[str, Any], object]:
    values = rating_values({"discovery": (None, 3)})
    values["impact_discovery"] = _option(impact)
    return ids.PRIORITIZE_VIEW, values, metadata


def _contract(hours: object, metadata: object = '{"rep": "UA"}') -> tuple[str, dict[str, Any], object]:
    values = contract_values([("discovery", "discovery_questions_asked", "8")], "2", "Score calls", "Shadow")
    values[WEEKLY_HOURS] = {VALUE: {"type": "number_input", "value": hours}}
    return ids.CONTRACT_VIEW, values, metadata


def _practised(metadata: object) -> tuple[str, dict[str, Any], object]:
    return ids.ROLEPLAY_PRACTISED_VIEW, note_values("Practised"), metadata


def _homework(kind: object = "text", due: object = "2099-01-01",
              metadata: object = '{"rep": "UA", "text": "text_free"}') -> tuple[str, dict[str, Any], object]:
    values = homework_values(None, "Write five questions", None, None)
    values["due_on"] = {VALUE: {"type": "datepicker", "selected_date": due}}
    values["hand_in"] = _option(kind)
    return ids.HOMEWORK_VIEW, values, metadata


def _hand_in(metadata: object) -> tuple[str, dict[str, Any], object]:
    return ids.HAND_IN_VIEW, hand_in_values("My answer"), metadata


def _homework_feedback(metadata: object) -> tuple[str, dict[str, Any], object]:
    return ids.HOMEWORK_FEEDBACK_VIEW, feedback_values("Good"), metadata


def _debrief(field: str | None = None, value: dict[str, Any] | None = None, metadata: object = "{}"
             ) -> tuple[str, dict[str, Any], object]:
    values = debrief_values("Acme", "2026-11-02", ("a", "b", "c"))
    if field is not None and value is not None:
        values[field] = {VALUE: value}
    return ids.DEBRIEF_VIEW, values, metadata


def _feedback(value: object = "Nice", metadata: object = '{"debrief": 1}') -> tuple[str, dict[str, Any], object]:
    return ids.DEBRIEF_FEEDBACK_VIEW, {FEEDBACK_FIELD: {VALUE: {"type": "plain_text_input", "value": value}}}, metadata


SCORE_DIMENSION = dimension_block(DIMENSIONS[0])
FIRST_ANSWER = question_block(FIRST_QUESTION, "confidence")
SUBMISSIONS = {
    "score ²": (_score("²"), SCORE_DIMENSION, "Scores go from 1 to 5, not ²."),
    "score huge": (_score(HUGE), SCORE_DIMENSION, "Scores go from 1 to 5, not 9999999…"),
    "score -1": (_score("-1"), SCORE_DIMENSION, "Scores go from 1 to 5, not -1."),
    "score ٣": (_score("٣"), SCORE_DIMENSION, "Scores go from 1 to 5, not ٣."),
    "score empty": (_score(""), SCORE_DIMENSION, "Pick a score"),
    "score number type": (_score(3), SCORE_DIMENSION, "Pick a score"),
    "score list type": (_score(["3"]), SCORE_DIMENSION, "Pick a score"),
    "score rep int": (_score(metadata='{"rep": 5}'), CALL_TITLE, FORM_UNREADABLE),
    "score rep list": (_score(metadata='{"rep": ["UA"]}'), CALL_TITLE, FORM_UNREADABLE),
    "score rep huge": (_score(metadata='{"rep": ' + HUGE + "}"), CALL_TITLE, FORM_UNREADABLE),
    "score rep not an id": (_score(metadata='{"rep": "<!channel>"}'), CALL_TITLE, FORM_UNREADABLE),
    "score not json": (_score(metadata="{rep: UA"), CALL_TITLE, FORM_UNREADABLE),
    "score json list": (_score(metadata='["UA"]'), CALL_TITLE, FORM_UNREADABLE),
    "score deeply nested": (_score(metadata="[" * 1400 + "]" * 1400), CALL_TITLE, FORM_UNREADABLE),
    "score empty metadata": (_score(metadata=""), CALL_TITLE, FORM_UNREADABLE),
    "score metadata not text": (_score(metadata={"rep": "UA"}), CALL_TITLE, FORM_UNREADABLE),
    "assessment ²": (_assessment("²"), FIRST_ANSWER, "Ratings go from 1 to 5."),
    "assessment huge": (_assessment(HUGE), FIRST_ANSWER, "Ratings go from 1 to 5."),
    "assessment -1": (_assessment("-1"), FIRST_ANSWER, "Ratings go from 1 to 5."),
    "assessment number type": (_assessment(4), FIRST_ANSWER, "Rate your confidence from 1 to 5."),
    "ratings ²": (_ratings("²"), "impact_discovery", "Rate impact from 1 to 5."),
    "ratings huge": (_ratings(HUGE), "impact_discovery", "Rate impact from 1 to 5."),
    "ratings -1": (_ratings("-1"), "impact_discovery", "Rate impact from 1 to 5."),
    "ratings rep int": (_ratings("3", '{"rep": 5, "cycle": 1}'), "impact_discovery", FORM_UNREADABLE),
    "ratings no metadata": (_ratings("3", "null"), "impact_discovery", FORM_UNREADABLE),
    "hours ١٢": (_contract("١٢"), WEEKLY_HOURS, "Weekly time is between"),
    "hours 1e400": (_contract("1e400"), WEEKLY_HOURS, "Weekly time is between"),
    "hours nan": (_contract("nan"), WEEKLY_HOURS, "Weekly time is between"),
    "hours huge": (_contract(HUGE), WEEKLY_HOURS, "Weekly time is between"),
    "hours -1": (_contract("-1"), WEEKLY_HOURS, "Weekly time is between"),
    "hours empty": (_contract(""), WEEKLY_HOURS, "Weekly time is between"),
    "hours number type": (_contract(2), WEEKLY_HOURS, "Weekly time is between"),
    "contract rep list": (_contract("2", '{"rep": ["UA"]}'), skill_block(0), FORM_UNREADABLE),
    "roleplay rep int": (_practised('{"rep": 5, "deal": "A1"}'), NOTE, FORM_UNREADABLE),
    "roleplay rep not an id": (_practised('{"rep": "<!channel>", "deal": "A1"}'), NOTE, FORM_UNREADABLE),
    "roleplay deal list": (_practised('{"rep": "UA", "deal": ["A1"]}'), NOTE, FORM_UNREADABLE),
    "roleplay deal number": (_practised('{"rep": "UA", "deal": ' + HUGE + "}"), NOTE, FORM_UNREADABLE),
    "roleplay deal empty": (_practised('{"rep": "UA", "deal": ""}'), NOTE, FORM_UNREADABLE),
    "roleplay deal too long": (_practised('{"rep": "UA", "deal": "' + "9" * 129 + '"}'), NOTE, FORM_UNREADABLE),
    "roleplay not json": (_practised("{rep: UA"), NOTE, FORM_UNREADABLE),
    "roleplay note list": ((ids.ROLEPLAY_PRACTISED_VIEW, {NOTE: {VALUE: {"type": "plain_text_input", "value": [1]}}},
                            '{"rep": "UA", "deal": "nope"}'), NOTE, "That deal is not <@UA>'s"),
    "homework kind number type": (_homework(kind=3), "hand_in", "Pick what the rep hands in"),
    "homework kind unknown": (_homework(kind="fax"), "hand_in", "Pick what the rep hands in"),
    "homework due ²": (_homework(due="²026-12-01"), "due_on", "Pick a due date"),
    "homework due other digits": (_homework(due="٢٠٢٦-١٢-٠١"), "due_on", "Pick a due date"),
    "homework due number type": (_homework(due=20261201), "due_on", "Pick a due date"),
    "homework due far": (_homework(due="9999-12-31"), "due_on", "within a year"),
    "homework rep int": (_homework(metadata='{"rep": 5, "text": "text_free"}'), "template", FORM_UNREADABLE),
    "homework text block forged": (_homework(metadata='{"rep": "UA", "text": "due_on"}'), "template",
                                   FORM_UNREADABLE),
    "homework text block missing": (_homework(metadata='{"rep": "UA"}'), "template", FORM_UNREADABLE),
    "hand in id huge": (_hand_in('{"homework": ' + HUGE + "}"), "answer", FORM_UNREADABLE),
    "hand in id text": (_hand_in('{"homework": "7"}'), "answer", FORM_UNREADABLE),
    "hand in id negative": (_hand_in('{"homework": -1}'), "answer", FORM_UNREADABLE),
    "hand in not json": (_hand_in("{homework"), "answer", FORM_UNREADABLE),
    "feedback id list": (_homework_feedback('{"homework": [1]}'), "feedback", FORM_UNREADABLE),
    "feedback id bool": (_homework_feedback('{"homework": true}'), "feedback", FORM_UNREADABLE),
    "debrief date ²": (_debrief(call_fields.CALL_ON, {"type": "datepicker", "selected_date": "²026-11-02"}),
                       call_fields.CALL_ON, "Pick the day"),
    "debrief date list": (_debrief(call_fields.CALL_ON, {"selected_date": ["2026-11-02"]}), call_fields.CALL_ON,
                          "Pick the day"),
    "debrief type number": (_debrief(call_fields.CALL_TYPE, {"selected_option": {"value": 3}}),
                            call_fields.CALL_TYPE, "Pick the kind of call"),
    "debrief answer list": (_debrief(call_fields.WENT_WELL, {"value": ["a"]}), call_fields.WENT_WELL,
                            "Write a sentence"),
    "debrief link huge": (_debrief(call_fields.RECORDING_LINK, {"value": "https://x.example/" + HUGE}),
                          call_fields.RECORDING_LINK, "Keep it to 500"),
    "debrief edit huge": (_debrief(metadata='{"debrief": ' + HUGE + "}"), call_fields.DEAL, FORM_UNREADABLE),
    "debrief edit -1": (_debrief(metadata='{"debrief": -1}'), call_fields.DEAL, FORM_UNREADABLE),
    "debrief edit text": (_debrief(metadata='{"debrief": "1"}'), call_fields.DEAL, FORM_UNREADABLE),
    "debrief shadow list": (_debrief(metadata='{"shadow": [1]}'), call_fields.DEAL, FORM_UNREADABLE),
    "debrief not json": (_debrief(metadata="{debrief: 1"), call_fields.DEAL, FORM_UNREADABLE),
    "debrief edit unknown": (_debrief(metadata='{"debrief": 999999}'), call_fields.DEAL, "not yours"),
    "feedback huge": (_feedback(metadata='{"debrief": ' + HUGE + "}"), FEEDBACK_FIELD, FORM_UNREADABLE),
    "feedback no metadata": (_feedback(metadata=""), FEEDBACK_FIELD, FORM_UNREADABLE),
    "feedback list": (_feedback(value=["Nice"]), FEEDBACK_FIELD, "your own reps"),
    "shadow rep int": ((ids.SHADOW_VIEW, shadow_values(on=None), '{"rep": 5, "skills": []}'), call_fields.DEAL,
                       FORM_UNREADABLE),
    "shadow skills text": ((ids.SHADOW_VIEW, shadow_values(on=None), '{"rep": "UA", "skills": "x"}'),
                           call_fields.DEAL, FORM_UNREADABLE),
    "shadow skills huge": ((ids.SHADOW_VIEW, shadow_values(on=None), '{"rep": "UA", "skills": [' + HUGE + "]}"),
                           call_fields.DEAL, FORM_UNREADABLE),
    "shadow not json": ((ids.SHADOW_VIEW, shadow_values(on=None), "{rep: UA"), call_fields.DEAL, FORM_UNREADABLE),
}


@pytest.mark.parametrize("case", SUBMISSIONS)
def test_submissions_answer_bad_values_inline(team: Slack, caplog: pytest.LogCaptureFixture, case: str) -> None:
    (callback_id, values, metadata), block, expected = SUBMISSIONS[case]
    user = "UA" if callback_id in (ids.SELF_ASSESSMENT_VIEW, ids.DEBRIEF_VIEW) else "UMGR"
    request = team.requests.view_submission(user, callback_id, values, private_metadata=metadata)  # type: ignore[arg-type]

    reply = team.dispatch(request)

    assert reply.status == 200
    errors = json.loads(reply.body)["errors"]
    assert expected in errors[block], errors
    _no_unhandled_error(team, caplog)


# --- buttons: a value we never wrote is refused, never a traceback ----------------------------

def _click(team: Slack, action_id: str, value: object) -> Any:
    """A click in a message whose button value is `value`, whatever its type, signed like Slack's."""
    request = team.requests.block_actions("UMGR", action_id, value="placeholder")
    payload = json.loads(json.dumps(request.payload))
    payload["actions"][0]["value"] = value
    signed = team.requests.sign(urlencode({"payload": json.dumps(payload)}), FORM)
    return replace(signed, payload=payload, response_token=request.response_token)


SIGN_REFUSED = "That Sign button could not be read"
LESSON_REFUSED = "That lesson button could not be read"
CLICKS = [
    (ids.SIGN_CONTRACT, "UA:²", SIGN_REFUSED),
    (ids.SIGN_CONTRACT, f"UA:{HUGE}", SIGN_REFUSED),
    (ids.SIGN_CONTRACT, "UA:-1", SIGN_REFUSED),
    (ids.SIGN_CONTRACT, "UA:", SIGN_REFUSED),
    (ids.SIGN_CONTRACT, "", SIGN_REFUSED),
    (ids.SIGN_CONTRACT, 7, SIGN_REFUSED),
    (ids.SIGN_CONTRACT, ["UA", 1], SIGN_REFUSED),
    (ids.SIGN_CONTRACT, "U" * 3000, SIGN_REFUSED),
    (ids.ACCEPT_FOCUS, 5, "not"),
    (ids.OPEN_PRIORITIZE, {"rep": "UA"}, "not"),
    (ids.OPEN_CONTRACT, None, "not"),
    (ids.MARK_ROLEPLAY, 7, "That button could not be read"),
    (ids.MARK_ROLEPLAY, ["UA", "A1"], "That button could not be read"),
    (ids.MARK_ROLEPLAY, "U²:A1", "That button could not be read"),
    (ids.MARK_ROLEPLAY, f"UA:{HUGE}", "That button could not be read"),
    (ids.MARK_ROLEPLAY, "UA:" + "x" * 3000, "That button could not be read"),
    (ids.MARK_ROLEPLAY, "UA:nope", "That deal is not <@UA>'s"),
    (ids.OPEN_HAND_IN, "²", "could not be read"),
    (ids.OPEN_HAND_IN, HUGE, "could not be read"),
    (ids.OPEN_HAND_IN, "-1", "could not be read"),
    (ids.OPEN_HAND_IN, 7, "could not be read"),
    (ids.OPEN_HOMEWORK_FEEDBACK, ["1"], "could not be read"),
    (ids.OPEN_HOMEWORK_FEEDBACK, "١", "could not be read"),
    (ids.OPEN_HOMEWORK_FEEDBACK, "1", "Only the rep's own manager"),  # no such homework: the same refusal
    *((lesson_button, value, LESSON_REFUSED)
      for lesson_button in (ids.LESSON_DONE, ids.LESSON_REMIND, ids.LESSON_DISCUSS)
      for value in ("1:²", f"{HUGE}:pain_framework", "-1:pain_framework", "１:pain_framework", "1:PAIN", "1:",
                    "", 7, ["1", "pain_framework"], "1:" + "p" * 3000)),
    (ids.LESSON_DONE, "999:pain_framework", "only the rep it was sent to"),
    (ids.LESSON_REMIND, "1:no_such_lesson", "only the rep it was sent to"),
    (ids.EDIT_DEBRIEF, "²", "could not be read"),
    (ids.EDIT_DEBRIEF, HUGE, "could not be read"),
    (ids.EDIT_DEBRIEF, "-1", "could not be read"),
    (ids.EDIT_DEBRIEF, ["1"], "could not be read"),
    (ids.EDIT_DEBRIEF, "7", "not yours"),
    (ids.DEBRIEF_FEEDBACK, "٣", "could not be read"),
    (ids.DEBRIEF_FEEDBACK, 7, "could not be read"),
    (ids.DEBRIEF_FEEDBACK, "7", "your own reps"),
    (ids.OPEN_DEBRIEF, "shadow:²", "could not be read"),
    (ids.OPEN_DEBRIEF, "shadow:-1", "could not be read"),
    (ids.OPEN_DEBRIEF, "rep:UA", "could not be read"),
    (ids.OPEN_REP_WEEK, 7, "could not be read"),
    (ids.OPEN_REP_WEEK, "<!here>", "could not be read"),
    (ids.OPEN_REP_WEEK, "U" * 3000, "could not be read"),
    (ids.OPEN_REP_WEEK, "UMGR", "own manager"),
    (ids.OPEN_REP_WEEK, "UNOBODY", "own manager"),
]


@pytest.mark.parametrize(("action_id", "value", "expected"), CLICKS, ids=[f"{a}-{str(v)[:12]}" for a, v, _ in CLICKS])
def test_tampered_button_values_are_refused(team: Slack, fake, caplog: pytest.LogCaptureFixture, action_id: str,
                                            value: object, expected: str) -> None:
    request = _click(team, action_id, value)

    assert team.dispatch(request).status == 200
    fake.wait_for(lambda: len(fake.responses_for(request.response_token)) >= 1)
    answer = json.dumps(fake.responses_for(request.response_token)[-1], ensure_ascii=False)
    assert expected in answer and APOLOGY not in answer
    _no_unhandled_error(team, caplog)


@pytest.mark.parametrize(("action_id", "value"), [(ids.REMOVE_REP, 5), (ids.REMOVE_REP, ["UA"]),
                                             (ids.OPEN_SCORE_CALL, {"rep": "UA"})])
def test_tampered_app_home_buttons_do_nothing_harmful(team: Slack, caplog: pytest.LogCaptureFixture,
                                                      uow_factory: UnitOfWorkFactory, action_id: str,
                                                      value: object) -> None:
    request = _click(team, action_id, value)
    assert team.dispatch(request).status == 200
    _no_unhandled_error(team, caplog)
    with uow_factory() as uow:
        rep = uow.members.get(WorkspaceRef(TEAM), "UA")
    assert rep is not None and rep.manager_id == "UMGR"  # nobody was removed


@pytest.mark.parametrize("picked", ["UA", [5, None], {"UA": True}])
def test_add_reps_with_picks_slack_never_sends_asks_for_a_person(team: Slack, fake, caplog: pytest.LogCaptureFixture,
                                                                picked: object) -> None:
    values = {ids.ADD_REPS_BLOCK: {ids.ADD_REPS_INPUT: {"type": "multi_users_select", "selected_users": picked}}}
    before = len(fake.messages_to("UMGR"))

    assert team.dispatch(team.requests.view_submission("UMGR", ids.ADD_REPS_VIEW, values)).status == 200

    fake.wait_for(lambda: any("Name at least one person" in m["text"] for m in fake.messages_to("UMGR")[before:]))
    _no_unhandled_error(team, caplog)
