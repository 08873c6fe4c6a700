"""Replies to `/coach` roster commands and the notices reps get about their team (help: `help.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from domain.model import Member
from domain.notifications.registry import KINDS
from domain.scheduling.kinds import Audience
from domain.services.roster import AddOutcome, RepResult, TeamListing
from handlers.blocks.kit import (
    Block,
    Mrkdwn,
    context,
    counted,
    domain_text,
    header,
    joined,
    md,
    mention,
    message,
    section,
    time_zone_label,
)


def error_message(text: str) -> dict[str, Any]:
    """A refusal our domain wrote (`str(error)`): its mentions stay live, anything it quotes is escaped."""
    shown = domain_text(text)
    return message(shown, [section(":warning: " + shown)])


def welcome_admin_message() -> dict[str, Any]:
    text = (
        "You are the first person to use Coachflow here, so you are its admin. "
        "Add admins with `/coach admin grant @name`."
    )
    return message(text, [section(f":key: {text}")])


_OUTCOME_TEXT = {
    AddOutcome.ADDED: "{rep} joined your team.",
    AddOutcome.MOVED: "{rep} moved to your team from {previous}.",
    AddOutcome.ALREADY_ON_TEAM: "{rep} is already on your team.",
    AddOutcome.COACHED_ELSEWHERE: (
        "{rep} is coached by {previous}. Ask them or an admin to move {rep} to your team "
        "with `/coach team move` {rep} {you}."
    ),
    AddOutcome.IS_SELF: "You cannot coach yourself; your own manager can add you to their team.",
    AddOutcome.IS_BOT: "{rep} is an app, not a person, so it cannot be coached.",
    AddOutcome.IS_YOUR_MANAGER: "{rep} is your own manager; a manager cannot be coached by their rep.",
    AddOutcome.UNKNOWN_USER: "Slack does not know {rep} in this workspace (or their account is deactivated).",
}


def describe_result(result: RepResult, manager_id: str | None = None) -> Mrkdwn:
    """What happened to one person `manager_id` named (the example to move a rep names them, when known)."""
    previous = mention(result.previous_manager_id) if result.previous_manager_id else "another team"
    you = mention(manager_id) if manager_id else md("and then you")
    return md(_OUTCOME_TEXT[result.outcome], rep=mention(result.user_id), previous=previous, you=you)


def add_reps_message(results: list[RepResult], team_size: int, manager_id: str | None = None) -> dict[str, Any]:
    added = [r for r in results if r.joined]
    icon = {True: ":white_check_mark:", False: ":information_source:"}
    lines = [md("{icon} {result}", icon=icon[r.joined], result=describe_result(r, manager_id)) for r in results]
    size = f"{team_size} rep{'s' if team_size != 1 else ''}"
    summary = f"{len(added)} added. Your team now has {size}." if added else f"No one was added. Your team has {size}."
    return message(summary, [section(joined("\n", lines)), context(summary)])


def team_message(listing: TeamListing, now: datetime) -> dict[str, Any]:
    if not listing.reps:
        text = "You do not coach anyone yet. Add reps with `/coach team add @alex @sam`."
        return message(text, [section(text)])
    title = f"Your team: {len(listing.reps)} rep{'s' if len(listing.reps) != 1 else ''}"
    blocks: list[Block] = [header(title)]
    blocks += [_member_line(rep, now) for rep in listing.reps]
    blocks.append(context("Add with `/coach team add @name`, remove with `/coach team remove @name`."))
    return message(title, blocks)


def _member_line(member: Member, now: datetime) -> Block:
    role = "admin, rep" if member.is_admin else "rep"
    zone = time_zone_label(member.time_zone, now)
    return section(md("{who}\n{zone} · {role}", who=mention(member.user_id), zone=zone, role=role))


def removed_message(rep: Member) -> dict[str, Any]:
    text = md("{rep} is no longer on your team. Their coaching history is kept.", rep=mention(rep.user_id))
    return message(text, [section(text)])


def moved_message(result: RepResult) -> dict[str, Any]:
    if result.outcome is AddOutcome.ALREADY_ON_TEAM:
        text = md("{rep} is already coached by {manager}.", rep=mention(result.user_id),
                  manager=mention(result.previous_manager_id or ""))
    else:
        assert result.rep is not None and result.rep.manager_id is not None
        text = md("{rep} moved from {previous} to {manager}.", rep=mention(result.user_id),
                  previous=mention(result.previous_manager_id or ""), manager=mention(result.rep.manager_id))
    return message(text, [section(text)])


def admin_granted_message(member: Member) -> dict[str, Any]:
    text = md("{who} is now a Coachflow admin.", who=mention(member.user_id))
    return message(text, [section(text)])


def teams_message(teams: list[TeamListing]) -> dict[str, Any]:
    if not teams:
        text = "No teams yet. Managers create theirs with `/coach team add @name`."
        return message(text, [section(text)])
    blocks: list[Block] = [header(f"Teams in this workspace: {len(teams)}")]
    blocks.extend(team_line(team) for team in teams)
    return message(counted(len(teams), "team"), blocks)


def team_line(team: TeamListing) -> Block:
    """One team: its manager, how many reps, each rep."""
    reps = joined(", ", [mention(r.user_id) for r in team.reps])
    return section(md("*{manager}* · {count}\n{reps}", manager=mention(team.manager.user_id),
                      count=counted(len(team.reps), "rep"), reps=reps))


def rep_joined_notice(
    result: RepResult, manager_id: str, reminders: Sequence[str] | None = None
) -> dict[str, Any]:
    """The DM a rep gets when a manager adds them: nobody is enrolled silently.

    It promises only what exists: `reminders` are the titles of the scheduled
    messages reps get (by default those registered in `KINDS`), so a feature
    appears here when its kind is registered, not before.
    """
    text = md("{manager} added you to their Coachflow coaching team.", manager=mention(manager_id))
    titles = list(reminders) if reminders is not None else rep_reminder_titles()
    sent = f" Coachflow sends you: {'; '.join(titles)}." if titles else ""
    return message(
        text,
        [
            section(
                ":wave: " + text + "\nCoachflow runs your coaching here in Slack. When your manager starts your "
                "8-week cycle, they score some of your calls, you take a self-assessment, and you both sign a "
                f"coaching contract on at most two focus skills.{sent} Only you and your manager see your "
                "coaching data."
            ),
            context("Open the *Home* tab of Coachflow any time to see where you stand."),
        ],
    )


def rep_reminder_titles() -> list[str]:
    """Titles of the registered scheduled kinds a rep receives, without the audience note meant for mixed lists."""
    to_reps = (Audience.REPS, Audience.EVERYONE)
    return [kind.title.removesuffix(" (reps)") for kind in KINDS.values() if kind.audience in to_reps]


def rep_left_notice(rep_id: str, new_manager_id: str) -> dict[str, Any]:
    """Tells a manager that an admin moved one of their reps away."""
    text = md("{rep} now works with {manager} and is no longer on your team.", rep=mention(rep_id),
              manager=mention(new_manager_id))
    return message(text, [section(text)])
