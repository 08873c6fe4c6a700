"""A rep's "Add a comment for my manager" under their scorecard, through Slack: the modal, the comment stored
once and sent to the manager quoted and escaped, the rep's confirmation, and each refusal said clearly."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bot.fake_slack import check_view
from domain.coaching.scorecard_comments import IsoWeek
from domain.services.scorecard_comments import BAD_WEEK, COMMENT_FIELD
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.debrief_steps import button_value, errors
from tests.handlers.receipt_steps import column, replay, rows, team
from tests.handlers.scorecard_comment_steps import (
    answer_at,
    click_comment,
    comment_request,
    dms_saying,
    open_comment,
    this_week,
)
from tests.unit.handlers.hostile_common import HOSTILE

WEEK_45 = IsoWeek(2026, 45)  # Monday 2 to Sunday 8 November 2026
TO_MAYA = "commented on their scorecard"
CONFIRMED = "Sent to <@UMGR>."


@pytest.fixture
def quiet(slack: Slack, caplog: pytest.LogCaptureFixture) -> Slack:
    """Maya coaches Alex and Bea; Omar has nobody above him. Nothing may reach Bolt's error handler."""
    team(slack)
    slack.coach("UMGR2", "help")
    caplog.set_level(logging.ERROR, logger="coachflow.errors")
    caplog.clear()
    return slack


@pytest.fixture(autouse=True)
def _no_unhandled_error(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    yield
    assert [r.getMessage() for r in caplog.records if r.name == "coachflow.errors"] == []


def test_the_button_opens_a_comment_for_the_reps_own_manager_on_that_weeks_scorecard(quiet: Slack) -> None:
    modal = open_comment(quiet, "UA", WEEK_45)

    assert modal["callback_id"] == ids.SCORECARD_COMMENT_VIEW and check_view(modal) == []
    assert modal["title"]["text"] == "Comment for Maya Manager"  # Slack's 24 characters, exactly
    assert "Your scorecard for week 45 (2-8 Nov)" in json.dumps(modal["blocks"])
    [field] = [b for b in modal["blocks"] if b["type"] == "input"]
    assert field["block_id"] == COMMENT_FIELD and not field["optional"]
    assert field["element"]["multiline"] and field["element"]["max_length"] == 2000
    assert json.loads(modal["private_metadata"]) == {"week": "2026-W45"}
    across = open_comment(quiet, "UB", IsoWeek(2026, 44))
    assert "week 44 (26 Oct-1 Nov)" in json.dumps(across["blocks"])


def test_a_comment_is_stored_and_reaches_the_manager_quoted_and_escaped_and_the_rep_is_told(
        quiet: Slack, engine: Engine) -> None:
    modal = open_comment(quiet, "UA", WEEK_45)
    words = f"Two demos slipped.\n{HOSTILE}"

    assert quiet.dispatch(comment_request(quiet, "UA", modal, words)).body == ""  # the modal closes
    quiet.fake.wait_for(lambda: bool(dms_saying(quiet, "UMGR", TO_MAYA)) and bool(dms_saying(quiet, "UA", CONFIRMED)))

    [to_maya] = dms_saying(quiet, "UMGR", TO_MAYA)
    shown = json.dumps(to_maya, ensure_ascii=False)
    assert "<@UA> commented on their scorecard for week 45 (2-8 Nov):" in shown
    assert ">Two demos slipped.\\n>&lt;!channel&gt;" in shown  # the rep's words, quoted line by line
    assert "<!channel>" not in shown and "<https://evil" not in shown and "<@U0VICTIM>" not in shown
    assert button_value(to_maya, ids.OPEN_REP_SCORECARD) == "UA|2026-W45"
    assert "Open Alex Rivera's scorecard" in shown
    [confirmation] = dms_saying(quiet, "UA", CONFIRMED)
    assert "week 45 (2-8 Nov)" in json.dumps(confirmation)
    assert column(engine, "SELECT rep_id || ' ' || manager_id || ' ' || week FROM scorecard_comments") == [
        "UA UMGR 2026-W45"]
    assert column(engine, "SELECT text FROM scorecard_comments") == [words]  # as typed, not escaped


def test_the_same_submission_retried_is_stored_once_and_told_once(quiet: Slack, engine: Engine) -> None:
    request = comment_request(quiet, "UB", open_comment(quiet, "UB"), "Good week")

    replies = replay(quiet, request, request, quiet.requests.retried(request))

    assert all(r.status == 200 and r.body == "" for r in replies)
    assert rows(engine, "scorecard_comments") == 1
    assert len(dms_saying(quiet, "UMGR", TO_MAYA)) == 1 and len(dms_saying(quiet, "UB", CONFIRMED)) == 1


def test_an_empty_comment_is_refused_under_the_field_and_the_modal_stays(quiet: Slack, engine: Engine) -> None:
    modal = open_comment(quiet, "UA")
    for empty in ("", "   \n  ", None):
        reply = quiet.dispatch(comment_request(quiet, "UA", modal, empty))
        assert "Write what you want your manager to read" in errors(reply)[COMMENT_FIELD]
    quiet.finish_listeners()
    assert rows(engine, "scorecard_comments") == 0 and dms_saying(quiet, "UMGR", TO_MAYA) == []


def test_someone_without_a_manager_is_told_where_they_clicked_and_no_modal_opens(
        quiet: Slack, engine: Engine) -> None:
    before = len(quiet.fake.opened_views)
    _, token = click_comment(quiet, "UMGR2", this_week("UMGR2").label)

    assert "You have no manager in Coachflow yet; ask an admin to add you to a team" in answer_at(quiet, token)
    submitted = quiet.dispatch(quiet.requests.view_submission(
        "UMGR2", ids.SCORECARD_COMMENT_VIEW, {COMMENT_FIELD: {"value": {"type": "plain_text_input", "value": "Hi"}}},
        private_metadata=json.dumps({"week": "2026-W45"})))
    assert "no manager in Coachflow yet" in errors(submitted)[COMMENT_FIELD]
    quiet.finish_listeners()
    assert len(quiet.fake.opened_views) == before and rows(engine, "scorecard_comments") == 0


@pytest.mark.parametrize("value", ["2026-W99", "2025-W53", "U0VICTIM|2026-W45", "", "x" * 3000])
def test_a_button_value_that_is_no_week_is_refused_in_words(quiet: Slack, value: str) -> None:
    before = len(quiet.fake.opened_views)
    _, token = click_comment(quiet, "UA", value)
    assert "That button could not be read" in answer_at(quiet, token)
    quiet.finish_listeners()
    assert len(quiet.fake.opened_views) == before


def test_a_week_not_begun_is_refused_where_they_clicked(quiet: Slack) -> None:
    _, token = click_comment(quiet, "UA", "2099-W01")
    assert "That week has not started yet" in answer_at(quiet, token)


@pytest.mark.parametrize(("metadata", "problem"), [
    (json.dumps({"week": "2026-W99"}), BAD_WEEK), (json.dumps({"week": 2026}), FORM_UNREADABLE),
    ("not json", FORM_UNREADABLE), ("", FORM_UNREADABLE), (json.dumps(["2026-W45"]), FORM_UNREADABLE)])
def test_tampered_metadata_is_refused_inline_and_nothing_is_stored(
        quiet: Slack, engine: Engine, metadata: str, problem: str) -> None:
    reply = quiet.dispatch(quiet.requests.view_submission(
        "UA", ids.SCORECARD_COMMENT_VIEW, {COMMENT_FIELD: {"value": {"type": "plain_text_input", "value": "Hi"}}},
        private_metadata=metadata))
    assert errors(reply)[COMMENT_FIELD] == problem
    quiet.finish_listeners()
    assert rows(engine, "scorecard_comments") == 0


def test_a_long_comment_of_markup_reaches_the_manager_whole(quiet: Slack, engine: Engine) -> None:
    words = "<&>" * 666 + "<!"  # 2,000 characters that escape to almost five times as many
    assert quiet.dispatch(comment_request(quiet, "UA", open_comment(quiet, "UA"), words)).body == ""
    quiet.fake.wait_for(lambda: bool(dms_saying(quiet, "UMGR", TO_MAYA)))

    [to_maya] = dms_saying(quiet, "UMGR", TO_MAYA)  # the fake Slack refuses a section over 3,000 characters
    quoted = "".join(b["text"]["text"].removeprefix(">") for b in to_maya["blocks"][1:] if b["type"] == "section")
    assert quoted.replace("\n>", "") == words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert column(engine, "SELECT text FROM scorecard_comments") == [words]
