"""Commitment DMs: the plan, a delegated action, the channel post, answers and changes, the reminder and
the deadline check-in with its buttons, and the compact lists (App Home, `/coach commitments`).

Everything one person wrote for another (the action, the evidence, the
support, the obstacles) goes in as a plain `str`, so the kit escapes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from domain.coaching.commitments import Commitment, CommitmentStatus
from domain.notifications.commitments import CommitmentNote
from domain.services.commitment_notices import Listing, PlanSaved
from handlers.blocks import limits
from handlers.blocks.kit import Block, Mrkdwn, actions, button, context, md, mention, message, section
from handlers.edge import ids

_MAX_LISTED = 20  # a listing of more is cut, pointing at `/coach commitments`
_DAY = "{day:%a %-d %b}"


def action_line(commitment: Commitment, today: date | None = None, *, private: bool = True) -> Mrkdwn:
    """One action on one line: what, whose, by when (overdue marked), and how we will know."""
    overdue = today is not None and commitment.overdue_on(today)
    mark = md(":warning: *overdue* ") if overdue else md("")
    owner = md(" ({owner})", owner=mention(commitment.owner_id)) if commitment.delegated else md("")
    state = md(" — _{status}_", status=commitment.status.label) if not commitment.is_open else md("")
    line = md("{mark}*{action}*{owner}, by " + _DAY + "{state}", mark=mark, action=commitment.action, owner=owner,
              day=commitment.deadline, state=state)
    if commitment.evidence:
        line = md("{line}\n      _Done when:_ {evidence}", line=line, evidence=commitment.evidence)
    if private and commitment.confidence is not None:
        line = md("{line} · confidence {c}/5", line=line, c=commitment.confidence)
    if private and commitment.support:
        line = md("{line}\n      _Support:_ {support}", line=line, support=commitment.support)
    return line


def _numbered(commitments: Sequence[Commitment], *, private: bool = True) -> list[Block]:
    return [section(md("{n}. {line}", n=n, line=action_line(c, private=private)))
            for n, c in enumerate(commitments, start=1)]


def plan_for_rep_message(commitments: Sequence[Commitment]) -> dict[str, Any]:
    manager = commitments[0].manager_id if commitments else None
    text = md("Your action plan with {manager}:", manager=mention(manager)) if manager else md("Your action plan:")
    return message(text, [section(":dart: " + text), *_numbered(commitments),
                          context("A reminder comes the working day before each deadline, and a check-in on the day.")])


def action_delegated_message(commitment: Commitment) -> dict[str, Any]:
    text = md("{manager} and {rep} agreed an action for you:", manager=mention(commitment.manager_id or ""),
              rep=mention(commitment.rep_id))
    return message(text, [section(":handshake: " + text), section(action_line(commitment)),
                          context("A reminder comes the working day before the deadline, and a check-in on the day.")])


def plan_posted_message(commitments: Sequence[Commitment]) -> dict[str, Any]:
    rep = commitments[0].rep_id if commitments else ""
    text = md("{rep}'s action plan:", rep=mention(rep))
    return message(text, [section(":dart: " + text), *_numbered(commitments, private=False)])


def plan_saved_reply(saved: PlanSaved) -> dict[str, Any]:
    """The manager's DM: stored, who was told, deadlines after the cycle."""
    first = saved.commitments[0]
    text = md("Saved {rep}'s action plan ({n} action{s}); each owner has what they own.", rep=mention(first.rep_id),
              n=len(saved.commitments), s="" if len(saved.commitments) == 1 else "s")
    blocks: list[Block] = [section(":white_check_mark: " + text), *_numbered(saved.commitments)]
    if saved.after_cycle:
        blocks.append(context(md("Action {n} is due after the coaching cycle ends; it is kept, and counts in the "
                                 "next cycle's follow-up.", n=", ".join(map(str, saved.after_cycle)))))
    if saved.posted_to:
        blocks.append(context(md("Posted to <#{channel}>.", channel=saved.posted_to)))
    return message(text, blocks)


def commitment_added_message(commitment: Commitment) -> dict[str, Any]:
    text = md("{rep} committed to an action with `/commit`:", rep=mention(commitment.rep_id))
    return message(text, [section(":memo: " + text), section(action_line(commitment))])


def commitment_answered_message(commitment: Commitment) -> dict[str, Any]:
    text = md("{owner} answered the check-in: *{status}*.", owner=mention(commitment.owner_id),
              status=commitment.status.label)
    blocks: list[Block] = [section(":bar_chart: " + text), section(action_line(commitment))]
    if commitment.obstacles:
        blocks.append(section(md("*What got in the way:* ") + commitment.obstacles))
    return message(text, blocks)


def commitment_changed_message(commitment: Commitment, by: str) -> dict[str, Any]:
    if commitment.status is CommitmentStatus.DROPPED:
        text = md("{by} dropped an action of yours: you no longer owe it.", by=mention(by))
    else:
        text = md("{by} moved an action of yours to " + _DAY + ".", by=mention(by), day=commitment.deadline)
    return message(text, [section(":calendar: " + text), section(action_line(commitment))])


def committed_reply(commitment: Commitment) -> dict[str, Any]:
    """The ephemeral answer to `/commit`."""
    told = md(" {manager} has been told.", manager=mention(commitment.manager_id)) if commitment.manager_id else md("")
    text = md("Committed: *{action}* by " + _DAY + ".{told}", action=commitment.action, day=commitment.deadline,
              told=told)
    return message(text, [section(":white_check_mark: " + text),
                          context("You get a reminder the working day before, and a check-in on the day.")])


# -- the follow-up ---------------------------------------------------------------------


def commitment_reminder_message(note: CommitmentNote, _now: datetime) -> dict[str, Any]:
    text = md("Reminder: your action is due " + _DAY + ".", day=note.commitment.deadline)
    # Done before the deadline: one click, and tomorrow's check-in is not sent.
    done = button("Done already", ids.COMMITMENT_DONE, value=str(note.commitment.id), style="primary")
    return message(text, [section(":alarm_clock: " + text), section(action_line(note.commitment)), actions(done)])


def _answer_buttons(commitment: Commitment) -> Block:
    value = str(commitment.id)
    return actions(button("Done", ids.COMMITMENT_DONE, value=value, style="primary"),
                   button("Partly", ids.COMMITMENT_PARTLY, value=value),
                   button("Not done", ids.COMMITMENT_NOT_DONE, value=value))


def commitment_due_message(note: CommitmentNote, _now: datetime) -> dict[str, Any]:
    text = md("Today is the deadline of your action. How did it go?")
    return message(text, [section(":checkered_flag: " + text), section(action_line(note.commitment)),
                          _answer_buttons(note.commitment)])


def answer_saved_message(commitment: Commitment) -> dict[str, Any]:
    """Replaces the check-in once answered, so the buttons cannot be pressed again."""
    text = md("Recorded: *{status}*. Thank you.", status=commitment.status.label)
    return message(text, [section(action_line(commitment)), context(":white_check_mark: " + text)])


# -- lists -----------------------------------------------------------------------------


def commitment_menu(commitment: Commitment) -> dict[str, Any]:
    options = []
    if commitment.status not in (CommitmentStatus.DONE, CommitmentStatus.DROPPED):
        verb = "Move deadline" if commitment.is_open else "Carry over"
        options.append({"text": {"type": "plain_text", "text": verb}, "value": f"move:{commitment.id}"})
        options.append({"text": {"type": "plain_text", "text": "Drop"}, "value": f"drop:{commitment.id}"})
    return {"type": "overflow", "action_id": ids.COMMITMENT_MENU, "options": options}


def listing_message(listing: Listing) -> dict[str, Any]:
    text = md("{rep}'s commitments", rep=mention(listing.rep_id))
    blocks: list[Block] = [section(md("*{text}*", text=text))]
    if not listing.commitments:
        blocks.append(context("No commitments yet. `/coach plan @rep` records a plan; a rep adds one with `/commit`."))
    for commitment in listing.commitments[:_MAX_LISTED]:
        menu = commitment_menu(commitment) if listing.may_change else None
        blocks.append(section(action_line(commitment, listing.today),
                              accessory=menu if menu is not None and menu["options"] else None))
    if listing.kept.due:
        blocks.append(context(md("Kept on time this cycle: {kept} of {due}.", kept=listing.kept.kept,
                                 due=listing.kept.due)))
    return message(text, blocks[: limits.MESSAGE_BLOCKS])


def home_commitment_blocks(title: str, commitments: Sequence[Commitment], today: date) -> list[Block]:
    """App Home's compact "Commitments": open actions, overdue first and marked."""
    if not commitments:
        return []
    shown = sorted(commitments, key=lambda c: (not c.overdue_on(today), c.deadline, c.id or 0))[:8]
    lines = [action_line(c, today, private=False) for c in shown]
    more = len(commitments) - len(shown)
    blocks: list[Block] = [section(md("*{title}*\n", title=title) + md("\n").join(lines))]
    if more > 0:
        blocks.append(context(md("…and {more} more: `/coach commitments @rep`.", more=more)))
    return blocks
