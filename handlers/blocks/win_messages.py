"""Success stories in Slack (issue 13): the manager's DM, the rep's confirmation, the team channel post,
`/coach wins` and the App Home parts.

Everything a rep wrote is their text for other people: escaped wherever it
is shown in mrkdwn (`md` values, `quoted`), never obeyed. Lists trim each
story to a few lines and a page to a handful of stories, inside Block Kit's
limits; the DM and the channel post carry the whole story.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from domain.coaching.wins import SuccessStory, WinSource
from domain.services.win_notices import WinForManager, WinListing, WinRecorded
from handlers.blocks import limits
from handlers.blocks.kit import Block, actions, context, md, mention, message, section
from handlers.blocks.scorecard_comments import quoted
from handlers.blocks.wins import share_win_button

LISTED_TEXT = 280  # characters of what happened / what worked in a list; the DM and the channel post have it all
NOTIFICATION_WORDS = 120


def _story_blocks(story: SuccessStory) -> list[Block]:
    """The whole story: what happened and the words that worked, quoted and escaped, after its outcome."""
    return [
        section(md("*What happened*")), *quoted(story.what_happened),
        section(md("*What worked*")), *quoted(story.approach),
    ]


def win_for_manager_message(notice: WinForManager) -> dict[str, Any]:
    """To the manager: their rep's win in full, and whether it is private to the two of them."""
    story = notice.story
    intro = md("{rep} shared a win in *{skill}*: {outcome}", rep=mention(story.rep_id), skill=notice.skill_name,
               outcome=story.outcome)
    text = md("{rep} shared a win in {skill}: {outcome}", rep=mention(story.rep_id), skill=notice.skill_name,
              outcome=limits.clip(story.outcome, NOTIFICATION_WORDS))
    privacy = (md("{rep} shared it with the team.", rep=mention(story.rep_id)) if story.consent
               else md("Private to you and {rep}.", rep=mention(story.rep_id)))
    return message(text, [section(intro), *_story_blocks(story), context(privacy)])


def win_channel_message(recorded: WinRecorded) -> dict[str, Any]:
    """To the team channel (the rep ticked "Share with my team"): the win, for peer learning."""
    story = recorded.story
    intro = md(":trophy: {rep} shares a win in *{skill}*: {outcome}", rep=mention(story.rep_id),
               skill=recorded.skill_name, outcome=story.outcome)
    text = md("{rep} shares a win in {skill}: {outcome}", rep=mention(story.rep_id), skill=recorded.skill_name,
              outcome=limits.clip(story.outcome, NOTIFICATION_WORDS))
    return message(text, [section(intro), *_story_blocks(story),
                          context(md("Find more with `/coach wins {skill}`; share yours with `/coach win`.",
                                     skill=story.skill))])


def win_recorded_message(recorded: WinRecorded, posted: bool | None) -> dict[str, Any]:
    """To the rep: kept, who was told, and where it went (`posted`: None when there was nothing to post)."""
    story = recorded.story
    saved = md("Saved your win in *{skill}*. {manager} has it.", skill=recorded.skill_name,
               manager=mention(recorded.manager.user_id))
    if not story.consent:
        where = md("Private to you and your manager.")
    elif recorded.post is None:
        where = md("Shared with your team: they find it with `/coach wins {skill}`.", skill=story.skill)
    elif posted:
        where = md("Posted to <#{channel}>.", channel=recorded.post.channel or "")
    else:
        where = md("It could not be posted to <#{channel}> just now; your team still finds it with "
                   "`/coach wins {skill}`.", channel=recorded.post.channel or "", skill=story.skill)
    return message(saved, [section(saved), context(where)])


def _listed(story: SuccessStory, skill_names: Mapping[str, str]) -> list[Block]:
    head = md("*{skill}* · {outcome} · {rep}, {day:%-d %b %Y}", skill=skill_names.get(story.skill, story.skill),
              outcome=story.outcome, rep=mention(story.rep_id), day=story.created_at)
    body = md("{head}\n{what}\n_What worked:_ {approach}", head=head,
              what=limits.clip(story.what_happened, LISTED_TEXT), approach=limits.clip(story.approach, LISTED_TEXT))
    shown = "Shared with the team" if story.consent else "Private to the rep and their manager"
    return [section(body), context(shown)]


def wins_listing_message(listing: WinListing) -> dict[str, Any]:
    """`/coach wins [skill] [page]`: one page of what the caller may see, latest first."""
    skill = listing.skill
    about = md(" in *{skill}*", skill=skill.name) if skill else md("")
    if not listing.stories:
        empty = md("No wins{about} to show yet. Share yours with `/coach win`.", about=about)
        return message(empty, [section(empty)])
    title = md("Wins{about} to learn from{page}:", about=about,
               page=md(" (page {n})", n=listing.page) if listing.page > 1 else md(""))
    blocks: list[Block] = [section(title)]
    for story in listing.stories:
        blocks += _listed(story, listing.skill_names)
    if listing.more:
        blocks.append(context(md("More: `/coach wins {skill}{page}`", skill=f"{skill.id} " if skill else "",
                                 page=listing.page + 1)))
    blocks.append(context("You see what reps shared with the team, your own wins and your reps'. "
                          "Share yours with `/coach win`."))
    return message(title, blocks)


# -- App Home -------------------------------------------------------------------------

def rep_win_blocks() -> list[Block]:
    """On a coached rep's Home: the button, and where wins are found."""
    return [actions(share_win_button(WinSource.HOME, style=None)),
            context("Had a win? Share what worked with your manager, and your team if you like. "
                    "`/coach wins` lists wins to learn from.")]


def manager_win_blocks(stories: Iterable[SuccessStory], skill_names: Mapping[str, str]) -> list[Block]:
    """On a manager's Home: their reps' latest wins (at most five), with where to find the rest."""
    shown = list(stories)
    if not shown:
        return []
    lines = [md("• {rep} · *{skill}* · {outcome}", rep=mention(s.rep_id), skill=skill_names.get(s.skill, s.skill),
                outcome=limits.clip(s.outcome, 100)) for s in shown]
    return [section(md("*Your reps' recent wins*\n{lines}", lines=md("\n").join(lines))),
            context("More: `/coach wins`")]
