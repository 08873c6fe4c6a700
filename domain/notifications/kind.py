"""A scheduled kind: the spec the scheduling engine reads, plus the content it gathers.

`ScheduledKind[C]` is a `NotificationKind` (audience, cadence, local time,
staleness) that also knows how to gather its content `C`, a typed note, for
a batch of ledger rows at once. The Slack edge binds a renderer of `C` to
it (`handlers.blocks.notifications`), and mypy checks the two agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Generic, TypeVar

from domain.model import WorkspaceRef
from domain.ports import UnitOfWork
from domain.scheduling.anchors import INSTANT_FORMAT
from domain.scheduling.kinds import NotificationKind

C = TypeVar("C")


@dataclass(frozen=True)
class Occasion:
    """One ledger row as a gatherer sees it: who, and which period.

    `period` is the ledger's: an ISO date for periodic kinds ("2026-11-30",
    the week's Monday for a weekly one), `ref@moment` for anchored ones.
    """

    recipient_id: str
    period: str

    @property
    def ref(self) -> str | None:
        """The anchor's ref ("s42"), None for a periodic kind."""
        ref, at, _ = self.period.rpartition("@")
        return ref if at else None

    @property
    def at(self) -> datetime | None:
        """An appointment's instant (UTC), None for a date."""
        stamp = self.period.rpartition("@")[2]
        if "T" not in stamp:
            return None
        return datetime.strptime(stamp, INSTANT_FORMAT).replace(tzinfo=UTC)

    @property
    def on(self) -> date:
        """The period's day: the day, week start or month anchor; a deadline's or run's day;
        an appointment's UTC date."""
        instant = self.at
        if instant is not None:
            return instant.date()
        return date.fromisoformat(self.period.rpartition("@")[2])


# Content for each occasion that has something to say; one left out is skipped
# ("nothing to send any more"). A fixed number of queries per batch, whatever its size.
Gatherer = Callable[[UnitOfWork, WorkspaceRef, Sequence[Occasion]], Mapping[Occasion, C]]
# What a kind keeps once Slack accepted one of its messages (the lesson it carried), in the
# drain's unit of work that records the send: (uow, workspace, occasion, content, now).
Delivered = Callable[[UnitOfWork, WorkspaceRef, Occasion, C, datetime], None]


@dataclass(frozen=True, kw_only=True)
class ScheduledKind(NotificationKind, Generic[C]):
    gather: Gatherer[C]
    delivered: Delivered[C] | None = None


class KindRegistry(Mapping[str, ScheduledKind[Any]]):
    """Every scheduled kind by name, in the order `/coach notify` lists them."""

    def __init__(self, *kinds: ScheduledKind[Any]) -> None:
        self._kinds: dict[str, ScheduledKind[Any]] = {}
        for kind in kinds:
            if kind.name in self._kinds:
                raise ValueError(f"two scheduled kinds are called {kind.name!r}")
            self._kinds[kind.name] = kind

    def __getitem__(self, name: str) -> ScheduledKind[Any]:
        return self._kinds[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def __repr__(self) -> str:
        return f"KindRegistry({', '.join(self._kinds)})"

    def replacing(self, kind: ScheduledKind[Any]) -> KindRegistry:
        """The same kinds in the same order, with `kind` in place of the one of its name
        (a kind built with the deployment's own catalog, say)."""
        if kind.name not in self._kinds:
            raise ValueError(f"no scheduled kind is called {kind.name!r}")
        return KindRegistry(*(kind if name == kind.name else known for name, known in self._kinds.items()))
