"""`coachflow scorecards export --team T [--since D] [--until D] [--rep U] [--format csv|json] [--output FILE]`.

The weekly indicator table (`domain.services.scorecard_export`) as CSV or
JSON, UTF-8, on stdout or in a file. Reads only. Bad input (an unknown
workspace or rep, a backwards range) is one line on stderr and exit 2. With
`--output`, a line on stdout says how many rows went to the file; without it,
stdout holds only the table (and stderr nothing, like every command that
succeeds).
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path

from bot.config import ConfigError, Settings
from bot.database import open_for_reading
from bot.operations import configured_catalog
from domain.errors import InvalidInput, NotFound
from domain.model import WorkspaceRef
from domain.services.scorecard_csv import spreadsheet_safe, to_csv, to_json
from domain.services.scorecard_export import Export, export_indicators
from storage.uow import make_uow_factory

FORMATS = ("csv", "json")
__all__ = ["FORMATS", "scorecards_export", "spreadsheet_safe", "summary", "to_csv", "to_json"]


def scorecards_export(settings: Settings, team: str, *, since: date | None = None, until: date | None = None,
                      rep: str | None = None, fmt: str = "csv", output: str | None = None,
                      now: datetime | None = None) -> int:
    """Write the table (exit 0); bad input raises ConfigError (exit 2), an unwritable file exits 1."""
    if fmt not in FORMATS:
        raise ConfigError(f"scorecards export: --format {fmt!r} is not one of {', '.join(FORMATS)}")
    catalog = configured_catalog(settings)
    engine = open_for_reading(settings.database_url)
    try:
        result = export_indicators(make_uow_factory(engine), catalog, WorkspaceRef(team_id=team),
                                   now or datetime.now(UTC), since=since, until=until, rep_id=rep)
    except (NotFound, InvalidInput) as error:
        raise ConfigError(f"scorecards export: {error}") from None
    finally:
        engine.dispose()
    data = (to_csv if fmt == "csv" else to_json)(result.rows).encode("utf-8")
    if output is None:
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None)
        if out is None:  # a text-only stream
            sys.stdout.write(data.decode("utf-8"))
        else:
            out.write(data)
            out.flush()
        return 0
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        print(f"coachflow: cannot write {output}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(summary(result, output))  # stdout is free: the table went to the file
    return 0


def summary(result: Export, output: str) -> str:
    where = f" to {output}"
    if not result.rows:
        return (f"Exported no rows{where}: no rep in that range has an active coaching cycle with focus skills "
                "(only their focus skills' indicators are exported).")
    rows, reps = len(result.rows), result.reps
    return (f"Exported {rows:,} row{'' if rows == 1 else 's'} ({reps} rep{'' if reps == 1 else 's'}, "
            f"{result.first_week} to {result.last_week}){where}.")
