"""What an anchored kind's occurrences hang off: a session's start, a deadline, a challenge's run.

Daily, weekly and monthly kinds follow the calendar alone. Anchored kinds
follow a recipient's own data: "24 h before the session", "the morning of
the deadline", "every working day of the 21-day challenge". The kind's
source (the feature that owns the sessions, deadlines or challenges) lists
each recipient's anchors through `AnchorSource`; the planner asks it for a
whole batch of recipients at once.

An anchor names itself with a `ref` that stays put while the thing exists
("s42" for session 42). The ledger period is the ref and the anchor's moment
(`s42@20261124T1500Z`, `c7@2026-11-24`): a tick, a restart or a second
instance computes the same period, so the ledger's unique key keeps each
message to one, and a session moved to another time is a new message while
the one queued for the old time finds its anchor gone and is skipped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # only for the port's signature: the calendar stays free of storage concerns
    from domain.model import WorkspaceRef
    from domain.ports import UnitOfWork

# The ledger's period column holds 32 characters (storage.orm.base.PERIOD).
MAX_PERIOD = 32
INSTANT_FORMAT = "%Y%m%dT%H%MZ"  # an appointment's moment in its period: minutes, UTC
_SLACK = timedelta(days=1)  # a day read in any zone on Earth is within a day of its UTC date


def _check_ref(ref: str, stamp: str) -> str:
    period = f"{ref}@{stamp}"
    if not ref or any(c in ref for c in "@/ ") or len(period) > MAX_PERIOD:
        raise ValueError(f"anchor ref {ref!r}: non-empty, no '@', '/' or spaces, and {ref}@{stamp} "
                         f"within {MAX_PERIOD} characters")
    return period


@dataclass(frozen=True)
class Appointment:
    """A moment something happens, e.g. a coaching session's start (BEFORE_INSTANT kinds)."""

    ref: str
    at: datetime  # aware; compared and stored in UTC

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError(f"appointment {self.ref!r} needs a time-zone-aware instant")
        _check_ref(self.ref, self._stamp())

    def _stamp(self) -> str:
        return self.at.astimezone(UTC).strftime(INSTANT_FORMAT)

    @property
    def period(self) -> str:
        # Minutes in UTC: the same for every recipient whatever their zone.
        return f"{self.ref}@{self._stamp()}"

    def covers(self, period: str) -> bool:
        return period == self.period

    def is_upcoming(self, after: datetime) -> bool:
        return self.at > after


@dataclass(frozen=True)
class Deadline:
    """A day something is due, read in the recipient's own calendar (ON_DATE kinds)."""

    ref: str
    on: date

    def __post_init__(self) -> None:
        _check_ref(self.ref, self.on.isoformat())

    @property
    def period(self) -> str:
        return f"{self.ref}@{self.on.isoformat()}"

    def covers(self, period: str) -> bool:
        return period == self.period

    def is_upcoming(self, after: datetime) -> bool:
        return self.on >= (after - _SLACK).date()


@dataclass(frozen=True)
class Run:
    """A bounded stretch of days, first and last included (WORKING_DAY_RUN kinds).

    `at` is the run's own local time (the rep's chosen nudge time), None for
    the kind's `local_time`. The period stays `ref@day` whatever the time, so
    moving the time never makes a day's message a new one.
    """

    ref: str
    first_day: date
    last_day: date
    at: time | None = None

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(f"run {self.ref!r} ends before it starts")
        _check_ref(self.ref, self.last_day.isoformat())

    def period_on(self, day: date) -> str:
        return f"{self.ref}@{day.isoformat()}"

    def covers(self, period: str) -> bool:
        ref, _, stamp = period.rpartition("@")
        try:
            day = date.fromisoformat(stamp)
        except ValueError:
            return False
        return ref == self.ref and self.first_day <= day <= self.last_day

    def is_upcoming(self, after: datetime) -> bool:
        return self.last_day >= (after - _SLACK).date()


Anchor = Appointment | Deadline | Run


class AnchorSource(Protocol):
    """The port the planner asks for each recipient's anchors of one kind.

    Implemented by the feature that owns the data (sessions, deadlines,
    challenges) over the unit of work it is handed; `tests/fakes_anchors.py`
    is the hand-written fake.
    """

    def upcoming(
        self, uow: UnitOfWork, ws: WorkspaceRef, recipient_ids: Sequence[str], after: datetime
    ) -> Mapping[str, Sequence[Anchor]]:
        """By recipient id, every anchor not over by `after` (`Anchor.is_upcoming`).

        One call covers a batch of recipients, in a fixed number of queries
        whatever its size; a recipient with none may be left out. Returning
        more than asked is harmless: the calendar filters again.
        """
        ...

