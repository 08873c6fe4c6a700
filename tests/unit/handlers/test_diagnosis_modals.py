"""The diagnosis modals fit Slack's limits and carry the catalog's words."""

from __future__ import annotations

from datetime import date

from bot.fake_slack import check_view
from domain.catalog import load_catalog
from handlers.blocks.diagnosis_modals import (
    dimension_block,
    question_block,
    score_call_modal,
    selected,
    self_assessment_modal,
)

CATALOG = load_catalog()


def test_the_score_modal_has_every_dimension_with_its_rubric_and_fits_slack() -> None:
    modal = score_call_modal(CATALOG, "UA", "UMGR", date(2026, 11, 30))

    assert check_view(modal) == []
    blocks = {b.get("block_id"): b for b in modal["blocks"]}
    for dimension in CATALOG.scoring_dimensions:
        options = blocks[dimension_block(dimension.id)]["element"]["options"]
        assert [o["value"] for o in options] == ["1", "2", "3", "4", "5"]
        assert options[0]["text"]["text"].startswith("1 · " + dimension.rubric[1][:20])
    assert blocks["call_on"]["element"]["initial_date"] == "2026-11-30"
    assert "<@UA>" in modal["blocks"][0]["text"]["text"]


def test_the_self_assessment_asks_all_20_questions_twice_within_100_blocks() -> None:
    modal = self_assessment_modal(CATALOG)

    assert check_view(modal) == []
    inputs = [b for b in modal["blocks"] if b["type"] == "input"]
    assert len(inputs) == 40 and len(modal["blocks"]) <= 100
    first = CATALOG.questions()[0].question
    assert {question_block(first.id, "confidence"), question_block(first.id, "competence")} <= {
        b["block_id"] for b in inputs
    }


def test_reading_a_submission_gives_text_dates_and_chosen_values() -> None:
    values = {
        "call_title": {"value": {"type": "plain_text_input", "value": "Acme"}},
        "call_on": {"value": {"type": "datepicker", "selected_date": "2026-11-27"}},
        "dim_x": {"value": {"type": "static_select", "selected_option": {"value": "4"}}},
        "dim_y": {"value": {"type": "static_select", "selected_option": None}},
    }
    assert selected(values, "call_title") == "Acme"
    assert selected(values, "call_on") == "2026-11-27"
    assert selected(values, "dim_x") == "4"
    assert selected(values, "dim_y") is None and selected(values, "missing") is None
