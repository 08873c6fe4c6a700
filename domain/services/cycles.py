"""Starting and steering a rep's 8-week coaching cycle.

Only the rep's own manager starts or steers it; the rep, their manager and
admins can read it. Dates are the rep's local dates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from domain.catalog import Catalog
from domain.coaching.cycle import CoachingCycle, CycleStatus, cycle_start
from domain.effects import Done, Effects, Notice, refresh, tell
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.scheduling.calendar import zone
from domain.services.use_case import finish

# (uow, workspace, the cycle just ended, now) -> what else to send about it, in the same unit of work.
OnEnd = Callable[[UnitOfWork, WorkspaceRef, CoachingCycle, datetime], Effects]


@dataclass(frozen=True)
class CycleView:
    rep: Member
    current: CoachingCycle | None
    past: list[CoachingCycle]
    today: date


@dataclass(frozen=True)
class CycleStarted(Notice):
    """To the rep: their manager started their cycle; what the coming weeks hold."""

    view: CycleView


class CycleService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Callable[[], datetime],
                 catalog: Catalog | None = None, on_end: OnEnd | None = None) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._catalog = catalog  # for the App Homes a change refreshes (their skills profile)
        self._on_end = on_end  # what else a manager ending a cycle sends (the cycle's results, issue 13)

    def start(self, ws: WorkspaceRef, manager_id: str, rep_id: str, requested: date | None) -> CycleView:
        with self._uow_factory() as uow:
            view = self._start(uow, ws, manager_id, rep_id, requested)
            uow.commit()
        return view

    def start_and_tell(self, ws: WorkspaceRef, manager_id: str, rep_id: str,
                       requested: date | None) -> Done[CycleView]:
        """`/coach start`: as `start`; the rep is told, both Homes change."""
        with self._uow_factory() as uow:
            view = self._start(uow, ws, manager_id, rep_id, requested)
            effects = tell(rep_id, CycleStarted(view)) + refresh(manager_id, rep_id)
            done = finish(uow, ws, Done(view, effects), catalog=self._catalog, now=self._clock())
            uow.commit()
        return done

    def start_in(self, uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep_id: str,
                 requested: date | None) -> CycleView:
        """`start` inside another use case's unit of work (a maintenance flag's restart); the caller commits."""
        return self._start(uow, ws, manager_id, rep_id, requested)

    def steer_in(self, uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep_id: str, action: str,
                 weeks: int = 1) -> CycleView:
        """`steer` inside another use case's unit of work; the caller commits."""
        return self._steer(uow, ws, manager_id, rep_id, action, weeks)

    def _start(self, uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep_id: str,
               requested: date | None) -> CycleView:
        rep = self._managed_rep(uow, ws, manager_id, rep_id)
        today = self._today(rep)
        if uow.cycles.active_for(ws, rep_id) is not None:
            raise InvalidInput(
                f"<@{rep_id}> already has an active cycle. See it with `/coach cycle <@{rep_id}>`, "
                f"or end it first: `/coach cycle <@{rep_id}> end`."
            )
        cycle = uow.cycles.add(CoachingCycle(ws, rep_id, manager_id, cycle_start(requested, today)))
        past = [c for c in uow.cycles.history(ws, rep_id) if c.id != cycle.id]
        return CycleView(rep, cycle, past, today)

    def steer(self, ws: WorkspaceRef, manager_id: str, rep_id: str, action: str, weeks: int = 1) -> CycleView:
        """`advance`, `extend` (by `weeks`) or `end` the rep's active cycle."""
        with self._uow_factory() as uow:
            view = self._steer(uow, ws, manager_id, rep_id, action, weeks)
            uow.commit()
        return view

    def steer_and_tell(self, ws: WorkspaceRef, manager_id: str, rep_id: str, action: str,
                       weeks: int = 1) -> Done[CycleView]:
        """`/coach cycle @rep advance|extend|end`: as `steer`; both Homes change."""
        with self._uow_factory() as uow:
            view = self._steer(uow, ws, manager_id, rep_id, action, weeks)
            effects = refresh(manager_id, rep_id)
            ended = next((c for c in view.past if c.status is CycleStatus.ENDED and c.ended_on == view.today), None)
            if action == "end" and ended is not None and self._on_end is not None:
                effects = self._on_end(uow, ws, ended, self._clock()) + effects
            done = finish(uow, ws, Done(view, effects), catalog=self._catalog, now=self._clock())
            uow.commit()
        return done

    def _steer(self, uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep_id: str, action: str,
               weeks: int) -> CycleView:
        rep = self._managed_rep(uow, ws, manager_id, rep_id)
        today = self._today(rep)
        cycle = uow.cycles.active_for(ws, rep_id)
        if cycle is None:
            raise NotFound(f"<@{rep_id}> has no active cycle. Start one: `/coach start <@{rep_id}>`.")
        if action == "advance":
            changed = cycle.advanced(today)
        elif action == "extend":
            changed = cycle.extended(weeks)
        elif action == "end":
            changed = cycle.ended(today)
        else:
            raise InvalidInput("Steer a cycle with `advance`, `extend [weeks]` or `end`.")
        uow.cycles.update(changed)
        history = uow.cycles.history(ws, rep_id)
        current = changed if changed.status is CycleStatus.ACTIVE else None
        return CycleView(rep, current, [c for c in history if current is None or c.id != current.id], today)

    def view(self, ws: WorkspaceRef, viewer_id: str, rep_id: str) -> CycleView:
        with self._uow_factory(read_only=True) as uow:
            viewer = uow.members.get(ws, viewer_id)
            rep = uow.members.get(ws, rep_id)
            if rep is None or viewer is None or not (
                viewer_id in (rep_id, rep.manager_id) or viewer.is_admin
            ):
                # Same answer whether or not the rep exists: no probing other teams.
                raise NotAllowed(f"You can see your own cycle and your reps' cycles, not <@{rep_id}>'s.")
            history = uow.cycles.history(ws, rep_id)
        current = next((c for c in history if c.status is CycleStatus.ACTIVE), None)
        return CycleView(rep, current, [c for c in history if c is not current], self._today(rep))

    def _today(self, rep: Member) -> date:
        return self._clock().astimezone(zone(rep.time_zone)).date()

    @staticmethod
    def _managed_rep(uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep_id: str) -> Member:
        rep = uow.members.get(ws, rep_id)
        if rep is None or rep.manager_id != manager_id:
            raise not_your_rep(manager_id, rep_id, "start or steer their cycle",
                               then=" Add them first: `/coach team add @name`.")
        return rep


def hand_over_cycle(uow: UnitOfWork, ws: WorkspaceRef, rep_id: str, new_manager_id: str) -> None:
    """A rep changed manager: their active cycle, and its contract, go with them to the new one.

    The contract becomes a new version for the rep and the new manager to sign;
    the old manager's buttons stop working because they no longer match.
    """
    cycle = uow.cycles.active_for(ws, rep_id)
    if cycle is None or cycle.id is None or cycle.manager_id == new_manager_id:
        return
    uow.cycles.update(replace(cycle, manager_id=new_manager_id))
    contract = uow.contracts.for_cycle(cycle.id, for_update=True)
    if contract is not None:
        uow.contracts.save(contract.handed_over(new_manager_id))


def managed_cycle(
    uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep_id: str, to_do: str,
) -> tuple[Member, CoachingCycle]:
    """The rep and their active cycle, for their own manager only; `to_do` finishes "so you cannot ..."."""
    rep = uow.members.get(ws, rep_id)
    if rep is None or rep.manager_id != manager_id:
        raise not_your_rep(manager_id, rep_id, to_do)
    cycle = uow.cycles.active_for(ws, rep_id)
    if cycle is None or cycle.id is None:
        raise NotFound(f"<@{rep_id}> has no active coaching cycle. Start one: `/coach start <@{rep_id}>`.")
    return rep, cycle


def not_your_rep(manager_id: str, rep_id: str, to_do: str, then: str = "") -> NotAllowed:
    """The refusal for someone who does not manage `rep_id`; `to_do` finishes "so you cannot ...".

    A rep naming themself is told about themself as "you", not `<@them>`.
    """
    if rep_id == manager_id:
        return NotAllowed(f"You cannot {to_do.replace('their', 'your own')}: your manager does that.")
    return NotAllowed(f"<@{rep_id}> is not on your team, so you cannot {to_do}.{then}")
