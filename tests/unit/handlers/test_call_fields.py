"""The call's input blocks (shared by the debrief and shadow modals) and reading them back."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.fake_slack import check_view
from domain.catalog import load_catalog
from domain.coaching.calls import CallAnswers, CallRef, rep_questions, validate_call
from domain.coaching.indicators import parse_indicators
from handlers.blocks import call_fields
from handlers.blocks.inputs import VALUE
from handlers.edge import ids

CATALOG = load_catalog()
INDICATORS = (*CATALOG.competency("discovery").leading_indicators, *CATALOG.competency("closing").leading_indicators)
TODAY = date(2026, 12, 9)


def _modal(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "modal", "callback_id": "x", "title": {"type": "plain_text", "text": "Debrief"},
            "submit": {"type": "plain_text", "text": "Save"}, "blocks": blocks}


def _by_id(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {block["block_id"]: block for block in blocks}


def test_the_blocks_hold_every_field_once_within_slacks_limits() -> None:
    blocks = call_fields.call_blocks(questions=rep_questions(["Discovery"]), indicators=INDICATORS, today=TODAY)
    assert check_view(_modal(blocks)) == []
    found = _by_id(blocks)
    assert list(found)[:8] == ["deal", "account", "call_type", "call_on", "went_well", "do_differently",
                               "practice_next", "ind_discovery_questions_asked"]
    assert found["deal"]["element"]["type"] == "external_select"
    assert found["deal"]["element"]["action_id"] == ids.DEBRIEF_DEAL_SELECT
    assert found["call_on"]["element"]["initial_date"] == "2026-12-09"
    assert found["went_well"]["label"]["text"] == "What went well regarding Discovery?"
    assert found["ind_discovery_questions_asked"]["element"] == {
        "type": "number_input", "is_decimal_allowed": False, "action_id": VALUE,
        "placeholder": {"type": "plain_text", "text": "questions", "emoji": True}}
    assert found["ind_proposal_to_decision_days"]["element"]["is_decimal_allowed"] is True
    assert found["ind_business_impact_quantified"]["element"]["type"] == "radio_buttons"
    assert found["recording_link"]["element"]["type"] == "url_text_input"
    assert found["recording_link"]["optional"] is True


def test_without_a_cycle_there_are_the_three_questions_and_no_indicator() -> None:
    blocks = call_fields.call_blocks(questions=rep_questions([]), indicators=(), today=TODAY)
    assert not [b for b in blocks if b["block_id"].startswith("ind_")]
    assert _by_id(blocks)["went_well"]["label"]["text"] == "What went well?"


def test_a_prefill_is_shown() -> None:
    prefill = call_fields.CallPrefill(
        deal=call_fields.DealChoice("D7", "Acme renewal"), account="Acme", call_type="demo",
        call_on=date(2026, 12, 8), answers=CallAnswers("a", "b", "c"),
        indicators={"discovery_questions_asked": 4, "business_impact_quantified": True},
        recording_link="https://rec.example/1")
    found = _by_id(call_fields.call_blocks(questions=rep_questions([]), indicators=INDICATORS, today=TODAY,
                                           prefill=prefill))
    assert found["deal"]["element"]["initial_option"]["value"] == "D7"
    assert found["account"]["element"]["initial_value"] == "Acme"
    assert found["call_type"]["element"]["initial_option"]["value"] == "demo"
    assert found["call_on"]["element"]["initial_date"] == "2026-12-08"
    assert found["practice_next"]["element"]["initial_value"] == "c"
    assert found["ind_discovery_questions_asked"]["element"]["initial_value"] == "4"
    assert found["ind_business_impact_quantified"]["element"]["initial_option"]["value"] == "yes"
    assert found["recording_link"]["element"]["initial_value"] == "https://rec.example/1"


def _state(**fields: dict[str, Any]) -> dict[str, Any]:
    return {"state": {"values": {block: {VALUE: value} for block, value in fields.items()}}}


def test_a_submission_reads_back_as_typed_values() -> None:
    view = _state(account={"type": "plain_text_input", "value": " Acme "},
                  call_type={"type": "static_select", "selected_option": {"value": "demo"}},
                  call_on={"type": "datepicker", "selected_date": "2026-12-08"},
                  went_well={"type": "plain_text_input", "value": "w"},
                  do_differently={"type": "plain_text_input", "value": "d"},
                  practice_next={"type": "plain_text_input", "value": "p"},
                  ind_discovery_questions_asked={"type": "number_input", "value": "-2"},
                  ind_business_impact_quantified={"type": "radio_buttons", "selected_option": {"value": "yes"}},
                  recording_link={"type": "url_text_input", "value": "http://rec.example"})
    view["state"]["values"]["deal"] = {ids.DEBRIEF_DEAL_SELECT: {"type": "external_select",
                                                                "selected_option": {"value": "D7"}}}
    read = call_fields.read_call_fields(view, INDICATORS)
    assert read.call == CallRef("Acme", "D7")
    assert (read.call_type, read.call_on) == ("demo", date(2026, 12, 8))
    assert read.answers == CallAnswers("w", "d", "p")
    assert read.indicators["discovery_questions_asked"] == "-2"
    assert read.indicators["business_impact_quantified"] == "yes"
    assert read.indicators["trial_closes_attempted"] is None
    assert read.recording_link == "http://rec.example"
    # Each problem lands under its own block.
    problems = validate_call(read.call, read.call_type, read.call_on, today=TODAY, earliest=None,
                             answers=read.answers, recording_link=read.recording_link)
    problems.update(parse_indicators(INDICATORS, read.indicators)[1])
    errors = call_fields.call_field_errors(problems, INDICATORS)
    assert set(errors) == {"recording_link", "ind_discovery_questions_asked"}
    blocks = {b["block_id"] for b in call_fields.call_blocks(questions=rep_questions([]), indicators=INDICATORS,
                                                            today=TODAY)}
    assert set(errors) <= blocks


def test_a_crafted_submission_reads_as_empty_fields() -> None:
    view = {"state": {"values": {"deal": {ids.DEBRIEF_DEAL_SELECT: {"selected_option": ["D1"]}},
                                 "call_on": {VALUE: {"selected_date": "2026-13-45"}},
                                 "went_well": {VALUE: {"value": 7}}}}}
    read = call_fields.read_call_fields(view, INDICATORS)
    assert read.call == CallRef("", None)
    assert read.call_on is None and read.answers.went_well == ""
    assert call_fields.read_call_fields({"state": "junk"}, ()).call_type is None


def test_every_problem_key_has_its_block() -> None:
    keys = {"deal", "call_type", "call_on", "went_well", "do_differently", "practice_next", "recording_link",
            *(i.id for i in INDICATORS)}
    errors = call_fields.call_field_errors(dict.fromkeys(keys, "bad"), INDICATORS)
    blocks = {b["block_id"] for b in call_fields.call_blocks(questions=rep_questions([]), indicators=INDICATORS,
                                                            today=TODAY)}
    assert len(errors) == len(keys) and set(errors) <= blocks
