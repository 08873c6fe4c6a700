"""`coachflow results --team T [--manager U] [--since YYYY-MM-DD] [--format text|csv]`.

A team's cycle results (`domain.services.results.team_results`): one line
(or CSV row) per rep whose cycle ended on or after `--since` or still runs,
and the totals. Reads only. Bad input (an unknown workspace, a date in the
future) is one line on stderr and exit 2; the figures go to stdout alone.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime

from bot.config import ConfigError, Settings
from bot.database import open_for_reading
from bot.operations import configured_catalog
from domain.errors import InvalidInput
from domain.model import WorkspaceRef
from domain.services.challenge_views import challenge_figures
from domain.services.results import team_results
from domain.services.results_rows import team_rows, to_csv, to_text
from storage.uow import make_uow_factory

FORMATS = ("text", "csv")


def results_report(settings: Settings, team: str, *, manager: str | None = None, since: date | None = None,
                   fmt: str = "text", now: datetime | None = None) -> int:
    """Print the results (exit 0); bad input raises ConfigError (exit 2)."""
    if fmt not in FORMATS:
        raise ConfigError(f"results: --format {fmt!r} is not one of {', '.join(FORMATS)}")
    catalog = configured_catalog(settings)
    engine = open_for_reading(settings.database_url)
    ws = WorkspaceRef(team_id=team)
    try:
        with make_uow_factory(engine)(read_only=True) as uow:
            if uow.workspaces.get(ws) is None:
                raise ConfigError(f"results: no workspace {team} in this database (see `coachflow admin grant`)")
            found = team_results(uow, ws, manager, since, now or datetime.now(UTC), catalog, challenge_figures)
    except InvalidInput as error:
        raise ConfigError(f"results: {error}") from None
    finally:
        engine.dispose()
    sys.stdout.write(to_csv(team_rows(found)) if fmt == "csv" else to_text(found))
    sys.stdout.flush()
    return 0
