"""`coachflow pipeline import FILE --team T` and `coachflow pipeline audit --team T [--rep U]`.

Both print for an operator (tables, thousands separators) and return the
exit status: problems the operator can fix are printed as
"coachflow: ..." on stderr with status 1, like every other command.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

from bot.config import Settings
from bot.database import open_for_reading, prepare_database
from bot.operations import table
from bot.plain_text import plain
from domain.errors import CoachflowError
from domain.model import WorkspaceRef
from domain.pipeline import summary
from domain.pipeline.model import STAGES, ImportReport, RepAudit
from domain.services.pipeline import UNKNOWN_OWNER, PipelineService
from storage.uow import make_engine, make_uow_factory

PROBLEMS_SHOWN = 50


def pipeline_import(settings: Settings, path: str | Path, team: str) -> int:
    """Import one CSV export: 0 when anything was imported, 1 when the file was unusable."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as error:
        return _fail(f"cannot read {file}: {error.strerror or error}")
    # An import needs the workspace already there: a missing SQLite file is an error, not created.
    prepare_database(settings.database_url, create=False)
    with _service(make_engine(settings.database_url)) as service:
        try:
            report = service.import_file(WorkspaceRef(team_id=team), raw, file.name)
        except CoachflowError as error:
            return _fail(str(error))
    for line in import_summary(report):
        print(line)
    return 0 if report.imported else 1


def import_summary(report: ImportReport) -> list[str]:
    head = summary.headline(report)
    lines: list[str] = []
    if not report.problems:
        lines.append(head + ".")
    else:
        lines.append(f"{head}; {summary.skipped(report)}:")
        shown = report.problems[:PROBLEMS_SHOWN]
        lines.append(table(["line", "reason"], [[p.line, p.reason] for p in shown]))
        if len(report.problems) > len(shown):
            lines.append(f"... and {len(report.problems) - len(shown):,} more")
    ignored = summary.ignored_columns(report)
    if ignored:
        lines.append(ignored)
    unknown = sum(1 for p in report.problems if p.reason.startswith(UNKNOWN_OWNER))
    if unknown:
        lines.append(owners_hint(unknown, everyone=unknown == report.skipped and not report.imported))
    return lines


def owners_hint(unknown: int, *, everyone: bool) -> str:
    """Why owners are unknown and what to do: deals belong to people already on a Coachflow team."""
    what = (
        "No row was imported because no owner in the file is"
        if everyone
        else f"{summary.count(unknown, 'row')} skipped because the owner is not"
    )
    return (
        f"{what} on a Coachflow team in this workspace yet. Owners must be on a team first: a manager adds "
        "each rep in Slack with `/coach team add @rep` (Coachflow then knows their Slack id and email), "
        "then import the file again."
    )


def pipeline_audit(settings: Settings, team: str, rep: str | None) -> int:
    """Print the audit of every rep with deals in the workspace, or of one rep (reads only)."""
    with _service(open_for_reading(settings.database_url)) as service:
        try:
            audits = service.audit(WorkspaceRef(team_id=team), [rep] if rep else None)
        except CoachflowError as error:
            return _fail(str(error))
    if not audits:
        print(f"No opportunities in {team} yet: import a CRM export with `coachflow pipeline import`.")
        return 0
    deals = sum(a.deals for a in audits)
    print(f"Pipeline audit of {team}: {summary.count(len(audits), 'rep')}, {summary.count(deals, 'deal')}.")
    print(summary.AUDIT_LEGEND)
    print(table(_SUMMARY_HEADERS, [_summary_row(a) for a in audits]))
    if len(audits) == 1:
        for line in audit_details(audits[0]):
            print(line)
    return 0


_SUMMARY_HEADERS = ["rep", "deals", "won", "lost", "open", "win rate",
                    *(s.value for s in STAGES), "median deal", "loses most vs team"]


def _summary_row(audit: RepAudit) -> list[object]:
    sizes = audit.deal_sizes
    return [
        f"{audit.rep_name} ({audit.rep_id})" if audit.rep_name != audit.rep_id else audit.rep_id,
        f"{audit.deals:,}", audit.won, audit.lost, audit.open, summary.percent(audit.win_rate),
        *(summary.stage_cell(s) for s in audit.stages),
        summary.money(sizes.median) if sizes else "-",
        summary.weakest(audit),
    ]


def audit_details(audit: RepAudit) -> list[str]:
    """One rep in full: every stage beside the team's, sizes and loss reasons."""
    rows = [
        [s.stage.value, s.reached, s.advanced, s.lost, s.open, summary.percent(s.conversion),
         summary.percent(t.conversion), summary.days(s.average_days), summary.days(t.average_days)]
        for s, t in zip(audit.stages, audit.team_stages, strict=True)
    ]
    lines = [
        "",
        f"{audit.rep_name or audit.rep_id}, compared with their {audit.compared_with}:",
        table(["stage", "reached", "advanced", "lost", "open", "conversion", "team", "avg days",
               "team avg days"], rows),
    ]
    sizes = audit.deal_sizes
    if sizes is not None:
        lines.append(f"Deal size: {summary.deal_sizes(sizes)}")
    lines.append("Loss reasons: " + summary.loss_reasons(audit))
    lines.append("Loses most compared with the team: " + summary.weakest(audit, long=True))
    return lines


def _fail(message: str) -> int:
    print(f"coachflow: {plain(message)}", file=sys.stderr)
    return 1


@contextmanager
def _service(engine: Engine) -> Iterator[PipelineService]:
    try:
        yield PipelineService(make_uow_factory(engine))
    finally:
        engine.dispose()

