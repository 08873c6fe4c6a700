"""The "Share a win" button and modal (issue 13), and reading the modal back.

`share_win_button()` is public: any message may carry it (the 21-day
challenge's completion does), and its listener opens the modal for whoever
clicks, so nobody records a win as someone else. The button's value says
only where it was clicked; the modal's metadata carries that, nothing more.
"""

from __future__ import annotations

import json
from typing import Any

from domain import field_lengths
from domain.coaching.wins import WinDraft, WinSource
from domain.services.win_notices import WinForm
from domain.services.wins import APPROACH_FIELD, CONSENT_FIELD, OUTCOME_FIELD, SKILL_FIELD, WHAT_FIELD
from handlers.blocks import limits
from handlers.blocks.inputs import (
    input_block,
    metadata,
    option,
    select,
    selected,
    state_values,
    text_input,
    ticked_positions,
)
from handlers.blocks.kit import Block, button, context, plain
from handlers.edge import ids

SOURCE = "source"  # the modal's private_metadata key
SHARE_LABEL = "Share with my team"
_TICKED = 1  # the consent checkbox's one option value


def share_win_button(source: WinSource = WinSource.CHALLENGE, *, style: str | None = "primary") -> dict[str, Any]:
    """"Share a win", for any message or Home; it opens the form for whoever clicks it."""
    return button("Share a win", ids.SHARE_WIN, value=source.value, style=style)


def read_source(value: str | None) -> WinSource | None:
    """Where a "Share a win" button was clicked; None for a value we never wrote."""
    return WinSource.read(value)


def win_modal(form: WinForm, typed: str = "") -> dict[str, Any]:
    """The rep's win: what happened (`typed` after `/coach win`, kept), the skill (focus skills first), the words
    that worked, the outcome, consent."""
    focus = set(form.focus)
    skills = [option(c.id, f"{c.name} (your focus)" if c.id in focus else c.name) for c in form.skills]
    where = ("Ticked, it is posted to the team channel and your team finds it with /coach wins."
             if form.channel else "Ticked, your team finds it with /coach wins.")
    consent = {"type": "checkboxes", "options": [option(_TICKED, SHARE_LABEL)]}
    blocks: list[Block] = [
        context("Private to you and your manager unless you tick “Share with my team”."),
        input_block(WHAT_FIELD, "What happened?", text_input(
            typed or None, multiline=True, max_length=field_lengths.WIN_WHAT_HAPPENED,
            placeholder="The deal, the call, the moment it turned")),
        input_block(SKILL_FIELD, "The skill behind it", select(skills, placeholder="Pick a skill")),
        input_block(APPROACH_FIELD, "The words or approach that worked", text_input(
            None, multiline=True, max_length=field_lengths.WIN_APPROACH,
            placeholder="The question you asked, the phrase you used, what you did differently")),
        input_block(OUTCOME_FIELD, "The outcome", text_input(
            None, max_length=field_lengths.WIN_OUTCOME, placeholder="average deal size +35%")),
        input_block(CONSENT_FIELD, "Your team", consent, optional=True, hint=where),
    ]
    return {
        "type": "modal",
        "callback_id": ids.WIN_VIEW,
        "title": plain("Share a win", limits.VIEW_TITLE),
        "submit": plain("Save", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({SOURCE: form.source.value}),
        "blocks": blocks,
    }


def read_win(view: dict[str, Any]) -> tuple[WinSource | None, WinDraft]:
    """(where the form was opened, None if its metadata was tampered with; what the rep typed)."""
    values = state_values(view)
    draft = WinDraft(
        what_happened=selected(values, WHAT_FIELD) or "",
        skill=selected(values, SKILL_FIELD) or "",
        approach=selected(values, APPROACH_FIELD) or "",
        outcome=selected(values, OUTCOME_FIELD) or "",
        consent=_TICKED in ticked_positions(values, CONSENT_FIELD),
    )
    return WinSource.read(metadata(view).get(SOURCE)), draft
