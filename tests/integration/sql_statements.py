"""What SQL a piece of code runs, and how the database plans it: for tests of query counts and index use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event


@contextmanager
def recording(engine: Engine) -> Iterator[list[tuple[str, object]]]:
    """Every statement `engine` sends while inside, with its parameters."""
    statements: list[tuple[str, object]] = []

    def record(conn: object, cursor: object, statement: str, parameters: object, context: object,
               executemany: bool) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def query_plan(engine: Engine, statement: str, parameters: object) -> str:
    """The database's plan for one recorded statement (SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN)."""
    explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(explain + statement, parameters)  # type: ignore[arg-type]
        return "\n".join(" ".join(str(v) for v in row) for row in rows)
