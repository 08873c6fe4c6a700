"""The manager's summary of their reps' 21-day challenges (issue 13): daily, or weekly (the default).

One DAILY kind at 17:00 in the manager's zone; the gatherer keeps a row
only for managers who chose daily (`/challenge summary daily`), or, for the
others, on the last working day of the week. Each line is a rep with a
challenge running (or finished in the last week): streak, longest streak,
compliance, days left, and "Send encouragement". Nothing to say (no rep with
a challenge): no message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from domain.model import Member, WorkspaceRef, WorkspaceSettings
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.calendar import is_working_day, resolve_local, zone
from domain.scheduling.kinds import END_OF_DAY, Audience, Cadence
from domain.services.challenge_notices import ChallengeView
from domain.services.challenge_views import settings_of, views_as_of

KIND_NAME = "challenge_summary"
DAILY, WEEKLY = "daily", "weekly"
CADENCES = (DAILY, WEEKLY)
SUMMARY_AT = time(17, 0)
_RECENT = timedelta(days=7)  # a challenge finished this recently still shows, once


@dataclass(frozen=True)
class ChallengeSummary:
    workspace: WorkspaceRef
    manager: Member
    cadence: str
    day: date
    views: tuple[ChallengeView, ...]  # one per rep, by name


def last_working_day_of_week(day: date, settings: WorkspaceSettings) -> bool:
    """Whether no later day of `day`'s ISO week is a working day (Friday, for a Monday-Friday team)."""
    later = (day + timedelta(days=n) for n in range(1, 7 - day.weekday()))
    return is_working_day(day, settings) and not any(is_working_day(d, settings) for d in later)


def _shown(view: ChallengeView) -> bool:
    challenge = view.challenge
    if view.running:
        return True
    if challenge.is_active:  # every day closed, the last one never answered: over all the same
        return view.now.date() - view.last_day < _RECENT
    return (challenge.completed_at is not None and challenge.status.value == "complete"
            and view.now - challenge.completed_at < _RECENT)


def gather(uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]) -> dict[Occasion, ChallengeSummary]:
    """Five queries for any number of managers: their reps, choices, the reps' challenges and days, settings."""
    managers = uow.members.get_many(ws, [o.recipient_id for o in occasions])
    reps_of = uow.members.reps_of_many(ws, list(managers))
    choices = uow.challenges.summary_choices(ws, list(managers))
    settings = settings_of(uow, ws)
    reps: dict[str, Member] = {r.user_id: r for mine in reps_of.values() for r in mine}
    moments = {}
    for occasion in occasions:
        manager = managers.get(occasion.recipient_id)
        if manager is None:
            continue
        at = resolve_local(occasion.on, SUMMARY_AT, zone(manager.time_zone))
        moments.update({r.user_id: at for r in reps_of.get(manager.user_id, [])})
    views = views_as_of(uow, ws, reps, moments, None)
    notes: dict[Occasion, ChallengeSummary] = {}
    for occasion in occasions:
        manager = managers.get(occasion.recipient_id)
        if manager is None:
            continue
        cadence = choices.get(manager.user_id, WEEKLY)
        if cadence == WEEKLY and not last_working_day_of_week(occasion.on, settings):
            continue
        mine = sorted((v for r in reps_of.get(manager.user_id, []) if (v := views.get(r.user_id)) and _shown(v)),
                      key=lambda v: v.rep.name.lower())
        if mine:
            notes[occasion] = ChallengeSummary(ws, manager, cadence, occasion.on, tuple(mine))
    return notes


CHALLENGE_SUMMARY = ScheduledKind(
    name=KIND_NAME,
    title="Your reps' 21-day challenges, weekly or daily (managers)",
    audience=Audience.MANAGERS,
    cadence=Cadence.DAILY,
    local_time=SUMMARY_AT,
    stale=END_OF_DAY,
    why="reps you coach are on a 21-day challenge (`/challenge summary daily|weekly` sets how often)",
    gather=gather,
)
