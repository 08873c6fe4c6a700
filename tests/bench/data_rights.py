"""Data rights at scale (issue 14): a workspace's export, one person's, and forgetting their manager.

Each of N people has one row in every table of the schema (tests/integration/personal_world.py,
built from the metadata), all naming one manager as the party: the manager's forget de-identifies
N rows in each table. Prints seconds, rows and SQL statements; run on SQLite, and on PostgreSQL
when COACHFLOW_TEST_DATABASE_URL is set. Figures, not a timed test.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from domain.model import Workspace, WorkspaceRef
from domain.services.data_rights import DataRightsService, Export
from storage import migrate
from storage.uow import make_engine, make_uow_factory
from tests.bench.leading_indicators import on_both_databases
from tests.bench.pipeline import _counting
from tests.integration.personal_world import seed

WS = WorkspaceRef("T1")
MANAGER = "UMGR0"
SIZES = (200, 1_000)
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def measure(url: str, people: int) -> str:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        uow_factory = make_uow_factory(engine)
        with uow_factory() as uow:
            uow.workspaces.add(Workspace(WS))
            uow.commit()
        for n in range(people):
            seed(engine, WS.team_id, f"p{n}", f"U{n:05d}", MANAGER, f"words of U{n:05d} for <@{MANAGER}>")
        service = DataRightsService(uow_factory, lambda: NOW)
        figures = []
        for label, call in (("workspace export", lambda: service.export_cli(WS, None)),
                            ("one person's export", lambda: service.export_cli(WS, "U00007")),
                            ("their manager's forget", lambda: service.forget_cli(WS, MANAGER))):
            with _counting(engine) as count:
                started = time.perf_counter()
                found = call()
                took = time.perf_counter() - started
            rows = found.data.total if isinstance(found, Export) else sum(found.redacted.values())
            figures.append(f"{label} {took:5.2f} s, {rows:,} rows, {count[0]} statements")
    finally:
        engine.dispose()
    return f"  {people:>6,} people: " + "; ".join(figures)


def run() -> list[str]:
    return on_both_databases("Data rights: export and forget over every table (one row each per person)",
                             measure, SIZES)


if __name__ == "__main__":
    for line in run():
        print(line)
