"""The homework modals (assign, hand in, feedback) and reading their submissions.

The assignment modal opens with the first template of the rep's focus skills
chosen and its text prefilled. Picking another template sends a block action
(`ids.HOMEWORK_TEMPLATE`, `dispatch_action`), and the modal is rebuilt with
`views.update`: the assignment text gets a new block id (`text_<template>`),
so Slack takes the new template's text instead of keeping what was in the
old box, while the due date and what to hand in are carried over from the
view's state. The metadata names the current text block.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from domain import field_lengths
from domain.coaching.homework import (
    ANSWER,
    DUE_ON,
    FEEDBACK,
    FILE,
    HAND_IN_KIND,
    LINK,
    TEMPLATE,
    TEXT,
    HandIn,
    HandInKind,
    Homework,
)
from domain.services.homework_notices import AssignmentForm, FeedbackForm, HandInForm
from handlers.blocks import limits
from handlers.blocks.homework import hand_in_blocks
from handlers.blocks.inputs import (
    VALUE,
    input_block,
    metadata,
    metadata_int,
    metadata_user,
    option,
    select,
    selected,
    state_values,
    text_input,
)
from handlers.blocks.kit import Block, context, md, mention, plain, section
from handlers.edge import ids

FREE = "free"  # the template picker's "Free text"
DEFAULT_DAYS = 7  # a new homework is due a week from today unless the manager picks another day
_TEXT_BLOCK = "text_"
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_KINDS = [option(kind.value, {HandInKind.TEXT: "A written answer", HandInKind.LINK: "A link (https)",
                              HandInKind.FILE: "A file"}[kind]) for kind in HandInKind]


@dataclass(frozen=True)
class Kept:
    """What the manager already set in the modal, carried over when a template rewrites it."""

    due_on: str | None = None
    hand_in: str | None = None


def text_block(template_id: str | None) -> str:
    return _TEXT_BLOCK + (template_id or FREE)


def _template_element(form: AssignmentForm, chosen: str) -> dict[str, Any]:
    groups: dict[str, dict[str, Any]] = {}
    for choice in form.choices:
        group = groups.setdefault(choice.competency.id, {"label": plain(choice.competency.name, limits.OPTION_TEXT),
                                                         "options": []})
        group["options"].append(option(choice.template.id, choice.template.title))
    free = option(FREE, "Free text: write your own")
    groups[FREE] = {"label": plain("Your own", limits.OPTION_TEXT), "options": [free]}
    for group in groups.values():  # an admin's catalog may hold more templates than Slack lists
        group["options"] = group["options"][: limits.OPTIONS]
    options = [o for g in groups.values() for o in g["options"]]
    return {"type": "static_select", "action_id": ids.HOMEWORK_TEMPLATE,
            "option_groups": list(groups.values())[: limits.OPTIONS],
            "initial_option": next((o for o in options if o["value"] == chosen), free),
            "placeholder": plain("Pick a template", 150)}


def assign_homework_modal(form: AssignmentForm, chosen: str | None = None, kept: Kept | None = None) -> dict[str, Any]:
    """`chosen`: a template id or `FREE`; None opens on the first template offered."""
    first = form.choices[0].template.id if form.choices else FREE
    choice = form.choice(chosen or first)
    template = choice.template.id if choice is not None else FREE
    kept = kept or Kept()
    due = (_day(kept.due_on) or form.today + timedelta(days=DEFAULT_DAYS)).isoformat()
    skills = "their focus skills" if form.focused else "every skill (no focus skills chosen yet)"
    template_block = {**input_block(TEMPLATE, "Start from", {}), "element": _template_element(form, template),
                      "dispatch_action": True, "hint": plain(f"Templates for {skills}.", 2000)}
    blocks: list[Block] = [
        section(md("Homework for {rep}. They get it in a DM with a *Hand in* button, and a reminder on the "
                   "morning it is due.", rep=mention(form.rep.user_id))),
        template_block,
        input_block(text_block(template), "Assignment",
                    text_input(choice.text if choice else None, max_length=field_lengths.HOMEWORK_TEXT,
                               multiline=True, placeholder="What should they do, and why?"),
                    hint="The rep reads exactly this; edit it as you like."),
        input_block(DUE_ON, "Due", {"type": "datepicker", "initial_date": due}),
        input_block(HAND_IN_KIND, "What they hand in", select(_KINDS, kept.hand_in or HandInKind.TEXT.value)),
    ]
    return {
        "type": "modal",
        "callback_id": ids.HOMEWORK_VIEW,
        "title": plain("Homework", limits.VIEW_TITLE),
        "submit": plain("Send homework", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({"rep": form.rep.user_id, "text": text_block(template)}),
        "blocks": blocks,
    }


def _day(raw: str | None) -> date | None:
    """A datepicker's YYYY-MM-DD, ASCII digits only (`date.fromisoformat` reads other scripts' digits)."""
    try:
        return date.fromisoformat(raw) if raw and _ISO_DAY.fullmatch(raw) else None
    except ValueError:
        return None


@dataclass(frozen=True)
class AssignmentInput:
    rep_id: str | None  # None: the metadata is not what the builder wrote
    text_block: str | None
    template_id: str | None  # None for free text
    text: str
    due_on: date | None
    kind: str | None


def read_assignment(view: dict[str, Any]) -> AssignmentInput:
    values, shown = state_values(view), metadata(view)
    block = shown.get("text")
    block = block if isinstance(block, str) and block.startswith(_TEXT_BLOCK) and len(block) <= 64 else None
    template = selected(values, TEMPLATE, ids.HOMEWORK_TEMPLATE)
    return AssignmentInput(
        rep_id=metadata_user(shown, "rep"), text_block=block,
        template_id=None if template in (None, FREE) else template,
        text=(selected(values, block) if block else None) or "",
        due_on=_day(selected(values, DUE_ON)), kind=selected(values, HAND_IN_KIND),
    )


def kept_from(view: dict[str, Any]) -> Kept:
    values = state_values(view)
    return Kept(due_on=selected(values, DUE_ON), hand_in=selected(values, HAND_IN_KIND))


def assignment_errors(problems: dict[str, str], text_block_id: str) -> dict[str, str]:
    return {(text_block_id if key == TEXT else key): value for key, value in problems.items()}


# -- handing in -------------------------------------------------------------------------


def hand_in_modal(form: HandInForm) -> dict[str, Any]:
    homework = form.homework
    kind = homework.hand_in_kind
    intro = md("*Homework from {manager}*, due {due:%a %-d %b}.", manager=mention(homework.manager_id),
               due=homework.due_on)
    blocks: list[Block] = [section(intro), section(homework.text)]
    if form.rep_today > homework.due_on:
        blocks.append(context("The due date has passed: you can still hand it in, and it shows as late."))
    note = text_input(max_length=field_lengths.HOMEWORK_ANSWER, multiline=True,
                      placeholder="Anything your manager should know")
    if kind is HandInKind.TEXT:
        blocks.append(input_block(ANSWER, "Your answer", text_input(max_length=field_lengths.HOMEWORK_ANSWER,
                                                                    multiline=True)))
    elif kind is HandInKind.LINK:
        blocks.append(input_block(LINK, "Link to your work", text_input(
            max_length=field_lengths.HOMEWORK_LINK, placeholder="https://..."), hint="A link that starts with https://"))
        blocks.append(input_block(ANSWER, "Note", note, optional=True))
    else:
        blocks.append(input_block(FILE, "Your file", {"type": "file_input", "max_files": 1},
                                  hint="One file, up to 10 MB."))
        blocks.append(input_block(ANSWER, "Note", note, optional=True))
    return {
        "type": "modal",
        "callback_id": ids.HAND_IN_VIEW,
        "title": plain("Hand in homework", limits.VIEW_TITLE),
        "submit": plain("Hand in", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({"homework": homework.id}),
        "blocks": blocks,
    }


def _uploaded(values: dict[str, Any]) -> dict[str, Any]:
    """The first file of the file input, as Slack sends it (`files`: a list of file objects); {} if none."""
    block = values.get(FILE) if isinstance(values, dict) else None
    field = block.get(VALUE) if isinstance(block, dict) else None
    files = field.get("files") if isinstance(field, dict) else None
    first = files[0] if isinstance(files, list) and files else None
    return first if isinstance(first, dict) else {}


def _text(found: object) -> str | None:
    return found if isinstance(found, str) else None


def read_hand_in(view: dict[str, Any]) -> tuple[int | None, HandIn]:
    """(the homework id from the metadata, what was handed in)."""
    values = state_values(view)
    file = _uploaded(values)
    hand_in = HandIn(selected(values, ANSWER) or "", link=selected(values, LINK) or _text(file.get("permalink")),
                     file_id=_text(file.get("id")), file_name=_text(file.get("name")) or _text(file.get("title")))
    return metadata_int(metadata(view), "homework"), hand_in


# -- feedback ---------------------------------------------------------------------------


def homework_feedback_modal(form: FeedbackForm) -> dict[str, Any]:
    homework: Homework = form.homework
    blocks: list[Block] = [
        *hand_in_blocks(homework, form.late),
        input_block(FEEDBACK, "Your feedback", text_input(max_length=field_lengths.HOMEWORK_FEEDBACK,
                                                          multiline=True),
                    hint="The rep gets it in a DM, in the thread of the homework."),
    ]
    return {
        "type": "modal",
        "callback_id": ids.HOMEWORK_FEEDBACK_VIEW,
        "title": plain("Homework feedback", limits.VIEW_TITLE),
        "submit": plain("Send feedback", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({"homework": homework.id}),
        "blocks": blocks,
    }


def read_feedback(view: dict[str, Any]) -> tuple[int | None, str]:
    return metadata_int(metadata(view), "homework"), selected(state_values(view), FEEDBACK) or ""
