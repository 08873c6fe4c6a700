"""`/coach calls`: the calls of a week, each with the rep's debrief and the manager's shadow notes.

Reading only, in one read-only unit. Who sees what follows the privacy
rule of issue 10: a rep's debriefs and shadow notes are for the rep and
their own manager, nobody else (an admin who is not the manager included).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from domain.coaching.debriefs import Debrief, ShadowObservation, week_of
from domain.errors import NotAllowed, NotFound
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.scheduling.calendar import zone

Week = Literal["this", "last"]


@dataclass(frozen=True)
class CallEntry:
    """One call: the rep's debrief, the manager's observation, or both side by side."""

    debrief: Debrief | None
    shadow: ShadowObservation | None

    @property
    def call_on(self) -> date:
        found = self.debrief or self.shadow
        assert found is not None  # an entry has at least one side
        return found.call_on

    @property
    def sort_key(self) -> tuple[date, int]:
        side = self.debrief or self.shadow
        return self.call_on, (side.id or 0) if side is not None else 0


@dataclass(frozen=True)
class RepCalls:
    rep: Member
    calls: list[CallEntry]


@dataclass(frozen=True)
class CallList:
    """What `/coach calls` shows: the week (in the viewer's calendar) and each rep's calls, newest first."""

    first: date
    last: date
    which: Week
    reps: list[RepCalls]
    is_team: bool  # the viewer's whole team rather than one person


def pair_calls(debriefs: Sequence[Debrief], shadows: Sequence[ShadowObservation],
               linked: dict[int, Debrief]) -> list[CallEntry]:
    """Debriefs and observations of one rep, a linked pair as one entry, newest call first.

    `linked` holds the rep's debrief of each observation even when it was
    dated outside the week, so a pair is never shown half.
    """
    entries = [CallEntry(linked.get(s.id or 0), s) for s in shadows]
    paired = {e.debrief.id for e in entries if e.debrief is not None}
    entries += [CallEntry(d, None) for d in debriefs if d.id not in paired]
    return sorted(entries, key=lambda e: e.sort_key, reverse=True)


class CallsService:
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    def calls_for(self, ws: WorkspaceRef, viewer_id: str, rep_id: str | None, which: Week,
                  now: datetime) -> CallList:
        """The week's calls `viewer_id` may read: their own, one of their reps', or (no rep named) their team's."""
        with self._uow_factory(read_only=True) as uow:
            viewer = uow.members.get(ws, viewer_id)
            if viewer is None:
                raise NotFound("Coachflow does not know you yet in this workspace. Run `/coach team` to get started.")
            reps, is_team = self._who(uow, ws, viewer, rep_id)
            today = now.astimezone(zone(viewer.time_zone)).date()
            first, last = week_of(today if which == "this" else today - timedelta(days=7))
            ids = [rep.user_id for rep in reps]
            debriefs = uow.debriefs.for_reps_between(ws, ids, first, last)
            shadows = uow.shadow_observations.for_reps_between(ws, ids, first, last)
            linked = uow.debriefs.for_shadows(ws, [s.id for found in shadows.values() for s in found if s.id])
        return CallList(first, last, which, [
            RepCalls(rep, pair_calls(debriefs.get(rep.user_id, []), shadows.get(rep.user_id, []), linked))
            for rep in reps
        ], is_team)

    @staticmethod
    def _who(uow: UnitOfWork, ws: WorkspaceRef, viewer: Member, rep_id: str | None) -> tuple[list[Member], bool]:
        if rep_id is None or rep_id == viewer.user_id:
            team = uow.members.reps_of(ws, viewer.user_id) if rep_id is None else []
            if team:
                return sorted(team, key=lambda m: (m.name.lower(), m.user_id)), True
            return [viewer], False
        rep = uow.members.get(ws, rep_id)
        if rep is None or rep.manager_id != viewer.user_id:
            # The same answer whether or not the person exists: no probing other teams.
            raise NotAllowed(f"You can see your own calls and your reps', not <@{rep_id}>'s.")
        return [rep], False
