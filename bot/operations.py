"""`coachflow jobs ...`, `coachflow deliveries` and `coachflow scheduler`: operating the engine.

Reading the ledger (`jobs due`, `deliveries`) needs the database only: no
Slack token, no call to Slack, and a database that is not there is reported,
never created. Sending (`jobs run-due`, `scheduler`) needs Slack and checks
the token with Slack before it touches the database.
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from bot.app import build_services
from bot.cli_args import instant
from bot.config import Settings, catalog_config_error
from bot.database import open_for_reading, prepare_database
from bot.slack_check import bot_client
from domain.catalog import Catalog, CatalogError, load_catalog
from domain.delivery import SENDING_LEASE, Delivery, DeliveryStatus
from domain.errors import InvalidInput
from domain.notifications.registry import KINDS
from domain.ports import UnitOfWorkFactory
from domain.services.scheduling import PlanReport, ScheduleService
from handlers.edge.services import Services, utc_now
from handlers.jobs.dispatch import DispatchJob
from storage.dispatcher_lock import make_dispatcher_lock
from storage.uow import make_engine, make_uow_factory

# `jobs run-due` when nothing failed but rows are still claimed by a sender
# that recorded no outcome: run it again after the printed time (sysexits.h
# EX_TEMPFAIL, "try again later"). 1 still means a send failed.
EXIT_IN_FLIGHT = 75
IN_FLIGHT_SHOWN = 20


def parse_instant(text: str | None) -> datetime | None:
    """`2026-11-27T15:00:00Z` (or with an offset) -> aware UTC; naive is refused (InvalidInput)."""
    if text is None:
        return None
    try:
        return instant(text)
    except argparse.ArgumentTypeError as error:
        raise InvalidInput(str(error)) from None


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in headers]] + [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def configured_catalog(settings: Settings) -> Catalog:
    """The skill catalog COACHFLOW_CATALOG names (or the shipped one); a bad file is one line, exit 2."""
    try:
        return load_catalog(settings.catalog_path)
    except CatalogError as error:
        raise catalog_config_error(settings.catalog_path, error.problems) from None


@contextmanager
def _reading(settings: Settings) -> Iterator[UnitOfWorkFactory]:
    engine = open_for_reading(settings.database_url)
    try:
        yield make_uow_factory(engine)
    finally:
        engine.dispose()


@dataclass
class _Sending:
    engine: Engine
    services: Services


@contextmanager
def _sending(settings: Settings, catalog: Catalog, *, create: bool) -> Iterator[_Sending]:
    prepare_database(settings.database_url, create=create)
    engine = make_engine(settings.database_url)
    try:
        yield _Sending(engine, build_services(make_uow_factory(engine), settings, catalog=catalog))
    finally:
        engine.dispose()


def jobs_due(settings: Settings, args: argparse.Namespace) -> int:
    with _reading(settings) as uow_factory:
        now = args.now or utc_now()
        report = ScheduleService(uow_factory, KINDS).preview(now)
    print(f"As of {now.isoformat(timespec='seconds')}: {len(report.due)} to send, {len(report.stale)} stale to skip.")
    if report.due or report.stale:
        print(_plan_table(report))
    return 0


def _plan_table(report: PlanReport) -> str:
    rows: list[list[object]] = [
        [item.key.team_id, item.recipient_id, item.kind, item.key.period, "send",
         item.occurrence.due_at.isoformat(timespec="minutes"), ""]
        for item in report.due
    ]
    for item, reason in report.stale:
        rows.append([item.key.team_id, item.recipient_id, item.kind, item.key.period, "skip",
                     item.occurrence.due_at.isoformat(timespec="minutes"), reason])
    return table(["team", "recipient", "kind", "period", "action", "due (UTC)", "reason"], rows)


def jobs_run_due(settings: Settings, args: argparse.Namespace) -> int:
    # What is wrong in the settings first, then Slack, then the database.
    settings.require_bot_token("sends the DMs that are due")
    catalog = configured_catalog(settings)
    client = bot_client(settings, "sends the DMs that are due")
    # One tick sends what is already there: a missing SQLite file is an error, not created.
    with _sending(settings, catalog, create=False) as sending:
        lock = make_dispatcher_lock(sending.engine)
        try:
            report = DispatchJob(sending.services, client, lock).tick(args.now)
        finally:
            lock.release()
        if report is None:
            print("Another instance holds the dispatcher lock; nothing done here.")
            return 0
        in_flight = _in_flight(make_uow_factory(sending.engine))
    plan, drain = report.plan, report.drain
    print(
        f"Tick as of {report.now.isoformat(timespec='seconds')}: queued {plan.queued}, skipped {plan.skipped} stale; "
        f"sent {drain.sent}, recovered {drain.recovered}, retrying {drain.retried}, failed {drain.failed}, "
        f"rate-limited {drain.rate_limited} (waited {drain.waited_seconds:.1f}s)."
    )
    if drain.errors:
        print("Errors: " + ", ".join(f"{error} x{count}" for error, count in sorted(drain.errors.items())))
    for line in in_flight_report(in_flight, report.now):
        print(line)
    if drain.failed:
        return 1
    return EXIT_IN_FLIGHT if in_flight else 0


def _in_flight(uow_factory: UnitOfWorkFactory) -> list[Delivery]:
    with uow_factory() as uow:
        count = uow.deliveries.count_by_status()[DeliveryStatus.SENDING]
        return uow.deliveries.search(status=DeliveryStatus.SENDING, limit=count) if count else []


def in_flight_report(rows: Sequence[Delivery], now: datetime) -> list[str]:
    """Rows still `sending` after the tick, and when a tick will take them again."""
    if not rows:
        return []
    expiries = sorted(_claim_expiry(d, now) for d in rows)
    if len(rows) == 1:
        lines = [(
            f"1 row left in flight (status sending): a sender claimed it and recorded no outcome (it was "
            f"stopped, or is still sending). It is looked up in Slack before any resend, by the first tick "
            f"after its claim expires at {_utc(expiries[0])} ({_lease()} after the claim)."
        )]
    else:
        lines = [(
            f"{len(rows)} rows left in flight (status sending): senders claimed them and recorded no outcome "
            f"(stopped, or still sending). Each is looked up in Slack before any resend, by the first tick "
            f"after its claim expires ({_lease()} after the claim): from {_utc(expiries[0])} "
            f"to {_utc(expiries[-1])}."
        )]
    shown = sorted(rows, key=lambda d: (_claim_expiry(d, now), d.key.recipient_id))[:IN_FLIGHT_SHOWN]
    lines.append(table(["team", "recipient", "kind", "period", "attempts", "claimed (UTC)", "retried after (UTC)"],
                       [[d.key.team_id, d.key.recipient_id, d.key.kind, d.key.period, d.attempts,
                         _utc(d.claimed_at) if d.claimed_at else "-", _utc(_claim_expiry(d, now))] for d in shown]))
    if len(rows) > len(shown):
        lines.append(f"... and {len(rows) - len(shown)} more (`coachflow deliveries --status sending`)")
    return lines


def _claim_expiry(delivery: Delivery, now: datetime) -> datetime:
    # A row without a claim time cannot be judged; the next tick looks at it.
    return delivery.claimed_at + SENDING_LEASE if delivery.claimed_at is not None else now


def _lease() -> str:
    minutes = SENDING_LEASE.total_seconds() / 60
    return f"{minutes:g} minute{'' if minutes == 1 else 's'}"


def _utc(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def deliveries(settings: Settings, args: argparse.Namespace) -> int:
    status = DeliveryStatus.FAILED if args.failed else (DeliveryStatus(args.status) if args.status else None)
    with _reading(settings) as uow_factory, uow_factory() as uow:
        found = uow.deliveries.search(status=status, since=args.since, limit=args.limit)
        counts = uow.deliveries.count_by_status()
    print("Ledger: " + ", ".join(f"{s.value} {counts.get(s, 0)}" for s in DeliveryStatus))
    if found:
        print(table(["team", "recipient", "kind", "period", "status", "attempts", "due (UTC)", "ts", "error / reason"],
                    [_delivery_row(d) for d in found]))
    return 0


def _delivery_row(d: Delivery) -> list[object]:
    detail = " / ".join(x for x in (d.error, d.reason) if x)
    return [d.key.team_id, d.key.recipient_id, d.key.kind, d.key.period, d.status.value, d.attempts,
            d.due_at.isoformat(timespec="minutes"), d.ts, detail]


def scheduler(settings: Settings, args: argparse.Namespace) -> int:
    """The scheduler alone, for deployments that run it apart from the Slack listener."""
    from bot.scheduler import CoachflowScheduler

    settings.require_bot_token("sends DMs on schedule")
    catalog = configured_catalog(settings)
    client = bot_client(settings, "sends DMs on schedule")
    # A long-running process, like `run`: SQLite is created and migrated on start.
    with _sending(settings, catalog, create=True) as sending:
        clock = CoachflowScheduler(sending.services, client, make_dispatcher_lock(sending.engine))
        clock.record_ticks_in(sending.engine)  # `coachflow doctor` reads the last tick's time
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        clock.start()
        stop.wait()
        clock.shutdown()
    return 0
