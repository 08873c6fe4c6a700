"""The Block Kit validator refuses what Slack refuses, and says where."""

from __future__ import annotations

from typing import Any

import pytest

from bot.fake_slack import check_message, check_view


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def section(text: str = "hi", **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": mrkdwn(text), **extra}


def option(text: str = "One", value: str = "1") -> dict[str, Any]:
    return {"text": plain(text), "value": value}


def modal(blocks: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"type": "modal", "title": plain("Add reps"), "submit": plain("Save"), "blocks": blocks, **extra}


def test_a_well_formed_message_and_views_pass() -> None:
    blocks = [
        {"type": "header", "text": plain("Your team")},
        section("*Maria* is on week 3", accessory={"type": "button", "text": plain("Open"), "action_id": "a"}),
        {"type": "section", "fields": [mrkdwn("Calls"), mrkdwn("12")]},
        {"type": "divider"},
        {"type": "context", "elements": [mrkdwn("Updated now"), {"type": "image", "image_url": "u", "alt_text": "x"}]},
        {"type": "actions", "elements": [{"type": "button", "text": plain("Go"), "action_id": "go", "value": "1"}]},
    ]
    assert check_message(blocks, "fallback") == []
    assert check_view({"type": "home", "blocks": blocks}) == []
    reps_input = {
        "type": "input",
        "block_id": "reps",
        "label": plain("Reps"),
        "element": {"type": "multi_users_select", "action_id": "pick"},
    }
    assert check_view(modal([reps_input])) == []


def test_the_path_names_the_field_and_the_numbers() -> None:
    blocks = [section(), section(), section(), section("x" * 3012)]
    assert check_message(blocks, None) == ["blocks[3].text.text: 3012 chars > 3000"]


def _in_actions(element: dict[str, Any]) -> dict[str, Any]:
    return {"type": "actions", "elements": [element]}


def _select(options: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    return {"type": "static_select", "action_id": "s", "options": options or [option()], **extra}


MESSAGE_CASES: list[tuple[str, list[Any], str]] = [
    ("51 blocks", [{"type": "divider"}] * 51, "blocks: 51 blocks > 50"),
    ("section fields", [{"type": "section", "fields": [mrkdwn("f")] * 11}], "blocks[0].fields: 11 fields > 10"),
    ("long field", [{"type": "section", "fields": [mrkdwn("f"), mrkdwn("x" * 2001)]}],
     "blocks[0].fields[1].text: 2001 chars > 2000"),
    ("header", [{"type": "header", "text": plain("h" * 151)}], "blocks[0].text.text: 151 chars > 150"),
    ("header is plain text", [{"type": "header", "text": mrkdwn("h")}],
     "blocks[0].text.type: must be plain_text, not 'mrkdwn'"),
    ("button text", [_in_actions({"type": "button", "text": plain("b" * 76), "action_id": "a"})],
     "blocks[0].elements[0].text.text: 76 chars > 75"),
    ("button value", [_in_actions({"type": "button", "text": plain("b"), "action_id": "a", "value": "v" * 2001})],
     "blocks[0].elements[0].value: 2001 chars > 2000"),
    ("option text", [section(accessory=_select([option("o" * 76)]))],
     "blocks[0].accessory.options[0].text.text: 76 chars > 75"),
    ("option value", [section(accessory=_select([option("o", "v" * 151)]))],
     "blocks[0].accessory.options[0].value: 151 chars > 150"),
    ("101 options", [section(accessory=_select([option()] * 101))], "blocks[0].accessory.options: 101 options > 100"),
    ("options in groups", [section(accessory={"type": "static_select", "action_id": "s",
                                               "option_groups": [{"label": plain("g"), "options": [option()] * 101}]})],
     "blocks[0].accessory.option_groups[0].options: 101 options > 100"),
    ("radio options", [_in_actions({"type": "radio_buttons", "action_id": "r", "options": [option("r" * 80)]})],
     "blocks[0].elements[0].options[0].text.text: 80 chars > 75"),
    ("checkbox count", [_in_actions({"type": "checkboxes", "action_id": "c", "options": [option()] * 101})],
     "blocks[0].elements[0].options: 101 options > 100"),
    ("block_id", [{"type": "divider", "block_id": "b" * 256}], "blocks[0].block_id: 256 chars > 255"),
    ("action_id", [_in_actions({"type": "button", "text": plain("b"), "action_id": "a" * 256})],
     "blocks[0].elements[0].action_id: 256 chars > 255"),
    ("context elements", [{"type": "context", "elements": [mrkdwn("c")] * 11}],
     "blocks[0].elements: 11 elements > 10"),
    ("actions elements", [_in_actions({"type": "button", "text": plain("b"), "action_id": "a"}) | {
        "elements": [{"type": "button", "text": plain("b"), "action_id": f"a{i}"} for i in range(26)]}],
     "blocks[0].elements: 26 elements > 25"),
    ("unknown type", [{"type": "carousel"}], "blocks[0].type: unknown block type 'carousel'"),
    ("missing type", [{"text": mrkdwn("x")}], "blocks[0].type: unknown block type None"),
    ("not a dict", ["section"], "blocks[0]: must be an object"),
    ("empty text", [section("")], "blocks[0].text.text: must not be empty"),
    ("section without text", [{"type": "section"}], "blocks[0]: a section needs text or fields"),
    ("duplicate block_id", [section(block_id="x"), section(block_id="x")],
     "blocks[1].block_id: duplicate block_id 'x'"),
]


@pytest.mark.parametrize(("blocks", "expected"), [c[1:] for c in MESSAGE_CASES], ids=[c[0] for c in MESSAGE_CASES])
def test_message_violations(blocks: list[Any], expected: str) -> None:
    assert expected in check_message(blocks, None)


def test_blocks_must_be_a_list_and_text_has_a_limit() -> None:
    assert check_message({"type": "divider"}, None) == ["blocks: must be a list of blocks"]  # type: ignore[arg-type]
    assert check_message(None, "x" * 40_001) == ["text: 40001 chars > 40000"]


def _input(element: dict[str, Any]) -> dict[str, Any]:
    return {"type": "input", "block_id": "i", "label": plain("Notes"), "element": element}


VIEW_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("100 blocks is the view limit", {"type": "home", "blocks": [{"type": "divider"}] * 101},
     "blocks: 101 blocks > 100"),
    ("title", modal([], title=plain("t" * 25)), "title.text: 25 chars > 24"),
    ("submit", modal([], submit=plain("s" * 25)), "submit.text: 25 chars > 24"),
    ("close", modal([], close=plain("c" * 30)), "close.text: 30 chars > 24"),
    ("title is plain text", modal([], title=mrkdwn("Title")), "title.type: must be plain_text, not 'mrkdwn'"),
    ("modal needs a title", {"type": "modal", "blocks": []}, "title: required for a modal"),
    ("view type", {"type": "dialog", "blocks": []}, "type: must be 'modal' or 'home', not 'dialog'"),
    ("private_metadata", modal([], private_metadata="m" * 3001), "private_metadata: 3001 chars > 3000"),
    ("input max_length", modal([_input({"type": "plain_text_input", "action_id": "n", "max_length": 3001})]),
     "blocks[0].element.max_length: 3001 > 3000"),
    ("input element options", modal([_input({"type": "static_select", "action_id": "n",
                                              "options": [option("o" * 90)]})]),
     "blocks[0].element.options[0].text.text: 90 chars > 75"),
    ("input needs an element", modal([{"type": "input", "label": plain("x")}]), "blocks[0].element: required"),
    ("inputs need a submit button", {"type": "modal", "title": plain("t"),
                                     "blocks": [_input({"type": "plain_text_input", "action_id": "n"})]},
     "submit: required when the modal has input blocks"),
    ("blocks are required", {"type": "home"}, "blocks: required"),
]


@pytest.mark.parametrize(("view", "expected"), [c[1:] for c in VIEW_CASES], ids=[c[0] for c in VIEW_CASES])
def test_view_violations(view: dict[str, Any], expected: str) -> None:
    assert expected in check_view(view)


def test_a_message_may_have_50_blocks_and_a_view_100() -> None:
    assert check_message([{"type": "divider"}] * 50, None) == []
    assert check_view({"type": "home", "blocks": [{"type": "divider"}] * 100}) == []
    assert check_view(modal([{"type": "divider"}] * 100)) == []


def test_every_violation_is_reported_not_just_the_first() -> None:
    blocks = [section("x" * 3001), {"type": "header", "text": plain("h" * 151)}]
    assert len(check_view(modal(blocks, title=plain("t" * 30)))) == 3


def test_a_file_input_takes_one_to_ten_files_and_only_in_an_input_block() -> None:
    def upload(**element: Any) -> dict[str, Any]:
        return {"type": "input", "block_id": "file", "label": plain("Your file"),
                "element": {"type": "file_input", "action_id": "value", **element}}

    assert check_view(modal([upload(max_files=1, filetypes=["pdf", "m4a"])])) == []
    assert check_view(modal([upload()])) == []  # Slack's default: 10
    assert check_view(modal([upload(max_files=0)])) == ["blocks[0].element.max_files: must be 1 to 10, not 0"]
    assert check_view(modal([upload(max_files=11)])) == ["blocks[0].element.max_files: must be 1 to 10, not 11"]
    not_a_list = "blocks[0].element.filetypes: must be a list of file extensions"
    assert check_view(modal([upload(filetypes="pdf")])) == [not_a_list]
    in_actions = {"type": "actions", "elements": [{"type": "file_input", "action_id": "f"}]}
    assert check_view(modal([in_actions])) == ["blocks[0].elements[0]: a file_input goes in an input block"]
