"""Stage 3 (develop) at a glance: each rep's week of calls, lessons, homework and role-plays, for many reps at once.

App Home shows a rep their own week and a manager each rep's week against
the seed's target of 2-3 shadowed calls (`domain.coaching.shadow_week`'s
rule: who is behind, only while the rep's cycle is in weeks 3-6). `load_develop`
reads a whole batch of Homes in a fixed number of queries, whatever the team
size; each Home then keeps the calls of its viewer's own calendar week.
`rep_week` reads one rep's week in full for their manager ("This week").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.catalog import Catalog
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief, ShadowObservation, week_of
from domain.coaching.roleplay import RepRoleplays
from domain.coaching.shadow_week import ShadowWeek, week_for
from domain.errors import NotAllowed
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork
from domain.scheduling.calendar import zone
from domain.services.calls import CallEntry, pair_calls
from domain.services.homework_overview import RepHomework, load_homework
from domain.services.lesson_summaries import LessonSummary, lesson_summaries
from domain.services.roleplay_cards import load_roleplays
from domain.services.shadow_weeks import develops


@dataclass(frozen=True)
class DevelopWeek:
    """One rep's week (Monday to Sunday in the viewer's calendar) in stage 3.

    `lessons`, `homework` and `roleplays` are None when not read (no catalog,
    or not for this viewer: role-play cards are for the manager's Home).
    """

    debriefs: tuple[Debrief, ...]
    shadow: ShadowWeek  # shadowed calls against the 2-3 target
    lessons: LessonSummary | None = None
    homework: RepHomework | None = None
    roleplays: RepRoleplays | None = None

    @property
    def first(self) -> date:
        return self.shadow.first

    @property
    def last(self) -> date:
        return self.shadow.last

    @property
    def shadows(self) -> tuple[ShadowObservation, ...]:
        return self.shadow.calls


@dataclass(frozen=True)
class DevelopCalls:
    """Every debrief and shadowed call of a batch of reps around now, read once, with their other stage-3 reads."""

    debriefs: dict[str, list[Debrief]]
    shadows: dict[str, list[ShadowObservation]]
    lessons: dict[str, LessonSummary] | None = None
    homework: dict[str, RepHomework] | None = None
    roleplays: dict[str, RepRoleplays] | None = None

    def week(self, rep_id: str, today: date, cycle: CoachingCycle | None = None) -> DevelopWeek:
        """`rep_id`'s week of `today` (the viewer's); `cycle`: the rep's active one (the target's weeks 3-6)."""
        first, last = week_of(today)
        return DevelopWeek(
            tuple(d for d in self.debriefs.get(rep_id, ()) if first <= d.call_on <= last),
            week_for(rep_id, today, self.shadows.get(rep_id, []), develops(cycle, today)),
            (self.lessons or {}).get(rep_id),
            (self.homework or {}).get(rep_id),
            (self.roleplays or {}).get(rep_id),
        )


def load_develop(uow: UnitOfWork, ws: WorkspaceRef, rep_ids: Iterable[str], now: datetime) -> DevelopCalls:
    """The calls of every local "this week" around `now` (UTC-12 to UTC+14), in two queries."""
    wanted = list(dict.fromkeys(rep_ids))
    if not wanted:
        return DevelopCalls({}, {})
    utc_today = now.date()
    first = week_of(utc_today - timedelta(days=1))[0]
    last = week_of(utc_today + timedelta(days=1))[1]
    return DevelopCalls(uow.debriefs.for_reps_between(ws, wanted, first, last),
                        uow.shadow_observations.for_reps_between(ws, wanted, first, last))


def load_stage_three(uow: UnitOfWork, ws: WorkspaceRef, reps: Iterable[Member], managed: Iterable[Member],
                     now: datetime, catalog: Catalog | None) -> DevelopCalls:
    """`load_develop` plus lessons and homework of `reps`, and role-play cards of `managed` (a manager's reps).

    A fixed number of queries whatever the number of people: 2 for the
    calls, 6 for lessons (with a catalog), 1 for homework, about 6 for the
    role-play cards (none when nobody in `managed`).
    """
    people = list({r.user_id: r for r in reps}.values())
    calls = load_develop(uow, ws, [r.user_id for r in people], now)
    ids = [r.user_id for r in people]
    lessons = lesson_summaries(uow, ws, ids, catalog, now) if catalog is not None else None
    coached = list({r.user_id: r for r in managed}.values())
    return DevelopCalls(calls.debriefs, calls.shadows, lessons, load_homework(uow, ws, people, now),
                        load_roleplays(uow, ws, coached, now, catalog) if coached else {})


@dataclass(frozen=True)
class RepWeek:
    """What the manager's "This week" shows of one of their reps: calls side by side, lessons, homework, cards."""

    rep: Member
    week: DevelopWeek
    calls: tuple[CallEntry, ...]  # newest first, a debrief and its shadow observation as one call


NOT_YOUR_REP = "Only {rep}'s own manager can open their week. Your reps are listed on your App Home."


def rep_week(uow: UnitOfWork, ws: WorkspaceRef, viewer_id: str, rep_id: str, now: datetime,
             catalog: Catalog | None) -> RepWeek:
    """`rep_id`'s week in the viewer's calendar; refused unless the viewer is the rep's own manager."""
    people = uow.members.get_many(ws, {viewer_id, rep_id})
    viewer, rep = people.get(viewer_id), people.get(rep_id)
    if viewer is None or rep is None or rep_id == viewer_id or rep.manager_id != viewer_id:
        # The same answer whether or not the person exists: no probing other teams.
        raise NotAllowed(NOT_YOUR_REP.format(rep=f"<@{rep_id}>"))
    today = now.astimezone(zone(viewer.time_zone)).date()
    loaded = load_stage_three(uow, ws, [rep], [rep], now, catalog)
    week = loaded.week(rep_id, today, uow.cycles.active_for(ws, rep_id))
    shadow_ids = [s.id for s in week.shadows if s.id is not None]
    linked = uow.debriefs.for_shadows(ws, shadow_ids) if shadow_ids else {}
    return RepWeek(rep, week, tuple(pair_calls(week.debriefs, week.shadows, linked)))
