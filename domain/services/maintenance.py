"""Monthly maintenance check-ins (issue 13): the rep's form and submission, the manager's flags and restart.

Who may do what, whatever a crafted button value or view payload names:
- only the rep opens and submits their own check-in, for their own active
  cycle while it is in maintenance (past week 8); a cycle ended, or a new
  one started, stops check-ins;
- one check-in per rep, cycle and month: a second submission the same month
  replaces the first (the manager is told it was edited);
- only the rep's current manager, or a workspace admin, starts a new cycle
  from a check-in's flag, once per check-in, on a skill that check-in flags.
A refusal reads the same whether or not the record exists. Each writing use
case is one unit of work: its receipt (a replay stores nothing and tells
nobody), the records, the DMs' ledger rows, commit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from domain.catalog import Catalog
from domain.coaching.cycle import CoachingCycle
from domain.coaching.maintenance import Backslide, backslides
from domain.coaching.maintenance_checkins import (
    SNAPSHOT_WEEKS,
    IndicatorReading,
    MaintenanceCheckin,
    checkin_problems,
    in_maintenance,
    month_of,
    month_value,
)
from domain.effects import Done, refresh, tell
from domain.errors import FieldProblems, InvalidInput, NotAllowed
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record, within_deadline
from domain.scheduling.calendar import zone
from domain.services.cycles import CycleService, CycleStarted
from domain.services.leading_indicators import weekly_indicators
from domain.services.maintenance_notices import CheckinForm, CheckinForManager, CheckinSaved, CycleRestarted
from domain.services.use_case import finish

HISTORY = 3  # check-ins the flags compare: this month's, the last and the one before
NOT_YOURS = "That check-in is not yours: each rep fills in their own monthly check-in."
NOT_IN_MAINTENANCE = ("That cycle is no longer in monthly maintenance (it ended, or a new cycle started), "
                      "so there is nothing to check in on.")
NO_MANAGER = "You are not on a coaching team any more, so there is no manager to send a check-in to."
NOT_YOUR_FLAG = "Only the rep's manager (or an admin) can start a new cycle from their check-in."
NO_LONGER_FLAGGED = "That skill is not flagged by this check-in any more, so no cycle was started."


class MaintenanceService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Callable[[], datetime], catalog: Catalog,
                 cycles: CycleService) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._catalog = catalog
        self._cycles = cycles

    # -- the rep ---------------------------------------------------------------------------

    def form(self, ws: WorkspaceRef, rep_id: str, cycle_id: int, receipt: Receipt | None = None) -> CheckinForm:
        """The check-in modal of the rep's own cycle: the snapshot, last month's check-in, this month's if any."""
        with self._uow_factory(read_only=True) as uow:
            within_deadline(uow, receipt)
            rep, cycle, today = self._own_cycle(uow, ws, rep_id, cycle_id)
            month = month_of(today)
            skills, readings = self._snapshot(uow, ws, rep, cycle, today)
            earlier = uow.maintenance_checkins.for_cycle(ws, cycle_id, month, HISTORY)
        current = next((c for c in earlier if c.month == month), None)
        last = next((c for c in reversed(earlier) if c.month < month), None)
        return CheckinForm(rep, cycle, month, skills, readings, last, current)

    def submit_and_tell(self, ws: WorkspaceRef, rep_id: str, cycle_id: int, ratings: Mapping[str, int | None],
                        slipping: str, receipt: Receipt | None = None) -> Done[CheckinSaved]:
        """Store this month's check-in (replacing one already there); the rep and their manager are told."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep, cycle, today = self._own_cycle(uow, ws, rep_id, cycle_id)
            skills, readings = self._snapshot(uow, ws, rep, cycle, today)
            slipping = slipping.strip()
            if problems := checkin_problems(ratings, skills, slipping):
                raise FieldProblems(problems)
            month = month_of(today)
            existing = uow.maintenance_checkins.for_cycle(ws, cycle_id, month, 1)
            edited = bool(existing) and existing[0].month == month
            saved = uow.maintenance_checkins.save(MaintenanceCheckin(
                ws, rep_id, cycle.manager_id, cycle_id, month,
                tuple((skill, int(ratings[skill] or 0)) for skill in skills), slipping, readings, self._clock()))
            history = uow.maintenance_checkins.for_cycle(ws, cycle_id, month, HISTORY)
            flags = self._flags(history)
            last = history[-2] if len(history) >= 2 else None
            notice = CheckinSaved(saved, edited)
            effects = tell(rep_id, notice) + tell(cycle.manager_id, CheckinForManager(rep, saved, last, flags, edited))
            done = finish(uow, ws, Done(notice, effects), catalog=None, now=self._clock())
            uow.commit()
        return done

    # -- the manager -----------------------------------------------------------------------

    def restart_and_tell(self, ws: WorkspaceRef, caller_id: str, checkin_id: int, skill: str,
                         receipt: Receipt | None = None) -> Done[CycleRestarted]:
        """"Start a new cycle on <skill>": the maintained cycle ends, a new one starts on the coming Monday
        through the cycle service with `skill` as its focus (the week-2 priorities show it chosen; the
        manager can still change it), and the check-in keeps which skill started which cycle."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            caller = uow.members.get(ws, caller_id)
            checkin = uow.maintenance_checkins.get(ws, checkin_id)
            rep = uow.members.get(ws, checkin.rep_id) if checkin is not None else None
            if (checkin is None or rep is None or caller is None or caller_id == rep.user_id or rep.manager_id is None
                    or not (rep.manager_id == caller_id or caller.is_admin)):
                raise NotAllowed(NOT_YOUR_FLAG)  # the same answer whether or not the check-in exists
            if checkin.restarted_skill is not None:
                raise InvalidInput(f"A new cycle on {self._name(checkin.restarted_skill)} was already started "
                                   f"from this check-in. See it with `/coach cycle <@{rep.user_id}>`.")
            cycle = uow.cycles.active_for(ws, rep.user_id)
            today = self._today(rep)
            if cycle is None or cycle.id != checkin.cycle_id or not in_maintenance(cycle, today):
                raise InvalidInput(NOT_IN_MAINTENANCE)
            history = uow.maintenance_checkins.for_cycle(ws, checkin.cycle_id, checkin.month, HISTORY)
            if skill not in {flag.competency_id for flag in self._flags(history)}:
                raise InvalidInput(NO_LONGER_FLAGGED)
            self._cycles.steer_in(uow, ws, rep.manager_id, rep.user_id, "end")
            view = self._cycles.start_in(uow, ws, rep.manager_id, rep.user_id, None)
            new_cycle = view.current
            if new_cycle is None or new_cycle.id is None:  # start_in always returns the new cycle
                raise InvalidInput(NOT_IN_MAINTENANCE)
            uow.priorities.set_focus(ws, new_cycle.id, [skill])
            if not uow.maintenance_checkins.mark_restarted(ws, checkin_id, skill, new_cycle.id):
                raise InvalidInput(f"A new cycle was already started from this check-in. "
                                   f"See it with `/coach cycle <@{rep.user_id}>`.")
            notice = CycleRestarted(rep, skill, view, caller_id)
            effects = tell(rep.manager_id, notice) + tell(rep.user_id, CycleStarted(view))
            if caller_id != rep.manager_id:
                effects += tell(caller_id, notice)
            done = finish(uow, ws, Done(notice, effects + refresh(rep.manager_id, rep.user_id)),
                          catalog=self._catalog, now=self._clock())
            uow.commit()
        return done

    # -- shared ----------------------------------------------------------------------------

    def _own_cycle(self, uow: UnitOfWork, ws: WorkspaceRef, rep_id: str,
                   cycle_id: int) -> tuple[Member, CoachingCycle, date]:
        rep = uow.members.get(ws, rep_id)
        cycle = uow.cycles.active_for(ws, rep_id) if rep is not None else None
        if rep is None or cycle is None or cycle.id != cycle_id:
            history = uow.cycles.history(ws, rep_id) if rep is not None else []
            if any(c.id == cycle_id for c in history):
                raise InvalidInput(NOT_IN_MAINTENANCE)  # their own cycle, ended or replaced
            raise NotAllowed(NOT_YOURS)
        if rep.manager_id is None or cycle.manager_id != rep.manager_id:
            raise InvalidInput(NO_MANAGER)  # off the team, or between managers: nobody to tell
        today = self._today(rep)
        if not in_maintenance(cycle, today):
            raise InvalidInput(NOT_IN_MAINTENANCE)
        return rep, cycle, today

    def _snapshot(self, uow: UnitOfWork, ws: WorkspaceRef, rep: Member, cycle: CoachingCycle,
                  today: date) -> tuple[tuple[str, ...], tuple[IndicatorReading, ...]]:
        """The focus skills, and each indicator over the `SNAPSHOT_WEEKS` full weeks before this one."""
        last_week = today - timedelta(days=7)
        found = weekly_indicators(uow, ws, {rep.user_id: last_week}, SNAPSHOT_WEEKS, self._catalog,
                                  {rep.user_id: cycle}).get(rep.user_id)
        if found is None:
            return (), ()
        readings: list[IndicatorReading] = []
        for skill in found.skills:
            for item in skill.indicators:
                value = month_value(item.indicator, item.weeks)
                if value is not None:
                    readings.append(replace(value, competency_id=skill.competency))
        return tuple(skill.competency for skill in found.skills), tuple(readings)

    def _flags(self, history: Sequence[MaintenanceCheckin]) -> tuple[Backslide, ...]:
        if not history:
            return ()
        known = {c.id for c in self._catalog.competencies}
        skills = {skill: self._catalog.indicators_for(skill) for skill, _ in history[-1].ratings if skill in known}
        return backslides([c.snapshot() for c in history], skills)

    def _name(self, skill: str) -> str:
        return next((c.name for c in self._catalog.competencies if c.id == skill), skill)

    def _today(self, rep: Member) -> date:
        return self._clock().astimezone(zone(rep.time_zone)).date()

