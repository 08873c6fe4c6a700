"""Peer learning in Slack: the Friday ask, the share form, the team-channel post and every answer to the rep.

The ask goes to one rep, privately; only their own decision posts anything,
and the post shows their name, their skill, their improvement and their
words (escaped: someone's text in a channel), never anyone else's numbers.
"""

from __future__ import annotations

import json
import re
from typing import Any

from domain import field_lengths
from domain.coaching.peer_learning import ShareStatus
from domain.notifications.peer_learning import KIND_NAME, PeerAskNote
from domain.services.peer_learning import (
    NO_CHANNEL,
    WORDS_FIELD,
    Declined,
    PostFailedForAdmin,
    Shared,
    ShareView,
)
from handlers.blocks import limits
from handlers.blocks.inputs import input_block, metadata, state_values, text_input
from handlers.blocks.inputs import selected as selected_text
from handlers.blocks.kit import Block, actions, button, context, md, mention, message, plain, section
from handlers.blocks.mrkdwn import Mrkdwn, joined
from handlers.edge import ids

_VALUE = re.compile(r"^([UW][A-Z0-9]{1,31}):([0-9]{4}-W[0-9]{2})$", re.ASCII)
_DM = re.compile(r"^D[A-Z0-9]{1,31}$", re.ASCII)
_TS = re.compile(r"^[0-9]{1,12}\.[0-9]{1,8}$", re.ASCII)
REP, WEEK, DM, TS = "rep", "week", "dm", "ts"
QUOTE_CHUNK = 2800  # characters of quoted words per section: Slack's 3,000 with room for the markup
OPT_OUT = f"Only you see this. `/coach notify off {KIND_NAME}` stops these asks."


def share_value(rep_id: str, week: str) -> str:
    """The value of the ask's buttons: whose ask, which ISO week."""
    return f"{rep_id}:{week}"


def read_share_value(value: str | None) -> tuple[str, str] | None:
    """(rep id, week) from a button we wrote; None for anything else."""
    found = _VALUE.match(value or "")
    return (found.group(1), found.group(2)) if found else None


def channel_mention(channel_id: str) -> Mrkdwn:
    """A live `#channel`; the id is escaped, so a forged id cannot close the mention early."""
    return md("<#{channel}>", channel=channel_id)


def improvement_words(skill: str, indicator: str, before: float, after: float) -> Mrkdwn:
    """"Discovery: questions asked per discovery call 3.2 → 5.1"."""
    name = indicator[:1].lower() + indicator[1:]
    return md("{skill}: {name} {before:g} → {after:g}", skill=skill, name=name, before=before, after=after)


def _view_improvement(view: ShareView) -> Mrkdwn:
    return improvement_words(view.skill, view.indicator, view.share.before, view.share.after)


# -- the ask ---------------------------------------------------------------------------------


def peer_ask_message(note: PeerAskNote) -> dict[str, Any]:
    found = note.improvement
    change = improvement_words(note.skill, note.indicator, found.before, found.after)
    value = share_value(note.rep.user_id, found.label)
    blocks: list[Block] = [
        section(md(":seedling: *Your biggest step this week:* {change} ({calls} calls).", change=change,
                   calls=found.calls)),
        section(md("That is the biggest improvement on your team. Would you share what you did, in your own "
                   "words, with everyone in {channel}? Nothing is posted unless you choose to.",
                   channel=channel_mention(note.channel_id))),
    ]
    if note.own_words:
        blocks.append(context(md("From your debriefs: {words}", words=joined(
            " · ", [md("“{text}”", text=limits.clip(words, 300)) for words in note.own_words]))))
    blocks += [
        actions(button("Share my approach", ids.PEER_SHARE, value=value, style="primary"),
                button("Not this time", ids.PEER_DECLINE, value=value),
                button("Don't ask me again", ids.PEER_STOP, value=value)),
        context(OPT_OUT),
    ]
    return message(md("Your biggest step this week: {change}. Share how you did it?", change=change), blocks)


# -- the form -----------------------------------------------------------------------------------


def share_modal(view: ShareView, channel_id: str | None, dm: str | None, ts: str | None) -> dict[str, Any]:
    """The rep's words (prefilled from their debriefs, editable), the improvement, and where it goes."""
    share = view.share
    where = channel_mention(channel_id) if channel_id else "the team's coaching channel"
    opened: dict[str, str] = {REP: share.rep_id, WEEK: share.week}
    if dm and ts:
        opened.update({DM: dm, TS: ts})
    blocks: list[Block] = [
        section(md("*{change}*", change=_view_improvement(view))),
        input_block(WORDS_FIELD, "What did you do differently?", text_input(
            share.text or None, multiline=True, max_length=field_lengths.PEER_SHARE_TEXT,
            placeholder="What you tried, and what made it work"),
            hint="Edit freely: these are your words, posted as you leave them."),
        context(md("Posted in {where} with your name and this improvement; nothing else about you.",
                   where=where)),
    ]
    return {
        "type": "modal",
        "callback_id": ids.PEER_SHARE_VIEW,
        "title": plain("Share your approach", limits.VIEW_TITLE),
        "submit": plain("Share", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps(opened),
        "blocks": blocks,
    }


def read_share_form(view: dict[str, Any]) -> tuple[tuple[str, str] | None, tuple[str, str] | None, str]:
    """((rep, week) or None if tampered with, (DM channel, ask ts) or None, the words as typed)."""
    opened = metadata(view)
    rep, week = opened.get(REP), opened.get(WEEK)
    key = read_share_value(f"{rep}:{week}") if isinstance(rep, str) and isinstance(week, str) else None
    dm, ts = opened.get(DM), opened.get(TS)
    where = (dm, ts) if isinstance(dm, str) and isinstance(ts, str) and _DM.match(dm) and _TS.match(ts) else None
    return key, where, selected_text(state_values(view), WORDS_FIELD) or ""


# -- the post ------------------------------------------------------------------------------------


def quoted(words: str) -> list[Block]:
    """The rep's words as a block quote, escaped, in sections that each fit Slack's limit."""
    lines = [md(">{line}", line=line) for line in words.splitlines() or [""]]
    chunks: list[list[Mrkdwn]] = [[]]
    size = 0
    for line in lines:
        if chunks[-1] and size + len(line) + 1 > QUOTE_CHUNK:
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += len(line) + 1
    return [section(joined("\n", chunk)) for chunk in chunks[: limits.MESSAGE_BLOCKS - 2]]


def announcement_message(shared: Shared) -> dict[str, Any]:
    """The team-channel post: who, which skill, the improvement, and their words as a quote."""
    view = shared.view
    intro = md(":seedling: *Peer learning:* {rep} made a big step in *{skill}* this week ({change}). "
               "Here is how, in their own words:", rep=mention(shared.rep.user_id), skill=view.skill,
               change=_view_improvement(view))
    return message(md("{rep} shares how they improved {skill} this week", rep=mention(shared.rep.user_id),
                      skill=view.skill), [section(intro), *quoted(view.share.text)])


# -- the answers to the rep -------------------------------------------------------------------------


def _asked_line(view: ShareView) -> Block:
    return section(md(":seedling: *Your biggest step this week:* {change}.", change=_view_improvement(view)))


def shared_message(view: ShareView) -> dict[str, Any]:
    """The ask, once shared and posted: where it went."""
    where = channel_mention(view.share.channel_id) if view.share.channel_id else "the team's channel"
    done = md(":white_check_mark: *Shared in {where}.* Thank you for helping your team learn!", where=where)
    return message(done, [_asked_line(view), section(done)])


def _why_not_posted(view: ShareView) -> Mrkdwn:
    share = view.share
    if share.error == NO_CHANNEL or not share.channel_id:
        return md("the team's coaching channel was switched off meanwhile")
    if share.error in ("not_in_channel", "channel_not_found"):
        return md("Coachflow is not in {channel} (an admin needs to invite the app there)",
                  channel=channel_mention(share.channel_id))
    return md("Slack refused the post in {channel} ({error})", channel=channel_mention(share.channel_id),
              error=share.error or "unknown error")


def not_posted_message(view: ShareView) -> dict[str, Any]:
    """Accepted, but the post failed: their words are kept, and why."""
    said = md(":floppy_disk: *Your words are saved, but they could not be posted:* {why}. Your admins know; "
              "nothing else to do for you.", why=_why_not_posted(view))
    return message(said, [_asked_line(view), section(said)])


def declined_message(declined: Declined) -> dict[str, Any]:
    said = md("No problem — nothing was posted.")
    if declined.stopped:
        said = md("{said} I won't ask you again; `/coach notify on {kind}` turns these asks back on.",
                  said=said, kind=KIND_NAME)
    return message(said, [_asked_line(declined.view), section(said)])


def already_decided_message(view: ShareView, *, stopped: bool = False) -> dict[str, Any]:
    """A click after the decision: said kindly, nothing changes (but "Don't ask me again" is heard)."""
    share = view.share
    if share.status is ShareStatus.SHARED:
        where = channel_mention(share.channel_id) if share.channel_id else "the team's channel"
        said = md("You shared your approach already, thank you! It is in {where}.", where=where)
    elif share.status is ShareStatus.DECLINED:
        said = md("You said not this time, so nothing was posted. That stays as you decided.")
    else:
        said = md("Your words are saved already; they could not be posted: {why}.", why=_why_not_posted(view))
    if stopped:
        said = md("{said} I won't ask you again; `/coach notify on {kind}` turns these asks back on.",
                  said=said, kind=KIND_NAME)
    return message(said, [section(said)])


def post_failed_admin_message(notice: PostFailedForAdmin) -> dict[str, Any]:
    """To each admin: a share that could not be posted, and how to fix it (their words stay saved)."""
    said = md(":warning: I could not post {rep}'s peer-learning share in {channel} ({error}). Invite "
              "Coachflow there (`/invite @Coachflow`), or pick another channel with "
              "`/coach admin channel #channel`. Their words are saved.", rep=mention(notice.rep_id),
              channel=channel_mention(notice.channel_id) if notice.channel_id else "the coaching channel",
              error=notice.error)
    return message(said, [section(said)])


# -- the admin's channel -----------------------------------------------------------------------------


def channel_message(channel_id: str | None, *, changed: bool) -> dict[str, Any]:
    if channel_id is None:
        said = md("Peer learning is off: no coaching channel is set, so nobody is asked to share. "
                  "Set one with `/coach admin channel #sales-coaching`.") if not changed else md(
            "Cleared. Nobody is asked to share until a coaching channel is set again.")
        return message(said, [section(said)])
    where = channel_mention(channel_id)
    said = md("Peer learning posts in {where}{now}. Each Friday the rep who improved most on each team is asked "
              "privately; only what they choose to share is posted. Invite Coachflow to {where} "
              "(`/invite @Coachflow`) so it can post there.", where=where, now=md(" from now on") if changed else "")
    return message(said, [section(said)])

