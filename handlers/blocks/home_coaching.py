"""App Home's coaching parts: a rep's week, profile and contract; what each of a manager's reps still needs."""

from __future__ import annotations

from datetime import date

from domain.catalog import Catalog
from domain.coaching.cycle import Stage
from domain.coaching.progress import CycleProgress
from domain.services.diagnosis import ProfileView
from handlers.blocks.contract import contract_blocks
from handlers.blocks.kit import Block, actions, button, context, counted, header, section
from handlers.edge import ids

WEAKEST_SHOWN = 3


def rep_week_blocks(progress: CycleProgress | None, today: date) -> list[Block]:
    """What this week asks of the rep, with buttons to do it."""
    if progress is None:
        return []
    stage = progress.cycle.stage_on(today)
    buttons = []
    if stage in (Stage.DIAGNOSE, Stage.PRIORITIZE) and not progress.self_assessed:
        buttons.append(button("Take the self-assessment", ids.OPEN_SELF_ASSESSMENT, style="primary"))
    if stage is Stage.DIAGNOSE:
        buttons.append(button("Score one of my calls", ids.OPEN_SCORE_CALL))
    missing = progress.missing_for_rep(today)
    blocks: list[Block] = []
    if missing:
        blocks.append(section(":clipboard: *This week*: " + "; ".join(missing)))
    if buttons:
        blocks.append(actions(*buttons))
    return blocks


def rep_profile_blocks(profile: ProfileView | None) -> list[Block]:
    if profile is None or not profile.profile.dimensions:
        return []
    weakest = ", ".join(
        f"{profile.dimension_names.get(d.dimension, d.dimension)} {d.average:.1f}"
        for d in profile.profile.dimensions[:WEAKEST_SHOWN]
    )
    scored = counted(profile.profile.calls_scored, "call")
    lines = [f"*Skills profile* ({scored} scored by your manager): weakest first, {weakest}"]
    flagged = [g for g in profile.perception if g.flag]
    lines.extend(
        f":triangular_flag_on_post: {profile.competency_names.get(gap.competency, gap.competency)}: "
        f"self {gap.self_rating:g} vs observed {gap.observed:g} ({gap.flag})"
        for gap in flagged
    )
    return [section("\n".join(lines)), context("`/coach profile` shows every dimension and each call.")]


def rep_contract_blocks(progress: CycleProgress | None, catalog: Catalog | None, rep_id: str) -> list[Block]:
    if progress is None or progress.contract is None or catalog is None:
        return []
    contract = progress.contract
    blocks: list[Block] = [header(f"Coaching contract (version {contract.version}, {contract.status.value})"),
                           *contract_blocks(contract, catalog)]
    if contract.rep_id == rep_id and contract.rep_signed_at is None:
        blocks.append(actions(button(f"Sign version {contract.version}", ids.SIGN_CONTRACT,
                                     value=f"{rep_id}:{contract.version}", style="primary")))
    return blocks


def rep_row_status(progress: CycleProgress | None, today: date, skill_names: dict[str, str]) -> str:
    """The manager's one line on what a rep's cycle still needs this week ("" when nothing)."""
    if progress is None:
        return ""
    missing = progress.missing(today)
    if missing:
        return "\n:hourglass: " + "; ".join(missing)
    if progress.focus:
        return "\n:dart: Focus: " + ", ".join(skill_names.get(s, s) for s in progress.focus)
    return ""


def rep_debrief_blocks() -> list[Block]:
    """The rep's one-click way to debrief a call (issue 10)."""
    return [actions(button("Debrief a call", ids.OPEN_DEBRIEF, value=""))]
