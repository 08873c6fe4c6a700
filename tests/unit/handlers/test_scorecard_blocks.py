"""The Friday scorecard as the rep and their manager read it: words for every direction, targets, limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from bot.fake_slack import check_message, check_view, mrkdwn_to_text
from domain.coaching.commitments import KeptRate
from domain.coaching.leading import Agreement
from domain.coaching.scorecard import DealClosed, DealMove, Example, PipelineImpact, ShadowFeedback
from domain.pipeline.model import Stage
from handlers.blocks.limits import MESSAGE_BLOCKS, SECTION_TEXT, VIEW_BLOCKS, VIEW_TITLE
from handlers.blocks.scorecard import scorecard_blocks, scorecard_message, scorecard_modal
from handlers.edge import ids
from tests.unit.handlers.scorecard_samples import WEEK, card, discovery_and_closing, indicator_weeks

NOW = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)


def _texts(blocks: list[dict[str, Any]]) -> str:
    """Everything the reader sees, as Slack shows it, one block a line."""
    shown = []
    for block in blocks:
        parts = [block.get("text"), *block.get("elements", []), *block.get("fields", [])]
        for part in parts:
            if isinstance(part, dict) and isinstance(part.get("text"), str):
                text = part["text"]
                # Bold and italics read as words: the tests' texts hold no `*` or `_` of their own.
                shown.append(mrkdwn_to_text(text).replace("*", "").replace("_", "") if part.get("type") == "mrkdwn"
                             else text)
            elif isinstance(part, dict) and isinstance(part.get("text"), dict):
                shown.append(part["text"]["text"])
    return "\n".join(shown)


def _line(blocks: list[dict[str, Any]], starts: str) -> str:
    found = [line for line in _texts(blocks).splitlines() if line.startswith(starts)]
    assert len(found) == 1, (starts, _texts(blocks))
    return found[0]


def _one(indicator_id: str, points: Sequence[tuple[float | None, int]],
         target: str | None = None) -> list[dict[str, Any]]:
    skill = {"discovery_questions_asked": "discovery", "proposal_to_decision_days": "closing",
             "next_step_defined": "closing", "objections_resolved": "objection_handling"}[indicator_id]
    return scorecard_blocks(card({skill: [indicator_weeks(indicator_id, points, target)]}))


@pytest.mark.parametrize(("indicator_id", "points", "shown"), [
    ("discovery_questions_asked", [(4, 3), (5, 3), (5, 3), (6.5, 4)], "↑ 1.5 questions, better"),
    ("discovery_questions_asked", [(4, 3), (5, 3), (7, 3), (6, 4)], "↓ 1 question, worse"),
    ("discovery_questions_asked", [(4, 3), (5, 3), (6, 3), (6, 4)], "→ same as last week"),
    # Lower is better: fewer days down is better, more days up is worse, whatever the sign says.
    ("proposal_to_decision_days", [(30, 3), (25, 3), (21, 3), (18, 3)], "↓ 3 days, better"),
    ("proposal_to_decision_days", [(30, 3), (25, 3), (18, 3), (21, 3)], "↑ 3 days, worse"),
    ("proposal_to_decision_days", [(30, 3), (25, 3), (18, 3), (18, 3)], "→ same as last week"),
    # A yes/no is a rate of yes; its change is in points.
    ("next_step_defined", [(50, 4), (75, 4), (75, 4), (50, 4)], "↓ 25 points, worse"),
])
def test_every_direction_reads_as_better_worse_or_same_by_the_indicators_own_rule(
        indicator_id: str, points: list[tuple[float, int]], shown: str) -> None:
    line = _line(_one(indicator_id, points), "• ")
    assert shown in line
    assert ("better" in shown) == ("better" in line) and ("worse" in shown) == ("worse" in line)


def test_values_carry_their_unit_and_the_calls_behind_them() -> None:
    text = _texts(scorecard_blocks(discovery_and_closing()))
    assert "Questions asked per discovery call: 6.5 questions (4 calls)" in text
    assert "Business impact quantified: 75% of calls (4 calls)" in text
    assert "Days from proposal to decision: 18 days (3 calls)" in text


def test_too_few_calls_says_so_and_shows_no_arrow() -> None:
    line = _line(_one("discovery_questions_asked", [(4, 3), (5, 3), (5, 3), (9, 2)]), "• ")
    assert "9 questions (2 calls)" in line and "too few calls (2)" in line
    assert not any(arrow in line for arrow in "↑↓→") and "better" not in line and "worse" not in line


def test_too_few_calls_last_week_is_told_apart_from_this_week() -> None:
    line = _line(_one("discovery_questions_asked", [(4, 3), (5, 3), (5, 1), (9, 4)]), "• ")
    assert "too few calls last week to compare" in line and "↑" not in line


def test_a_week_without_the_indicator_says_it_was_not_recorded() -> None:
    line = _line(_one("discovery_questions_asked", [(4, 3), (5, 3), (5, 3), (None, 0)]), "• ")
    assert "not recorded this week" in line and "too few calls" not in line  # one reason is enough


@pytest.mark.parametrize(("indicator_id", "points", "target", "shown"), [
    ("discovery_questions_asked", [(4, 3), (5, 3), (5, 3), (6, 4)], "8 per discovery call",
     "target 8 per discovery call · 2 questions to go"),
    ("discovery_questions_asked", [(4, 3), (5, 3), (5, 3), (9, 4)], "8", "target 8 · reached"),
    ("proposal_to_decision_days", [(30, 3), (25, 3), (21, 3), (18, 3)], "14 days", "target 14 days · 4 days to go"),
    ("proposal_to_decision_days", [(30, 3), (25, 3), (21, 3), (12, 3)], "14 days", "target 14 days · reached"),
    ("next_step_defined", [(50, 4), (75, 4), (75, 4), (75, 4)], "yes, always", "target yes, always · 25 points to go"),
    ("discovery_questions_asked", [(4, 3), (5, 3), (5, 3), (6, 4)], "more than last quarter",
     "target more than last quarter"),
])
def test_the_contract_target_shows_how_far_is_left_or_that_it_is_reached(
        indicator_id: str, points: list[tuple[float, int]], target: str, shown: str) -> None:
    line = _line(_one(indicator_id, points, target), "• ")
    assert line.endswith(shown), line


def test_no_target_no_target_text() -> None:
    assert "target" not in _line(_one("discovery_questions_asked", [(4, 3), (5, 3), (5, 3), (6, 4)]), "• ")


def _agreeing(agreement: Agreement) -> Any:
    return card({"discovery": [indicator_weeks("discovery_questions_asked", [(4, 3), (5, 3), (5, 3), (6, 4)],
                                               agreement=agreement)]})


def test_a_shadowed_call_counted_differently_shows_both_counts_to_each_reader() -> None:
    shown = _agreeing(Agreement(1, 8, 6))
    assert "On 1 shadowed call: you said 8 questions, your manager counted 6 questions" in _texts(
        scorecard_blocks(shown, viewer="rep"))
    assert "On 1 shadowed call: Alex Rivera said 8 questions, the manager counted 6 questions" in _texts(
        scorecard_blocks(shown, viewer="manager"))


def test_agreeing_counts_add_no_line() -> None:
    assert "shadowed call:" not in _texts(scorecard_blocks(_agreeing(Agreement(2, 6, 6))))


def test_the_title_names_the_rep_the_week_the_cycle_week_and_the_focus_skills() -> None:
    blocks = scorecard_blocks(discovery_and_closing())
    assert blocks[0]["type"] == "header"
    assert blocks[0]["text"]["text"] == "Alex Rivera's scorecard · Week 48 · 23-29 Nov"
    assert "Cycle week 4 of 8 · focus: Discovery, Closing" in _texts(blocks)
    assert "3 debriefed · 1 shadowed (target 2-3)" in _texts(blocks)


def test_a_week_across_two_months_and_no_shadow_target_outside_the_develop_weeks() -> None:
    shown = replace(discovery_and_closing(), week=WEEK.replace(day=30), cycle_week=7)
    text = _texts(scorecard_blocks(shown))
    assert "Week 49 · 30 Nov-6 Dec" in text and "1 shadowed" in text and "target 2-3" not in text


def test_what_went_well_is_quoted_in_the_reps_own_words() -> None:
    shown = discovery_and_closing(examples=(Example(WEEK, "Acme", "I asked about budget\nand they told me"),))
    blocks = scorecard_blocks(shown)
    raw = next(b["text"]["text"] for b in blocks if "Acme" in b.get("text", {}).get("text", ""))
    assert "> I asked about budget\n> and they told me" in raw
    assert "What went well (in your own words)" in _texts(blocks)
    assert "in Alex Rivera's own words" in _texts(scorecard_blocks(shown, viewer="manager"))


def test_pipeline_impact_with_stage_days_against_the_reps_usual_won_and_lost() -> None:
    impact = PipelineImpact((DealMove("Acme", Stage.QUALIFYING, Stage.PRESENTING, WEEK, 12, 18.0),),
                            (DealClosed("Beta", True, WEEK, Decimal(12000)),), (DealClosed("Gamma", False, WEEK),))
    text = _texts(scorecard_blocks(discovery_and_closing(pipeline=impact)))
    assert "Acme moved to Presenting: 12 days in Qualifying (your usual 18) :zap: faster" in text
    assert "Won Beta · 12,000" in text and "Lost Gamma" in text


def test_pipeline_quiet_week_and_no_pipeline_data() -> None:
    assert "No pipeline movement this week." in _texts(scorecard_blocks(discovery_and_closing(
        pipeline=PipelineImpact())))
    assert "Pipeline" not in _texts(scorecard_blocks(discovery_and_closing(pipeline=None)))


def test_feedback_lessons_and_homework() -> None:
    feedback = ShadowFeedback(WEEK, "Acme", "UMGR", "Ask for the budget", {"discovery": 4})
    shown = discovery_and_closing(feedback=(feedback,), lessons_done=("Pain framework",),
                                  homework_done=("Three questions",))
    text = _texts(scorecard_blocks(shown))
    assert "Your manager's feedback" in text and "Ask for the budget" in text and "Scores: Discovery 4/5" in text
    assert "Lessons done: Pain framework" in text and "Homework handed in: Three questions" in text


def test_the_friday_message_ends_with_the_comment_button_for_this_week() -> None:
    built = scorecard_message(discovery_and_closing(), NOW)
    last = built["blocks"][-1]
    assert last["type"] == "actions"
    (comment,) = last["elements"]
    assert (comment["action_id"], comment["value"]) == (ids.ADD_SCORECARD_COMMENT, "2026-W48")
    assert comment["text"]["text"] == "Add a comment for my manager"
    assert "Week 48" in built["text"] and check_message(built["blocks"], built["text"]) == []


def test_no_activity_gets_a_kind_note_with_the_debrief_button_and_still_the_comment_button() -> None:
    built = scorecard_message(discovery_and_closing(debriefed=0, shadowed=0), NOW)
    text = _texts(built["blocks"])
    assert "No debriefs this week — that happens." in text
    assert "Questions asked" not in text  # not an empty card
    buttons = [e for b in built["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["action_id"] for b in buttons] == [ids.OPEN_DEBRIEF, ids.ADD_SCORECARD_COMMENT]


LONG = "word " * 2000


def _crowded() -> Any:
    many = [indicator_weeks("discovery_questions_asked", [(4, 3), (5, 3), (5, 3), (6, 4)], LONG)] * 30
    return card({"discovery": many, **{f"skill{n}": many[:3] for n in range(6)}},
                examples=(Example(WEEK, LONG, LONG),) * 3,
                pipeline=PipelineImpact(tuple(DealMove(LONG, Stage.QUALIFYING, Stage.CLOSING, WEEK, 3, 9.0)
                                              for _ in range(30))),
                feedback=(ShadowFeedback(WEEK, LONG, "UMGR", LONG, {f"s{n}": 3 for n in range(50)}),) * 10,
                lessons_done=(LONG,) * 20, homework_done=(LONG,) * 20)


def test_a_card_full_of_long_texts_stays_within_slacks_limits() -> None:
    built = scorecard_message(_crowded(), NOW)
    assert check_message(built["blocks"], built["text"]) == []
    assert len(built["blocks"]) <= MESSAGE_BLOCKS and built["blocks"][-1]["type"] == "actions"
    text = _texts(built["blocks"])
    assert "…and 7 more shadowed calls with feedback" in text and "…and 22 more deals" in text
    assert "…and 3 more skills" in text and "Narrow the list" not in text
    assert all(len(b.get("text", {}).get("text", "")) <= SECTION_TEXT for b in built["blocks"])


def test_the_modal_fits_and_has_a_short_title() -> None:
    for shown in (discovery_and_closing(), _crowded()):
        view = scorecard_modal(shown, viewer="manager")
        assert check_view(view) == [] and len(view["blocks"]) <= VIEW_BLOCKS
        assert view["title"]["text"] == "Scorecard W48" and len(view["title"]["text"]) <= VIEW_TITLE


def test_an_unknown_viewer_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="viewer"):
        scorecard_blocks(discovery_and_closing(), viewer="admin")


def test_commitments_kept_on_time_show_once_any_fell_due() -> None:
    kept = _texts(scorecard_blocks(discovery_and_closing(debriefed=3, commitments=KeptRate(3, 4))))
    assert "3 debriefed · 1 shadowed (target 2-3) · 3 of 4 commitments kept on time" in kept
    assert "commitments" not in _texts(scorecard_blocks(discovery_and_closing(debriefed=3)))
