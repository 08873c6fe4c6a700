"""Replies about coaching cycles, and the DM a rep gets when their cycle starts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from domain.coaching.cycle import (
    STAGE_STARTS,
    WHAT_EACH_STAGE_ASKS,
    CoachingCycle,
    Stage,
)
from domain.services.cycles import CycleView
from handlers.blocks.kit import Block, context, header, md, mention, message, section

_STAGE_WEEKS = {
    Stage.DIAGNOSE: "week 1",
    Stage.PRIORITIZE: "week 2",
    Stage.DEVELOP: "weeks 3-6",
    Stage.HABIT: "weeks 7-8",
    Stage.MAINTAIN: "after week 8",
}


def _where(cycle: CoachingCycle, view: CycleView) -> str:
    stage = cycle.stage_on(view.today)
    if stage is None:
        return f"starts {cycle.starts_on:%a %-d %b %Y}"
    week = cycle.program_week(view.today)
    monitoring = " · monitoring leading indicators" if cycle.monitoring_on(view.today) else ""
    return f"*{stage.title}* (program week {week}){monitoring}"


def _plan_lines(cycle: CoachingCycle) -> list[str]:
    lines = []
    for stage, first_week in STAGE_STARTS.items():
        starts = cycle.starts_on + timedelta(weeks=first_week - 1 - cycle.offset_weeks)
        weeks, asks = _STAGE_WEEKS[stage], WHAT_EACH_STAGE_ASKS[stage]
        lines.append(f"• *{stage.title}* ({weeks}, from {starts:%a %-d %b}): {asks}")
    return lines


def cycle_message(view: CycleView, viewer_id: str | None = None) -> dict[str, Any]:
    """A rep's cycle; the rep reading their own is told "you"."""
    rep = mention(view.rep.user_id)
    yours = viewer_id == view.rep.user_id
    blocks: list[Block] = [header("Coaching cycle")]
    if view.current is None and yours:
        blocks.append(section("You have no active cycle. Your manager starts one with `/coach start`."))
    elif view.current is None:
        blocks.append(section(md("No active coaching cycle. One begins when the manager runs `/coach start {rep}`.",
                                 rep=rep)))
    else:
        cycle = view.current
        blocks.append(section(md("{who}: {where}\nStarted {day:%a %-d %b %Y} with {manager}.",
                                 who=md("Your cycle") if yours else rep, where=_where(cycle, view),
                                 day=cycle.starts_on, manager=mention(cycle.manager_id))))
        blocks.append(section("\n".join(_plan_lines(cycle))))
    if view.past:
        past = [
            f"• {c.starts_on:%-d %b %Y} to {c.ended_on:%-d %b %Y}" if c.ended_on else f"• from {c.starts_on:%-d %b %Y}"
            for c in view.past[:10]
        ]
        blocks.append(context("Past cycles:\n" + "\n".join(past)))
    return message(md("Your coaching cycle") if yours else md("Coaching cycle of {rep}", rep=rep), blocks)


def cycle_started_notice(view: CycleView) -> dict[str, Any]:
    """The rep's DM: what the coming weeks hold and what is asked of them."""
    cycle = view.current
    assert cycle is not None
    text = md("{manager} started your 8-week coaching cycle on {day:%A %-d %B}.", manager=mention(cycle.manager_id),
              day=cycle.starts_on)
    return message(text, [
        section(":rocket: " + text),
        section("What the coming weeks hold:\n" + "\n".join(_plan_lines(cycle))),
        context("First up, week 1: your manager scores a few of your calls and you fill in a 20-question "
                "self-assessment (about 10 minutes). Only you and your manager see your results."),
    ])


def cycle_changed_message(view: CycleView, action: str) -> dict[str, Any]:
    rep = mention(view.rep.user_id)
    if view.current is None:
        text = md("{rep}'s cycle has ended. Its history stays readable with `/coach cycle {rep}`.", rep=rep)
        return message(text, [section(text)])
    verb = {"advance": "moved on", "extend": "extended"}.get(action, action)
    text = md("{rep}'s cycle {verb}: now {where}.", rep=rep, verb=verb, where=_where(view.current, view))
    return message(text, [section(text)])
