"""The dispatch tick's cost with nothing due, by head count, and drain throughput under a rate limit.

The tick reads schedule rows whose next occurrence is due through an index,
so with nothing due its cost should not grow with the number of people.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from slack_sdk import WebClient
from sqlalchemy import Engine, insert

from bot.app import build_services
from bot.config import load_settings
from bot.fake_slack import FakeSlack, FakeSlackServer
from domain.coaching.cycle import CoachingCycle
from domain.delivery import Delivery, DeliveryKey, DeliveryStatus
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.notifications.week_ahead import WEEK_AHEAD
from domain.services.notifications import NotificationContentService
from handlers.blocks.notifications import footer, renderer
from handlers.jobs.slack_sender import SlackMessageSender
from storage import migrate
from storage.orm import MemberRow, ScheduleRow, WorkspaceRow
from storage.uow import make_engine, make_uow_factory
from tests.bench.pipeline import _counting

WS = WorkspaceRef("TBENCH")
SUNDAY = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
NEXT_MONDAY = datetime(2026, 11, 30, 13, 0, tzinfo=UTC)
ZONES = ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney", "America/Los_Angeles"]


Cleanup = Callable[[], None]
# A database URL for a given head count, and how to throw that database away.
UrlFor = Callable[[int], tuple[str, Cleanup]]

def _populate(engine: Engine, people: int, zones: list[str] = ZONES) -> None:
    """Half managers, half reps, each manager's week-ahead entry due next Monday."""
    managers = people // 2
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(insert(WorkspaceRow), [{"team_id": WS.team_id, "name": "Bench", "settings": {}}])
        members = []
        for n in range(managers):
            tz = zones[n % len(zones)]
            members.append({"team_id": WS.team_id, "user_id": f"UM{n:06d}", "name": f"M{n}", "time_zone": tz,
                            "role": "manager", "is_admin": False, "manager_id": None, "muted_kinds": []})
            members.append({"team_id": WS.team_id, "user_id": f"UR{n:06d}", "name": f"R{n}", "time_zone": tz,
                            "role": "rep", "is_admin": False, "manager_id": f"UM{n:06d}", "muted_kinds": []})
        connection.execute(insert(MemberRow), members)
        connection.execute(insert(ScheduleRow), [
            {"team_id": WS.team_id, "user_id": f"UM{n:06d}", "kind": WEEK_AHEAD.name,
             "next_check_at": NEXT_MONDAY, "checked_until": SUNDAY,
             "created_at": now, "updated_at": now}
            for n in range(managers)
        ])


def tick_cost(url_for: UrlFor, label: str) -> list[str]:
    lines = [f"Dispatch tick with nothing due ({label}), median of 30 ticks:"]
    baseline = None
    for people in (1_000, 10_000, 100_000):
        url, cleanup = url_for(people)
        try:
            engine = make_engine(url)
            migrate.upgrade(engine)
            started = time.perf_counter()
            _populate(engine, people)
            setup = time.perf_counter() - started
            services = build_services(make_uow_factory(engine), load_settings(None))
            samples = []
            for _ in range(30):
                started = time.perf_counter()
                report = services.schedules.plan(SUNDAY)
                samples.append((time.perf_counter() - started) * 1000)
                assert report.checked == 0
            median = statistics.median(samples)
            baseline = baseline or median
            lines.append(f"  {people:>7,} people: {median:6.2f} ms per tick ({median / baseline:4.2f}x of 1,000; "
                         f"set-up {setup:4.1f} s)")
            engine.dispose()
        finally:
            cleanup()
    return lines


def drain_throughput(per_minute: int = 120, notes: int = 300) -> list[str]:
    """Send `notes` under a limit of `per_minute`; the fastest possible is bounded by the window."""
    fake = FakeSlack(team_id=WS.team_id)
    fake.set_rate_limit("chat.postMessage", per_minute)
    with tempfile.TemporaryDirectory() as scratch, FakeSlackServer(fake) as server:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'drain.db'}")
        migrate.upgrade(engine)
        _populate(engine, notes * 2, zones=["America/New_York"])
        for n in range(notes):
            fake.add_user(f"UM{n:06d}", f"M{n}", "America/New_York")
        services = build_services(make_uow_factory(engine), load_settings(None))
        monday_late = NEXT_MONDAY + timedelta(hours=1)  # all 300 notes due, none stale
        services.schedules.plan(monday_late)
        client = WebClient(token=fake.bot_token, base_url=server.base_url)
        clock_origin, started = time.monotonic(), time.perf_counter()
        clock = lambda: monday_late + timedelta(seconds=time.monotonic() - clock_origin)  # noqa: E731
        report = services.deliveries.drain(SlackMessageSender(client, renderer(clock), footer=footer), clock,
                                           budget=timedelta(minutes=10))
        elapsed = time.perf_counter() - started
    windows = -(-notes // per_minute) - 1  # full minutes Slack makes any sender wait
    best = windows * 60.0
    return [
        (f"Drain against the fake Slack limited to {per_minute}/min: "
         f"{report.sent} of {notes} notes in {elapsed:.1f} s, "
         f"{report.rate_limited} answered 429, waited {report.waited_seconds:.1f} s."),
        (f"  fastest the limit allows: {best:.0f} s -> {100 * best / elapsed:.1f}% of the allowed rate "
         f"({report.sent / elapsed * 60:.0f}/min achieved)"),
    ]


def content_cost() -> list[str]:
    """Statements and time to gather the content of one drained batch (the drain claims 50 rows)."""
    monday, due = date(2026, 11, 30), datetime(2026, 11, 30, 14, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'content.db'}")
        migrate.upgrade(engine)
        uow_factory = make_uow_factory(engine)
        with uow_factory() as uow:
            uow.workspaces.add(Workspace(WS))
            for m in range(10):
                uow.members.add(Member(WS, f"UM{m:02d}", f"M{m}", "America/New_York", role=Role.MANAGER))
                for r in range(5):
                    rep = f"UR{m:02d}{r}"
                    uow.members.add(Member(WS, rep, f"R{m}{r}", "America/New_York", manager_id=f"UM{m:02d}"))
                    uow.cycles.add(CoachingCycle(WS, rep, f"UM{m:02d}", monday))
            uow.commit()
        content = NotificationContentService(uow_factory)
        managers = [f"UM{m:02d}" for m in range(10)]
        reps = [f"UR{m:02d}{r}" for m in range(10) for r in range(5)]
        lines = ["Content of a drained batch (SQLite), all kinds gathered per batch:"]
        for kind, who, period in (("week_ahead", managers, monday), ("cycle_tasks", reps, monday),
                                  ("team_tasks", managers, monday + timedelta(days=2))):
            rows = [Delivery(DeliveryKey(WS.team_id, user, kind, period.isoformat()), DeliveryStatus.SENDING,
                             due, due + timedelta(hours=8)) for user in who]
            with _counting(engine) as count:
                started = time.perf_counter()
                found = content.contents_for(rows)
                elapsed = (time.perf_counter() - started) * 1000
            lines.append(f"  {kind:<11} {len(rows):2d} rows: {count[0]:4d} statements, {elapsed:6.1f} ms "
                         f"({len(found)} notes)")
        engine.dispose()
    return lines


def _sqlite_url(people: int) -> tuple[str, Cleanup]:
    scratch = tempfile.TemporaryDirectory()
    return f"sqlite:///{Path(scratch.name) / f'tick-{people}.db'}", scratch.cleanup


def _postgres_url_maker(base: str) -> UrlFor:
    from sqlalchemy import create_engine, make_url, text

    from storage.uow import normalise_database_url

    admin = create_engine(normalise_database_url(base), isolation_level="AUTOCOMMIT")

    def make(people: int) -> tuple[str, Cleanup]:
        schema = f"coachflow_bench_{people}_{int(time.time())}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))

        def drop() -> None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))

        url = make_url(normalise_database_url(base)).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False), drop

    return make


def run() -> list[str]:
    lines = tick_cost(_sqlite_url, "SQLite")
    postgres = os.environ.get("COACHFLOW_TEST_DATABASE_URL")
    if postgres:
        lines += tick_cost(_postgres_url_maker(postgres), "PostgreSQL")
    else:
        lines.append("  (PostgreSQL: set COACHFLOW_TEST_DATABASE_URL to measure it too)")
    return lines + content_cost() + drain_throughput()
