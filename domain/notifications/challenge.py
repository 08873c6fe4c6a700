"""The 21-day challenge's daily nudge (issue 13): the rep's local morning, one per challenge day.

A WORKING_DAY_RUN kind whose source gives one single-day `Run` per
challenge day still unanswered (`ch7@2027-01-04`). The challenge's days
already leave out weekends (for a working-days challenge), holidays and the
rep's time off, and may be calendar days, so the kind does not skip
non-working days itself (`respects_working_days=False`); the engine still
cancels a day the rep is away. At the rep's chosen local time (08:30
unless they picked another, `/challenge time`), stale at the end of the local
day; the ledger keeps one per day. A day answered before the nudge is no
anchor any more, and a row queued for it is skipped when drained: a rep who
answered today is not nudged again today.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from domain.catalog import Catalog, load_catalog
from domain.coaching.challenge_model import NUDGE_AT, NUDGE_KIND, ChallengeWithDays, challenge_id_of, days_of
from domain.model import WorkspaceRef
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.anchors import Anchor, Run
from domain.scheduling.calendar import resolve_local, zone
from domain.scheduling.kinds import END_OF_DAY, Audience, Cadence
from domain.services.challenge_notices import ChallengeView
from domain.services.challenge_views import build_view, settings_of

KIND_NAME = NUDGE_KIND


@dataclass(frozen=True)
class ChallengeNudge:
    """The morning nudge of `day`: the behaviours, yesterday's state and the figures as of the nudge."""

    workspace: WorkspaceRef
    view: ChallengeView
    day: date


class ActiveChallenges:
    """The `AnchorSource`: each rep's unanswered days of their active challenge; four queries per batch."""

    def upcoming(self, uow: UnitOfWork, ws: WorkspaceRef, recipient_ids: Sequence[str], after: datetime
                 ) -> Mapping[str, Sequence[Anchor]]:
        active = uow.challenges.active_for(ws, recipient_ids)
        if not active:
            return {}
        answered = uow.challenges.days(ws, [c.id for c in active.values() if c.id is not None])
        members = uow.members.get_many(ws, list(active))
        settings = settings_of(uow, ws)
        found: dict[str, list[Anchor]] = {}
        for rep_id, challenge in active.items():
            rep = members.get(rep_id)
            if rep is None or challenge.id is None:
                continue
            records = ChallengeWithDays(challenge, answered.get(challenge.id, {})).records
            days = days_of(challenge, settings, rep, records)
            # Each day at the rep's chosen time; its period is the day's whatever the time (`Run.period_on`).
            runs = [Run(challenge.ref, day, day, challenge.nudge_at) for day in days if day not in records]
            mine: list[Anchor] = [run for run in runs if run.is_upcoming(after)]
            if mine:
                found[rep_id] = mine
        return found


class ChallengeNudges:
    """The kind's gatherer, over the deployment's catalog (the focus skills' names)."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def gather(self, uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]
               ) -> dict[Occasion, ChallengeNudge]:
        """Four queries for any number of rows. Left out: a challenge over or gone, someone else's, a day no
        longer in it (time off moved it) or answered already."""
        wanted = {o: challenge_id_of(o.ref) for o in occasions}
        found = uow.challenges.get_many(ws, [i for i in wanted.values() if i is not None])
        if not found:
            return {}
        answered = uow.challenges.days(ws, list(found))
        members = uow.members.get_many(ws, [o.recipient_id for o in occasions])
        settings = settings_of(uow, ws)
        notes: dict[Occasion, ChallengeNudge] = {}
        for occasion, challenge_id in wanted.items():
            challenge = found.get(challenge_id) if challenge_id is not None else None
            rep = members.get(occasion.recipient_id)
            if challenge is None or rep is None or not challenge.is_active or challenge.rep_id != rep.user_id:
                continue
            item = ChallengeWithDays(challenge, answered.get(challenge.id or 0, {}))
            # As of the nudge's own moment (a gatherer has no clock): a late tick reads the same.
            at = resolve_local(occasion.on, challenge.nudge_at, zone(rep.time_zone))
            view = build_view(item, rep, settings, at, self._catalog)
            if occasion.on not in view.days or occasion.on in item.days:
                continue
            notes[occasion] = ChallengeNudge(ws, view, occasion.on)
        return notes


def challenge_nudge_kind(catalog: Catalog) -> ScheduledKind[ChallengeNudge]:
    """The kind over a catalog: the shipped one in the registry, the deployment's in `bot`."""
    return ScheduledKind(
        name=KIND_NAME,
        title="21-day challenge: the morning nudge with one-click answers",
        audience=Audience.REPS,  # a challenge needs focus skills, so a coached rep
        cadence=Cadence.WORKING_DAY_RUN,
        local_time=NUDGE_AT,  # each challenge's own `nudge_at` replaces it (the Run's `at`)
        when=f"each challenge day, {NUDGE_AT:%H:%M} your time unless you chose another (/challenge time)",
        stale=END_OF_DAY,
        why="you are on a 21-day challenge and today is one of its days",
        respects_working_days=False,  # the challenge's own days already leave out days off
        source=ActiveChallenges(),
        gather=ChallengeNudges(catalog).gather,
    )


CHALLENGE_NUDGE = challenge_nudge_kind(load_catalog())
