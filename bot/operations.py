"""`coachflow jobs ...`, `coachflow deliveries` and `coachflow scheduler`: operating the engine."""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Sequence
from datetime import UTC, datetime

from bot.app import Runtime, build_runtime
from bot.config import Settings
from bot.database import prepare_database
from domain.delivery import Delivery, DeliveryStatus
from domain.errors import InvalidInput
from domain.services.scheduling import PlanReport


def parse_instant(text: str | None) -> datetime | None:
    """`2026-11-27T15:00:00Z` (or with an offset) -> aware UTC; naive is refused."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(f"--now/--since {text!r} is not ISO 8601, e.g. 2026-11-27T15:00:00Z") from None
    if moment.tzinfo is None:
        raise InvalidInput(f"{text!r} has no time zone; add Z for UTC or an offset like +01:00")
    return moment.astimezone(UTC)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in headers]] + [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _runtime(settings: Settings) -> Runtime:
    prepare_database(settings.database_url)
    return build_runtime(settings)


def jobs_due(settings: Settings, args: argparse.Namespace) -> int:
    runtime = _runtime(settings)
    now = parse_instant(args.now) or runtime.services.clock()
    report = runtime.services.schedules.preview(now)
    print(f"As of {now.isoformat(timespec='seconds')}: {len(report.due)} to send, {len(report.stale)} stale to skip.")
    if report.due or report.stale:
        print(_plan_table(report))
    return 0


def _plan_table(report: PlanReport) -> str:
    rows: list[list[object]] = []
    for item in report.due:
        rows.append([item.key.team_id, item.recipient_id, item.kind, item.key.period, "send",
                     item.occurrence.due_at.isoformat(timespec="minutes"), ""])
    for item, reason in report.stale:
        rows.append([item.key.team_id, item.recipient_id, item.kind, item.key.period, "skip",
                     item.occurrence.due_at.isoformat(timespec="minutes"), reason])
    return table(["team", "recipient", "kind", "period", "action", "due (UTC)", "reason"], rows)


def jobs_run_due(settings: Settings, args: argparse.Namespace) -> int:
    runtime = _runtime(settings)
    now = parse_instant(args.now)
    report = runtime.dispatch_job().tick(now)
    if report is None:
        print("Another instance holds the dispatcher lock; nothing done here.")
        return 0
    plan, drain = report.plan, report.drain
    print(
        f"Tick as of {report.now.isoformat(timespec='seconds')}: queued {plan.queued}, skipped {plan.skipped} stale; "
        f"sent {drain.sent}, recovered {drain.recovered}, retrying {drain.retried}, failed {drain.failed}, "
        f"rate-limited {drain.rate_limited} (waited {drain.waited_seconds:.1f}s)."
    )
    if drain.errors:
        print("Errors: " + ", ".join(f"{error} x{count}" for error, count in sorted(drain.errors.items())))
    return 1 if drain.failed else 0


def deliveries(settings: Settings, args: argparse.Namespace) -> int:
    runtime = _runtime(settings)
    since = parse_instant(args.since)
    status = DeliveryStatus.FAILED if args.failed else (DeliveryStatus(args.status) if args.status else None)
    with runtime.uow_factory() as uow:
        found = uow.deliveries.search(status=status, since=since, limit=args.limit)
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

    if not settings.slack_bot_token:
        raise InvalidInput("SLACK_BOT_TOKEN is not set: the scheduler sends DMs and needs the bot token.")
    runtime = _runtime(settings)
    clock = CoachflowScheduler(runtime.services, runtime.client, runtime.dispatcher_lock())
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    clock.start()
    stop.wait()
    clock.shutdown()
    return 0
