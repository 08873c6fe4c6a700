"""`coachflow`: run the app, manage the database, print the manifest, run the demo."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from bot import cli_args, workspaces_cli
from bot.config import ConfigError, Settings, catalog_config_error, load_settings
from bot.plain_text import plain
from bot.slack_check import SlackUnreachable
from domain.catalog import CatalogError
from domain.errors import CoachflowError

if TYPE_CHECKING:
    from handlers.edge.services import Services

log = logging.getLogger("coachflow")

MANIFEST = Path(__file__).resolve().parent.parent / "manifest.yml"


def main(argv: Sequence[str] | None = None) -> int:
    """Exit status: 0 done; 1 the command ran and something failed (a send, an
    unusable file, a schema behind for `db status`, Slack unreachable); 2 a
    configuration or usage error; 75 `jobs run-due` left rows in flight."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, or a usage error already printed in one line
        return stop.code if isinstance(stop.code, int) else 2
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except ConfigError as error:
        _say(str(error))
        return 2
    except SlackUnreachable as error:
        _say(str(error))
        return 1
    except CatalogError as error:  # COACHFLOW_CATALOG, wherever it is loaded (`catalog check` has its own)
        _say(str(catalog_config_error(error.source, error.problems)))
        return 2
    except CoachflowError as error:
        _say(str(error))
        return 1
    except KeyboardInterrupt:
        return 130


def _say(message: str) -> None:
    # Domain messages are written for Slack; the terminal gets plain text.
    print(f"coachflow: {plain(message)}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """A usage error is one line naming the command's --help, not the whole usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="coachflow", description="In-flow sales coaching for Slack.")
    sub = parser.add_subparsers(metavar="COMMAND")

    run = sub.add_parser("run", help="connect to Slack (Socket Mode, or HTTP with --http)")
    run.add_argument("--http", action="store_true", help="serve Slack's HTTP requests instead of Socket Mode")
    run.add_argument("--port", type=cli_args.port, default=3000, help="HTTP port (default 3000)")
    # Slack reaches the app from outside, so the server listens on every interface unless told otherwise.
    run.add_argument("--host", default="0.0.0.0", help="HTTP bind address (default 0.0.0.0)")  # noqa: S104
    run.add_argument("--no-scheduler", action="store_true", help="do not run the dispatch scheduler in this process")
    run.set_defaults(handler=_cmd_run)

    sched = sub.add_parser("scheduler", help="run only the scheduler (dispatch tick, time zone refresh)")
    sched.set_defaults(handler=_operation("scheduler"))

    jobs = sub.add_parser("jobs", help="scheduled messages")
    jobs_sub = jobs.add_subparsers(metavar="{run-due,due}", required=True)
    run_due = jobs_sub.add_parser("run-due", help="run one dispatch tick (queue what is due, send it)")
    run_due.add_argument(
        "--now", type=cli_args.instant, help="as of this instant, ISO 8601 (e.g. 2026-11-27T15:00:00Z)",
    )
    run_due.set_defaults(handler=_operation("jobs_run_due"))
    due = jobs_sub.add_parser("due", help="list what a tick would send now, without sending")
    due.add_argument("--now", type=cli_args.instant, help="as of this instant, ISO 8601")
    due.set_defaults(handler=_operation("jobs_due"))

    ledger = sub.add_parser("deliveries", help="the delivery ledger: what was sent, skipped or failed")
    ledger.add_argument("--failed", action="store_true", help="only failed deliveries")
    ledger.add_argument("--status", choices=["pending", "sending", "sent", "failed", "skipped"])
    ledger.add_argument("--since", type=cli_args.instant, help="created at or after this instant, ISO 8601")
    ledger.add_argument("--limit", type=cli_args.positive_int, default=50, help="at most this many rows (default 50)")
    ledger.set_defaults(handler=_operation("deliveries"))

    db = sub.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(metavar="{upgrade,status}", required=True)
    upgrade = db_sub.add_parser("upgrade", help="apply pending migrations")
    upgrade.set_defaults(handler=_cmd_db_upgrade)
    status = db_sub.add_parser("status", help="show the schema revision")
    status.set_defaults(handler=_cmd_db_status)

    manifest = sub.add_parser("manifest", help="print the Slack app manifest")
    manifest.add_argument("--url", type=cli_args.public_url, help="public base URL for HTTP mode, e.g. https://coach.example.com")
    manifest.set_defaults(handler=_cmd_manifest)

    admin = sub.add_parser("admin", help="workspace admins")
    admin_sub = admin.add_subparsers(metavar="{grant}", required=True)
    grant = admin_sub.add_parser("grant", help="make a Slack user a Coachflow admin")
    grant.add_argument("--team", required=True, type=cli_args.team_id, help="Slack workspace id (T...)")
    grant.add_argument("--user", required=True, type=cli_args.user_id, help="Slack user id (U... or W...)")
    grant.set_defaults(handler=_cmd_admin_grant)

    catalog = sub.add_parser("catalog", help="the skill catalog")
    catalog_sub = catalog.add_subparsers(metavar="{check,lessons}", required=True)
    check = catalog_sub.add_parser("check", help="validate a catalog file (JSON) and summarise it")
    check.add_argument("path", help="the catalog file, e.g. catalog.json")
    check.set_defaults(handler=_cmd_catalog_check)
    lessons = catalog_sub.add_parser(
        "lessons", help="a workspace's own micro-lesson texts: store a file of them (JSON or YAML), or --clear them",
    )
    lessons.add_argument("path", nargs="?", metavar="FILE",
                         help="keyed by lesson id, each with any of title, summary, example, exercise")
    lessons.add_argument("--team", required=True, type=cli_args.team_id, help="Slack workspace id (T...)")
    lessons.add_argument("--clear", action="store_true", help="remove the workspace's lesson texts")
    lessons.set_defaults(handler=_cmd_catalog_lessons)

    pipeline = sub.add_parser("pipeline", help="CRM opportunities: import a CSV export, audit pipeline velocity")
    pipeline_sub = pipeline.add_subparsers(metavar="{import,audit}", required=True)
    pl_import = pipeline_sub.add_parser(
        "import", help="import opportunities from a Salesforce, HubSpot or Coachflow CSV",
    )
    pl_import.add_argument("file", help="the CSV export")
    pl_import.add_argument("--team", required=True, type=cli_args.team_id, help="Slack workspace id (T...)")
    pl_import.set_defaults(handler=_cmd_pipeline_import)
    pl_audit = pipeline_sub.add_parser("audit", help="per rep: days per stage, conversion, deal sizes, losses vs team")
    pl_audit.add_argument("--team", required=True, type=cli_args.team_id, help="Slack workspace id (T...)")
    pl_audit.add_argument("--rep", type=cli_args.user_id, help="only this rep (Slack user id U...), with details")
    pl_audit.set_defaults(handler=_cmd_pipeline_audit)

    scorecards = sub.add_parser("scorecards", help="leading indicators week by week")
    scorecards_sub = scorecards.add_subparsers(metavar="{export}", required=True)
    sc_export = scorecards_sub.add_parser(
        "export", help="the weekly indicator table per rep, skill, indicator and ISO week (CSV or JSON)",
    )
    sc_export.add_argument("--team", required=True, type=cli_args.team_id, help="Slack workspace id (T...)")
    sc_export.add_argument("--since", type=cli_args.calendar_date, metavar="YYYY-MM-DD",
                           help="from the week holding this date (default: the start of each rep's cycle)")
    sc_export.add_argument("--until", type=cli_args.calendar_date, metavar="YYYY-MM-DD",
                           help="to the week holding this date (default: each rep's own today)")
    sc_export.add_argument("--rep", type=cli_args.user_id, help="only this rep (Slack user id U...)")
    sc_export.add_argument("--format", choices=["csv", "json"], default="csv", help="csv (default) or json")
    sc_export.add_argument("--output", metavar="FILE", help="write to this file (default: stdout)")
    sc_export.set_defaults(handler=_cmd_scorecards_export)

    results = sub.add_parser("results", help="the cycle's results per rep and team totals (issue 13)")
    results.add_argument("--team", required=True, type=cli_args.team_id, help="Slack workspace id (T...)")
    results.add_argument("--manager", type=cli_args.user_id, help="only the cycles this manager ran (U...)")
    results.add_argument("--since", type=cli_args.calendar_date, metavar="YYYY-MM-DD",
                         help="cycles ended on or after this date, or still running (default: 12 weeks ago)")
    results.add_argument("--format", choices=["text", "csv"], default="text", help="text (default) or csv")
    results.set_defaults(handler=_cmd_results)

    workspaces_cli.register(sub)  # issue 14: `workspaces list|purge`

    demo = sub.add_parser("demo", help="run the offline demo against a fake Slack")
    demo.add_argument("--database", help="SQLite file for the demo (default: a fresh temporary one)")
    demo.set_defaults(handler=_cmd_demo)

    doctor = sub.add_parser("doctor", help="check this deployment end to end and say what to fix (issue 14)")
    doctor.add_argument("--http", action="store_true",
                        help="check for HTTP mode (default: Socket Mode, as `coachflow run` without --http)")
    doctor.set_defaults(handler=_cmd_doctor)
    return parser


def _operation(name: str) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        from bot import operations

        return int(getattr(operations, name)(_settings(), args))

    return handler


def _settings() -> Settings:
    settings = load_settings()
    settings.configure_logging()
    return settings


def _cmd_run(args: argparse.Namespace) -> int:
    from bot.app import build_runtime
    from bot.database import database_health_check, prepare_database
    from bot.operations import configured_catalog
    from bot.slack_check import verify_bot_token

    settings = _settings()
    settings.require_slack(http=args.http)
    configured_catalog(settings)
    # Bolt would check the token too, with a traceback; this says it in one line.
    identity = verify_bot_token(settings.require_bot_token("connects to Slack"), settings.slack_api_url)
    prepare_database(settings.database_url)
    runtime = build_runtime(settings)
    _reinstalled(runtime.services, identity)  # issue 14: a new token for a workspace marked uninstalled
    clock = None
    if not args.no_scheduler:
        from bot.scheduler import CoachflowScheduler

        clock = CoachflowScheduler(runtime.services, runtime.client, runtime.dispatcher_lock())
        clock.record_ticks_in(runtime.engine)  # `coachflow doctor` reads the last tick's time
        clock.start()
    try:
        if args.http:
            from bot.http import CoachflowWsgi, HttpServer

            wsgi = CoachflowWsgi(
                runtime.app, database_health_check(settings.database_url),
                signing_secret=settings.slack_signing_secret or "", max_request_bytes=settings.max_request_bytes,
            )
            HttpServer(wsgi, host=args.host, port=args.port).serve_forever()
        else:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            SocketModeHandler(runtime.app, settings.slack_app_token).start()
    finally:
        if clock is not None:
            clock.shutdown()
    return 0


def _reinstalled(services: Services, identity: dict[str, object]) -> None:
    """Started with a token Slack accepts: a workspace marked uninstalled is installed again."""
    team, enterprise = identity.get("team_id"), identity.get("enterprise_id")
    if isinstance(team, str) and team and services.lifecycle.running_with(
            team, enterprise if isinstance(enterprise, str) and enterprise else None, services.clock()):
        log.info("workspace %s was marked uninstalled; its bot token works again, so it is installed again", team)


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    from bot.database import upgrade_database

    settings = _settings()
    before, after = upgrade_database(settings.database_url)
    print(f"database at revision {after}" + ("" if before == after else f" (was {before or 'empty'})"))
    return 0


def _cmd_db_status(args: argparse.Namespace) -> int:
    from bot.database import database_status, missing_sqlite_file
    from storage.migrate import is_known_revision

    url = _settings().database_url
    current, head = database_status(url)  # reads only: a missing SQLite file stays missing
    if current is not None and not is_known_revision(current):
        print(f"revision {current} is newer than this version of Coachflow (which knows up to {head})")
        return 1
    state = "up to date" if current == head else "needs `coachflow db upgrade`"
    missing = missing_sqlite_file(url)
    if missing is not None:
        state += f" (there is no database file at {missing} yet; that command creates it)"
    print(f"revision {current or 'none'} of {head}: {state}")
    return 0 if current == head else 1


def _cmd_manifest(args: argparse.Namespace) -> int:
    from bot.manifest import manifest_text

    print(manifest_text(MANIFEST, args.url), end="")
    return 0


def _cmd_admin_grant(args: argparse.Namespace) -> int:
    from bot.admin import grant_admin

    member = grant_admin(_settings(), team_id=args.team, user_id=args.user)
    who = member.user_id if member.name in ("", member.user_id) else f"{member.name} ({member.user_id})"
    print(f"{who} is now a Coachflow admin of {args.team}.")
    return 0


def _cmd_catalog_check(args: argparse.Namespace) -> int:
    from bot.catalog_cli import catalog_check

    # Needs no settings: an admin can check a file without Slack tokens.
    return catalog_check(args.path)


def _cmd_catalog_lessons(args: argparse.Namespace) -> int:
    from bot.catalog_cli import catalog_lessons

    return catalog_lessons(_settings(), args.path, args.team, clear=args.clear)


def _cmd_pipeline_import(args: argparse.Namespace) -> int:
    from bot.pipeline_cli import pipeline_import

    return pipeline_import(_settings(), args.file, args.team)


def _cmd_pipeline_audit(args: argparse.Namespace) -> int:
    from bot.pipeline_cli import pipeline_audit

    return pipeline_audit(_settings(), args.team, args.rep)


def _cmd_scorecards_export(args: argparse.Namespace) -> int:
    from bot.scorecards_cli import scorecards_export

    return scorecards_export(_settings(), args.team, since=args.since, until=args.until, rep=args.rep,
                             fmt=args.format, output=args.output)


def _cmd_results(args: argparse.Namespace) -> int:
    from bot.results_cli import results_report

    return results_report(_settings(), args.team, manager=args.manager, since=args.since, fmt=args.format)


def _cmd_demo(args: argparse.Namespace) -> int:
    from bot.demo import run_demo

    return run_demo(database=args.database)


def _cmd_doctor(args: argparse.Namespace) -> int:
    from bot.doctor_cli import doctor

    # Reads settings itself: a bad setting is one of its findings, not the end of the check.
    return doctor(http=args.http)


if __name__ == "__main__":
    sys.exit(main())
