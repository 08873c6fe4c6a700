"""What each scheduled message says, as domain data the Slack edge renders.

The kinds are found in the registry (`domain.notifications.registry`); each
gathers its content for a whole batch of ledger rows in a fixed number of
queries, so a drain of fifty notes costs the same handful of queries as one.
Jobs and slash commands share these: a command can gather the same note on
demand that the Monday job sends (`gather`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from domain.delivery import Delivery, DeliveryKey
from domain.model import WorkspaceRef
from domain.notifications.kind import Occasion, ScheduledKind
from domain.notifications.registry import KINDS
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.scheduling.anchors import Anchor

C = TypeVar("C")


class NotificationContentService:
    def __init__(self, uow_factory: UnitOfWorkFactory, kinds: Mapping[str, ScheduledKind[Any]] = KINDS) -> None:
        self._uow_factory = uow_factory
        self._kinds = kinds

    def contents_for(self, deliveries: Iterable[Delivery]) -> dict[DeliveryKey, object]:
        """The content of each ledger row; a row left out has nothing to say any more.

        One unit of work; each kind gathers once per workspace for all its
        rows. An anchored kind's row whose anchor moved or went away (a
        session rescheduled after its reminder was queued) is left out.
        """
        groups: dict[tuple[str, WorkspaceRef], list[Delivery]] = {}
        for delivery in deliveries:
            if delivery.key.kind not in self._kinds:
                raise ValueError(f"no content for notification kind {delivery.key.kind!r}")
            ws = WorkspaceRef(delivery.key.team_id, delivery.enterprise_id)
            groups.setdefault((delivery.key.kind, ws), []).append(delivery)
        if not groups:
            return {}
        found: dict[DeliveryKey, object] = {}
        with self._uow_factory(read_only=True) as uow:
            for (name, ws), rows in groups.items():
                kind = self._kinds[name]
                current = _still_anchored(uow, kind, ws, rows)
                by_occasion = {Occasion(d.key.recipient_id, d.key.period): d.key for d in current}
                for occasion, content in kind.gather(uow, ws, list(by_occasion)).items():
                    found[by_occasion[occasion]] = content
        return found

    def record_delivered(self, uow: UnitOfWork, delivery: Delivery, content: object, now: datetime) -> None:
        """Slack accepted `delivery`: its kind keeps what it needs (`ScheduledKind.delivered`), in `uow`."""
        kind = self._kinds.get(delivery.key.kind)
        if kind is None or kind.delivered is None:
            return
        ws = WorkspaceRef(delivery.key.team_id, delivery.enterprise_id)
        kind.delivered(uow, ws, Occasion(delivery.key.recipient_id, delivery.key.period), content, now)

    def gather(self, kind: ScheduledKind[C], ws: WorkspaceRef, occasions: Sequence[Occasion]) -> Mapping[Occasion, C]:
        """One kind's content for these people, typed: for showing a note on demand."""
        with self._uow_factory(read_only=True) as uow:
            return kind.gather(uow, ws, occasions)


def _still_anchored(
    uow: UnitOfWork, kind: ScheduledKind[Any], ws: WorkspaceRef, rows: list[Delivery]
) -> list[Delivery]:
    """The rows whose anchor still yields their period: one question to the kind's source."""
    if kind.source is None:
        return rows
    recipients = list(dict.fromkeys(d.key.recipient_id for d in rows))
    # An anchor's moment is never before its occurrence is due (a deadline may
    # be on that local day): a day earlier is a safe "after" for all of them.
    after = min(d.due_at for d in rows) - timedelta(days=1)
    anchors: Mapping[str, Sequence[Anchor]] = kind.source.upcoming(uow, ws, recipients, after)
    return [d for d in rows if any(a.covers(d.key.period) for a in anchors.get(d.key.recipient_id, ()))]
