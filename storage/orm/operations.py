"""What operators look at: the dispatcher's last tick (`coachflow doctor`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from storage.orm.base import NAME, Base

# The one row's key; a name rather than a bare id so another clock job could keep its own row.
DISPATCH = "dispatch"


class DispatcherTickRow(Base):
    """One row per clock job: when the instance holding the dispatcher lock last finished a tick.

    Written by the scheduler after each tick it ran (not by `coachflow jobs
    run-due`, which may replay another instant), read by `coachflow doctor`.
    """

    __tablename__ = "dispatcher_ticks"

    job: Mapped[str] = mapped_column(String(32), primary_key=True)
    ticked_at: Mapped[datetime] = mapped_column()
    # "host pid 1234": which instance dispatches, to find its log.
    instance: Mapped[str] = mapped_column(String(NAME))
