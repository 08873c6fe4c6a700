"""The session card in Slack: the manager's DM at the start of a 1:1, and `/coach session card`.

`card_blocks(card)` is the card as a list of blocks, one small builder per
part in the order the conversation runs (`PARTS`): a session that follows an
earlier 1:1 of the pair opens with the review of what was committed there
(step 5 closes the loop), then the rep's agenda (they lead), both sides'
questions and the enablement pre-read; a first 1:1 shows its agenda first.
Then focus skills, deals to role-play, probing questions, the takeaways and
the action plan. Everything the
rep or manager wrote (agenda, questions, background, actions, obstacles) goes
in as a plain `str`, so the kit escapes it. Long lists are cut with "and N
more", and the whole card stays within a message's 50 blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from domain.coaching.session_card import ReviewItem, ReviewStatus, SessionCard
from domain.notifications.session_card import SessionCardNote
from handlers.blocks import limits
from handlers.blocks.commitments import commitment_menu
from handlers.blocks.kit import Block, actions, button, context, counted, divider, md, mention, message, section
from handlers.blocks.mrkdwn import Mrkdwn, joined
from handlers.blocks.preread import preread_section
from handlers.blocks.scorecard_text import indicator_words
from handlers.blocks.sessions import both_times, local
from handlers.blocks.takeaways import takeaways_button, takeaways_section
from handlers.edge import ids

MAX_REVIEWED = 12  # review lines with their own menu; the rest are counted ("and N more")
_DAY = "{day:%a %-d %b}"
_MARKS = {ReviewStatus.DONE: ":white_check_mark:", ReviewStatus.PARTLY: ":large_orange_circle:",
          ReviewStatus.NOT_DONE: ":x:", ReviewStatus.OPEN: ":hourglass_flowing_sand:",
          ReviewStatus.OVERDUE: ":warning:"}

Part = Callable[[SessionCard], list[Block]]


def _more(count: int, where: Mrkdwn) -> Block:
    return context(md("…and {n} more: {where}", n=count, where=where))


def _heading(card: SessionCard) -> list[Block]:
    session = card.session
    title = md("*Session card: 1:1 of {manager} with {rep}*", manager=mention(card.manager.user_id),
               rep=mention(card.rep.user_id))
    when = both_times(session.starts_at, card.viewer_id, card.rep, card.manager)
    return [section(md(":handshake: {title}\n{when} ({minutes} min)", title=title, when=when,
                       minutes=session.minutes))]


def _prework(card: SessionCard) -> list[Block]:
    """The rep leads: their agenda first, then their questions and background, then the manager's questions."""
    prework = card.prework
    if prework is None:
        if card.viewer_id == card.rep.user_id:
            return [section(md("*The rep's agenda*\nNo pre-work yet: *Prepare for our 1:1* on your pre-work DM "
                               "writes it, until the session starts."))]
        return [section(md("*The rep's agenda*\nNo pre-work yet: {rep} has not written an agenda. "
                           "Ask them what they want to cover first.", rep=mention(card.rep.user_id)))]
    agenda = joined("\n", [md("{n}. {item}", n=n, item=item) for n, item in enumerate(prework.agenda, start=1)])
    blocks = [section(md("*The rep's agenda* (they lead)\n{agenda}", agenda=agenda))]
    if prework.questions:
        blocks.append(section(md("*{rep}'s questions*\n", rep=mention(card.rep.user_id)) + prework.questions))
    if prework.background:
        blocks.append(section(md("*Background*\n") + prework.background))
    if prework.manager_questions:
        asked = joined("\n", [md("• {q}", q=q) for q in prework.manager_questions])
        blocks.append(section(md("*{manager}'s questions*\n{asked}", manager=mention(card.manager.user_id),
                                 asked=asked)))
    return blocks + preread_section(prework)


def _review_line(item: ReviewItem) -> Mrkdwn:
    commitment = item.commitment
    line = md("{mark} *{action}* ({owner}), by " + _DAY + " — _{status}_", mark=_MARKS[item.status],
              action=commitment.action, owner=mention(commitment.owner_id), day=commitment.deadline,
              status=item.status.label)
    if commitment.obstacles:
        line = md("{line}\n      _What got in the way:_ {obstacles}", line=line, obstacles=commitment.obstacles)
    return line


def _clipped(text: str, limit: int = 600) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _follow_up(card: SessionCard) -> list[Block]:
    """A session after an earlier 1:1 of the pair opens with the review of what was committed there."""
    return _review(card) if card.previous_start is not None else []


def _review_here(card: SessionCard) -> list[Block]:
    """A first 1:1 reviews (after the agenda) only what is open or recently due, if anything."""
    return _review(card) if card.previous_start is None and card.review else []


def _review(card: SessionCard) -> list[Block]:
    """Results against commitments: one line each, with the commitments' own menu where it can still change."""
    reader = card.manager if card.viewer_id == card.manager.user_id else card.rep  # the day in the reader's calendar
    since = (md("since the last 1:1 ({day:%a %-d %b})", day=local(card.previous_start, reader))
             if card.previous_start is not None
             else md("(no earlier 1:1: open ones and deadlines of the last 4 weeks)"))
    blocks = [section(md("*Results against commitments* {since}", since=since))]
    if card.previous_takeaways is not None:
        blocks.append(context(md("_Last time's takeaways:_ {text}", text=_clipped(card.previous_takeaways.text))))
    if not card.review:
        blocks.append(context("Nothing to review: no open actions, and none answered since. "
                              "Record this session's plan below."))
        return blocks
    for item in card.review[:MAX_REVIEWED]:
        menu = commitment_menu(item.commitment) if card.may_change and item.may_change else None
        blocks.append(section(_review_line(item), accessory=menu if menu and menu["options"] else None))
    if len(card.review) > MAX_REVIEWED:
        blocks.append(_more(len(card.review) - MAX_REVIEWED,
                            md("`/coach commitments` for {rep}", rep=mention(card.rep.user_id))))
    return blocks


def _focus(card: SessionCard) -> list[Block]:
    if not card.focus:
        return [section(md("*Focus skills*\nNo focus skills set in an active cycle yet."))]
    lines: list[Mrkdwn] = []
    for skill in card.focus:
        lines.append(md("*{name}*", name=skill.name))
        if not skill.readings:
            lines.append(md("      no indicators recorded in the last 4 weeks"))
        lines.extend(md("      {name} ({week}): {words}", name=reading.indicator.name, week=reading.latest.label,
                        words=indicator_words(reading.indicator, reading.latest)) for reading in skill.readings)
    return [section(md("*Focus skills and their latest indicators*\n") + joined("\n", lines))]


def _stalled(card: SessionCard) -> list[Block]:
    if not card.has_pipeline:
        return []
    if not card.stalled:
        return [section(md("*Deals to role-play*\nNo open deal is stalled longer than usual."))]
    to_rep = card.viewer_id == card.rep.user_id
    lines = [md("• *{account}* {stall}", account=c.account, stall=c.stall(to_the_rep=to_rep)) for c in card.stalled]
    return [section(md("*Deals to role-play*\n") + joined("\n", lines)),
            context("`/coach roleplay` has every stalled deal and a prompt for each.")]


def _probing(card: SessionCard) -> list[Block]:
    questions = joined("\n", [md("• _{q}_", q=q) for q in card.probing])
    return [section(md("*Probing questions*\n{questions}", questions=questions))]


def _takeaways(card: SessionCard) -> list[Block]:
    """What was agreed and which agenda items were covered, once recorded (the button is with the plan's)."""
    return takeaways_section(card.takeaways, card.prework.agenda if card.prework is not None else ())


def _plan(card: SessionCard) -> list[Block]:
    """The action plan (recorded already, or to record) and, for the manager, both buttons in one row."""
    blocks: list[Block] = []
    if card.plan_recorded:
        lines = [md("{n}. *{action}*, by " + _DAY, n=n, action=c.action, day=c.deadline)
                 for n, c in enumerate(card.plan, start=1)]
        blocks.append(section(md(":dart: *Action plan recorded for this session* ({count})\n",
                                 count=counted(len(card.plan), "action")) + joined("\n", lines)))
    if not card.may_change:
        if not card.plan_recorded:
            blocks.append(context("Your manager records the takeaways and the action plan at the end of the "
                                  "session; you get both by DM."))
        return blocks
    buttons = [takeaways_button(card.session.id or 0, recorded=card.takeaways is not None)]
    if not card.plan_recorded:
        buttons.append(button("Record action plan", ids.SESSION_CARD_PLAN, str(card.session.id), style="primary"))
    return [*blocks, actions(*buttons)]


PARTS: tuple[Part, ...] = (_heading, _follow_up, _prework, _review_here, _focus, _stalled, _probing, _takeaways,
                           _plan)


def card_blocks(card: SessionCard, parts: Sequence[Part] = PARTS) -> list[Block]:
    """The card's blocks, part after part with a divider between, within a message's limit."""
    blocks: list[Block] = []
    for part in parts:
        built = part(card)
        if built:
            blocks += ([divider()] if blocks else []) + built
    return blocks[: limits.MESSAGE_BLOCKS]


def session_card_message(card: SessionCard) -> dict[str, Any]:
    text = md("Session card: your 1:1 with {rep}", rep=mention(card.rep.user_id)) if (
        card.viewer_id == card.manager.user_id) else md("Session card: the 1:1 of {manager} with {rep}",
                                                        manager=mention(card.manager.user_id),
                                                        rep=mention(card.rep.user_id))
    return message(text, card_blocks(card))


def session_card_note_message(note: SessionCardNote, _now: datetime) -> dict[str, Any]:
    """The manager's DM 5 minutes before the session."""
    built = session_card_message(note.card)
    built["blocks"] = [*built["blocks"][: limits.MESSAGE_BLOCKS - 1],
                       context("`/coach session card @rep` shows a card any time.")]
    return built
