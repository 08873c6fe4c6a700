"""The debrief modal, the rep's DM copy, the manager's feedback modal and the feedback the rep gets.

The call's fields are `handlers.blocks.call_fields` (shared with the shadow
modal); this module adds what only a debrief has around them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from domain import field_lengths
from domain.coaching.calls import CallAnswers
from domain.coaching.debriefs import Debrief
from domain.coaching.indicators import shown
from domain.services.debrief_feedback import FEEDBACK_FIELD, FeedbackForm, FeedbackForRep
from domain.services.debriefs import DealPick, DebriefCopy, DebriefForm
from handlers.blocks import limits
from handlers.blocks.call_fields import CallPrefill, DealChoice, call_blocks, deal_option
from handlers.blocks.inputs import as_int, input_block, metadata, metadata_int, selected, state_values, text_input
from handlers.blocks.kit import Block, actions, button, context, local_time, md, mention, message, plain, section
from handlers.blocks.mrkdwn import joined
from handlers.edge import ids

COPY_ANSWER = 600  # characters of each answer in the DM copy: a copy is short, the debrief keeps it all
EDITING, SHADOW = "debrief", "shadow"


def debrief_modal(form: DebriefForm) -> dict[str, Any]:
    """The one debrief form, new or (with `form.editing`) prefilled to edit."""
    editing = form.editing
    if form.skill_names:
        intro = md("One minute on your last call. Your focus: *{skills}*.", skills=" and ".join(form.skill_names))
    else:
        intro = md("One minute on your last call.")
    prefill = CallPrefill(
        deal=DealChoice(form.deal.deal_id, form.deal.label) if form.deal else None,
        account=form.account, call_type=form.call_type, call_on=form.call_on,
        answers=editing.answers if editing else None,
        indicators=editing.indicators if editing else {}, recording_link=form.recording_link,
    )
    blocks: list[Block] = [section(intro), *call_blocks(questions=form.questions, indicators=form.indicators,
                                                        today=form.today, prefill=prefill)]
    opened: dict[str, int] = {}
    if editing is not None and editing.id is not None:
        opened[EDITING] = editing.id
    elif form.shadow_id is not None:
        opened[SHADOW] = form.shadow_id
    return {
        "type": "modal",
        "callback_id": ids.DEBRIEF_VIEW,
        "title": plain("Edit debrief" if editing else "Debrief a call", limits.VIEW_TITLE),
        "submit": plain("Save", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps(opened),
        "blocks": blocks[: limits.VIEW_BLOCKS],
    }


def read_debrief_metadata(view: dict[str, Any]) -> tuple[int | None, int | None] | None:
    """(the debrief being edited, the shadow observation to link), each None when absent;
    None when the metadata was tampered with (not what `debrief_modal` writes)."""
    opened = metadata(view)
    editing, shadow = metadata_int(opened, EDITING), metadata_int(opened, SHADOW)
    if view.get("private_metadata") not in ("", None, "{}") and not opened:
        return None  # not JSON, too long, not an object
    if (EDITING in opened and editing is None) or (SHADOW in opened and shadow is None):
        return None
    return editing, shadow


def _call_line(debrief: Debrief) -> Any:
    return md("*{call}* · {kind} call · {day:%a %-d %b}", call=debrief.call.label, kind=debrief.call_type.label,
              day=debrief.call_on)


def _answers(questions: Sequence[str], answers: CallAnswers) -> list[Block]:
    return [section(md("*{question}*\n{answer}", question=question, answer=limits.clip(answer, COPY_ANSWER)))
            for question, answer in zip(questions, answers.as_dict().values(), strict=True)]


def debrief_copy_message(copy: DebriefCopy) -> dict[str, Any]:
    """The rep's DM copy of a debrief: call, type, date, the answers, indicators; Edit while editable."""
    debrief = copy.debrief
    edited = debrief.version > 1
    title = md("{what}: {line}", what="Debrief edited" if edited else "Debrief saved", line=_call_line(debrief))
    blocks: list[Block] = [section(title), *_answers(copy.questions, debrief.answers)]
    notes = [md("{name}: *{value}*", name=indicator.name, value=shown(indicator, value))
             for indicator, value in copy.indicators]
    if notes:
        blocks.append(context(joined(" · ", notes)))
    if debrief.recording_link:
        blocks.append(context(md("Recording: {link}", link=debrief.recording_link)))
    until = debrief.editable_until()
    if copy.editable and debrief.id is not None:
        blocks.append(actions(button("Edit", ids.EDIT_DEBRIEF, value=str(debrief.id))))
        if until is not None:
            blocks.append(context(md("You can edit it until {until}.", until=local_time(until))))
    if edited:
        blocks.append(context(md("Version {version}; the earlier one is kept.", version=debrief.version)))
    text = md("{what}: {call}, {kind} call on {day:%a %-d %b}", what="Debrief edited" if edited else "Debrief saved",
              call=debrief.call.label, kind=debrief.call_type.value, day=debrief.call_on)
    return message(text, blocks)


def feedback_modal(form: FeedbackForm) -> dict[str, Any]:
    """The manager's one-field reply to a rep's debrief."""
    debrief = form.debrief
    blocks: list[Block] = [
        section(md("{rep}'s debrief: {line}", rep=mention(form.rep.user_id), line=_call_line(debrief))),
        *_answers(("Went well", "Would do differently", "Will practice"), debrief.answers),
        input_block(FEEDBACK_FIELD, "Your feedback", text_input(
            None, multiline=True, max_length=field_lengths.DEBRIEF_FEEDBACK,
            placeholder="What you noticed, and one thing to try next time"),
            hint="Sent to the rep in the thread of their debrief."),
    ]
    return {
        "type": "modal",
        "callback_id": ids.DEBRIEF_FEEDBACK_VIEW,
        "title": plain("Reply with feedback", limits.VIEW_TITLE),
        "submit": plain("Send", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({EDITING: debrief.id}),
        "blocks": blocks,
    }


def read_feedback(view: dict[str, Any]) -> tuple[int | None, str]:
    """(the debrief replied to, or None if the form was tampered with; the feedback as typed)."""
    return metadata_int(metadata(view), EDITING), selected(state_values(view), FEEDBACK_FIELD) or ""


def feedback_message(notice: FeedbackForRep) -> dict[str, Any]:
    """To the rep, in the thread of their debrief's copy: what their manager wrote (escaped: someone else's text)."""
    feedback, debrief = notice.feedback, notice.debrief
    intro = md("{manager} replied to your debrief of *{call}* ({day:%a %-d %b}):",
               manager=mention(feedback.manager_id), call=debrief.call.label, day=debrief.call_on)
    built = message(md("{intro} {text}", intro=intro, text=limits.clip(feedback.text, 200)),
                    [section(intro), section(feedback.text)])
    if notice.thread_ts:
        built["thread_ts"] = notice.thread_ts
    return built


def deal_options(picks: Sequence[DealPick]) -> dict[str, Any]:
    """The options listener's answer: at most 100 options, each text at most 75 characters."""
    return {"options": [deal_option(pick.deal_id, pick.label) for pick in picks[: limits.OPTIONS]]}


def open_debrief_value(shadow_id: int | None = None) -> str:
    """The value of a Debrief button (ids.OPEN_DEBRIEF): "" or "shadow:<id>" to link a shadowed call."""
    return f"{SHADOW}:{shadow_id}" if shadow_id is not None else ""


def read_open_debrief_value(value: str | None) -> int | bool | None:
    """The shadow id a Debrief button links (an int), None for a plain one, False for a value we never wrote."""
    if not value:
        return None
    kind, _, number = value.partition(":")
    found = as_int(number)
    if kind != SHADOW or not isinstance(found, int):
        return False
    return found


def read_debrief_id(value: str | None) -> int | None:
    """The debrief id on an Edit or "Reply with feedback" button; None for a value we never wrote."""
    found = as_int(value)
    return found if isinstance(found, int) else None


def feedback_button(debrief_id: int) -> dict[str, Any]:
    """"Reply with feedback" on a manager's line about one debrief (the digest puts it there)."""
    return button("Reply with feedback", ids.DEBRIEF_FEEDBACK, value=str(debrief_id))
