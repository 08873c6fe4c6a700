"""The week-7 invitation to the 21-day challenge (issue 13): the rep's Monday DM, the manager's list, App Home.

Each "Start" button opens the existing start form (`/challenge`'s). The rep's
button names no one (value `self`): whoever clicks gets their own form. The
manager's button names the rep (their user id), and the use case opens it
only for that rep's own manager. The catalog's names and behaviours come
from an admin's file, and people's names from Slack: all escaped.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from domain.catalog import Catalog
from domain.coaching.challenge_invite import InvitedSkill, invited, invited_skills
from domain.notifications.challenge_invite import ChallengeInvite, TeamChallengeInvites
from domain.services.home import HomeModel
from handlers.blocks import limits
from handlers.blocks.kit import Block, actions, button, context, md, mention, message, section
from handlers.blocks.mrkdwn import joined
from handlers.edge import ids

SELF = "self"  # the rep's own button: the clicker's own form
_USER_ID = re.compile(r"[UW][A-Z0-9]{1,20}", re.ASCII)
_WHY = ("Week 7 starts the habit stage of your coaching cycle: skills become habits through 21 days of one "
        "concrete behaviour. Commit to one per focus skill; each morning a nudge asks whether you did it.")
_MAX_REPS = 20  # a manager coaches 4-12 reps; two blocks each stays well inside a message's 50


def read_invite_value(value: str | None) -> str | None:
    """A Start button's value: `self`, or the rep's user id; None when it is neither."""
    if value == SELF or (value is not None and _USER_ID.fullmatch(value)):
        return value
    return None


def _skills(skills: tuple[InvitedSkill, ...]) -> list[Block]:
    lines = [md("• *{name}*: {behaviour}", name=s.name, behaviour=s.behaviour or "your own behaviour")
             for s in skills]
    return [section(joined("\n", lines))] if lines else []


def _start_button() -> dict[str, Any]:
    return button("Start my 21-day challenge", ids.CHALLENGE_INVITE_START, SELF, style="primary")


def invite_message(note: ChallengeInvite) -> dict[str, Any]:
    """The rep's Monday DM of week 7: why, the focus skills with the catalog's behaviours, the start button."""
    text = "Week 7: time for your 21-day challenge."
    blocks: list[Block] = [
        section(md(":dart: *{text}*\n{why}", text=text, why=_WHY)),
        *_skills(note.skills),
        actions(_start_button()),
        context("The form is prefilled with these behaviours; make them your own words. `/challenge` opens it "
                "too."),
    ]
    return message(text, blocks)


def team_invite_message(note: TeamChallengeInvites) -> dict[str, Any]:
    """The manager's Monday DM: each rep who entered week 7 without a challenge, with a Start button."""
    count = len(note.reps)
    text = (f"{count} of your reps entered week 7 without a 21-day challenge." if count != 1
            else "One of your reps entered week 7 without a 21-day challenge.")
    blocks: list[Block] = [section(md(
        ":dart: *{text}*\nWeek 7 is the habit stage: 21 days of one concrete behaviour per focus skill. Each rep "
        "was invited to start theirs; you can start it for them.", text=text))]
    for rep in note.reps[:_MAX_REPS]:
        label = f"Start {rep.name}'s challenge"[:limits.BUTTON_TEXT]
        blocks.append(section(md("{rep}", rep=mention(rep.user_id)),
                              accessory=button(label, ids.CHALLENGE_INVITE_START, rep.user_id)))
    if count > _MAX_REPS:
        blocks.append(context("…and more: `/challenge start @rep` starts any of them."))
    blocks.append(context("`/challenge start @rep` opens the same form."))
    return message(text, blocks)


def home_invite_blocks(home: HomeModel, today: date, catalog: Catalog | None) -> list[Block]:
    """The rep's App Home in weeks 7-8 with no challenge of this cycle: the same invitation and button."""
    viewer = home.viewer_id
    progress = home.progress.get(viewer)
    focus = progress.focus if progress is not None else []
    latest = home.challenge.challenge if home.challenge is not None else None
    if not invited(home.cycles.get(viewer), latest, focus, today):
        return []
    skills = invited_skills(catalog, focus)
    if not skills:
        return []
    return [section(md("*21-day challenge* · not started\n{why}", why=_WHY)), *_skills(skills),
            actions(_start_button())]
