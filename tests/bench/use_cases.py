"""What one request costs the database: a `/coach score` submission and an App Home open.

Through the real listeners (signed requests, Bolt, the fake Slack) on a
SQLite file, counting every SQL statement, every unit of work and what each
unit did until the listener has finished its work after the ack (DMs, App
Home publishes). A unit that only touched the delivery ledger (`deliveries`,
and `workspaces` to find it) is the sender's bookkeeping of its replies; the
others belong to the use case. DESIGN.md section 3 rule 6: one unit per use
case; a use case that only reads takes no write lock and writes nothing.
"""

from __future__ import annotations

import json
import re
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import App
from sqlalchemy import Engine, event

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import (
    FakeSlack,
    FakeSlackServer,
    RecordingSlackClient,
    SlackRequests,
)
from bot.modal_values import call_values
from domain.catalog import load_catalog
from domain.ports import UnitOfWork, UnitOfWorkFactory
from handlers.edge import ids
from storage import migrate
from storage.uow import make_engine, make_uow_factory
from tests.handlers.conftest import ListenerPool

SECRET = "bench-secret"
TEAM = "TBENCH"
REPS = 4
LEDGER_TABLES = frozenset({"deliveries", "workspaces"})
_TABLE = re.compile(r"\b(?:from|into|update|join)\s+\"?(\w+)", re.IGNORECASE)
_WRITE = re.compile(r"^\s*(insert|update|delete)\b", re.IGNORECASE)


@dataclass
class _Unit:
    statements: list[str] = field(default_factory=list)

    @property
    def tables(self) -> set[str]:
        return {t.lower() for s in self.statements for t in _TABLE.findall(s)}

    @property
    def locked(self) -> bool:
        return any(s.strip().upper() == "BEGIN IMMEDIATE" for s in self.statements)

    @property
    def writes(self) -> int:
        return sum(1 for s in self.statements if _WRITE.match(s))


@dataclass
class Tally:
    """Statements and units of work of one request, each unit with what it ran."""

    units: list[_Unit] = field(default_factory=list)
    outside: int = 0  # statements run outside any unit (none expected)

    @property
    def statements(self) -> int:
        return self.outside + sum(len(u.statements) for u in self.units)

    def line(self, label: str) -> str:
        ledger = [u for u in self.units if u.tables and u.tables <= LEDGER_TABLES]
        use_case = [u for u in self.units if u not in ledger]
        return (f"  {label}: {self.statements} statements, {len(self.units)} units of work "
                f"({len(use_case)} use case, {len(ledger)} reply ledger); "
                f"{sum(u.locked for u in self.units)} took the write lock; "
                f"{sum(u.writes for u in self.units)} writes")


class _Counter:
    """A uow factory and an engine listener that attribute each statement to its thread's open unit."""

    def __init__(self, factory: UnitOfWorkFactory) -> None:
        self._factory = factory
        self._open = threading.local()
        self._lock = threading.Lock()
        self.tally: Tally | None = None

    def new_unit(self, *, read_only: bool = False) -> UnitOfWork:
        unit = self._factory(read_only=True) if read_only else self._factory()
        return _CountedUnit(unit, self)

    def entered(self) -> None:
        unit = _Unit()
        self._open.unit = unit
        with self._lock:
            if self.tally is not None:
                self.tally.units.append(unit)

    def left(self) -> None:
        self._open.unit = None

    def statement(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        unit: _Unit | None = getattr(self._open, "unit", None)
        with self._lock:
            if self.tally is None:
                return
            if unit is None:
                self.tally.outside += 1
            else:
                unit.statements.append(statement)

    @contextmanager
    def counting(self) -> Iterator[Tally]:
        tally = Tally()
        self.tally = tally
        try:
            yield tally
        finally:
            self.tally = None


class _CountedUnit:
    """The factory's unit, with its `with` block reported to the counter."""

    def __init__(self, unit: UnitOfWork, counter: _Counter) -> None:
        self._unit = unit
        self._counter = counter

    def __enter__(self) -> UnitOfWork:
        self._counter.entered()
        try:
            return self._unit.__enter__()
        except BaseException:
            self._counter.left()
            raise

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self._unit.__exit__(exc_type, exc, tb)
        finally:
            self._counter.left()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._unit, name)


def _idle(app: App) -> None:
    pool = app.listener_runner.listener_executor
    assert isinstance(pool, ListenerPool)
    pool.wait_idle(timeout=60)


@contextmanager
def _app(scratch: str, slack: FakeSlackServer, fake: FakeSlack) -> Iterator[tuple[App, _Counter, Engine]]:
    url = f"sqlite:///{Path(scratch) / 'use_cases.db'}"
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        counter = _Counter(make_uow_factory(engine))
        event.listen(engine, "before_cursor_execute", counter.statement)
        settings = load_settings(None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET,
                                 SLACK_API_URL=slack.base_url, COACHFLOW_LOG_LEVEL="ERROR")
        app = create_app(settings, build_services(counter.new_unit, settings), client=RecordingSlackClient(fake))
        app.listener_runner.listener_executor = ListenerPool()
        try:
            yield app, counter, engine
        finally:
            app.listener_runner.listener_executor.shutdown(wait=True)
    finally:
        engine.dispose()


def _run(app: App, requests: SlackRequests, fake: FakeSlack, user_id: str, text: str) -> None:
    request = requests.slash_command(user_id, "/coach", text)
    assert app.dispatch(request.bolt()).status == 200
    fake.wait_for(lambda: bool(fake.responses_for(request.response_token or "")), timeout=10)
    _idle(app)


def measure() -> tuple[Tally, Tally]:
    fake = FakeSlack(team_id=TEAM)
    fake.add_user("UADMIN", "Ada Admin", "Europe/London")
    fake.add_user("UMGR", "Maya Chen", "America/New_York")
    reps = [f"UR{n}" for n in range(REPS)]
    for rep in reps:
        fake.add_user(rep, f"Rep {rep}", "America/Los_Angeles")
    with tempfile.TemporaryDirectory() as scratch, FakeSlackServer(fake) as slack:
        requests = SlackRequests(SECRET, team_id=TEAM, response_url_base=slack.response_url_base)
        with _app(scratch, slack, fake) as (app, counter, _engine):
            _run(app, requests, fake, "UADMIN", "help")
            _run(app, requests, fake, "UMGR", "team add " + " ".join(f"<@{r}|rep>" for r in reps))
            for rep in reps:
                _run(app, requests, fake, "UMGR", f"start <@{rep}|rep>")
            opened = len(fake.opened_views)
            request = requests.slash_command("UMGR", "/coach", f"score <@{reps[0]}|rep>")
            assert app.dispatch(request.bolt()).status == 200
            fake.wait_for(lambda: len(fake.opened_views) > opened, timeout=10)
            _idle(app)
            modal = fake.opened_views[-1]
            day = datetime.now(UTC).astimezone(ZoneInfo("America/New_York")).date() - timedelta(days=1)
            values = call_values(load_catalog(), "Acme discovery", day,
                                 {d.id: 4 for d in load_catalog().scoring_dimensions})
            submission = requests.view_submission("UMGR", ids.SCORE_CALL_VIEW, values,
                                                  private_metadata=modal["private_metadata"])
            messages = len(fake.messages_to(reps[0]))
            with counter.counting() as score:
                reply = app.dispatch(submission.bolt())
                assert reply.status == 200 and not reply.body, reply.body
                fake.wait_for(lambda: len(fake.messages_to(reps[0])) > messages, timeout=10)
                _idle(app)
            assert "Acme discovery" in json.dumps(fake.messages_to(reps[0])[-1])
            # A second open, with nothing changed in Slack: the common case.
            _open_home(app, requests, fake, "UMGR")
            with counter.counting() as home:
                _open_home(app, requests, fake, "UMGR")
    return score, home


def _open_home(app: App, requests: SlackRequests, fake: FakeSlack, user_id: str) -> None:
    published = len(fake.calls_to("views.publish"))
    assert app.dispatch(requests.app_home_opened(user_id).bolt()).status == 200
    fake.wait_for(lambda: len(fake.calls_to("views.publish")) > published, timeout=10)
    _idle(app)


def run() -> list[str]:
    score, home = measure()
    return [f"Units of work and SQL statements of one request (SQLite, a manager with {REPS} reps in cycles):",
            score.line("/coach score submission"),
            home.line("App Home open, profile unchanged")]

