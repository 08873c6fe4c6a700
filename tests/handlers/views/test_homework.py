"""Homework through Slack: assigned from a template on the rep's deals, handed in, answered in the thread."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, text

from bot.fake_slack import check_view, uploaded_file
from domain.coaching.homework import ANSWER, DUE_ON, FEEDBACK, FILE, LINK
from domain.pipeline.model import DealStatus
from domain.ports import UnitOfWorkFactory
from handlers.blocks.homework_modals import text_block
from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.diagnosis_steps import open_modal
from tests.handlers.homework_steps import (
    PROSPECTS,
    answer,
    assign,
    button_value,
    click_to_open,
    dm_with,
    errors_of,
    focused_team,
    hand_in,
    import_deals,
    local_today,
    shown_text_block,
)


def _rows(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(
            "SELECT rep_id, status, hand_in_kind, template_id, hand_in_text, hand_in_link, hand_in_file_id, "
            "hand_in_file_name, feedback FROM homework ORDER BY id"))]


def test_a_manager_assigns_a_prospects_template_and_the_rep_hands_in_and_hears_back_in_the_thread(
    slack: Slack, fake, uow_factory: UnitOfWorkFactory, engine: Engine,
) -> None:
    focused_team(slack)
    import_deals(uow_factory, "UA", [("Acme <Corp>", "120000", DealStatus.OPEN), ("Globex", "80000", DealStatus.OPEN),
                                     ("Initech", "50000", DealStatus.OPEN), ("Hooli", "30000", DealStatus.OPEN),
                                     ("Umbrella", "900000", DealStatus.WON)])
    modal = open_modal(slack, "UMGR", "homework <@UA|alex>")
    assert check_view(modal) == []
    template = modal["blocks"][1]["element"]
    assert [g["label"]["text"] for g in template["option_groups"]] == ["Discovery", "Value articulation", "Your own"]

    # Picking the prospects template rewrites the modal with Alex's three largest open deals, keeping the due date.
    due = local_today("America/New_York") + timedelta(days=3)
    typed = {**modal, "state": {"values": {DUE_ON: {"value": {"type": "datepicker", "selected_date": due.isoformat()}},
                                           "hand_in": {"value": {"type": "static_select", "selected_option": {
                                               "text": {"type": "plain_text", "text": "A link"}, "value": "link"}}}}}}
    picked = slack.requests.block_actions("UMGR", ids.HOMEWORK_TEMPLATE, view=typed, selected_option=PROSPECTS)
    assert slack.dispatch(picked).status == 200
    fake.wait_for(lambda: text_block(PROSPECTS) in json.dumps(fake.view(modal["id"])))
    updated = fake.view(modal["id"])
    assert updated is not None and check_view(updated) == []
    prefilled = next(b for b in updated["blocks"] if b.get("block_id") == text_block(PROSPECTS))["element"]
    assert "Acme <Corp> (120,000)\n• Globex (80,000)\n• Initech (50,000)" in prefilled["initial_value"]
    assert "Hooli" not in prefilled["initial_value"] and "Umbrella" not in prefilled["initial_value"]
    assert updated["blocks"][3]["element"]["initial_date"] == due.isoformat()
    assert updated["blocks"][4]["element"]["initial_option"]["value"] == "link"

    reply = assign(slack, updated, prefilled["initial_value"] + "\n<!channel> bring them Friday", due, "link",
                   template=PROSPECTS)
    assert (reply.status, reply.body) == (200, "")
    assignment = dm_with(slack, "UA", "gave you homework")
    assert "&lt;!channel&gt; bring them Friday" in json.dumps(assignment)  # the manager's words, escaped
    assert "Sent <@UA> their homework" in dm_with(slack, "UMGR", "Sent <@UA>")["text"]

    hand_in_modal, _ = click_to_open(slack, "UA", ids.OPEN_HAND_IN, button_value(assignment, ids.OPEN_HAND_IN))
    assert hand_in_modal is not None and check_view(hand_in_modal) == []
    assert [b["block_id"] for b in hand_in_modal["blocks"] if b["type"] == "input"] == [LINK, ANSWER]
    assert (hand_in(slack, "UA", hand_in_modal, answer="Drafts <here>", link="https://docs.example.com/d/1").body
            == "")

    handed = dm_with(slack, "UMGR", "handed in their homework")
    shown = json.dumps(handed)
    assert "https://docs.example.com/d/1" in shown and "Drafts &lt;here&gt;" in shown and "late" not in shown
    receipt = dm_with(slack, "UA", "Handed in")
    assert receipt["thread_ts"] == assignment["ts"]

    feedback_modal, _ = click_to_open(slack, "UMGR", ids.OPEN_HOMEWORK_FEEDBACK,
                                      button_value(handed, ids.OPEN_HOMEWORK_FEEDBACK))
    assert feedback_modal is not None and check_view(feedback_modal) == []
    assert answer(slack, "UMGR", feedback_modal, "Lead with the number <@UB>").body == ""
    feedback = dm_with(slack, "UA", "answered your homework")
    assert feedback["thread_ts"] == assignment["ts"]
    assert "Lead with the number &lt;@UB&gt;" in json.dumps(feedback)
    assert "Sent your feedback to <@UA>" in dm_with(slack, "UMGR", "Sent your feedback")["text"]
    [row] = _rows(engine)
    assert row[:4] == ("UA", "reviewed", "link", PROSPECTS)
    assert row[4:] == ("Drafts <here>", "https://docs.example.com/d/1", None, None, "Lead with the number <@UB>")


def test_a_rep_hands_in_a_file_late_and_the_manager_sees_it_as_late(
    slack: Slack, fake, engine: Engine, uow_factory: UnitOfWorkFactory,
) -> None:
    focused_team(slack)
    modal = open_modal(slack, "UMGR", "homework <@UA|alex>")
    today = local_today("America/New_York")
    assert assign(slack, modal, "Record a 2-minute pitch", today, "file", template=None).body == ""
    # The due date passes (in Alex's calendar) before Alex hands it in.
    with engine.begin() as connection:
        connection.execute(text("UPDATE homework SET due_on = :day"), {"day": today - timedelta(days=3)})
    assignment = dm_with(slack, "UA", "gave you homework")
    form, _ = click_to_open(slack, "UA", ids.OPEN_HAND_IN, button_value(assignment, ids.OPEN_HAND_IN))
    assert form is not None and "shows as late" in json.dumps(form)
    assert [b["element"]["type"] for b in form["blocks"] if b["type"] == "input"] == ["file_input",
                                                                                     "plain_text_input"]

    pitch = uploaded_file("F0PITCH1", "pitch <v2>.m4a", user_id="UA")
    assert hand_in(slack, "UA", form, answer=None, files=[pitch]).body == ""

    handed = json.dumps(dm_with(slack, "UMGR", "handed in their homework"))
    assert "*late*" in handed and "pitch &lt;v2&gt;.m4a" in handed and pitch["permalink"] in handed
    assert "shows as late" in dm_with(slack, "UA", "Handed in")["text"]
    assert _rows(engine)[0][6:8] == ("F0PITCH1", "pitch <v2>.m4a")


def test_bad_input_comes_back_inline_and_nothing_is_stored(slack: Slack, fake, engine: Engine) -> None:
    focused_team(slack)
    modal = open_modal(slack, "UMGR", "homework <@UA|alex>")
    yesterday = local_today("America/New_York") - timedelta(days=1)

    errors = errors_of(assign(slack, modal, "   ", yesterday, None, template=None))
    assert "Write the assignment" in errors[shown_text_block(modal)]
    assert "has passed" in errors[DUE_ON]
    assert "Pick what the rep hands in" in errors["hand_in"]
    errors = errors_of(assign(slack, modal, "x" * 3001, local_today("America/New_York"), "text"))
    assert errors == {shown_text_block(modal): "Keep it to 3000 characters; this is 3001."}
    assert _rows(engine) == []

    assert assign(slack, modal, "Write three discovery questions", local_today("America/New_York"), "link").body == ""
    hand_in_modal, _ = click_to_open(slack, "UA", ids.OPEN_HAND_IN,
                                     button_value(dm_with(slack, "UA", "gave you homework"), ids.OPEN_HAND_IN))
    assert hand_in_modal is not None
    assert "https://" in errors_of(hand_in(slack, "UA", hand_in_modal, link="http://docs.example.com"))[LINK]
    assert "https://" in errors_of(hand_in(slack, "UA", hand_in_modal, link="javascript:alert(1)"))[LINK]
    assert "Paste the link" in errors_of(hand_in(slack, "UA", hand_in_modal, link=" "))[LINK]
    assert _rows(engine)[0][1] == "assigned"
    assert not any("handed in" in m["text"] for m in fake.messages_to("UMGR"))


def test_a_file_hand_in_without_a_file_or_feedback_left_empty_is_refused_inline(slack: Slack, engine: Engine) -> None:
    focused_team(slack)
    modal = open_modal(slack, "UMGR", "homework <@UA|alex>")
    assert assign(slack, modal, "Your pitch, recorded", local_today("America/New_York"), "file").body == ""
    hand_in_modal, _ = click_to_open(slack, "UA", ids.OPEN_HAND_IN,
                                     button_value(dm_with(slack, "UA", "gave you homework"), ids.OPEN_HAND_IN))
    assert hand_in_modal is not None
    assert "Attach the file" in errors_of(hand_in(slack, "UA", hand_in_modal, files=[]))[FILE]
    forged = {"id": "../../etc", "name": "x"}
    assert "could not be read" in errors_of(hand_in(slack, "UA", hand_in_modal, files=[forged]))[FILE]
    assert hand_in(slack, "UA", hand_in_modal, files=[uploaded_file("F0AUDIO", "pitch.m4a")]).body == ""

    feedback_modal, _ = click_to_open(slack, "UMGR", ids.OPEN_HOMEWORK_FEEDBACK, button_value(
        dm_with(slack, "UMGR", "handed in their homework"), ids.OPEN_HOMEWORK_FEEDBACK))
    assert feedback_modal is not None
    assert "Write your feedback" in errors_of(answer(slack, "UMGR", feedback_modal, "  "))[FEEDBACK]
    assert _rows(engine)[0][1] == "handed_in"
