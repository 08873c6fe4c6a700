"""The App Home tab, role-aware: it only shows what exists for this viewer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.catalog import Catalog
from domain.coaching.cycle import CoachingCycle, Stage
from domain.coaching.progress import CycleProgress
from domain.model import Member
from domain.scheduling.calendar import zone
from domain.services.develop import DevelopWeek
from domain.services.home import HomeModel
from handlers.blocks import limits
from handlers.blocks.challenge import home_blocks as challenge_home_blocks
from handlers.blocks.challenge_invite import home_invite_blocks
from handlers.blocks.commitments import home_commitment_blocks
from handlers.blocks.home_coaching import (
    develop_line,
    rep_contract_blocks,
    rep_debrief_blocks,
    rep_homework_blocks,
    rep_profile_blocks,
    rep_row_develop,
    rep_row_status,
    rep_week_blocks,
)
from handlers.blocks.kit import (
    Block,
    actions,
    button,
    confirm_dialog,
    context,
    divider,
    fit,
    header,
    joined,
    md,
    mention,
    section,
    time_zone_label,
)
from handlers.blocks.roster import team_line
from handlers.blocks.sessions import next_session_line, rep_row_session
from handlers.blocks.win_messages import manager_win_blocks, rep_win_blocks
from handlers.edge import ids

# Leave room for the sections after the team list; a long team is trimmed
# with a pointer to `/coach team` rather than rejected by Slack. A rep row is
# two blocks (the rep, then their buttons): 30 rows are 60 of Home's 100 blocks.
_MAX_REPS_SHOWN = 30
_MAX_TEAMS_SHOWN = 20


def home_view(home: HomeModel, now: datetime, catalog: Catalog | None = None) -> dict[str, Any]:
    blocks: list[Block] = [header("Coachflow")]
    if home.is_new or (home.coach is None and not home.is_manager and not home.is_admin):
        blocks += _welcome()
    else:
        blocks += _coach_section(home, now)
        if home.coach is not None and home.viewer is not None:
            progress = home.progress.get(home.viewer_id)
            today = now.astimezone(zone(home.viewer.time_zone)).date()
            week = home.develop.get(home.viewer_id)
            blocks += rep_week_blocks(progress, today, week)
            blocks += rep_homework_blocks(week)
            blocks += rep_debrief_blocks()
            blocks += rep_profile_blocks(home.profile)
            blocks += rep_contract_blocks(progress, catalog, home.viewer_id)
            blocks += rep_win_blocks()  # issue 13: "Share a win"
            blocks += home_invite_blocks(home, today, catalog)  # issue 13: weeks 7-8 without a challenge
            blocks += challenge_home_blocks(home.challenge) if home.challenge is not None else []  # issue 13
        if home.is_manager:
            names = {c.id: c.name for c in catalog.competencies} if catalog else {}
            blocks += _team_section(home, now, names)
            blocks += manager_win_blocks(home.rep_wins, names)  # issue 13: their reps' latest wins
        if home.workspace_teams is not None:
            blocks += _workspace_section(home)
    blocks += _commitment_section(home, now)
    return {"type": "home", "blocks": fit(blocks, limits.VIEW_BLOCKS)}


def _commitment_section(home: HomeModel, now: datetime) -> list[Block]:
    """Open commitments (issue 12), overdue first and marked: the viewer's own, then their reps'."""
    if home.viewer is None:
        return []
    today = now.astimezone(zone(home.viewer.time_zone)).date()
    reps = [c for mine in home.rep_commitments.values() for c in mine]
    return (home_commitment_blocks("Your commitments", home.own_commitments, today)
            + home_commitment_blocks("Your reps' commitments", reps, today))


def _welcome() -> list[Block]:
    return [
        section(
            "Coachflow runs a structured, data-driven coaching program for your sales team, "
            "right here in Slack."
        ),
        section(
            "*Managers:* build your team with `/coach team add @alex @sam`, or the button below.\n"
            "*Reps:* once your manager adds you, your coaching shows up here."
        ),
        actions(button("Add reps to my team", ids.OPEN_ADD_REPS, style="primary")),
        context("`/coach help` lists every command."),
    ]


def _coach_section(home: HomeModel, now: datetime) -> list[Block]:
    if home.coach is None:
        return []
    blocks = [section(md(":bust_in_silhouette: Your coach: {coach}", coach=mention(home.coach.user_id)))]
    cycle = home.cycles.get(home.viewer_id)
    if cycle is not None and home.viewer is not None:
        blocks.append(section(f":calendar: Coaching cycle: {_stage_text(cycle, home.viewer, now)}"))
    viewer = home.viewer
    if viewer is not None and (line := next_session_line(home.next_sessions.get(home.viewer_id), viewer)):
        blocks.append(section(line))
    return blocks


def _stage_text(cycle: CoachingCycle, rep: Member, now: datetime) -> str:
    today = now.astimezone(zone(rep.time_zone)).date()
    stage = cycle.stage_on(today)
    if stage is None:
        return f"starts {cycle.starts_on:%a %-d %b}"
    return f"*{stage.title}*, week {cycle.program_week(today)}"


def _team_section(home: HomeModel, now: datetime, skill_names: dict[str, str]) -> list[Block]:
    count = len(home.reps)
    blocks: list[Block] = [divider(), header(f"Your team ({count} rep{'s' if count != 1 else ''})")]
    if not home.reps:
        blocks.append(section("You do not coach anyone yet."))
    for rep in home.reps[:_MAX_REPS_SHOWN]:
        blocks += _rep_row(rep, now, home.cycles.get(rep.user_id), home.progress.get(rep.user_id), skill_names,
                           home.develop.get(rep.user_id))
        if home.viewer is not None and rep.user_id in home.next_sessions:  # issue 12: the rep's next 1:1
            blocks[-2] = _with_session_line(blocks[-2], rep_row_session(home.next_sessions.get(rep.user_id),
                                                                       home.viewer))
    if count > _MAX_REPS_SHOWN:
        blocks.append(context(f"…and {count - _MAX_REPS_SHOWN} more. `/coach team` lists everyone."))
    blocks.append(actions(button("Add reps", ids.OPEN_ADD_REPS, style="primary")))
    return blocks


def _rep_row(
    rep: Member, now: datetime, cycle: CoachingCycle | None, progress: CycleProgress | None,
    skill_names: dict[str, str], week: DevelopWeek | None = None,
) -> list[Block]:
    """The rep, where their cycle stands and (in stage 3 and after) their week; then "This week" and Remove."""
    remove = button(
        "Remove",
        ids.REMOVE_REP,
        value=rep.user_id,
        confirm=confirm_dialog(
            "Remove from team?",
            f"{rep.name} will no longer be on your team. Their coaching history is kept.",
            "Remove",
        ),
    )
    stage = _stage_text(cycle, rep, now) if cycle else "no cycle yet: `/coach start @name`"
    status = rep_row_status(progress, now.astimezone(zone(rep.time_zone)).date(), skill_names)
    if cycle is not None and week is not None:
        stage_now = cycle.stage_on(now.astimezone(zone(rep.time_zone)).date())
        if stage_now not in (None, Stage.DIAGNOSE, Stage.PRIORITIZE):
            status += "\n" + develop_line(week, for_manager=True)
            more = rep_row_develop(week)
            status += "\n" + more if more else ""
    row = section(md("{rep}\n{zone} · {stage}{status}", rep=mention(rep.user_id),
                     zone=time_zone_label(rep.time_zone, now), stage=stage, status=status))
    return [row, actions(button("This week", ids.OPEN_REP_WEEK, value=rep.user_id), remove)]


def _with_session_line(row: Block, line: str) -> Block:
    """The rep row's section with the 1:1 line added under it."""
    text = row.get("text")
    if not isinstance(text, dict) or not isinstance(text.get("text"), str):
        return row
    return {**row, "text": {**text, "text": limits.clip(text["text"] + "\n" + line, limits.SECTION_TEXT)}}


def _workspace_section(home: HomeModel) -> list[Block]:
    teams = home.workspace_teams or []
    blocks: list[Block] = [divider(), header("Workspace (admin)")]
    admins = joined(", ", [mention(a.user_id) for a in home.admins]) or "none"
    blocks.append(context(md("Admins: {admins}", admins=admins)))
    if not teams:
        blocks.append(section("No teams yet."))
    blocks += [team_line(team) for team in teams[:_MAX_TEAMS_SHOWN]]
    if len(teams) > _MAX_TEAMS_SHOWN:
        blocks.append(context(f"…and {len(teams) - _MAX_TEAMS_SHOWN} more teams: `/coach admin teams`."))
    return blocks
