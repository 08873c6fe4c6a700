"""The rep's Friday scorecard: the message, the blocks `/scorecard` shows, and the manager's full-scorecard modal.

`viewer="rep"` speaks to the rep ("you"); `viewer="manager"` speaks about
them by name. Everything a person wrote (examples, feedback, deal names,
lesson and homework titles, a typed target) goes in as plain `str`, which the
kit escapes, and is clipped; lists are cut with "and N more", so even a
card full of long texts stays far under a message's 50 blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from domain.coaching.scorecard import DealMove, PipelineImpact, Scorecard, ShadowFeedback
from domain.pipeline.summary import money
from handlers.blocks import limits
from handlers.blocks.home_coaching import rep_debrief_blocks
from handlers.blocks.kit import (
    Block,
    Mrkdwn,
    actions,
    button,
    context,
    counted,
    divider,
    fit,
    header,
    joined,
    md,
    message,
    plain,
    section,
)
from handlers.blocks.scorecard_text import (
    agreement_text,
    calls_text,
    cycle_text,
    indicator_words,
    week_title,
)
from handlers.edge import ids

QUOTE_SHOWN = 600  # characters of an example or a piece of feedback: the card is a summary
SKILLS_SHOWN = 4  # a contract has at most two focus skills; an older cycle's catalog may add more
FEEDBACK_SHOWN = 3  # the manager's feedback on this many shadowed calls; the rest counted
PIPELINE_SHOWN = 8  # deal lines (moved, won, lost together)
DONE_SHOWN = 6  # lesson or homework titles
TITLE_SHOWN = 120  # characters of one lesson or homework title
VIEWERS = ("rep", "manager")
NO_ACTIVITY = ("No debriefs this week — that happens. One call debriefed next week gives your scorecard "
               "something to show.")


def _name(card: Scorecard) -> str:
    return " ".join(card.rep.name.split()) or card.rep.user_id


def _flat(text: str, limit: int) -> str:
    """One person's text on a few lines: runs of blank lines squeezed, clipped to `limit` characters."""
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    flat = "\n".join(line for line in lines if line)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _quote(text: str) -> Mrkdwn:
    """A person's words as a Slack quote, every line of it (escaped: `>` we add stays ours)."""
    return joined("\n", [md("> {line}", line=line) for line in _flat(text, QUOTE_SHOWN).splitlines()])


def _you(card: Scorecard, viewer: str) -> tuple[str, str]:
    """(subject, possessive): ("You", "your") to the rep, (name, name's) to a manager."""
    return ("You", "your") if viewer == "rep" else (_name(card), f"{_name(card)}'s")


def _more(count: int, noun: str) -> str:
    return f"…and {count} more {noun}".rstrip()


def scorecard_blocks(card: Scorecard, *, viewer: str = "rep") -> list[Block]:
    """The card's body: title, focus skills, each indicator, calls, examples, pipeline, feedback, lessons."""
    if viewer not in VIEWERS:
        raise ValueError(f"viewer must be one of {VIEWERS}, not {viewer!r}")
    blocks: list[Block] = [header(f"{_name(card)}'s scorecard · {week_title(card.week)}")]
    focus = [card.skill_names.get(skill, skill) for skill in card.skills]
    about = [text for text in (cycle_text(card),) if text]
    about.append(f"focus: {', '.join(focus)}" if focus else "no focus skills yet")
    line = " · ".join(about)
    blocks.append(context(line[:1].upper() + line[1:]))
    blocks.append(section(md("*Calls this week:* {calls}", calls=calls_text(card))))
    blocks += _indicators(card, viewer)
    blocks += _examples(card, viewer)
    blocks += _pipeline(card.pipeline, viewer, _name(card))
    blocks += _feedback(card, viewer)
    blocks += _done(card, viewer)
    return fit(blocks, limits.MESSAGE_BLOCKS - 1)  # room for the message's buttons


def _indicators(card: Scorecard, viewer: str) -> list[Block]:
    """One section per focus skill, a line per indicator (a skill has two or three)."""
    blocks: list[Block] = []
    changes = card.this_week()
    for skill in card.skills[:SKILLS_SHOWN]:
        lines = [md("*{skill}*", skill=card.skill_names.get(skill, skill))]
        for change in (c for c in changes if c.skill == skill):
            indicator = change.indicator.indicator
            lines.append(md("• {name}: {words}", name=indicator.name, words=indicator_words(indicator, change.value)))
            differed = agreement_text(indicator, change.value, _name(card), viewer=viewer)
            if differed is not None:
                lines.append(md("    _{differed}_", differed=differed))
        if len(lines) == 1:
            lines.append(md("• No indicators recorded yet."))
        blocks.append(section(joined("\n", lines)))
    if len(card.skills) > SKILLS_SHOWN:
        blocks.append(context(_more(len(card.skills) - SKILLS_SHOWN, "skills: `/scorecard` shows the same numbers")))
    if not blocks:
        blocks.append(section("No focus skills to measure yet: they come with a signed coaching contract."))
    return blocks


def _examples(card: Scorecard, viewer: str) -> list[Block]:
    if not card.examples:
        return []
    whose = "in your own words" if viewer == "rep" else f"in {_name(card)}'s own words"
    blocks: list[Block] = [divider(), section(md("*What went well* ({whose})", whose=whose))]
    for example in card.examples:
        about = md("_{day:%a %-d %b} · {account}_", day=example.call_on, account=_flat(example.account, 120))
        blocks.append(section(joined("\n", [about, _quote(example.text)])))
    return blocks


def _pipeline(impact: PipelineImpact | None, viewer: str, name: str) -> list[Block]:
    if impact is None:
        return []
    title = md("*Pipeline this week*")
    if impact.quiet:
        return [section(joined("\n", [title, md("No pipeline movement this week.")]))]
    usual = "your usual" if viewer == "rep" else f"{name}'s usual"
    lines: list[Mrkdwn] = [_moved(move, usual) for move in impact.moved]
    lines += [md(":trophy: Won *{deal}*{amount}", deal=_flat(deal.name, 120), amount=_amount(deal.amount))
              for deal in impact.won]
    lines += [md(":x: Lost *{deal}*{amount}", deal=_flat(deal.name, 120), amount=_amount(deal.amount))
              for deal in impact.lost]
    shown = lines[:PIPELINE_SHOWN]
    if len(lines) > PIPELINE_SHOWN:
        shown.append(md("{more}", more=_more(len(lines) - PIPELINE_SHOWN, "deals")))
    return [section(joined("\n", [title, *shown]))]


def _amount(amount: Any) -> str:
    return "" if amount is None else f" · {money(amount)}"


def _moved(move: DealMove, usual: str) -> Mrkdwn:
    line = md(":arrow_forward: *{deal}* moved to {stage}", deal=_flat(move.name, 120), stage=move.entered.label)
    if move.left is None or move.days is None:
        return line
    pace = md("{days} in {left}", days=counted(move.days, "day"), left=move.left.label)
    if move.baseline_days is not None:
        pace = md("{pace} ({usual} {base:g}){fast}", pace=pace, usual=usual, base=round(move.baseline_days, 1),
                  fast=" :zap: faster" if move.faster else "")
    return md("{line}: {pace}", line=line, pace=pace)


def _feedback(card: Scorecard, viewer: str) -> list[Block]:
    if not card.feedback:
        return []
    title = "*Your manager's feedback*" if viewer == "rep" else "*Feedback from shadowed calls*"
    blocks: list[Block] = [divider(), section(md(title))]
    blocks += [section(_one_feedback(card, item)) for item in card.feedback[:FEEDBACK_SHOWN]]
    if len(card.feedback) > FEEDBACK_SHOWN:
        blocks.append(context(_more(len(card.feedback) - FEEDBACK_SHOWN, "shadowed calls with feedback")))
    return blocks


def _one_feedback(card: Scorecard, item: ShadowFeedback) -> Mrkdwn:
    about = md("_{day:%a %-d %b} · {account}_", day=item.call_on, account=_flat(item.account, 120))
    lines = [about, _quote(item.text)] if item.text.strip() else [about]
    if item.scores:
        scores = ", ".join(f"{card.skill_names.get(skill, skill)} {score}/5" for skill, score in item.scores.items())
        lines.append(md("Scores: {scores}", scores=scores))
    return joined("\n", lines)


def _titles(items: Sequence[str]) -> str:
    shown = [_flat(item, TITLE_SHOWN).replace("\n", " ") for item in items[:DONE_SHOWN]]
    rest = f", {_more(len(items) - DONE_SHOWN, '')}" if len(items) > DONE_SHOWN else ""
    return "; ".join(shown) + rest


def _done(card: Scorecard, viewer: str) -> list[Block]:
    if not (card.lessons_done or card.homework_done):
        return []
    lines = []
    if card.lessons_done:
        lines.append(md("*Lessons done:* {titles}", titles=_titles(card.lessons_done)))
    if card.homework_done:
        lines.append(md("*Homework handed in:* {titles}", titles=_titles(card.homework_done)))
    return [divider(), section(joined("\n", lines))]


def comment_button(card: Scorecard) -> dict[str, Any]:
    """"Add a comment for my manager"; its value is the card's week, "2026-W48"."""
    return button("Add a comment for my manager", ids.ADD_SCORECARD_COMMENT, value=card.label)


def scorecard_message(card: Scorecard, now: datetime) -> dict[str, Any]:
    """The rep's Friday DM; a rep with nothing this week gets a short, kind note with the Debrief button instead."""
    del now  # the card carries its own week; kept so every scheduled message builder reads the same
    if not card.has_activity:
        blocks: list[Block] = [
            header(f"{_name(card)}'s scorecard · {week_title(card.week)}"),
            section(NO_ACTIVITY),
            *rep_debrief_blocks(),
            actions(comment_button(card)),
        ]
        return message(f"Your scorecard for {week_title(card.week)}: no debriefs this week.", blocks)
    blocks = [*scorecard_blocks(card, viewer="rep"), actions(comment_button(card))]
    return message(f"Your scorecard for {week_title(card.week)}: {calls_text(card)}.", blocks)


def scorecard_modal(card: Scorecard, *, viewer: str = "manager") -> dict[str, Any]:
    """The full scorecard in a read-only modal (the digest's "Full scorecard" button)."""
    return {
        "type": "modal",
        "title": plain(f"Scorecard {card.label[-3:]}", limits.VIEW_TITLE),
        "close": plain("Close", limits.VIEW_TITLE),
        "blocks": fit(scorecard_blocks(card, viewer=viewer), limits.VIEW_BLOCKS),
    }
