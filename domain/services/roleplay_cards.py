"""Every rep's role-play cards for many reps in a fixed number of queries (App Home and `/coach roleplay`).

Kept apart from the role-play use case (domain/services/roleplays.py) so
App Home (`homes_for`) can import it without an import cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from domain.catalog import Catalog
from domain.coaching.roleplay import PRACTISED_WINDOW, RepRoleplays, recently_practised, roleplays_of
from domain.model import Member, WorkspaceRef
from domain.pipeline.audit import audit_reps
from domain.pipeline.model import Opportunity
from domain.ports import UnitOfWork


def load_roleplays(uow: UnitOfWork, ws: WorkspaceRef, reps: Sequence[Member], now: datetime,
                   catalog: Catalog | None) -> dict[str, RepRoleplays]:
    """Every one of these reps' role-play cards, by rep id, in at most 6 queries whatever their number.

    For App Home (a manager's reps) and the command alike. Each rep is
    measured against their own team (everyone coached by the same manager),
    or the whole workspace when they have none or are alone on it, as the
    pipeline audit does. Suggestions come from active cycles' focus skills.
    """
    wanted = list({r.user_id: r for r in reps}.values())
    if not wanted:
        return {}
    rep_ids = [r.user_id for r in wanted]
    teams: dict[str, str | None] = {r.user_id: r.manager_id for r in wanted}
    managers = {r.manager_id for r in wanted if r.manager_id is not None}
    for manager_id, mates in (uow.members.reps_of_many(ws, managers) if managers else {}).items():
        teams.update((mate.user_id, manager_id) for mate in mates)
    deals = uow.pipeline.for_owners(ws, teams)
    if _compared_with_everyone(wanted, teams, deals):
        deals = uow.pipeline.for_workspace(ws)
    audits = {a.rep_id: a for a in audit_reps(deals, rep_ids, teams)}
    cycles = uow.cycles.active_for_reps(ws, rep_ids)
    cycle_ids = [c.id for c in cycles.values() if c.id is not None]
    focus = uow.priorities.focus_for(cycle_ids) if cycle_ids else {}
    practices = uow.roleplays.recent(ws, rep_ids, now - PRACTISED_WINDOW)
    found = {}
    for rep in wanted:
        cycle = cycles.get(rep.user_id)
        skills = focus.get(cycle.id, []) if cycle is not None and cycle.id is not None else []
        found[rep.user_id] = roleplays_of(
            audits[rep.user_id], deals, now, rep.time_zone, focus=skills, catalog=catalog,
            practised=recently_practised(practices.get(rep.user_id, []), now),
        )
    return found


def _compared_with_everyone(reps: Sequence[Member], teams: dict[str, str | None],
                            deals: Sequence[Opportunity]) -> bool:
    """Whether any rep has no team with deals of at least two people (`audit_reps` then uses every deal)."""
    owners = {d.owner_id for d in deals}
    for rep in reps:
        if rep.manager_id is None:
            return True
        with_deals = {owner for owner in owners if teams.get(owner) == rep.manager_id}
        if len(with_deals) < 2:
            return True
    return False
