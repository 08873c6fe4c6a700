"""One morning's 21-day challenge nudges: reps spread over 24 time zones, each with a challenge running.

The scheduler ticks every 15 minutes for the 24 hours that hold every zone's
Monday 08:30; the figures are the time of those ticks, the ledger rows they
queue (one per rep), and the time and SQL statements of gathering the
nudges' content in the drain's batches of 500. Run on SQLite, and on
PostgreSQL when COACHFLOW_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert, select

from bot.app import build_services
from bot.config import load_settings
from domain.coaching.challenge_model import NUDGE_AT
from domain.model import WorkspaceRef
from domain.notifications.challenge import CHALLENGE_NUDGE
from domain.notifications.kind import Occasion
from storage import migrate
from storage.orm import ChallengeRow, DeliveryRow, MemberRow, WorkspaceRow
from storage.uow import make_engine, make_uow_factory
from tests.bench.leading_indicators import on_both_databases
from tests.bench.pipeline import _counting

WS = WorkspaceRef("TCHAL")
MONDAY = date(2027, 1, 4)
# 24 zones, UTC+12 to UTC-11 ("Etc/GMT-12" is UTC+12: the Etc names flip the sign). Their Monday 08:30 falls
# from Sunday 20:30 UTC (UTC+12) to Monday 19:30 UTC (UTC-11): one day of ticks holds the whole morning.
ZONES = [f"Etc/GMT{offset:+d}" if offset else "UTC" for offset in range(-12, 12)]
FIRST, LAST = datetime(2027, 1, 3, 20, 0, tzinfo=UTC), datetime(2027, 1, 4, 20, 0, tzinfo=UTC)
SIZES = (10_000,)
BATCH = 500


def _populate(engine: Engine, reps: int) -> None:
    managers = max(1, reps // 10)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(insert(WorkspaceRow), [{"team_id": WS.team_id, "name": "Bench", "settings": {}}])
        connection.execute(insert(MemberRow), [
            {"team_id": WS.team_id, "user_id": f"UM{n:06d}", "name": f"M{n}", "time_zone": ZONES[n % 24],
             "role": "manager", "is_admin": False, "manager_id": None, "muted_kinds": []} for n in range(managers)])
        connection.execute(insert(MemberRow), [
            {"team_id": WS.team_id, "user_id": f"UR{n:06d}", "name": f"R{n}", "time_zone": ZONES[n % 24],
             "role": "rep", "is_admin": False, "manager_id": f"UM{n % managers:06d}", "muted_kinds": []}
            for n in range(reps)])
        connection.execute(insert(ChallengeRow), [
            {"team_id": WS.team_id, "rep_id": f"UR{n:06d}", "started_by": f"UR{n:06d}", "cycle_id": None,
             "start_day": MONDAY, "day_kind": "working", "nudge_at": NUDGE_AT,
             "behaviours": [{"skill": "discovery", "text": "Ask 5 probing questions"}], "away_days": [],
             "repairs_used": 0, "status": "active", "active_slot": 1, "completed_at": None,
             "created_at": now, "updated_at": now} for n in range(reps)])


def measure(url: str, reps: int) -> str:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        _populate(engine, reps)
        uow_factory = make_uow_factory(engine)
        services = build_services(uow_factory, load_settings(None))
        started = time.perf_counter()
        services.schedules.refresh_workspace(WS, FIRST)
        setup = time.perf_counter() - started
        at, ticks, took = FIRST, 0, 0.0
        while at <= LAST:
            started = time.perf_counter()
            services.schedules.plan(at)
            took += time.perf_counter() - started
            at += timedelta(minutes=15)
            ticks += 1
        with engine.connect() as connection:
            rows = connection.execute(select(DeliveryRow.recipient_id, DeliveryRow.period)
                                      .where(DeliveryRow.kind == CHALLENGE_NUDGE.name)).all()
        occasions = [Occasion(recipient, period) for recipient, period in rows]
        gathered, statements, gather_took = 0, 0, 0.0
        for start in range(0, len(occasions), BATCH):
            with uow_factory(read_only=True) as uow, _counting(engine) as count:
                started = time.perf_counter()
                gathered += len(CHALLENGE_NUDGE.gather(uow, WS, occasions[start:start + BATCH]))
                gather_took += time.perf_counter() - started
            statements += count[0]
    finally:
        engine.dispose()
    assert len(rows) == reps and gathered == reps, (len(rows), gathered)
    batches = -(-len(occasions) // BATCH)
    return (f"  {reps:>6,} reps: {ticks} ticks {took:5.1f} s ({took / ticks * 1000:5.0f} ms a tick), "
            f"{len(rows):,} ledger rows; content {gather_took:4.1f} s in {batches} batches, "
            f"{statements / batches:.0f} SQL statements a batch (schedules set up in {setup:4.1f} s)")


def run() -> list[str]:
    return on_both_databases("One morning's challenge nudges, reps over 24 time zones, ticks every 15 min",
                             measure, SIZES)
