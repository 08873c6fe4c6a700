"""The week 1-2 reminders: the rep's Monday tasks and the manager's Wednesday what's-missing list."""

from __future__ import annotations

from typing import Any

from domain.coaching.cycle import Stage
from domain.notifications.cycle_tasks import CycleTasksNote
from domain.notifications.team_tasks import TeamTasksNote
from handlers.blocks import limits
from handlers.blocks.kit import (
    Block,
    actions,
    button,
    context,
    fit,
    md,
    mention,
    message,
    section,
)
from handlers.edge import ids

MAX_REPS = 40  # one section per rep; the note stays inside a message's 50 blocks


def cycle_tasks_message(note: CycleTasksNote) -> dict[str, Any]:
    week = f"Week {note.week} of your coaching cycle"
    lines: list[str] = []
    buttons = []
    if note.stage is Stage.DIAGNOSE:
        lines.append("This week is about an honest baseline: your manager scores some of your recent calls, "
                     "and you can score your own to compare.")
        buttons.append(button("Score one of my calls", ids.OPEN_SCORE_CALL))
    if note.needs_self_assessment:
        lines.append("*Take the 20-question self-assessment* (about 10 minutes): how confident and how "
                     "competent you feel in each skill.")
        buttons.insert(0, button("Take the self-assessment", ids.OPEN_SELF_ASSESSMENT, style="primary"))
    if note.needs_signature and note.progress.contract is not None:
        contract = note.progress.contract
        lines.append(f"*Your coaching contract (version {contract.version}) waits for your signature.* "
                     "Read it with `/coach contract`.")
        buttons.append(button(f"Sign version {contract.version}", ids.SIGN_CONTRACT,
                              value=f"{note.rep.user_id}:{contract.version}"))
    text = f"{week}: " + " ".join(line.replace("*", "") for line in lines)
    blocks: list[Block] = [section(f":calendar: *{week}* ({note.stage.title})"), section("\n".join(lines))]
    if buttons:
        blocks.append(actions(*buttons))
    blocks.append(context("Mondays in weeks 1-2 at 09:00 your time."))
    return message(limits.clip(text, limits.MESSAGE_TEXT), blocks)


def _next_step(stage: Stage, rep_id: str) -> dict[str, Any]:
    """The manager's next step for one rep, one click away: score a call in week 1, prioritize in week 2."""
    if stage is Stage.DIAGNOSE:
        return button("Score a call", ids.OPEN_SCORE_CALL, value=rep_id)
    return button("Prioritize", ids.OPEN_PRIORITIZE, value=rep_id)


def team_tasks_message(note: TeamTasksNote) -> dict[str, Any]:
    count = len(note.items)
    text = (f"{count} rep{'s' if count != 1 else ''} in cycle weeks 1-2 "
            f"still need{'' if count != 1 else 's'} something this week.")
    blocks: list[Block] = [section(f":hourglass: *{text}*")]
    for rep, stage, week, missing in note.items[:MAX_REPS]:
        blocks.append(section(md("{rep} · {stage}, week {week}\n{missing}", rep=mention(rep.user_id), stage=stage.title,
                                 week=week, missing="; ".join(missing)), accessory=_next_step(stage, rep.user_id)))
    blocks.append(context("`/coach score @rep`, `/coach prioritize @rep`, `/coach contract @rep`. "
                          "Wednesdays at 09:00 your time."))
    return message(text, fit(blocks, limits.MESSAGE_BLOCKS))
