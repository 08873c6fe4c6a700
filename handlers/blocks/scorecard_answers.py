"""`/scorecard`'s answers: the rep's own card with its buttons, another rep's or a team's, posting and export.

The card itself is `scorecard_blocks` / `team_scorecard_blocks`; these add
what a command answer needs around it: "Add a comment for my manager" and
"Post in this channel" (with Slack's confirm dialog) on the rep's own card,
a note when an admin sees a card without the words, the public copy a rep
posts, the export's confirmation and the help per role.
"""

from __future__ import annotations

from typing import Any

from domain.coaching.scorecard import Scorecard
from domain.services.scorecard_export import COLUMNS
from domain.services.scorecard_views import WEEK_FORMS, ExportView, RepCardView, TeamCardView
from handlers.blocks import limits
from handlers.blocks.help_text import HelpPart, help_message
from handlers.blocks.kit import Block, actions, button, confirm_dialog, context, domain_text, md, message, section
from handlers.blocks.scorecard import NO_ACTIVITY, comment_button, scorecard_blocks, scorecard_modal
from handlers.blocks.scorecard_team import coaching_text, team_scorecard_blocks
from handlers.blocks.scorecard_text import calls_text, week_title
from handlers.edge import ids

WORDS_HIDDEN = ("You see the numbers as an admin: the rep's own words, shadow feedback and homework are for "
                "the rep and their own manager only.")
POSTING = ("Only a rep can post their own scorecard, with `/scorecard post` or the button under it: managers and "
           "admins never post a rep's card or a team's.")


def _week_number(card: Scorecard) -> int:
    return card.week.isocalendar()[1]


def post_button(card: Scorecard) -> dict[str, Any]:
    """"Post in this channel", behind Slack's confirm dialog; its value is the card's week, "2026-W48"."""
    ask = confirm_dialog(
        "Post your scorecard?",
        f"Post your scorecard for week {_week_number(card)} in this channel? Everyone in it will see your numbers "
        "and your words.",
        "Post it",
    )
    return button("Post in this channel", ids.POST_SCORECARD, value=card.label, confirm=ask)


def own_scorecard_answer(shown: RepCardView) -> dict[str, Any]:
    """The rep's own card, with "Add a comment for my manager" and "Post in this channel"."""
    card = shown.card
    if not card.has_activity:
        blocks: list[Block] = [*scorecard_blocks(card, viewer="rep")[:2], section(NO_ACTIVITY),
                               actions(comment_button(card))]
        return message(f"Your scorecard for {week_title(card.week)}: no debriefs this week.", blocks)
    blocks = [*scorecard_blocks(card, viewer="rep"), actions(comment_button(card), post_button(card))]
    return message(f"Your scorecard for {week_title(card.week)}: {calls_text(card)}.", blocks)


def rep_scorecard_answer(shown: RepCardView) -> dict[str, Any]:
    """A rep's card for their manager or an admin (an admin outside the team: the numbers only)."""
    card = shown.card
    blocks = scorecard_blocks(card, viewer="manager")
    if shown.words_hidden:
        blocks = [*blocks[: limits.MESSAGE_BLOCKS - 1], context(WORDS_HIDDEN)]
    name = " ".join(card.rep.name.split()) or card.rep.user_id
    return message(f"{name}'s scorecard for {week_title(card.week)}: {calls_text(card)}.", blocks)


def full_scorecard_modal(shown: RepCardView) -> dict[str, Any]:
    """The digest's "Full scorecard": the manager's modal, with the admin's note when the words are hidden."""
    modal = scorecard_modal(shown.card, viewer="manager")
    if shown.words_hidden:
        modal["blocks"] = [*modal["blocks"][: limits.VIEW_BLOCKS - 1], context(WORDS_HIDDEN)]
    return modal


def post_confirmation(shown: RepCardView) -> dict[str, Any]:
    """`/scorecard post`: nothing goes public until the rep confirms with the button."""
    card = shown.card
    text = md("Post your scorecard for *{title}* in this channel? Everyone in it will see your numbers and your "
              "words (not your manager's feedback).", title=week_title(card.week))
    return message(f"Post your scorecard for {week_title(card.week)} in this channel?",
                   [section(text), actions(post_button(card))])


def posted_scorecard(card: Scorecard) -> dict[str, Any]:
    """The card as the rep shares it in a channel: spoken about by name, their words, not their manager's."""
    name = " ".join(card.rep.name.split()) or card.rep.user_id
    blocks = [*scorecard_blocks(card, viewer="manager")[: limits.MESSAGE_BLOCKS - 1],
              context(f"Shared by {name} with /scorecard post.")]
    return message(f"{name} shared their scorecard for {week_title(card.week)}: {calls_text(card)}.", blocks)


def posted_note(card: Scorecard) -> dict[str, Any]:
    """What replaces the rep's ephemeral once the card is in the channel."""
    return message(f"Posted your scorecard for {week_title(card.week)} in this channel.",
                   [context(f"Posted your scorecard for {week_title(card.week)} in this channel.")])


def team_scorecard_answer(shown: TeamCardView) -> dict[str, Any]:
    """The team digest, ephemeral; for an admin looking at another manager's team it says whose."""
    team = shown.team
    blocks = team_scorecard_blocks(team)
    if not shown.own:
        manager = " ".join(team.manager.name.split()) or team.manager.user_id
        theirs = coaching_text(team.coaching).replace("Your coaching", f"{manager}'s coaching", 1)
        blocks[1] = section(md("*{coaching}*", coaching=theirs))
        blocks.insert(1, context(domain_text(f"The team of <@{team.manager.user_id}>, as an admin sees it.")))
        blocks = blocks[: limits.MESSAGE_BLOCKS]
    active = len(team.cards) - len(team.silent)
    return message(f"Team scorecard for {week_title(team.week)}: {active} of {len(team.cards)} reps sent something.",
                   blocks)


def export_answer(done: ExportView, uploaded: bool) -> dict[str, Any]:
    """The ephemeral after `/scorecard ... export`: where the file went, or why there is none."""
    found = done.export
    if not found.rows:
        text = domain_text(f"No rows to export for {done.about}: only reps in an active coaching cycle with focus "
                           "skills have indicators.")
    elif not uploaded:
        text = domain_text(f"The table of {done.about} is ready ({len(found.rows)} rows) but Slack did not take the "
                           "file. Try again in a minute; an admin can also run `coachflow scorecards export`.")
    else:
        weeks = found.first_week if found.first_week == found.last_week else f"{found.first_week} to {found.last_week}"
        text = domain_text(f"Sent the weekly indicator table of {done.about} to your DM with Coachflow: "
                           f"{len(found.rows)} rows, {weeks}.")
    return message(text, [section(text)])


def export_comment(done: ExportView) -> str:
    """The file's comment in the DM: what it is and its columns."""
    return (f"Weekly indicators, {done.export.first_week} to {done.export.last_week}: one row per rep, focus skill, "
            f"indicator and week. Columns: {', '.join(COLUMNS)}.")


def scorecard_help(*, is_manager: bool, is_admin: bool) -> dict[str, Any]:
    """`/scorecard help`: the forms for the caller's role."""
    parts = [HelpPart("Your own scorecard", (
        ("`/scorecard` this week (your own calendar); `/scorecard last` last week; "
         "`/scorecard 2026-W48` or `/scorecard W48` a week of this year"),
        "`/scorecard post [week]` share your own card in this channel, after a confirmation",
        "`/scorecard export` your weekly indicator table as a CSV file in your DM",
    ))]
    if is_manager:
        parts.append(HelpPart("Your reps", (
            "`/scorecard @rep [week]` one of your reps' scorecards",
            "`/scorecard team [week]` your team's digest, a line per rep",
            "`/scorecard @rep export`, `/scorecard team export` the weekly indicator table as a CSV file in your DM",
        )))
    if is_admin:
        parts.append(HelpPart("As an admin", (
            "`/scorecard @rep [week]` any rep's scorecard (the numbers; their words stay with them and their manager)",
            "`/scorecard team @manager [week]` any manager's team; add `export` for the CSV",
        )))
    parts.append(HelpPart("Who sees what", (
        f"Weeks: this week by default, or {WEEK_FORMS}. {POSTING}",
    )))
    return help_message("Coachflow: /scorecard commands", parts)
