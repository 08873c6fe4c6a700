"""The session card's blocks: the rep's agenda first, long reviews cut with "and N more", Slack's limits kept."""

from __future__ import annotations

import json
from dataclasses import replace

from domain.coaching.session_card import PROBING_QUESTIONS, ReviewItem, ReviewStatus
from domain.notifications.session_card import SessionCardNote
from handlers.blocks import limits
from handlers.blocks.session_card import MAX_REVIEWED, PARTS, card_blocks, session_card_note_message
from handlers.edge import ids
from tests.unit.handlers.hostile_cases_commitments import ACTION
from tests.unit.handlers.hostile_cases_session_card import CARD, RECORDED
from tests.unit.handlers.hostile_common import NOW, WS


def _text(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_a_long_review_is_cut_with_and_n_more_and_the_card_stays_within_a_message() -> None:
    many = tuple(ReviewItem(replace(ACTION, id=n, action=f"Action {n}"), ReviewStatus.OPEN) for n in range(60))
    blocks = card_blocks(replace(CARD, review=many))
    assert len(blocks) <= limits.MESSAGE_BLOCKS
    shown = _text(blocks)
    assert f"Action {MAX_REVIEWED - 1}" in shown and f"Action {MAX_REVIEWED}\"" not in shown
    assert f"…and {60 - MAX_REVIEWED} more" in shown
    menus = [b for b in blocks if (b.get("accessory") or {}).get("action_id") == ids.COMMITMENT_MENU]
    assert len(menus) == MAX_REVIEWED
    message = session_card_note_message(SessionCardNote(WS, replace(CARD, review=many)), NOW)
    assert len(message["blocks"]) <= limits.MESSAGE_BLOCKS and "session card @rep" in _text(message["blocks"])


def test_a_follow_up_session_opens_with_the_review_then_the_reps_agenda() -> None:
    shown = _text(card_blocks(CARD))  # the pair met a week before
    assert shown.index("Results against commitments") < shown.index("The rep's agenda") < shown.index(
        "Focus skills") < shown.index("Deals to role-play") < shown.index("Probing questions") < shown.index(
        ids.OPEN_TAKEAWAYS) < shown.index(ids.SESSION_CARD_PLAN)
    assert all(question in shown for question in PROBING_QUESTIONS)


def test_a_first_session_opens_with_the_reps_agenda_and_reviews_only_what_is_open() -> None:
    first = replace(CARD, previous_start=None, previous_takeaways=None)
    shown = _text(card_blocks(first))
    assert shown.index("The rep's agenda") < shown.index("Results against commitments") < shown.index("Focus skills")
    assert "Results against commitments" not in _text(card_blocks(replace(first, review=())))


def test_the_reps_own_card_without_pre_work_has_no_menus_and_says_the_plan_is_recorded() -> None:
    blocks = card_blocks(RECORDED)
    shown = _text(blocks)
    assert "No pre-work yet" in shown and "Prepare for our 1:1" in shown
    assert ids.COMMITMENT_MENU not in shown and ids.SESSION_CARD_PLAN not in shown
    assert "Action plan recorded for this session" in shown


def test_a_part_is_one_more_builder() -> None:
    extra = (*PARTS, lambda card: [{"type": "section", "text": {"type": "mrkdwn", "text": "Takeaways"}}])
    assert _text(card_blocks(CARD, extra)).endswith('"text": "Takeaways"}}]')
