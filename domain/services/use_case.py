"""How a use case ends: what it asks of Slack, finished inside its one unit of work.

A use case (a submission, a click, an event, a job step) opens one unit of
work; a use case that only reads opens it read-only (`read_only=True`: no
write lock, nothing kept). A writing one calls `finish` just before its
commit, which
- builds the App Homes its effects refresh, all of them in a fixed number of
  queries and in the same transaction, so they show exactly what is saved;
- writes a ledger row (kind "reply") for each of its DMs, the outbox: the
  DMs are on record with the change they report, and the sender at the edge
  (`handlers.edge.sender.deliver`) sends them after the commit and records
  how each went.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from domain.catalog import Catalog
from domain.delivery import reply_period, reply_row
from domain.effects import Done, Message
from domain.model import WorkspaceRef
from domain.ports import UnitOfWork
from domain.services.homes import homes_for

R = TypeVar("R")


def finish(uow: UnitOfWork, ws: WorkspaceRef, done: Done[R], *, catalog: Catalog | None,
           now: datetime | None, homes_after_commit: bool = False) -> Done[R]:
    """`done` with its App Homes built and its DMs' ledger rows written in `uow` (call before the commit).

    The workspace must exist (a writing use case has its people, and they
    their workspace). `now=None` (no clock: some tests) leaves the rows to
    the sender.

    `homes_after_commit`: leave the Homes to the sender, which builds them after the commit in a read-only
    unit (`Effects.homes_after_commit`), for the use cases people wait on: a form is acknowledged only after
    its commit, and on SQLite the write lock is held until then. Building two Homes (the rep's and the
    manager's) is most of a debrief's work; `make bench` (load) shows the difference.
    """
    effects = done.effects
    messages = effects.messages if now is None else tuple(_on_record(uow, ws, m, now) for m in effects.messages)
    if homes_after_commit:
        return Done(done.result, replace(effects, messages=messages, homes=(), homes_after_commit=effects.refresh))
    homes = homes_for(uow, ws, effects.refresh, catalog, now) if effects.refresh else ()
    return Done(done.result, replace(effects, messages=messages, homes=homes))


def _on_record(uow: UnitOfWork, ws: WorkspaceRef, message: Message, now: datetime) -> Message:
    if message.delivery is not None:
        return message
    row = reply_row(ws, message.to, reply_period(None), now)
    uow.deliveries.add_if_absent(row)
    return replace(message, delivery=row)
