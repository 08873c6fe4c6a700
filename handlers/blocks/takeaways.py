"""1:1 takeaways in Slack: the button and section for the session card and lists, the modal, the DMs.

`takeaways_button` and `takeaways_section` are the pieces the session card
(and `/coach sessions`) puts on its messages. Everything one person typed for
the other is escaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from domain import field_lengths
from domain.coaching.sessions import CoachingSession
from domain.coaching.takeaways import COVERED, TEXT, Takeaways
from domain.fingerprint import version_of
from domain.model import Member
from domain.services.takeaway_notices import PastSession, RecentTakeaways, TakeawaysForm, TakeawaysRecorded
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
from handlers.blocks.sessions import local
from handlers.edge import ids

SHOWN = 8  # past sessions listed under `/coach sessions`; a manager of many reps narrows with @rep
_OPTIONS = 10  # checkboxes take at most 10 options; an agenda has at most 4


def takeaways_button(session_id: int, *, recorded: bool = False) -> dict[str, Any]:
    """The manager's "Record takeaways" ("Edit takeaways" once recorded) button; its value is the session id."""
    text = "Edit takeaways" if recorded else "Record takeaways"
    return button(text, ids.OPEN_TAKEAWAYS, str(session_id), style=None if recorded else "primary")


def takeaways_section(takeaways: Takeaways | None, agenda: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The recorded takeaways and, with the session's `agenda`, which items were covered and which carry forward.

    Empty when nothing was recorded: the caller shows the button instead.
    """
    if takeaways is None:
        return []
    blocks: list[Block] = [section(md("*Takeaways*\n{text}", text=takeaways.text))]
    covered = [item for item in agenda if takeaways.is_covered(item)] if agenda else list(takeaways.covered)
    left = [item for item in agenda if not takeaways.is_covered(item)]
    notes: list[Mrkdwn] = []
    if covered:
        notes.append(md(":white_check_mark: Covered: {items}", items=joined(" · ", covered)))
    if left:
        notes.append(md(":arrow_right: Carries forward: {items}", items=joined(" · ", left)))
    if notes:
        blocks.append(context(*notes))
    return blocks


# -- the modal ---------------------------------------------------------------------------


def takeaways_modal(form: TakeawaysForm) -> dict[str, Any]:
    """The takeaways (prefilled when editing) and the rep's agenda items as checkboxes (none without pre-work)."""
    recorded = form.takeaways
    when = f"{local(form.session.starts_at, form.reader):%a %-d %b %H:%M}"
    blocks: list[Block] = [section(md("1:1 with {rep} on *{when}*. What did you agree on or learn? {rep} gets "
                                      "these in a DM and can read them later.",
                                      rep=mention(form.rep.user_id), when=when))]
    blocks.append(input_block(TEXT, "Takeaways",
                              _text_input(recorded.text if recorded else None,
                                          max_length=field_lengths.TAKEAWAYS_TEXT, multiline=True),
                              hint="Decisions, what you learned, what happens next."))
    agenda = form.agenda[:_OPTIONS]
    if agenda:
        options = [option(n, item) for n, item in enumerate(agenda)]
        element: dict[str, Any] = {"type": "checkboxes", "action_id": VALUE, "options": options}
        ticked = [o for o, item in zip(options, agenda, strict=True) if recorded and recorded.is_covered(item)]
        if ticked:
            element["initial_options"] = ticked
        blocks.append({
            "type": "input", "block_id": COVERED, "optional": True,
            "label": plain("Agenda items covered", 2000),
            "hint": plain("From the rep's pre-work; the items left unticked are offered again next time.", 2000),
            "element": element,
        })
    else:
        blocks.append(context("No pre-work for this 1:1, so there are no agenda items to tick."))
    return {
        "type": "modal",
        "callback_id": ids.TAKEAWAYS_VIEW,
        "title": plain("1:1 takeaways", limits.VIEW_TITLE),
        "submit": plain("Save", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        # The agenda as ticked here, by fingerprint: the rep may still edit it until the session starts.
        "private_metadata": json.dumps({"s": form.session.id, "v": version_of(agenda)}),
        "blocks": blocks,
    }


@dataclass(frozen=True)
class TypedTakeaways:
    session_id: int | None
    text: str
    ticked: list[int]
    agenda_version: str | None  # the fingerprint of the agenda the boxes were ticked on (None: unknown)


def read_takeaways(view: dict[str, Any]) -> TypedTakeaways:
    values = state_values(view)
    shown = metadata(view).get("v")
    return TypedTakeaways(metadata_int(metadata(view), "s"), selected(values, TEXT) or "",
                          ticked_positions(values, COVERED), shown if isinstance(shown, str) else None)


# -- messages ----------------------------------------------------------------------------


def _reader(notice: TakeawaysRecorded, to: str) -> Member:
    return notice.rep if to == notice.rep.user_id else notice.manager


def takeaways_recorded_message(notice: TakeawaysRecorded, to: str) -> dict[str, Any]:
    """The rep's DM (the takeaways and what was covered), and the manager's (or admin's) confirmation."""
    when = f"{local(notice.session.starts_at, _reader(notice, to)):%a %-d %b}"
    verb = "updated" if notice.edited else "recorded"
    if to == notice.rep.user_id:
        text = md(":memo: {who} {verb} the takeaways of your 1:1 on {when}.", who=mention(notice.takeaways.by),
                  verb=verb, when=when)
    else:
        text = md(":white_check_mark: Takeaways {verb} for the 1:1 with {rep} on {when}; {rep} has them.",
                  verb=verb, rep=mention(notice.rep.user_id), when=when)
    blocks: list[Block] = [section(text), *takeaways_section(notice.takeaways, notice.agenda)]
    if to != notice.rep.user_id:
        blocks.append(actions(takeaways_button(notice.takeaways.session_id, recorded=True)))
    else:
        blocks.append(context("Read them again any time with `/coach sessions`."))
    return message(text, blocks)


def _whom(past: PastSession, viewer: Member, people: dict[str, Member]) -> Mrkdwn:
    session = past.session
    if viewer.user_id == session.rep_id:
        return mention(session.manager_id)
    if viewer.user_id == session.manager_id:
        return mention(session.rep_id)
    return md("{manager} and {rep}", manager=mention(session.manager_id), rep=mention(session.rep_id))


def _past_blocks(past: PastSession, shown: RecentTakeaways) -> list[Block]:
    session: CoachingSession = past.session
    when = f"{local(session.starts_at, shown.viewer):%a %-d %b %H:%M}"
    head = md("*{when}* · {whom}", when=when, whom=_whom(past, shown.viewer, shown.people))
    accessory = (takeaways_button(session.id or 0, recorded=past.takeaways is not None)
                 if past.may_record and session.id is not None else None)
    blocks: list[Block] = [section(head, accessory)]
    if past.takeaways is None:
        blocks.append(context("No takeaways recorded yet."))
    else:
        blocks += takeaways_section(past.takeaways, past.agenda)
    return blocks


def recent_blocks(shown: RecentTakeaways) -> list[Block]:
    """`/coach sessions`' past part: the last days' 1:1s with their takeaways and, for the manager, the button."""
    if not shown.sessions:
        return [context("No 1:1s in the last 14 days.")]
    blocks: list[Block] = [section("*Recent 1:1s and their takeaways*")]
    for past in shown.sessions[:SHOWN]:
        blocks += _past_blocks(past, shown)
    if (more := len(shown.sessions) - SHOWN) > 0:
        blocks.append(context(f"…and {more} more: `/coach sessions @rep` shows one rep's."))
    return blocks
