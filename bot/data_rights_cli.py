"""`coachflow audit`, `coachflow export` and `coachflow forget` (issue 14, data rights).

    coachflow audit  --team T [--user U] [--since YYYY-MM-DD]
    coachflow export --team T [--user U] --format csv|json [--output PATH]
    coachflow forget --team T --user U [--yes]

Exit status: 0 done; 1 nothing to forget (the person has no data there);
2 bad usage, an unknown workspace, or a forget not confirmed. The database
must exist and be at the current schema (nothing is created or migrated).
Each export and forget leaves its entry in the audit log, with the actor `cli`.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, TextIO

from bot import cli_args
from bot.config import ConfigError, Settings
from bot.database import open_for_reading
from domain.audit import AuditEvent
from domain.data_rights import as_csv, as_json
from domain.errors import NotFound
from domain.model import WorkspaceRef
from domain.services.audit_log import AuditService
from domain.services.data_rights import DataRightsService
from storage.uow import make_uow_factory


def add_parsers(sub: Any) -> None:
    """The three subcommands, on `coachflow`'s subparsers (bot/cli.py)."""
    from bot.cli import _settings

    audit = sub.add_parser("audit", help="who read or changed whose coaching records (the audit log)")
    audit.add_argument("--team", required=True, type=cli_args.team_id, help="Slack workspace id (T...)")
    audit.add_argument("--user", type=cli_args.user_id, help="only events by or about this person (U...)")
    audit.add_argument("--since", type=cli_args.calendar_date, metavar="YYYY-MM-DD", help="from this day (UTC)")
    audit.set_defaults(handler=lambda args: audit_log(_settings(), args.team, args.user, args.since))

    export = sub.add_parser("export", help="a workspace's or a person's coaching data as CSV or JSON")
    export.add_argument("--team", required=True, type=cli_args.team_id, help="Slack workspace id (T...)")
    export.add_argument("--user", type=cli_args.user_id, help="only this person (U...); default the workspace")
    export.add_argument("--format", required=True, choices=["csv", "json"], help="csv or json")
    export.add_argument("--output", metavar="PATH", help="write to this file (default: stdout)")
    export.set_defaults(handler=lambda args: export_data(_settings(), args.team, args.user, args.format,
                                                         args.output))

    forget = sub.add_parser("forget", help="delete a person's coaching data everywhere in a workspace")
    forget.add_argument("--team", required=True, type=cli_args.team_id, help="Slack workspace id (T...)")
    forget.add_argument("--user", required=True, type=cli_args.user_id, help="the person (U...)")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    forget.set_defaults(handler=lambda args: forget_person(_settings(), args.team, args.user, yes=args.yes))


def _factory(settings: Settings) -> Any:
    return make_uow_factory(open_for_reading(settings.database_url))


def _workspace_error(error: NotFound, ws: WorkspaceRef, command: str) -> ConfigError:
    return ConfigError(f"{command}: no workspace {ws.team_id} in this database") if ws.team_id in str(error) \
        else ConfigError(f"{command}: {error}")


def audit_line(event: AuditEvent) -> str:
    at = event.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return "\t".join([at, event.actor_id, event.action.value, event.subject_id, event.record_kind.value,
                      event.record_id or "-"])


def audit_log(settings: Settings, team: str, user: str | None, since: date | None,
              out: TextIO | None = None) -> int:
    ws = WorkspaceRef(team_id=team)
    start = datetime.combine(since, time(), tzinfo=UTC) if since else None
    try:
        events = AuditService(_factory(settings), lambda: datetime.now(UTC)).search(ws, user, start)
    except NotFound as error:
        raise _workspace_error(error, ws, "audit") from None
    stream = out or sys.stdout
    stream.write("at\tactor\taction\tsubject\trecord_kind\trecord_id\n")
    for event in events:
        stream.write(audit_line(event) + "\n")
    stream.flush()
    return 0


def export_data(settings: Settings, team: str, user: str | None, fmt: str, output: str | None) -> int:
    ws = WorkspaceRef(team_id=team)
    try:
        export = DataRightsService(_factory(settings), lambda: datetime.now(UTC)).export_cli(ws, user)
    except NotFound as error:
        raise _workspace_error(error, ws, "export") from None
    body = as_json(export.data, {"about": export.about, "exported_at": export.exported_at.isoformat()}) \
        if fmt == "json" else as_csv(export.data)
    if output:
        try:
            Path(output).write_bytes(body)
        except OSError as error:
            raise ConfigError(f"export: cannot write {output}: {error.strerror or error}") from None
        print(f"exported {export.data.total} rows from {len(export.data.counts())} tables to {output}",
              file=sys.stderr)
    else:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    return 0


def forget_person(settings: Settings, team: str, user: str, *, yes: bool) -> int:
    ws = WorkspaceRef(team_id=team)
    if not yes:
        if not sys.stdin.isatty():
            raise ConfigError("forget: this deletes the person's coaching data for good; add --yes to confirm")
        typed = input(f"Forget {user} in {team}? Their coaching data is deleted for good. Type {user} to confirm: ")
        if typed.strip() != user:
            print("coachflow: nothing forgotten", file=sys.stderr)
            return 2
    factory = _factory(settings)
    try:
        with factory(read_only=True) as uow:
            if uow.workspaces.get(ws) is None:
                raise ConfigError(f"forget: no workspace {team} in this database")
        done = DataRightsService(factory, lambda: datetime.now(UTC)).forget_cli(ws, user)
    except NotFound as error:
        print(f"coachflow: forget: {error}".replace(f"<@{user}>", user), file=sys.stderr)
        return 1
    print(f"forgot {user} in {team}: {done.total_deleted} rows deleted")
    for name, count in sorted(done.deleted.items()):
        print(f"  deleted {name}: {count}")
    for name, count in sorted(done.redacted.items()):
        print(f"  de-identified in others' {name}: {count}")
    return 0



