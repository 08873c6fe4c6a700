"""Importing a 50,000-row CRM export and auditing 500 reps.

The export has Salesforce report headers (owner by email, per-stage entry
dates, formatted amounts, Closed Won / Closed Lost); 500 reps in 50 teams
are created in bulk first. Prints the time to import it into SQLite (and
PostgreSQL when COACHFLOW_TEST_DATABASE_URL is set, in a schema of its own),
to import it again (nothing changes), and to audit every rep. The import
and the audit issue a handful of statements, never one per row.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, insert, make_url, text

from domain.model import WorkspaceRef
from domain.pipeline.csv_import import parse_opportunities
from domain.services.pipeline import PipelineService
from storage import migrate
from storage.orm import MemberRow, WorkspaceRow
from storage.uow import make_engine, make_uow_factory, normalise_database_url

WS = WorkspaceRef("TBENCH")
ROWS = 50_000
REPS = 500
REPS_PER_MANAGER = 10
HEADER = (
    "Opportunity Owner,Owner Email,Opportunity Name,Opportunity ID,Amount,Stage,Created Date,"
    "Close Date,Closed,Won,Loss Reason,Date Entered Prospecting,Date Entered Qualification,"
    "Date Entered Value Proposition,Date Entered Negotiation/Review"
)
OPEN_STAGES = ["Prospecting", "Qualification", "Value Proposition", "Negotiation/Review"]
REASONS = ["Price", "Lost to Competitor", "No Budget / Lost Funding", "No Decision / Non-Responsive",
           "Missing features", "Other", ""]


def export(rows: int = ROWS, reps: int = REPS, seed: int = 7) -> bytes:
    """A Salesforce-style export: each rep converts and loses at their own rates."""
    rng = random.Random(seed)
    skill = [[rng.uniform(0.45, 0.85) for _ in OPEN_STAGES] for _ in range(reps)]
    start = date(2024, 1, 1)
    lines = [HEADER]
    for n in range(rows):
        rep = n % reps
        created = start + timedelta(days=rng.randrange(540))
        entered = [created]
        outcome = "open"
        for stage in range(len(OPEN_STAGES)):
            if rng.random() < 0.15:  # still open in this stage
                break
            if rng.random() > skill[rep][stage]:
                outcome = "lost"
                break
            if stage == len(OPEN_STAGES) - 1:
                outcome = "won"
                break
            entered.append(entered[-1] + timedelta(days=rng.randrange(2, 30)))
        closed = entered[-1] + timedelta(days=rng.randrange(1, 20))
        stage_name = {"won": "Closed Won", "lost": "Closed Lost"}.get(outcome, OPEN_STAGES[len(entered) - 1])
        dates = [f"{d.month}/{d.day}/{d.year}" for d in entered] + [""] * (4 - len(entered))
        reason = rng.choice(REASONS) if outcome == "lost" else ""
        amount = rng.choice([5_000, 12_500, 25_000, 48_000, 120_000]) * rng.uniform(0.5, 1.5)
        lines.append(
            f"Rep {rep},rep{rep}@bench.example,Deal {n},006BENCH{n:07d},\"${amount:,.2f}\",{stage_name},"
            f"{created.month}/{created.day}/{created.year},{closed.month}/{closed.day}/{closed.year},"
            f"{'true' if outcome != 'open' else 'false'},{'true' if outcome == 'won' else 'false'},"
            f"{reason},{','.join(dates)}"
        )
    return ("\n".join(lines) + "\n").encode()


def _populate(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(insert(WorkspaceRow), [{"team_id": WS.team_id, "name": "Bench", "settings": {}}])
        connection.execute(insert(MemberRow), [
            {"team_id": WS.team_id, "user_id": f"UR{n:06d}", "name": f"Rep {n}", "time_zone": "UTC",
             "role": "rep", "is_admin": False, "manager_id": f"UM{n // REPS_PER_MANAGER:04d}",
             "muted_kinds": [], "email": f"rep{n}@bench.example"}
            for n in range(REPS)
        ])


@contextmanager
def _counting(engine: Engine) -> Iterator[list[int]]:
    count = [0]

    def tally(*_: object) -> None:
        count[0] += 1

    event.listen(engine, "before_cursor_execute", tally)
    try:
        yield count
    finally:
        event.remove(engine, "before_cursor_execute", tally)


def measure(url: str, label: str, raw: bytes) -> list[str]:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        _populate(engine)
        service = PipelineService(make_uow_factory(engine))
        with _counting(engine) as first_count:
            started = time.perf_counter()
            first = service.import_file(WS, raw, "bench.csv")
            first_s = time.perf_counter() - started
        with _counting(engine) as again_count:
            started = time.perf_counter()
            again = service.import_file(WS, raw, "bench.csv")
            again_s = time.perf_counter() - started
        with _counting(engine) as audit_count:
            started = time.perf_counter()
            audits = service.audit(WS)
            audit_s = time.perf_counter() - started
    finally:
        engine.dispose()
    assert first.inserted == ROWS and not first.problems, first.problems[:3]
    assert again.unchanged == ROWS
    assert len(audits) == REPS
    return [
        (f"  {label}: import {first_s:5.2f} s ({ROWS / first_s:,.0f} rows/s, {first_count[0]} statements); "
         f"re-import, nothing changed {again_s:5.2f} s ({again_count[0]} statements); "
         f"audit of {REPS} reps {audit_s:5.2f} s ({audit_count[0]} statements)"),
    ]


def _sqlite() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as scratch:
        yield f"sqlite:///{Path(scratch) / 'pipeline.db'}"


def _postgres(base: str) -> Iterator[str]:
    admin = create_engine(normalise_database_url(base), isolation_level="AUTOCOMMIT")
    schema = f"coachflow_bench_pipeline_{int(time.time())}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(normalise_database_url(base)).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def run() -> list[str]:
    started = time.perf_counter()
    raw = export()
    generated = time.perf_counter() - started
    started = time.perf_counter()
    parsed = parse_opportunities(raw, source_name="bench.csv")
    parse_s = time.perf_counter() - started
    lines = [
        (f"Pipeline import of a {ROWS:,}-row Salesforce export ({len(raw) / 1e6:.1f} MB, {REPS} reps "
         f"by email; generated in {generated:.1f} s):"),
        f"  parsing alone (no database): {parse_s:5.2f} s, {len(parsed.rows):,} good rows",
    ]
    backends: list[tuple[str, Callable[[], Iterator[str]]]] = [("SQLite", _sqlite)]
    postgres = os.environ.get("COACHFLOW_TEST_DATABASE_URL")
    if postgres:
        backends.append(("PostgreSQL", lambda: _postgres(postgres)))
    for label, make in backends:
        for url in make():
            lines += measure(url, label, raw)
    if not postgres:
        lines.append("  (PostgreSQL: set COACHFLOW_TEST_DATABASE_URL to measure it too)")
    return lines


if __name__ == "__main__":
    for line in run():
        print(line)
