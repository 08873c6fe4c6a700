"""`coachflow`: run the app, manage the database, print the manifest, run the demo."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings
from domain.errors import CoachflowError

log = logging.getLogger("coachflow")

MANIFEST = Path(__file__).resolve().parent.parent / "manifest.yml"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except ConfigError as error:
        print(f"coachflow: {error}", file=sys.stderr)
        return 2
    except CoachflowError as error:
        print(f"coachflow: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coachflow", description="In-flow sales coaching for Slack.")
    sub = parser.add_subparsers(metavar="COMMAND")

    run = sub.add_parser("run", help="connect to Slack (Socket Mode, or HTTP with --http)")
    run.add_argument("--http", action="store_true", help="serve Slack's HTTP requests instead of Socket Mode")
    run.add_argument("--port", type=int, default=3000, help="HTTP port (default 3000)")
    run.add_argument("--host", default="0.0.0.0", help="HTTP bind address (default 0.0.0.0)")
    run.set_defaults(handler=_cmd_run)

    db = sub.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(metavar="ACTION", required=True)
    upgrade = db_sub.add_parser("upgrade", help="apply pending migrations")
    upgrade.set_defaults(handler=_cmd_db_upgrade)
    status = db_sub.add_parser("status", help="show the schema revision")
    status.set_defaults(handler=_cmd_db_status)

    manifest = sub.add_parser("manifest", help="print the Slack app manifest")
    manifest.add_argument("--url", help="public base URL for HTTP mode, e.g. https://coach.example.com")
    manifest.set_defaults(handler=_cmd_manifest)

    admin = sub.add_parser("admin", help="workspace admins")
    admin_sub = admin.add_subparsers(metavar="ACTION", required=True)
    grant = admin_sub.add_parser("grant", help="make a Slack user a Coachflow admin")
    grant.add_argument("--team", required=True, help="Slack workspace id (T...)")
    grant.add_argument("--user", required=True, help="Slack user id (U... or W...)")
    grant.set_defaults(handler=_cmd_admin_grant)

    demo = sub.add_parser("demo", help="run the offline demo against a fake Slack")
    demo.add_argument("--database", help="SQLite file for the demo (default: a fresh temporary one)")
    demo.set_defaults(handler=_cmd_demo)
    return parser


def _settings() -> Settings:
    settings = load_settings()
    settings.configure_logging()
    return settings


def _cmd_run(args: argparse.Namespace) -> int:
    from bot.app import build_runtime
    from bot.database import prepare_database, database_health_check

    settings = _settings()
    settings.require_slack(http=args.http)
    prepare_database(settings.database_url)
    runtime = build_runtime(settings)
    if args.http:
        from bot.http import CoachflowWsgi, HttpServer

        wsgi = CoachflowWsgi(runtime.app, database_health_check(settings.database_url))
        HttpServer(wsgi, host=args.host, port=args.port).serve_forever()
        return 0
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    SocketModeHandler(runtime.app, settings.slack_app_token).start()
    return 0


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    from bot.database import upgrade_database

    settings = _settings()
    before, after = upgrade_database(settings.database_url)
    print(f"database at revision {after}" + ("" if before == after else f" (was {before or 'empty'})"))
    return 0


def _cmd_db_status(args: argparse.Namespace) -> int:
    from bot.database import database_status

    current, head = database_status(_settings().database_url)
    state = "up to date" if current == head else "needs `coachflow db upgrade`"
    print(f"revision {current or 'none'} of {head}: {state}")
    return 0 if current == head else 1


def _cmd_manifest(args: argparse.Namespace) -> int:
    from bot.manifest import manifest_text

    print(manifest_text(MANIFEST, args.url), end="")
    return 0


def _cmd_admin_grant(args: argparse.Namespace) -> int:
    from bot.admin import grant_admin

    member = grant_admin(_settings(), team_id=args.team, user_id=args.user)
    print(f"{member.name} ({member.user_id}) is now a Coachflow admin of {args.team}.")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from bot.demo import run_demo

    return run_demo(database=args.database)


if __name__ == "__main__":
    sys.exit(main())
