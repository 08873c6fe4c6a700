"""The manager's Friday digest: a line per rep, their full scorecard a click away, and the manager's coaching time.

Up to `BUTTON_REPS` reps each get a section with a "Full scorecard" button;
a bigger team is packed `PACKED` reps to a section with an overflow menu
holding their "Full scorecard" entries, so even a few hundred reps fit in
one message's 50 blocks. Both carry `ids.OPEN_REP_SCORECARD` with the value
`rep_scorecard_value()`: a button's is `action["value"]`, an overflow's
`action["selected_option"]["value"]`; `read_rep_scorecard_value` reads it back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.coaching.scorecard import (
    FEEDBACK_MINUTES,
    SESSION_MINUTES,
    SHADOW_MINUTES,
    CoachingTime,
    Scorecard,
    TeamScorecard,
)
from handlers.blocks import limits
from handlers.blocks.kit import Block, Mrkdwn, button, context, counted, divider, header, joined, md, message, section
from handlers.blocks.kit import plain as plain_text
from handlers.blocks.scorecard_text import calls_text, headline_text, week_title
from handlers.edge import ids

BUTTON_REPS = 40  # one section and button each up to this many reps (44 blocks in all)
PACKED = 5  # reps per section past it: an overflow menu holds at most 5 options
SILENT = "⚪ nothing this week"
NAMES_SHOWN = 20  # names in the closing "No data from …" line
LINE_NAME = 80  # characters of a rep's name on their line
_SEPARATOR = "|"


def rep_scorecard_value(rep_id: str, week_label: str) -> str:
    """`U123|2026-W48`: which rep's card, of which of their weeks."""
    return f"{rep_id}{_SEPARATOR}{week_label}"


def read_rep_scorecard_value(value: str | None) -> tuple[str, str] | None:
    """(rep id, week label) from a "Full scorecard" value; None for one we never wrote."""
    rep_id, separator, week = (value or "").partition(_SEPARATOR)
    if not separator or not rep_id or not week or _SEPARATOR in week:
        return None
    return rep_id, week


def _name(card: Scorecard) -> str:
    name = " ".join(card.rep.name.split()) or card.rep.user_id
    return name if len(name) <= LINE_NAME else name[: LINE_NAME - 1] + "…"


def rep_line(card: Scorecard) -> Mrkdwn:
    """`*Alex* · Talk ratio: 62 → 55% (↓ better)` and `3 debriefed · 1 shadowed (target 2-3)` under it."""
    if not card.has_activity:
        return md("*{name}* · {silent}", name=_name(card), silent=SILENT)
    change = card.headline()
    headline = headline_text(change) if change is not None else "no change to show yet"
    return md("*{name}* · {headline}\n{calls}", name=_name(card), headline=headline, calls=calls_text(card))


def coaching_text(coaching: CoachingTime) -> str:
    """`Your coaching this week: 2.5 h of 8 h agreed (3 shadowed calls, 4 feedback replies)`."""
    done = [counted(coaching.shadowed_calls, "shadowed call"), counted(coaching.feedback_given, "feedback reply",
                                                                        "feedback replies")]
    if coaching.sessions:
        done.append(counted(coaching.sessions, "session"))
    agreed = (f" of {coaching.agreed_hours:g} h agreed" if coaching.agreed_hours
              else "; no hours agreed in a signed contract yet")
    return f"Your coaching this week: {coaching.hours:g} h{agreed} ({', '.join(done)})"


def _estimate_note() -> str:
    return (f"An estimate: {SHADOW_MINUTES} min a shadowed call, {FEEDBACK_MINUTES} min a feedback reply, "
            f"{SESSION_MINUTES} min a coaching session.")


def silent_text(team: TeamScorecard) -> str:
    """`No data from Sam, Priya` (the first names, then how many more), or that everyone sent something."""
    silent = [" ".join(m.name.split()) or m.user_id for m in team.silent]
    if not team.cards:
        return "No reps on your team yet."
    if not silent:
        return "Everyone sent something this week."
    shown = ", ".join(name if len(name) <= LINE_NAME else name[: LINE_NAME - 1] + "…" for name in silent[:NAMES_SHOWN])
    rest = f" and {len(silent) - NAMES_SHOWN} more" if len(silent) > NAMES_SHOWN else ""
    return f"No data from {shown}{rest}."


def _full_button(card: Scorecard) -> dict[str, Any]:
    return button("Full scorecard", ids.OPEN_REP_SCORECARD, value=rep_scorecard_value(card.rep.user_id, card.label))


def _overflow(cards: tuple[Scorecard, ...]) -> dict[str, Any]:
    return {
        "type": "overflow",
        "action_id": ids.OPEN_REP_SCORECARD,
        "options": [{"text": plain_text(f"Full scorecard: {_name(card)}", limits.OPTION_TEXT),
                     "value": rep_scorecard_value(card.rep.user_id, card.label)} for card in cards[:PACKED]],
    }


def _rep_blocks(cards: tuple[Scorecard, ...]) -> list[Block]:
    if len(cards) <= BUTTON_REPS:
        return [section(rep_line(card), accessory=_full_button(card)) for card in cards]
    packs = [cards[n:n + PACKED] for n in range(0, len(cards), PACKED)]
    return [section(joined("\n\n", [rep_line(card) for card in pack]), accessory=_overflow(pack)) for pack in packs]


def team_scorecard_blocks(team: TeamScorecard) -> list[Block]:
    blocks: list[Block] = [
        header(f"Team scorecard · {week_title(team.week)}"),
        section(md("*{coaching}*", coaching=coaching_text(team.coaching))),
        context(_estimate_note()),
        divider(),
        *_rep_blocks(team.cards),
        context(silent_text(team)),
    ]
    if len(blocks) > limits.MESSAGE_BLOCKS:  # past 225 reps: the first ones, and where to find the rest
        blocks = [*blocks[: limits.MESSAGE_BLOCKS - 2], context("…and more reps: `/scorecard @rep` shows any one."),
                  blocks[-1]]
    return blocks


def team_scorecard_message(team: TeamScorecard, now: datetime) -> dict[str, Any]:
    """The manager's Friday digest; sent also when some (or all) reps have no data, and says who."""
    del now  # each card carries its rep's own week
    active = len(team.cards) - len(team.silent)
    text = f"Team scorecard for {week_title(team.week)}: {active} of {counted(len(team.cards), 'rep')} sent something. "
    return message(text + silent_text(team), team_scorecard_blocks(team))
