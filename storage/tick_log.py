"""The dispatcher's last tick: written by the scheduler, read by `coachflow doctor`.

Not a domain port: nothing in the coaching model reads it. Only the
composition root (bot/) writes it after a tick and reads it to diagnose.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from storage.dialects import upsert_insert
from storage.orm.operations import DISPATCH, DispatcherTickRow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LastTick:
    at: datetime
    instance: str


def record_tick(engine: Engine, at: datetime, instance: str, job: str = DISPATCH) -> None:
    """Overwrite the job's row; a database that cannot take it is logged, never raised (the tick ran)."""
    try:
        with Session(engine) as session, session.begin():
            insert = upsert_insert(session, DispatcherTickRow).values(job=job, ticked_at=at, instance=instance)
            session.execute(insert.on_conflict_do_update(
                index_elements=[DispatcherTickRow.job],
                set_={"ticked_at": insert.excluded.ticked_at, "instance": insert.excluded.instance},
            ))
    except SQLAlchemyError as error:
        log.warning("could not record the tick's time (%s); `coachflow doctor` will show an older one",
                    error.__class__.__name__)


def last_tick(engine: Engine, job: str = DISPATCH) -> LastTick | None:
    """The job's last recorded tick; raises SQLAlchemyError when the database cannot be read."""
    with Session(engine) as session:
        row = session.scalars(select(DispatcherTickRow).where(DispatcherTickRow.job == job)).first()
        return LastTick(row.ticked_at, row.instance) if row is not None else None
