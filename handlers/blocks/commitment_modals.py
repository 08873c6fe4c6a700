"""The commitment modals (the action plan, `/commit`, obstacles, a new deadline) and reading them back.

The plan modal shows three action blocks at once, the first required and the
other two optional, rather than one block and an "Add an action" button
rewriting the modal with `views.update`: 3 x 6 inputs fit Slack's 100 blocks
easily, nothing typed can be lost between two versions of the view, and the
manager sees at a glance that three is the limit. The server refuses a fourth
whatever a crafted submission carries (the reader reads every `action_<n>`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from domain import field_lengths
from domain.coaching.commitments import (
    ACTION,
    CONFIDENCE_FIELD,
    DEADLINE,
    EVIDENCE,
    MAX_ACTIONS,
    OBSTACLES,
    OWNER,
    SUPPORT,
    ActionDraft,
    CommitmentStatus,
    field_key,
)
from domain.services.commitment_notices import AnswerForm, CommitForm, PlanForm
from handlers.blocks import limits
from handlers.blocks.commitments import action_line
from handlers.blocks.inputs import (
    as_int,
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
from handlers.blocks.kit import Block, context, divider, md, mention, plain, section
from handlers.edge import ids

POST = "post"
_READ_UP_TO = 9  # a crafted form may carry more action blocks than we built: read them, so a fourth is refused
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_CONFIDENCE = [option(n, f"{n} — {label}") for n, label in
               ((1, "not confident"), (2, "unsure"), (3, "fairly sure"), (4, "confident"), (5, "certain"))]
DEFAULT_DAYS = 7


def _action_blocks(number: int, *, required: bool, rep_id: str | None, today: date) -> list[Block]:
    optional = not required
    deadline: dict[str, Any] = {"type": "datepicker"}
    if required:
        deadline["initial_date"] = (today + timedelta(days=DEFAULT_DAYS)).isoformat()
    blocks: list[Block] = [
        section(md("*Action {n}*{optional}", n=number, optional=md(" (optional)") if optional else md(""))),
        input_block(field_key(ACTION, number), "What are the actions we agreed on?",
                    text_input(max_length=field_lengths.COMMITMENT_ACTION, placeholder="Send Hooli the ROI one-pager"),
                    optional=optional),
    ]
    if rep_id is not None:
        blocks.append(input_block(field_key(OWNER, number), "Owner",
                                  {"type": "users_select", "initial_user": rep_id}, optional=True,
                                  hint="The rep by default; pick someone else to delegate. They see only this action."))
    blocks += [
        input_block(field_key(DEADLINE, number), "When will it be done?", deadline, optional=optional,
                    hint="In the owner's own calendar."),
        input_block(field_key(EVIDENCE, number), "How will we know it is done?",
                    text_input(max_length=field_lengths.COMMITMENT_EVIDENCE, placeholder="The KPI or the evidence"),
                    optional=True),
        input_block(field_key(CONFIDENCE_FIELD, number), "Owner's confidence", select(_CONFIDENCE, None, "1 to 5"),
                    optional=True),
        input_block(field_key(SUPPORT, number), "Support needed",
                    text_input(max_length=field_lengths.COMMITMENT_SUPPORT, multiline=True), optional=True),
    ]
    return blocks


def plan_modal(form: PlanForm) -> dict[str, Any]:
    blocks: list[Block] = [section(md(
        "Action plan for {rep}: one to three actions (limit priorities). Each owner gets what they own in a DM, "
        "a reminder the working day before the deadline and a check-in on the day.", rep=mention(form.rep.user_id)))]
    if form.cycle_ends is not None:
        blocks.append(context(md("Their coaching cycle ends {day:%a %-d %b}: a later deadline is allowed.",
                                 day=form.cycle_ends)))
    for number in range(1, MAX_ACTIONS + 1):
        blocks.append(divider())
        blocks += _action_blocks(number, required=number == 1, rep_id=form.rep.user_id, today=form.today)
    if form.channel:
        blocks.append(divider())
        blocks.append(input_block(POST, "Share", {"type": "checkboxes", "options": [
            option(POST, "Post to the team channel")]}, optional=True,
            hint="Private by default. The post leaves out confidence and support."))
    return {
        "type": "modal",
        "callback_id": ids.PLAN_VIEW,
        "title": plain("Action plan", limits.VIEW_TITLE),
        "submit": plain("Save plan", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({"rep": form.rep.user_id, **({"session": form.session_id}
                                                                    if form.session_id is not None else {})}),
        "blocks": blocks[: limits.VIEW_BLOCKS],
    }


def commit_modal(form: CommitForm, action: str = "") -> dict[str, Any]:
    blocks = _action_blocks(1, required=True, rep_id=None, today=form.today)[1:]
    if action:
        blocks[0]["element"]["initial_value"] = action[: field_lengths.COMMITMENT_ACTION]
    return {
        "type": "modal",
        "callback_id": ids.COMMIT_VIEW,
        "title": plain("Commit to an action", limits.VIEW_TITLE),
        "submit": plain("Commit", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({"rep": form.rep.user_id}),
        "blocks": blocks,
    }


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw and _ISO_DAY.fullmatch(raw) else None
    except ValueError:
        return None


def _user(values: dict[str, Any], block_id: str) -> str | None:
    block = values.get(block_id)
    field = block.get("value") if isinstance(block, dict) else None
    found = field.get("selected_user") if isinstance(field, dict) else None
    return found if isinstance(found, str) and metadata_user({"u": found}, "u") else None


def _draft(values: dict[str, Any], number: int) -> ActionDraft:
    confidence = selected(values, field_key(CONFIDENCE_FIELD, number))
    return ActionDraft(
        action=selected(values, field_key(ACTION, number)) or "",
        owner_id=_user(values, field_key(OWNER, number)),
        deadline=_day(selected(values, field_key(DEADLINE, number))),
        evidence=selected(values, field_key(EVIDENCE, number)) or "",
        confidence=as_int(confidence) if confidence is not None else None,
        support=selected(values, field_key(SUPPORT, number)) or "",
    )


@dataclass(frozen=True)
class PlanInput:
    rep_id: str | None  # None: the metadata is not what the builder wrote
    drafts: tuple[ActionDraft, ...]
    post: bool
    session_id: int | None = None  # the 1:1 it is recorded at (the session card's button)


def read_plan(view: dict[str, Any]) -> PlanInput:
    """The filled action blocks, in order (blank optional ones left out), and the channel checkbox."""
    values = state_values(view)
    drafts = []
    for number in range(1, _READ_UP_TO + 1):
        if field_key(ACTION, number) not in values:
            continue
        draft = _draft(values, number)
        if number == 1 or not (draft.is_blank and draft.confidence is None):
            drafts.append(draft)
    block = values.get(POST)
    field = block.get("value") if isinstance(block, dict) else None
    chosen = field.get("selected_options") if isinstance(field, dict) else None
    post = isinstance(chosen, list) and any(isinstance(o, dict) and o.get("value") == POST for o in chosen)
    shown = metadata(view)
    rep_id = metadata_user(shown, "rep")
    session_id = metadata_int(shown, "session")
    if "session" in shown and session_id is None:
        rep_id = None  # a session we did not write: unreadable, rather than a plan of no session
    return PlanInput(rep_id, tuple(drafts), post, session_id)


def read_commit(view: dict[str, Any]) -> ActionDraft:
    return _draft(state_values(view), 1)


# -- the check-in's obstacles, the manager's new deadline --------------------------------


def obstacles_modal(form: AnswerForm) -> dict[str, Any]:
    verb = "partly done" if form.status is CommitmentStatus.PARTLY else "not done"
    return {
        "type": "modal",
        "callback_id": ids.COMMITMENT_OBSTACLES_VIEW,
        "title": plain("How it went", limits.VIEW_TITLE),
        "submit": plain("Send", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({"c": form.commitment.id, "s": form.status.value}),
        "blocks": [
            section(action_line(form.commitment)),
            input_block(OBSTACLES, f"It is {verb}: what got in the way?",
                        text_input(max_length=field_lengths.COMMITMENT_OBSTACLES, multiline=True),
                        hint="Your manager sees this; your next 1:1 starts from it."),
        ],
    }


def read_obstacles(view: dict[str, Any]) -> tuple[int | None, CommitmentStatus | None, str]:
    shown = metadata(view)
    raw = shown.get("s")
    status = next((s for s in (CommitmentStatus.PARTLY, CommitmentStatus.NOT_DONE) if s.value == raw), None)
    return metadata_int(shown, "c"), status, selected(state_values(view), OBSTACLES) or ""


def move_modal(commitment_id: int, line: str, deadline: date) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": ids.COMMITMENT_MOVE_VIEW,
        "title": plain("Move the deadline", limits.VIEW_TITLE),
        "submit": plain("Move", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({"c": commitment_id}),
        "blocks": [
            section(line),
            input_block(DEADLINE, "New deadline", {"type": "datepicker", "initial_date": deadline.isoformat()},
                        hint="The owner is told; the change is kept in the action's history."),
        ],
    }


def read_move(view: dict[str, Any]) -> tuple[int | None, date | None]:
    return metadata_int(metadata(view), "c"), _day(selected(state_values(view), DEADLINE))
