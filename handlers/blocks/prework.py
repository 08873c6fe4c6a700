"""1:1 pre-work in Slack: the rep's DMs and modal, the manager's notice and question modal, and reading them back.

The modal shows four agenda inputs at once (the first three required by
the service, not by Slack, so a rep carrying items forward may leave typed
ones empty); last session's items are ticked in a checkbox group above them.
When the workspace has an enablement pre-read, its questions follow
(handlers/blocks/preread.py). Everything one person typed for the other is escaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain import field_lengths
from domain.coaching.prework import (
    AGENDA,
    BACKGROUND,
    MAX_ITEMS,
    MAX_MANAGER_QUESTIONS,
    MIN_ITEMS,
    QUESTIONS,
    Prework,
    item_key,
    question_key,
)
from domain.coaching.sessions import CoachingSession
from domain.fingerprint import version_of
from domain.model import Member
from domain.notifications.session_prework import PreworkNote
from domain.services.prework_notices import ManagerAsked, PreworkArrived, PreworkForm, PreworkSaved, QuestionForm
from handlers.blocks import limits
from handlers.blocks.inputs import (
    VALUE,
    input_block,
    metadata,
    metadata_int,
    option,
    selected,
    state_values,
    ticked_positions,
)
from handlers.blocks.inputs import text_input as _text_input
from handlers.blocks.kit import Block, actions, button, context, md, mention, message, plain, section
from handlers.blocks.mrkdwn import Mrkdwn, joined
from handlers.blocks.preread import VERSION, preread_inputs, preread_section
from handlers.blocks.sessions import local
from handlers.edge import ids

CARRY = "carry"


def _when(session: CoachingSession, reader: Member) -> str:
    return f"{local(session.starts_at, reader):%a %-d %b %H:%M}"


def _prepare_button(session: CoachingSession, edit: bool) -> dict[str, Any]:
    text = "Edit my pre-work" if edit else "Prepare for our 1:1"
    return button(text, ids.OPEN_PREWORK, str(session.id), style=None if edit else "primary")


def _agenda_lines(prework: Prework) -> Mrkdwn:
    return joined("\n", [md("{n}. {item}", n=n, item=item) for n, item in enumerate(prework.agenda, start=1)])


def prework_message(note: PreworkNote, now: datetime) -> dict[str, Any]:
    """The rep's DM 24 h before (or at once when booked sooner), or the reminder 2 h before."""
    when = _when(note.session, note.rep)
    with_whom = mention(note.manager_id)
    if note.reminder:
        text = md(":hourglass_flowing_sand: Your 1:1 with {who} starts at {when}, and your pre-work is not in yet. "
                  "Three or four agenda items are enough.", who=with_whom, when=when)
    else:
        text = md(":memo: Your 1:1 with {who} is on {when} (your time). You lead it: set 3-4 agenda items, and "
                  "add your questions and any background your manager should read first.", who=with_whom, when=when)
    blocks: list[Block] = [section(text)]
    if note.prework is not None:
        blocks.append(section(md("*Your agenda so far*\n{lines}", lines=_agenda_lines(note.prework))))
    blocks.append(actions(_prepare_button(note.session, note.prework is not None)))
    blocks.append(context("Editable until the session starts."))
    return message(text, blocks)


def prework_modal(form: PreworkForm) -> dict[str, Any]:
    """The pre-work modal, prefilled with what the rep wrote; last session's items as checkboxes to carry."""
    mine = form.prework
    typed = list(mine.agenda) if mine else []
    blocks: list[Block] = [section(md("Your 1:1 with {who} on *{when}*. Give {low} or {high} agenda items: "
                                      "what you most want to cover, most important first.",
                                      who=mention(form.session.manager_id), when=_when(form.session, form.rep),
                                      low=MIN_ITEMS, high=MAX_ITEMS))]
    carry = list(form.carry_over[:MAX_ITEMS])
    if carry:
        blocks.append({
            "type": "input", "block_id": CARRY, "optional": True,
            "label": plain("Carry forward from last time", 2000),
            "hint": plain("Items from your last 1:1's agenda; ticked ones count as agenda items.", 2000),
            "element": {"type": "checkboxes", "action_id": VALUE,
                        "options": [option(n, limits.clip(item, limits.OPTION_TEXT)) for n, item in enumerate(carry)]},
        })
    for n in range(1, MAX_ITEMS + 1):
        initial = typed[n - 1] if n <= len(typed) else None
        blocks.append(input_block(item_key(n), f"Agenda item {n}",
                                  _text_input(initial, max_length=field_lengths.PREWORK_ITEM), optional=True))
    blocks.append(input_block(QUESTIONS, "Questions for your manager",
                              _text_input(mine.questions if mine else None, max_length=field_lengths.PREWORK_TEXT,
                                          multiline=True), optional=True))
    blocks.append(input_block(BACKGROUND, "Background your manager should read first",
                              _text_input(mine.background if mine else None, max_length=field_lengths.PREWORK_TEXT,
                                          multiline=True), optional=True,
                              hint="Deals, numbers or context that make the conversation quicker."))
    if mine and mine.manager_questions:
        blocks.append(context(md("Your manager asked: {asked}",
                                 asked=joined(" · ", [md("{q}", q=q) for q in mine.manager_questions]))))
    blocks += preread_inputs(form)
    opened: dict[str, Any] = {"s": form.session.id, "k": carry}
    if form.preread:
        opened[VERSION] = version_of(form.preread)
    return {
        "type": "modal",
        "callback_id": ids.PREWORK_VIEW,
        "title": plain("1:1 pre-work", limits.VIEW_TITLE),
        "submit": plain("Save", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps(opened),
        "blocks": blocks,
    }


@dataclass(frozen=True)
class TypedPrework:
    session_id: int | None
    typed: list[str]
    carried: list[str]
    questions: str
    background: str


def read_prework(view: dict[str, Any]) -> TypedPrework:
    opened, values = metadata(view), state_values(view)
    offered = opened.get("k")
    carry = [str(item) for item in offered if isinstance(item, str)] if isinstance(offered, list) else []
    carried = [carry[n] for n in ticked_positions(values, CARRY) if n < len(carry)]
    # Every `agenda_<n>` a submission carries is read, so a crafted fifth item is counted (and refused).
    keys = sorted((k for k in values if isinstance(k, str) and k.startswith(f"{AGENDA}_")),
                  key=lambda k: (len(k), k))
    typed = [selected(values, k) or "" for k in keys]
    return TypedPrework(metadata_int(opened, "s"), typed, carried, selected(values, QUESTIONS) or "",
                        selected(values, BACKGROUND) or "")


def prework_saved_message(saved: PreworkSaved) -> dict[str, Any]:
    """The rep's confirmation: the agenda as stored, and the button to edit it until the session starts."""
    verb = "updated" if saved.edited else "saved"
    text = md(":white_check_mark: Pre-work {verb} for your 1:1 on {when}; {who} has it.", verb=verb,
              when=_when(saved.session, saved.rep), who=mention(saved.session.manager_id))
    return message(text, [section(text), section(_agenda_lines(saved.prework)),
                          actions(_prepare_button(saved.session, edit=True))])


def prework_arrived_message(arrived: PreworkArrived) -> dict[str, Any]:
    """The manager's DM: the rep's agenda, questions and background, and "Add a question" while there is room."""
    prework = arrived.prework
    verb = "updated their" if arrived.edited else "sent their"
    text = md(":memo: {rep} {verb} pre-work for your 1:1 on {when}.", rep=mention(arrived.rep.user_id), verb=verb,
              when=_when(arrived.session, arrived.manager))
    blocks: list[Block] = [section(text), section(md("*Their agenda*\n{lines}", lines=_agenda_lines(prework)))]
    if prework.questions:
        blocks.append(section(md("*Their questions for you*\n{q}", q=prework.questions)))
    if prework.background:
        blocks.append(section(md("*Background*\n{b}", b=prework.background)))
    blocks += preread_section(prework)
    room = MAX_MANAGER_QUESTIONS - len(prework.manager_questions)
    if room > 0:
        blocks.append(actions(button("Add a question", ids.ADD_PREWORK_QUESTION, str(arrived.session.id))))
        blocks.append(context(f"You can add {room} question{'s' if room > 1 else ''} of your own; the rep sees them."))
    else:
        blocks.append(context("You have added your two questions; the rep has them."))
    return message(text, blocks)


def prework_question_modal(form: QuestionForm) -> dict[str, Any]:
    blocks: list[Block] = [section(md("*The rep's agenda*\n{lines}", lines=_agenda_lines(form.prework)))]
    blocks += [input_block(question_key(n), f"Your question {n}" if form.room > 1 else "Your question",
                           _text_input(None, max_length=field_lengths.PREWORK_QUESTION, multiline=True),
                           optional=n > 1)
               for n in range(1, max(form.room, 1) + 1)]
    blocks.append(context(f"At most {MAX_MANAGER_QUESTIONS} questions from you, so the rep's agenda stays first."))
    return {
        "type": "modal",
        "callback_id": ids.PREWORK_QUESTION_VIEW,
        "title": plain("Add a question", limits.VIEW_TITLE),
        "submit": plain("Send to the rep", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({"s": form.session.id}),
        "blocks": blocks,
    }


def read_questions(view: dict[str, Any]) -> tuple[int | None, list[str]]:
    values = state_values(view)
    keys = sorted((k for k in values if isinstance(k, str) and k.startswith("manager_question_")),
                  key=lambda k: (len(k), k))
    return metadata_int(metadata(view), "s"), [selected(values, k) or "" for k in keys]


def manager_asked_message(asked: ManagerAsked) -> dict[str, Any]:
    """The rep's DM: the manager's own questions for the 1:1."""
    text = md(":speech_balloon: {who} added {n} for your 1:1 on {when}:", who=mention(asked.manager_id),
              n="a question" if len(asked.asked) == 1 else f"{len(asked.asked)} questions",
              when=_when(asked.session, asked.rep))
    lines = joined("\n", [md("• {q}", q=q) for q in asked.asked])
    return message(text, [section(text), section(lines), actions(_prepare_button(asked.session, edit=True))])
