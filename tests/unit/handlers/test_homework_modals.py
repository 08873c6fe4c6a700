"""The homework modals: what they open on, what a template pick keeps, and reading what Slack (or a forger) sends."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from bot.fake_slack import check_view, uploaded_file
from bot.modal_values import hand_in_values, homework_values
from domain.catalog import load_catalog
from domain.coaching.homework import HandIn
from domain.model import Member, WorkspaceRef
from domain.services.homework_notices import AssignmentForm, TemplateChoice
from handlers.blocks.homework_modals import (
    FREE,
    Kept,
    assign_homework_modal,
    kept_from,
    read_assignment,
    read_hand_in,
    text_block,
)
from handlers.blocks.inputs import VALUE

CATALOG = load_catalog()
REP = Member(WorkspaceRef("T1"), "UA", "Alex", "UTC", manager_id="UMGR")
SKILL = CATALOG.competency("value_articulation")
FORM = AssignmentForm(REP, date(2026, 12, 4), tuple(TemplateChoice(SKILL, t, f"Text of {t.id}")
                                                    for t in SKILL.homework_templates), focused=True)


def _block(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    return next(b for b in view["blocks"] if b.get("block_id") == block_id)


def test_it_opens_on_the_first_template_with_its_text_and_a_week_to_do_it() -> None:
    view = assign_homework_modal(FORM)
    first = SKILL.homework_templates[0].id
    assert check_view(view) == []
    assert json.loads(view["private_metadata"]) == {"rep": "UA", "text": text_block(first)}
    assert _block(view, text_block(first))["element"]["initial_value"] == f"Text of {first}"
    assert _block(view, "template")["element"]["initial_option"]["value"] == first
    assert _block(view, "template")["dispatch_action"] is True
    assert _block(view, "due_on")["element"]["initial_date"] == "2026-12-11"


def test_a_template_pick_gets_a_new_text_box_and_keeps_what_else_was_set() -> None:
    second = SKILL.homework_templates[1].id
    view = assign_homework_modal(FORM, second, Kept("2026-12-20", "file"))
    assert _block(view, text_block(second))["element"]["initial_value"] == f"Text of {second}"
    assert _block(view, "due_on")["element"]["initial_date"] == "2026-12-20"
    assert _block(view, "hand_in")["element"]["initial_option"]["value"] == "file"
    free = assign_homework_modal(FORM, FREE, Kept("not a date", "fax"))
    assert "initial_value" not in _block(free, text_block(None))["element"]
    assert _block(free, "due_on")["element"]["initial_date"] == "2026-12-11"  # a forged date is not carried over
    assert "initial_option" not in _block(free, "hand_in")["element"]


def test_without_templates_it_opens_on_free_text() -> None:
    view = assign_homework_modal(AssignmentForm(REP, date(2026, 12, 4), (), focused=False))
    assert check_view(view) == [] and json.loads(view["private_metadata"])["text"] == text_block(None)


def test_reading_the_assignment_follows_the_text_box_the_metadata_names() -> None:
    view = {"private_metadata": json.dumps({"rep": "UA", "text": text_block("value_map")}),
            "state": {"values": homework_values("value_map", "Map Acme", "2026-12-11", "link")}}
    typed = read_assignment(view)
    assert (typed.rep_id, typed.template_id, typed.text, typed.due_on, typed.kind) == (
        "UA", "value_map", "Map Acme", date(2026, 12, 11), "link")
    assert kept_from(view) == Kept("2026-12-11", "link")
    free = read_assignment({**view, "state": {"values": homework_values(None, "Own words", None, None)}})
    assert (free.template_id, free.text) == (None, "")  # the metadata's box was not the one filled


@pytest.mark.parametrize("files", ["F1", [5], [{"id": 5, "name": ["x"]}], None, {"id": "F1"}, []])
def test_a_file_input_slack_never_sends_reads_as_no_file(files: object) -> None:
    values = hand_in_values("note")
    values["file"] = {VALUE: {"type": "file_input", "files": files}}
    homework_id, hand_in = read_hand_in({"private_metadata": '{"homework": 3}', "state": {"values": values}})
    assert homework_id == 3 and hand_in == HandIn("note")


def test_a_file_is_read_with_its_id_name_and_slack_link() -> None:
    pitch = uploaded_file("F0PITCH", "pitch.m4a", user_id="UA")
    _, hand_in = read_hand_in({"private_metadata": '{"homework": 3}',
                               "state": {"values": hand_in_values(None, files=[pitch])}})
    assert hand_in == HandIn("", pitch["permalink"], "F0PITCH", "pitch.m4a")
