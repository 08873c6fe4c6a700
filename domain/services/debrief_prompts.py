"""The end-of-day prompt's answers ("No calls today", "Not today"), and the hook that plans the manager's digest.

The prompt (`domain.notifications.debrief_prompt`) carries the rep's id and
the day it asks about in its buttons. Only that rep may answer: a click by
anyone else, or a crafted payload naming another rep, is refused.
"No calls today" records the day once (its receipt, and the table's unique
key), so the scorecards can tell a quiet day from a forgotten debrief and
no later prompt asks about that day. "Not today" stores nothing: it only
answers in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from domain.effects import Done, Effects
from domain.errors import InvalidInput, NotAllowed
from domain.model import Member, WorkspaceRef
from domain.notifications.debrief_digest import KIND_NAME as DIGEST_KIND
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record
from domain.scheduling.calendar import zone
from domain.services.scheduling import ScheduleService
from domain.services.use_case import finish


@dataclass(frozen=True)
class PromptAnswer:
    """What the rep's click did: the day the prompt asked about, their local today, and whether it was new."""

    rep_id: str
    day: date
    today: date
    recorded: bool = False  # "No calls today": False when the day was already recorded

    @property
    def is_today(self) -> bool:
        return self.day == self.today


def _only_the_rep(clicker_id: str, rep_id: str) -> None:
    if clicker_id != rep_id:
        raise NotAllowed(f"This end-of-day prompt was sent to <@{rep_id}>: only they can answer it.")


def _local_today(member: Member, now: datetime) -> date:
    return now.astimezone(zone(member.time_zone)).date()


class DebriefPromptService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    def no_calls(self, ws: WorkspaceRef, clicker_id: str, rep_id: str, day: date,
                 receipt: Receipt | None = None) -> Done[PromptAnswer]:
        """Record that the rep had no calls on `day` (their local day); one unit, stored once."""
        _only_the_rep(clicker_id, rep_id)
        now = self._clock()
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep = self._rep(uow, ws, rep_id)
            today = _local_today(rep, now)
            if day > today:
                raise InvalidInput(f"{day:%a %-d %b} has not come yet; today is {today:%a %-d %b}.")
            recorded = uow.call_free_days.add(ws, rep_id, day)
            done = finish(uow, ws, Done(PromptAnswer(rep_id, day, today, recorded), Effects()), catalog=None, now=now)
            uow.commit()
        return done

    def not_today(self, ws: WorkspaceRef, clicker_id: str, rep_id: str, day: date) -> PromptAnswer:
        """Nothing to store: the prompt only goes away. Still only the rep's to answer."""
        _only_the_rep(clicker_id, rep_id)
        with self._uow_factory(read_only=True) as uow:
            rep = self._rep(uow, ws, rep_id)
        return PromptAnswer(rep_id, day, _local_today(rep, self._clock()))

    @staticmethod
    def _rep(uow: UnitOfWork, ws: WorkspaceRef, rep_id: str) -> Member:
        rep = uow.members.get(ws, rep_id)
        if rep is None:
            raise NotAllowed("Coachflow does not know you in this workspace yet: try `/coach help`.")
        return rep


def digest_after_debrief(schedules: ScheduleService, uow: UnitOfWork, ws: WorkspaceRef, rep: Member,
                         now: datetime) -> None:
    """Plan (or move) the manager's debrief digest: call inside the debrief use case's unit, after storing it.

    The rep's manager's schedules are refreshed in the same transaction, so
    the debrief and the digest's new moment commit together; a rep without
    a manager has nobody to tell.
    """
    if rep.manager_id is not None:  # only the digest: every kind's anchors and upserts were most of a debrief's work
        schedules.refresh_in(uow, ws, [rep.manager_id], now, only={DIGEST_KIND})
