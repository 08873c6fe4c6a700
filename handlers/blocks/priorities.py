"""Week 2: the impact/difficulty rating modal and the matrix with the proposed focus skills."""

from __future__ import annotations

import json
from typing import Any

from domain.catalog import Catalog
from domain.coaching.priorities import MAX_FOCUS_SKILLS, Quadrant
from domain.services.prioritization import (
    PriorityView,
    SkillGap,
    difficulty_field,
    impact_field,
)
from handlers.blocks import limits
from handlers.blocks.inputs import (
    as_int,
    input_block,
    metadata,
    metadata_int,
    metadata_user,
    option,
    select,
    selected,
    state_values,
)
from handlers.blocks.kit import (
    Block,
    actions,
    button,
    context,
    header,
    md,
    mention,
    message,
    plain,
    section,
)
from handlers.edge import ids

IMPACT_SCALE = ["barely moves results", "a little", "noticeably", "a lot", "transforms results"]
DIFFICULTY_SCALE = ["easy to change", "some practice", "steady practice", "hard", "very hard"]

QUADRANT_TITLES = {
    Quadrant.QUICK_WIN: ":zap: Quick wins (high impact, easier)",
    Quadrant.LONG_TERM: ":mountain: Long-term priorities (high impact, harder)",
    Quadrant.NICE_TO_HAVE: ":seedling: Nice-to-have (lower impact, easier)",
    Quadrant.IGNORE_FOR_NOW: ":zzz: Ignore for now (lower impact, harder)",
}


def _evidence(gap: SkillGap) -> str:
    parts = [f"observed {gap.observed:.1f}" if gap.observed is not None else "no calls scored"]
    if gap.self_rating is not None:
        parts.append(f"self {gap.self_rating:.1f}")
    if gap.perception_gap is not None and abs(gap.perception_gap) >= 1:
        parts.append(f"gap {gap.perception_gap:+.1f}")
    return ", ".join(parts)


def prioritize_modal(view: PriorityView) -> dict[str, Any]:
    impact = [option(n, f"{n} · {text}") for n, text in enumerate(IMPACT_SCALE, start=1)]
    difficulty = [option(n, f"{n} · {text}") for n, text in enumerate(DIFFICULTY_SCALE, start=1)]
    blocks: list[Block] = [section(md(
        "Rate each skill gap of {rep}: how much closing it would move results (impact) "
        "and how hard it is to change (difficulty). Weakest observed skills come first; leave a skill blank "
        "to skip it.", rep=mention(view.rep.user_id)
    ))]
    for gap in view.gaps:
        current = gap.rating
        blocks.append(section(f"*{gap.name}* ({gap.level}) · {_evidence(gap)}"))
        blocks.append(input_block(impact_field(gap.competency), f"{gap.name}: impact",
                                  select(impact, str(current.impact) if current else None, "Impact 1-5"),
                                  optional=True))
        blocks.append(input_block(difficulty_field(gap.competency), f"{gap.name}: difficulty",
                                  select(difficulty, str(current.difficulty) if current else None, "Difficulty 1-5"),
                                  optional=True))
    return {
        "type": "modal",
        "callback_id": ids.PRIORITIZE_VIEW,
        "title": plain("Prioritize skill gaps", limits.VIEW_TITLE),
        "submit": plain("Place on matrix", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        # The cycle too: ratings submitted after it ended must not land in a newer one.
        "private_metadata": json.dumps({"rep": view.rep.user_id, "cycle": view.cycle.id}),
        "blocks": blocks,
    }


def read_ratings(
    view: dict[str, Any], catalog: Catalog
) -> tuple[str | None, int | None, dict[str, tuple[object, object]]]:
    """(rep id, cycle id, competency -> (impact, difficulty) as chosen) from the submitted modal."""
    values = state_values(view)
    opened = metadata(view)
    ratings = {
        c.id: (as_int(selected(values, impact_field(c.id))), as_int(selected(values, difficulty_field(c.id))))
        for c in catalog.competencies
    }
    return metadata_user(opened, "rep"), metadata_int(opened, "cycle"), ratings


def matrix_text(view: PriorityView) -> str:
    """The matrix as text: what a screen reader reads and what shows when charts are off."""
    lines = []
    for quadrant, title in QUADRANT_TITLES.items():
        names = [f"{view.name(r.competency)} (impact {r.impact}, difficulty {r.difficulty})"
                 for r in view.rated if r.quadrant is quadrant]
        if names:
            lines.append(f"*{title}*: " + "; ".join(names))
    return "\n".join(lines) or "No skill has been rated yet."


def priorities_message(view: PriorityView, viewer_id: str) -> dict[str, Any]:
    rep = view.rep.user_id
    manager = viewer_id != rep
    title = f"Priorities of {view.rep.name}" if manager else "Your coaching priorities"
    blocks: list[Block] = [header(title), section(limits.clip(matrix_text(view), limits.SECTION_TEXT))]
    if view.focus:
        blocks.append(section("*Focus skills*: " + ", ".join(view.name(s) for s in view.focus)))
    elif view.proposal:
        proposed = " and ".join(f"*{view.name(r.competency)}* ({r.level})" for r in view.proposal)
        blocks.append(section(f"*Proposed focus*: {proposed}: one foundational and one advanced skill, "
                              "highest impact first."))
    if manager:
        buttons = [button("Rate impact and difficulty", ids.OPEN_PRIORITIZE, value=rep)]
        if view.proposal and not view.focus and view.contract is None:
            buttons.insert(0, button("Accept proposal", ids.ACCEPT_FOCUS, value=rep, style="primary"))
        if view.focus or view.contract is not None:
            label = "Edit the contract" if view.contract else "Write the contract"
            buttons.append(button(label, ids.OPEN_CONTRACT, value=rep, style=None if view.contract else "primary"))
        blocks.append(actions(*buttons))
        blocks.append(context(md("At most {most} focus skills: `/coach focus {rep} discovery, "
                                 "closing` sets them; a third is refused.", most=MAX_FOCUS_SKILLS, rep=mention(rep))))
    return message(title, blocks)
