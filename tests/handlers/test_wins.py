"""Success stories through Slack: "Share a win" from App Home, from another message and `/coach win`; the win
stored once and told to the manager escaped; the team channel only with consent; inline errors with nothing lost;
`/coach wins` by skill and by who asks; the manager's Home."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bot.fake_slack import check_view
from domain.services.wins import APPROACH_FIELD, OUTCOME_FIELD, SKILL_FIELD, WHAT_FIELD
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.edge import ids
from tests.handlers.conftest import Slack, home_text
from tests.handlers.debrief_steps import errors, opened_by
from tests.handlers.receipt_steps import column, replay, rows
from tests.handlers.scorecard_comment_steps import answer_at
from tests.handlers.win_steps import (
    CHANNEL,
    IN_CHANNEL,
    SAVED,
    TO_MAYA,
    click_share,
    listed,
    open_win_by_command,
    open_win_from_home,
    saying,
    share_value,
    win_request,
    win_values,
    wins_team,
)
from tests.unit.handlers.hostile_common import HOSTILE


@pytest.fixture
def quiet(slack: Slack, caplog: pytest.LogCaptureFixture) -> Slack:
    wins_team(slack)
    caplog.set_level(logging.ERROR, logger="coachflow.errors")
    caplog.clear()
    return slack


@pytest.fixture(autouse=True)
def _no_unhandled_error(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    yield
    assert [r.getMessage() for r in caplog.records if r.name == "coachflow.errors"] == []


def test_the_reps_home_button_opens_the_form_with_their_focus_skills_first(quiet: Slack) -> None:
    assert share_value(quiet.open_home("UA")) == "home"
    assert share_value(quiet.open_home("UMGR")) is None  # a manager has nobody above them to tell

    modal = open_win_from_home(quiet, "UA")

    assert modal["callback_id"] == ids.WIN_VIEW and check_view(modal) == []
    assert json.loads(modal["private_metadata"]) == {"source": "home"}
    [skill] = [b for b in modal["blocks"] if b.get("block_id") == SKILL_FIELD]
    offered = [o["text"]["text"] for o in skill["element"]["options"]]
    assert set(offered[:2]) == {"Pipeline management (your focus)", "Closing (your focus)"}
    assert offered[2:] == ["Discovery", "Objection handling", "Value articulation"]
    labels = [b["label"]["text"] for b in modal["blocks"] if b["type"] == "input"]
    assert labels == ["What happened?", "The skill behind it", "The words or approach that worked", "The outcome",
                      "Your team"]
    assert "Share with my team" in json.dumps(modal)


def test_a_private_win_reaches_the_manager_escaped_and_never_the_channel(quiet: Slack, engine: Engine) -> None:
    modal = open_win_from_home(quiet, "UA")
    values = win_values(what=f"Hooli said yes.\n{HOSTILE}", approach=HOSTILE, outcome="deal size +35% <!here>")

    assert quiet.dispatch(win_request(quiet, "UA", modal, values)).body == ""  # the modal closes
    quiet.fake.wait_for(lambda: bool(saying(quiet, "UMGR", TO_MAYA)) and bool(saying(quiet, "UA", SAVED)))
    quiet.listeners.wait_idle()

    [to_maya] = saying(quiet, "UMGR", TO_MAYA)
    shown = json.dumps(to_maya, ensure_ascii=False)
    assert "<@UA> shared a win in *Discovery*: deal size +35% &lt;!here&gt;" in shown
    assert ">Hooli said yes.\\n>&lt;!channel&gt;" in shown and "Private to you and <@UA>." in shown
    assert "<!channel>" not in shown and "<https://evil" not in shown and "<@U0VICTIM>" not in shown
    [saved] = saying(quiet, "UA", SAVED)
    assert "Private to you and your manager." in json.dumps(saved)
    assert saying(quiet, CHANNEL, IN_CHANNEL) == []
    assert column(engine, "SELECT rep_id || ' ' || manager_id || ' ' || skill || ' ' || source || ' ' || "
                          "CASE WHEN consent THEN 'shared' ELSE 'private' END FROM success_stories") == [
        "UA UMGR discovery home private"]
    assert column(engine, "SELECT approach FROM success_stories") == [HOSTILE]  # as typed, not escaped
    assert column(engine, "SELECT posted_ts FROM success_stories") == [None]
    assert "Your reps' recent wins" in home_text(quiet.open_home("UMGR"))
    assert "deal size +35%" in home_text(quiet.open_home("UMGR"))


def test_coach_win_with_consent_posts_to_the_team_channel_once_and_keeps_its_ts(quiet: Slack, engine: Engine) -> None:
    modal = open_win_by_command(quiet, "UB", "Globex renewed early")
    [what] = [b for b in modal["blocks"] if b.get("block_id") == WHAT_FIELD]
    assert what["element"]["initial_value"] == "Globex renewed early"  # what was typed is kept
    assert json.loads(modal["private_metadata"]) == {"source": "command"}
    request = win_request(quiet, "UB", modal, win_values(what="Globex renewed early", skill="closing", share=True))

    replies = replay(quiet, request, request, quiet.requests.retried(request))

    assert all(r.status == 200 and r.body == "" for r in replies)
    assert rows(engine, "success_stories") == 1
    [post] = saying(quiet, CHANNEL, IN_CHANNEL)
    assert "<@UB> shares a win in *Closing*: average deal size +35%" in json.dumps(post, ensure_ascii=False)
    assert len(saying(quiet, "UMGR", TO_MAYA)) == 1 and "shared it with the team" in json.dumps(
        saying(quiet, "UMGR", TO_MAYA))
    [saved] = saying(quiet, "UB", SAVED)
    assert f"Posted to <#{CHANNEL}>." in json.dumps(saved)
    assert column(engine, "SELECT posted_channel FROM success_stories") == [CHANNEL]
    assert column(engine, "SELECT posted_ts FROM success_stories") == [post["ts"]]
    assert column(engine, "SELECT source FROM success_stories") == ["command"]


def test_empty_too_long_and_missing_fields_are_said_inline_and_nothing_is_stored(quiet: Slack, engine: Engine) -> None:
    modal = open_win_by_command(quiet, "UA")
    bad = win_values(what="   ", skill=None, approach="x" * 2001, outcome="y" * 201, share=True)

    reply = quiet.dispatch(win_request(quiet, "UA", modal, bad))

    assert errors(reply) == {WHAT_FIELD: "Say what happened.",
                             SKILL_FIELD: "Pick the skill behind this win from the list.",
                             APPROACH_FIELD: "Keep it to 2000 characters; this is 2001.",
                             OUTCOME_FIELD: "Keep it to 200 characters; this is 201."}
    crafted = win_values(skill="negotiation")  # a skill that is not in the catalog
    assert errors(quiet.dispatch(win_request(quiet, "UA", modal, crafted))) == {SKILL_FIELD: (
        "Pick the skill behind this win from the list.")}
    quiet.finish_listeners()
    assert rows(engine, "success_stories") == 0 and saying(quiet, "UMGR", TO_MAYA) == []
    assert saying(quiet, CHANNEL, IN_CHANNEL) == []


@pytest.mark.parametrize("metadata", ["", "not json", json.dumps({"source": "admin"}), json.dumps(["home"])])
def test_tampered_metadata_is_refused_inline(quiet: Slack, engine: Engine, metadata: str) -> None:
    reply = quiet.dispatch(quiet.requests.view_submission("UA", ids.WIN_VIEW, win_values(), private_metadata=metadata))
    assert errors(reply) == {WHAT_FIELD: FORM_UNREADABLE}
    quiet.finish_listeners()
    assert rows(engine, "success_stories") == 0


def test_someone_without_a_manager_is_told_where_they_clicked_or_typed(quiet: Slack, engine: Engine) -> None:
    before = len(quiet.fake.opened_views)
    _, token = click_share(quiet, "UMGR2", "challenge")
    assert "you have no manager in Coachflow yet" in answer_at(quiet, token)
    assert "you have no manager in Coachflow yet" in quiet.coach("UMGR", "win").last_text
    submitted = quiet.dispatch(quiet.requests.view_submission(
        "UADMIN", ids.WIN_VIEW, win_values(share=True), private_metadata=json.dumps({"source": "home"})))
    assert "no manager in Coachflow yet" in errors(submitted)[WHAT_FIELD]
    quiet.finish_listeners()
    assert len(quiet.fake.opened_views) == before and rows(engine, "success_stories") == 0


def test_the_button_on_another_message_opens_the_clickers_own_form(quiet: Slack, engine: Engine) -> None:
    trigger, _ = click_share(quiet, "UB", "challenge")  # as the 21-day challenge's completion carries it
    modal = opened_by(quiet, trigger)
    assert json.loads(modal["private_metadata"]) == {"source": "challenge"}
    assert quiet.dispatch(win_request(quiet, "UB", modal, win_values())).body == ""
    quiet.fake.wait_for(lambda: bool(saying(quiet, "UB", SAVED)))
    assert column(engine, "SELECT rep_id || ' ' || source FROM success_stories") == ["UB challenge"]
    _, token = click_share(quiet, "UB", "U0VICTIM|home")
    assert "That button could not be read" in answer_at(quiet, token)


def test_a_shared_win_without_a_team_channel_is_found_with_coach_wins(slack: Slack, engine: Engine) -> None:
    wins_team(slack, channel=False)
    modal = open_win_by_command(slack, "UA")
    assert slack.dispatch(win_request(slack, "UA", modal, win_values(share=True))).body == ""
    slack.fake.wait_for(lambda: bool(saying(slack, "UA", SAVED)))
    assert "they find it with `/coach wins discovery`" in json.dumps(saying(slack, "UA", SAVED))
    assert saying(slack, CHANNEL, IN_CHANNEL) == []
    assert "Hooli" in listed(slack, "UC", "discovery")


def _submit(slack: Slack, rep: str, what: str, skill: str, share: bool) -> None:
    modal = open_win_by_command(slack, rep)
    assert slack.dispatch(win_request(slack, rep, modal, win_values(what=what, skill=skill, share=share))).body == ""
    slack.fake.wait_for(lambda: bool(saying(slack, rep, what)) or bool(saying(slack, "UMGR", what))
                        or bool(saying(slack, "UMGR2", what)))


def test_coach_wins_shows_each_person_only_what_they_may_see_by_skill(quiet: Slack) -> None:
    _submit(quiet, "UA", "Alex private discovery", "discovery", False)
    _submit(quiet, "UA", "Alex shared closing", "closing", True)
    _submit(quiet, "UB", "Bea private discovery", "discovery", False)
    _submit(quiet, "UC", "Chen private discovery", "discovery", False)
    _submit(quiet, "UC", "Chen shared discovery", "discovery", True)
    quiet.listeners.wait_idle()
    everything = ["Alex private discovery", "Alex shared closing", "Bea private discovery", "Chen private discovery",
                  "Chen shared discovery"]

    def seen(person: str, text: str = "") -> list[str]:
        shown = listed(quiet, person, text)
        return [words for words in everything if words in shown]

    assert seen("UA") == ["Alex private discovery", "Alex shared closing", "Chen shared discovery"]
    assert seen("UB", "discovery") == ["Bea private discovery", "Chen shared discovery"]
    assert seen("UMGR") == ["Alex private discovery", "Alex shared closing", "Bea private discovery",
                            "Chen shared discovery"]
    assert seen("UMGR2", "Discovery") == ["Chen private discovery", "Chen shared discovery"]
    assert seen("UADMIN") == ["Alex shared closing", "Chen shared discovery"]
    assert seen("UB", "closing") == ["Alex shared closing"]
    unknown = listed(quiet, "UB", "negotiation")
    assert "is not a skill in the catalog" in unknown and "`objection_handling` (Objection handling)" in unknown
    assert "No wins in *Pipeline management* to show yet" in listed(quiet, "UB", "pipeline management")
    maya_home = home_text(quiet.open_home("UMGR"))
    assert "Alex shared closing" not in maya_home and "<@UA>" in maya_home and "Your reps' recent wins" in maya_home
    assert "Your reps' recent wins" not in home_text(quiet.open_home("UA"))
