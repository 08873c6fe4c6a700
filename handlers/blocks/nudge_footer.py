"""The footer of every scheduled message: why it came, "Pause a week", "Stop these", and their Undo.

Built from the kind alone (`domain.notifications.hygiene`) and added by the
scheduled sender to whatever the kind's renderer made, so every kind, one
added later too, carries it. It takes `FOOTER_BLOCKS` blocks, before and
after a click; the content gives way when a message would pass Slack's 50
blocks (the content's own trailing buttons are kept).

A button's value names the round (so buttons restored by an Undo are new
clicks, not replays of the first), the kind, the recipient (only they may
click) and, for the Undo of a pause, the pause it replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.model import Member
from domain.notifications.hygiene import cannot_stop_line, why_line
from domain.scheduling.kinds import NotificationKind
from handlers.blocks import limits
from handlers.blocks.kit import Block, actions, button, context, fit, message
from handlers.edge import ids

FOOTER_ID = "nudge_footer"  # every footer block's block_id starts with it
FOOTER_BLOCKS = 2  # a context line and a row of buttons, whatever was clicked
TRIMMED = "…and more than one Slack message can hold."
_VALUE = re.compile(r"^(\d{1,4})\|([a-z][a-z0-9_]{0,63})\|([UW][A-Z0-9]{1,30})(?:\|(\d{4}-\d{2}-\d{2})?)?$")


@dataclass(frozen=True)
class FooterValue:
    round: int
    kind: str
    recipient_id: str
    before: date | None = None  # Undo of a pause: the pause it replaced

    def encoded(self) -> str:
        base = f"{self.round}|{self.kind}|{self.recipient_id}"
        return base if self.before is None else f"{base}|{self.before.isoformat()}"

    def next_round(self) -> FooterValue:
        return FooterValue(self.round + 1, self.kind, self.recipient_id)


def read_footer_value(value: str | None) -> FooterValue | None:
    """A footer button's value, or None when it is not one we wrote."""
    match = _VALUE.match(value or "")
    if match is None:
        return None
    round_, kind, recipient, before = match.groups()
    try:
        day = date.fromisoformat(before) if before else None
    except ValueError:
        return None
    return FooterValue(int(round_), kind, recipient, day)


def _why(kind: NotificationKind, *notes: str) -> Block:
    cannot_stop = cannot_stop_line(kind)
    texts = [why_line(kind), *([cannot_stop] if cannot_stop else []), *notes]
    return {**context(*texts), "block_id": f"{FOOTER_ID}.why"}


def _row(*elements: dict[str, Any]) -> Block:
    return {**actions(*elements), "block_id": f"{FOOTER_ID}.actions"}


def footer_blocks(kind: NotificationKind, value: FooterValue, note: str | None = None) -> list[Block]:
    """Why it came, and "Pause a week" with "Stop these" (only the pause for a kind that must be sent)."""
    encoded = value.encoded()
    buttons = [button("Pause a week", ids.NUDGE_PAUSE_WEEK, value=encoded)]
    if kind.must_send is None:
        buttons.append(button("Stop these", ids.NUDGE_STOP, value=encoded))
    return [_why(kind, *([note] if note else [])), _row(*buttons)]


def paused_footer(kind: NotificationKind, value: FooterValue, member: Member, before: date | None) -> list[Block]:
    until = member.paused_until
    assert until is not None  # a pause was just stored
    note = (f":palm_tree: Paused: Coachflow sends you nothing scheduled until {until:%A %-d %B}. "
            "`/coach resume` ends it early.")
    undo = FooterValue(value.round, value.kind, value.recipient_id, before)
    return [_why(kind, note), _row(button("Undo", ids.NUDGE_UNDO_PAUSE, value=undo.encoded()))]


def stopped_footer(kind: NotificationKind, value: FooterValue) -> list[Block]:
    note = (f":no_bell: Stopped: no more *{kind.title}* for you. "
            f"`/coach notify on {kind.name}` brings them back.")
    return [_why(kind, note), _row(button("Undo", ids.NUDGE_UNDO_STOP, value=value.encoded()))]


def undone_footer(kind: NotificationKind, value: FooterValue, what: str) -> list[Block]:
    """The footer as it was, with buttons of a new round (so they can be clicked again)."""
    return footer_blocks(kind, value.next_round(), note=f":leftwards_arrow_with_hook: Undone: {what}.")


def fit_content(blocks: list[Block], room: int) -> list[Block]:
    """At most `room` blocks: the content's closing buttons and notes (its own "…and 12 more") kept, the blocks
    before them trimmed, with a note unless the content closes with one of its own."""
    if len(blocks) <= room:
        return blocks
    tail = 0
    while tail < min(len(blocks), room // 2) and blocks[len(blocks) - 1 - tail].get("type") in ("actions", "context"):
        tail += 1
    head, kept = blocks[: len(blocks) - tail], blocks[len(blocks) - tail:]
    if any(block.get("type") == "context" for block in kept):
        return [*head[: room - tail], *kept]
    return [*fit(head, room - tail, TRIMMED), *kept]


def without_footer(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if not str(b.get("block_id") or "").startswith(FOOTER_ID)]


def with_footer(built: dict[str, Any], kind: NotificationKind, recipient_id: str) -> dict[str, Any]:
    """A scheduled message with its footer; the content trimmed, never the footer, to stay within 50 blocks."""
    content = fit_content(without_footer(list(built.get("blocks") or [])), limits.MESSAGE_BLOCKS - FOOTER_BLOCKS)
    return {**built, "blocks": [*content, *footer_blocks(kind, FooterValue(0, kind.name, recipient_id))]}


def replaced_footer(original: dict[str, Any], footer: list[Block]) -> dict[str, Any]:
    """The clicked message (Slack's copy in the payload) with a new footer, for `chat.update`/`replace_original`."""
    content = fit_content(without_footer(list(original.get("blocks") or [])), limits.MESSAGE_BLOCKS - FOOTER_BLOCKS)
    rebuilt = message("", [*content, *footer])
    # Slack's copy keeps its text as sent (already escaped mrkdwn): passed back as it is.
    return {**rebuilt, "text": str(original.get("text") or "Coachflow")}
