"""The modal a manager opens from App Home to add reps by picking people."""

from __future__ import annotations

from typing import Any

from domain.services.roster import AddOutcome, RepResult
from handlers.blocks import limits
from handlers.blocks.kit import plain, section
from handlers.blocks.roster import describe_result
from handlers.edge import ids


def add_reps_modal() -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": ids.ADD_REPS_VIEW,
        "title": plain("Add reps", 24),
        "submit": plain("Add to team", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            section("Pick the reps you coach. Each one gets a short note from Coachflow."),
            {
                "type": "input",
                "block_id": ids.ADD_REPS_BLOCK,
                "label": plain("Reps", 2000),
                "element": {
                    "type": "multi_users_select",
                    "action_id": ids.ADD_REPS_INPUT,
                    "placeholder": plain("Choose people", 150),
                    "max_selected_items": 25,
                },
            },
        ],
    }


def add_reps_errors(refusals: list[RepResult]) -> dict[str, str] | None:
    """Inline errors for picks that cannot join; the selection stays in the modal.

    Modal errors are plain text, so people are named, not mentioned.
    """
    if not refusals:
        return None
    return {ids.ADD_REPS_BLOCK: limits.clip(" ".join(_plain_reason(r) for r in refusals), 2000)}


def _plain_reason(result: RepResult) -> str:
    name = result.rep.name if result.rep is not None else "That person"
    if result.outcome is AddOutcome.IS_SELF:
        return "You cannot add yourself; remove yourself from the list."
    if result.outcome is AddOutcome.IS_YOUR_MANAGER:
        return f"{name} is your own manager and cannot be on your team."
    if result.outcome is AddOutcome.COACHED_ELSEWHERE:
        coach = result.previous_manager_name or "another manager"
        return f"{name} is coached by {coach}; ask them or an admin to move {name}."
    return describe_result(result)
