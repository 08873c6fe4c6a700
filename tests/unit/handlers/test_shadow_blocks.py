"""The shadow-coaching builders: the observer's modal and its reader, the weekly target line, a call side by side."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from bot.fake_slack import check_message, check_view, mrkdwn_to_text
from domain.catalog import load_catalog
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.debriefs import Debrief, ShadowObservation
from domain.coaching.shadow_week import ShadowWeek
from domain.model import Member, WorkspaceRef
from domain.services.shadowing import ShadowForm, score_key
from handlers.blocks import limits
from handlers.blocks.call_fields import DEAL, indicator_block
from handlers.blocks.kit import message
from handlers.blocks.shadow import call_pair, shadow_feedback_notice, target_text
from handlers.blocks.shadow_modal import (
    FEEDBACK_BLOCK,
    PLAIN_SCALE,
    read_shadow_submission,
    refusal_errors,
    score_block,
    shadow_errors,
    shadow_modal,
)
from handlers.edge import ids
from tests.handlers.shadow_steps import shadow_values

CATALOG = load_catalog()
WS = WorkspaceRef("T1")
REP = Member(WS, "UA", "Alex", "UTC", manager_id="UMGR")
WEDNESDAY = date(2026, 12, 9)
SEEN = ShadowObservation(
    WS, "UA", "UMGR", CallRef("Acme", "D1"), CallType.DEMO, date(2026, 12, 8),
    CallAnswers("Clear agenda.", "Skip the slides.", "Ask for the next step."), "Good demo; ask for the meeting.",
    {"discovery": 4}, {"discovery_questions_asked": 7, "business_impact_quantified": True}, ("discovery",), 1, id=9,
)
DEBRIEF = Debrief(WS, "UA", CallRef("Acme", "D1"), CallType.DEMO, date(2026, 12, 8),
                  CallAnswers("Agenda landed.", "Fewer slides.", "Closing question."),
                  {"discovery_questions_asked": 5}, ("discovery",), shadow_id=9, id=4)


def _text(blocks: list[dict[str, object]]) -> str:
    return mrkdwn_to_text(json.dumps(blocks, ensure_ascii=False))


def test_the_modal_scores_each_focus_skill_with_its_rubric_or_a_plain_scale() -> None:
    form = ShadowForm(REP, "UMGR", WEDNESDAY, ("discovery", "pipeline_management"))
    modal = shadow_modal(form, CATALOG)

    assert check_view(modal) == []
    assert json.loads(modal["private_metadata"]) == {"rep": "UA", "skills": ["discovery", "pipeline_management"]}
    blocks = {b.get("block_id"): b for b in modal["blocks"]}
    discovery = blocks[score_block("discovery")]
    rubric = CATALOG.dimension("discovery_quality").rubric
    assert discovery["element"]["options"][0]["text"]["text"].startswith("1 · " + rubric[1][:40])
    assert rubric[5] in discovery["hint"]["text"]
    pipeline = blocks[score_block("pipeline_management")]  # no scoring dimension informs it
    assert pipeline["element"]["options"][4]["text"]["text"] == "5 · " + PLAIN_SCALE[5][: limits.OPTION_TEXT - 4]
    assert indicator_block("pipeline_coverage") in blocks
    assert blocks[FEEDBACK_BLOCK]["element"]["max_length"] == 3000


def test_a_rep_without_focus_skills_gets_the_questions_without_scores() -> None:
    modal = shadow_modal(ShadowForm(REP, "UMGR", WEDNESDAY, account="Umbrella"), CATALOG)
    assert not [b for b in modal["blocks"] if str(b.get("block_id", "")).startswith(("score_", "ind_"))]
    assert "What did Alex do well?" in json.dumps(modal)


def test_the_reader_takes_what_was_typed_and_the_forms_skills_from_its_metadata() -> None:
    modal = shadow_modal(ShadowForm(REP, "UMGR", WEDNESDAY, ("discovery", "closing")), CATALOG)
    values = shadow_values(on=WEDNESDAY, deal="D1", account=" Acme ", scores={"discovery": 4, "closing": "²"},
                           indicators={"discovery_questions_asked": "7", "next_step_defined": "yes"})

    read = read_shadow_submission({**modal, "state": {"values": values}}, CATALOG)

    assert (read.rep_id, read.skills) == ("UA", ("discovery", "closing"))
    assert read.input.call == CallRef("Acme", "D1") and read.input.call_type == "discovery"
    assert read.input.scores == {"discovery": 4, "closing": "²"}  # passed on as typed, for the service to name
    assert read.input.indicators["discovery_questions_asked"] == "7"
    assert read.input.indicators["next_step_defined"] == "yes"
    assert read.input.feedback.startswith("Great questions")
    unreadable = read_shadow_submission({**modal, "private_metadata": '{"rep": "UA"}'}, CATALOG)
    assert unreadable.rep_id is None


def test_problems_land_under_their_blocks_and_a_refusal_under_the_first_field() -> None:
    errors = shadow_errors({score_key("discovery"): "Pick a score from 1 to 5.", "feedback": "Write it.",
                            "discovery_questions_asked": "Type a number.", "call_on": "Pick the day."},
                           ("discovery",), CATALOG)
    assert errors == {score_block("discovery"): "Pick a score from 1 to 5.", FEEDBACK_BLOCK: "Write it.",
                      indicator_block("discovery_questions_asked"): "Type a number.", "call_on": "Pick the day."}
    assert refusal_errors("Only <@UA>'s own manager can shadow their calls.") == {
        DEAL: "Only this rep's own manager can shadow their calls."}


def test_the_target_line_says_where_the_rep_stands() -> None:
    def week(day: date, count: int, targeted: bool = True) -> str:
        return target_text(ShadowWeek("UA", day, (SEEN,) * count, targeted))

    assert week(date(2026, 12, 8), 0) == "0 shadowed calls this week (target 2-3): on track, 2 more by Sun 13 Dec"
    assert week(WEDNESDAY, 0) == "0 shadowed calls this week (target 2-3): behind, 2 more by Sun 13 Dec"
    assert week(date(2026, 12, 10), 1) == "1 shadowed call this week (target 2-3): behind, 1 more by Sun 13 Dec"
    assert week(date(2026, 12, 10), 2) == "2 shadowed calls this week (target 2-3): target met"
    assert week(date(2026, 12, 10), 0, targeted=False).endswith("the target applies in weeks 3-6 of a coaching cycle")


def test_a_call_shows_the_reps_debrief_beside_the_managers_observation() -> None:
    blocks = call_pair(DEBRIEF, SEEN, CATALOG)

    assert check_message(blocks, "x") == []
    columns = [mrkdwn_to_text(f["text"]) for f in blocks[1]["fields"]]
    assert len(columns) == 10
    assert columns[0] == "*@UA's debrief*" and columns[1] == "*Shadowed by @UMGR*"
    assert columns[2:4] == ["_Went well_\nAgenda landed.", "_Went well_\nClear agenda."]
    assert columns[6:8] == ["_Practise next_\nClosing question.", "_Practise next_\nAsk for the next step."]
    assert "5 questions" in columns[8]
    assert "7 questions" in columns[9] and "Business impact quantified: yes" in columns[9]
    last = mrkdwn_to_text(blocks[2]["text"]["text"])
    assert "*Scores:* Discovery 4/5" in last and "Good demo; ask for the meeting." in last
    assert "Tue 8 Dec · Demo · Acme" in _text(blocks[:1])


def test_a_call_with_one_side_says_what_is_missing() -> None:
    alone = call_pair(None, SEEN, CATALOG)
    assert "No debrief from @UA yet" in _text(alone)
    assert "Good demo" in _text(alone)
    debrief_only = call_pair(replace(DEBRIEF, shadow_id=None), None, CATALOG)
    assert "Not shadowed" in _text(debrief_only) and "Feedback" not in _text(debrief_only)
    assert call_pair(None, None, CATALOG) == []


def test_long_answers_are_shortened_side_by_side_and_the_message_stays_valid() -> None:
    long = CallAnswers("word " * 700, "x" * 3000, "y")
    blocks = call_pair(replace(DEBRIEF, answers=long), replace(SEEN, answers=long, feedback="z" * 3000), CATALOG)
    assert all(len(f["text"]) <= limits.SECTION_FIELD_TEXT for f in blocks[1]["fields"])
    built = message("x", blocks)
    assert check_message(built["blocks"], built["text"]) == []


def test_the_reps_dm_has_the_debrief_button_linked_to_the_observation() -> None:
    dm = shadow_feedback_notice(SEEN, CATALOG)
    [button] = [e for b in dm["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert (button["action_id"], button["value"]) == (ids.OPEN_DEBRIEF, "shadow:9")
    assert "Only you and @UMGR see them." in mrkdwn_to_text(json.dumps(dm["blocks"]))
