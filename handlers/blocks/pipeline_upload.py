"""The DM answering a file shared in Coachflow's DM: the import report, or why nothing was imported.

The report says what `coachflow pipeline import` prints (`domain.pipeline.summary`):
the counts, then the skipped rows by line, capped so that a file with
thousands of bad rows still fits one message.
"""

from __future__ import annotations

from typing import Any

from domain.pipeline import summary
from domain.pipeline.model import RowProblem
from domain.pipeline.upload import (
    Imported,
    NotCsv,
    NotSaved,
    Refused,
    TooLarge,
    Unavailable,
    UploadOutcome,
    Unusable,
)
from handlers.blocks import limits
from handlers.blocks.kit import Block, context, message, section

PROBLEMS_SHOWN = 50  # as many as the CLI lists
PROBLEM_TEXT = 300  # one row's reason; a row can be wrong in many ways at once

ACCEPTS = (
    "Coachflow's DM takes one kind of file: a CRM opportunity export (Salesforce, HubSpot or "
    "Coachflow's own columns) saved as *CSV*, shared here by a Coachflow admin or manager."
)


def escape(text: str) -> str:
    """Slack's three control characters in mrkdwn: file names and cells are the person's text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def upload_reply(outcome: UploadOutcome, team_id: str) -> dict[str, Any]:
    if isinstance(outcome, Imported):
        return _imported(outcome, team_id)
    name = f"*{escape(outcome.file_name)}*"
    if isinstance(outcome, NotCsv):
        kind = f" ({escape(outcome.filetype)})" if outcome.filetype else ""
        return _short(f"{name}{kind} is not a CSV file, so nothing was imported.", ACCEPTS)
    if isinstance(outcome, TooLarge):
        return _short(
            f"{name} is {_megabytes(outcome.size)}: Coachflow imports files up to {_megabytes(outcome.limit)}, "
            "so nothing was imported.",
            "Export fewer columns or a shorter period, or ask whoever runs Coachflow to import it "
            "with `coachflow pipeline import`.",
        )
    if isinstance(outcome, Refused):
        return _short(f"Nothing was imported from {name}. {outcome.reason}")
    if isinstance(outcome, Unusable):
        # Parsing prefixes the file's name; it is in the first sentence already.
        reason = outcome.reason.removeprefix(f"{outcome.file_name}: ")
        return _short(f"Nothing was imported from {name}: {escape(reason)}", ACCEPTS)
    if isinstance(outcome, Unavailable):
        return _short(f"Coachflow could not fetch {name} from Slack: {outcome.reason}")
    if isinstance(outcome, NotSaved):
        minutes = max(1, round(outcome.retry_in.total_seconds() / 60))
        when = "in a minute" if not outcome.retry_in else f"in {minutes} minutes"
        return _short(
            f"Coachflow could not save {name}: its database did not answer, so nothing was imported. "
            f"Share the file here again {when} to try again.",
            "If it fails again, tell whoever runs Coachflow (the reason is in its log).",
        )
    raise TypeError(f"no reply for {type(outcome).__name__}")


def _imported(outcome: Imported, team_id: str) -> dict[str, Any]:
    report = outcome.report
    head = summary.headline(report)
    tail = "." if not report.problems else f"; {summary.skipped(report)}:"
    blocks: list[Block] = [section(f"*{escape(head)}*{tail}")]
    if not outcome.scope.everyone:
        blocks.append(context("As a manager you import your own team's deals: yours and your reps'. "
                              "Rows owned by anyone else are listed here and were left alone."))
    blocks += _problems(report.problems)
    ignored = summary.ignored_columns(report)
    if ignored:
        blocks.append(context(escape(ignored)))
    if report.imported:
        blocks.append(context(
            f"Next: the pipeline velocity audit per rep, `coachflow pipeline audit --team {team_id}` "
            "(add `--rep U…` for one rep in detail). Sharing the same file again changes nothing."
        ))
    return message(head, blocks)


def _problems(problems: list[RowProblem]) -> list[Block]:
    """The bad rows by line, packed into as few sections as the text limit allows."""
    shown = problems[:PROBLEMS_SHOWN]
    lines = [f"`line {p.line}` " + limits.clip(escape(p.reason), PROBLEM_TEXT) for p in shown]
    blocks: list[Block] = []
    chunk: list[str] = []
    for line in lines:
        if chunk and len("\n".join([*chunk, line])) > limits.SECTION_TEXT:
            blocks.append(section("\n".join(chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(section("\n".join(chunk)))
    more = len({p.line for p in problems}) - len({p.line for p in shown})
    if more:
        blocks.append(context(f"…and {more:,} more row{'' if more == 1 else 's'}. "
                              "Fix these first, then share the file again."))
    return blocks


def _short(text: str, note: str | None = None) -> dict[str, Any]:
    blocks: list[Block] = [section(text)]
    if note:
        blocks.append(context(note))
    return message(text, blocks)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
