"""`coachflow workspaces list` and `coachflow workspaces purge [--dry-run]` (issue 14, docs/data-lifecycle.md).

`list` shows every workspace in the database, installed or not, and for an
uninstalled one when its coaching data goes (uninstalled + COACHFLOW_RETENTION_DAYS).
`purge` deletes the data of every workspace uninstalled longer than that, one
workspace per transaction, and says what went, table by table; `--dry-run`
counts the same rows in a transaction it rolls back. The scheduler runs the
same step daily; this is for operators who want it now, or to see it first.
Neither needs Slack; neither creates a database.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot import cli_args
from bot.config import Settings, load_settings

if TYPE_CHECKING:
    from domain.services.workspace_lifecycle import Purged, WorkspaceLifecycleService, WorkspaceStatus


def register(sub: Any) -> None:
    """Add `workspaces list|purge` to the `coachflow` parser's sub-commands."""
    workspaces = sub.add_parser("workspaces", help="installed and uninstalled workspaces; delete expired data")
    ws_sub = workspaces.add_subparsers(metavar="{list,purge}", required=True)
    listing = ws_sub.add_parser("list", help="every workspace: installed, or uninstalled and when its data goes")
    listing.add_argument("--now", type=cli_args.instant, help=argparse.SUPPRESS)
    listing.set_defaults(handler=_cmd_list)
    purge = ws_sub.add_parser(
        "purge", help="delete the data of workspaces uninstalled longer than COACHFLOW_RETENTION_DAYS",
    )
    purge.add_argument("--dry-run", action="store_true", help="say what would be deleted, delete nothing")
    purge.add_argument("--now", type=cli_args.instant, help="as of this instant, ISO 8601 (default: now)")
    purge.set_defaults(handler=_cmd_purge)


def _settings() -> Settings:
    settings = load_settings()
    settings.configure_logging()
    return settings


def _lifecycle(settings: Settings, *, writing: bool) -> tuple[WorkspaceLifecycleService, Any]:
    from bot.database import open_for_reading, prepare_database
    from bot.installed_tokens import SettingsToken
    from domain.services.scheduling import ScheduleService
    from domain.services.workspace_lifecycle import WorkspaceLifecycleService
    from storage.uow import make_engine, make_uow_factory

    if writing:
        prepare_database(settings.database_url, create=False)
        engine = make_engine(settings.database_url)
    else:
        engine = open_for_reading(settings.database_url)
    factory = make_uow_factory(engine)
    service = WorkspaceLifecycleService(factory, ScheduleService(factory), SettingsToken(),
                                        timedelta(days=settings.retention_days))
    return service, engine


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _status_line(status: WorkspaceStatus, now: datetime) -> str:
    name = f" ({status.name})" if status.name else ""
    if status.uninstalled_at is None or status.purge_after is None:
        return f"{status.ref.team_id}{name}: installed"
    left = status.purge_after - now
    due = "at the next purge" if left <= timedelta(0) else f"in {left.days} days" if left.days else "within a day"
    return (f"{status.ref.team_id}{name}: uninstalled {_when(status.uninstalled_at)}; "
            f"data deleted after {_when(status.purge_after)} ({due})")


def _purged_line(gone: Purged, *, dry_run: bool) -> str:
    tables = ", ".join(f"{table} {rows}" for table, rows in sorted(gone.deleted.items()))
    verb = "would delete" if dry_run else "deleted"
    name = f" ({gone.name})" if gone.name else ""
    return (f"{verb} {gone.ref.team_id}{name}, uninstalled {_when(gone.uninstalled_at)}: "
            f"{gone.rows} rows ({tables})")


def _cmd_list(args: argparse.Namespace) -> int:
    settings = _settings()
    service, engine = _lifecycle(settings, writing=False)
    now = args.now or datetime.now(UTC)
    try:
        statuses = service.statuses(now)
    finally:
        engine.dispose()
    if not statuses:
        print("no workspaces in this database yet")
    for status in statuses:
        print(_status_line(status, now))
    print(f"retention after an uninstall: {settings.retention_days} days (COACHFLOW_RETENTION_DAYS)")
    return 0


def _cmd_purge(args: argparse.Namespace) -> int:
    settings = _settings()
    service, engine = _lifecycle(settings, writing=True)
    try:
        purged = service.purge_expired(args.now or datetime.now(UTC), dry_run=args.dry_run)
    finally:
        engine.dispose()
    if not purged:
        print(f"nothing to delete: no workspace was uninstalled more than {settings.retention_days} days ago "
              "(COACHFLOW_RETENTION_DAYS)")
    for gone in purged:
        print(_purged_line(gone, dry_run=args.dry_run))
    return 0
