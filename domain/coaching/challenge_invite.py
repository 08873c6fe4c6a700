"""The week-7 invitation to the 21-day challenge (issue 13): who is invited, and to commit to what.

Week 7 opens the habit stage: skills become habits through 21 days of a
concrete behaviour. A rep in it is invited while their latest challenge does
not belong to this cycle (one started on Friday of week 6 does) and none is
running; they need focus skills to commit to. The Monday DM goes in week 7
only; App Home offers the same button all through weeks 7-8.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from domain.catalog import Catalog
from domain.coaching.challenge_model import Challenge
from domain.coaching.cycle import STAGE_STARTS, CoachingCycle, Stage
from domain.errors import NotFound

INVITE_WEEK = STAGE_STARTS[Stage.HABIT]  # 7


@dataclass(frozen=True)
class InvitedSkill:
    """A focus skill and the catalog's default behaviour for it (the start form's prefill)."""

    skill_id: str
    name: str
    behaviour: str


def invited(cycle: CoachingCycle | None, latest: Challenge | None, focus: Iterable[str], on: date,
            *, first_week_only: bool = False) -> bool:
    """Whether the cycle's rep is invited on `on`: in the habit stage (its first week only, for the Monday DM),
    with focus skills, no challenge running and none started in this cycle."""
    if cycle is None or cycle.id is None or not list(focus):
        return False
    if first_week_only:
        if cycle.program_week(on) != INVITE_WEEK:
            return False
    elif cycle.stage_on(on) is not Stage.HABIT:
        return False
    return latest is None or (latest.cycle_id != cycle.id and not latest.is_active)


def invited_skills(catalog: Catalog | None, focus: Iterable[str]) -> tuple[InvitedSkill, ...]:
    """The focus skills the catalog knows, each with its default behaviour (an unknown skill is left out,
    as the start form leaves it out)."""
    found = []
    for skill_id in focus:
        if catalog is None:
            found.append(InvitedSkill(skill_id, skill_id, ""))
            continue
        try:
            competency = catalog.competency(skill_id)
        except NotFound:
            continue
        found.append(InvitedSkill(skill_id, competency.name, competency.challenge_behavior))
    return tuple(found)
