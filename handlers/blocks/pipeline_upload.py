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
    Unusable,
    UploadOutcome,
)
from handlers.blocks import limits
from handlers.blocks.kit import (
    Block,
    Mrkdwn,
    context,
    domain_text,
    escape,
    joined,
    md,
    message,
    section,
)

PROBLEMS_SHOWN = 50  # as many as the CLI lists
PROBLEM_TEXT = 300  # one row's reason; a row can be wrong in many ways at once

ACCEPTS = (
    "Coachflow's DM takes one kind of file: a CRM opportunity export (Salesforce, HubSpot or "
    "Coachflow's own columns) saved as *CSV*, shared here by a Coachflow admin or manager."
)


def upload_reply(outcome: UploadOutcome) -> dict[str, Any]:
    if isinstance(outcome, Imported):
        return _imported(outcome)
    # File names, cells and CSV reasons are the sharer's text: escaped by `md` like any value.
    name = md("*{name}*", name=outcome.file_name)
    if isinstance(outcome, NotCsv):
        kind = md(" ({kind})", kind=outcome.filetype) if outcome.filetype else ""
        return _short(md("{name}{kind} is not a CSV file, so nothing was imported.", name=name, kind=kind), ACCEPTS)
    if isinstance(outcome, TooLarge):
        return _short(
            md("{name} is {size}: Coachflow imports files up to {limit}, so nothing was imported.",
               name=name, size=_megabytes(outcome.size), limit=_megabytes(outcome.limit)),
            "Export fewer columns or a shorter period, or ask whoever runs Coachflow to import it "
            "with `coachflow pipeline import`.",
        )
    if isinstance(outcome, Refused):
        # The domain's refusal names the importer's manager (`<@U…>`).
        return _short(md("Nothing was imported from {name}. {reason}", name=name, reason=domain_text(outcome.reason)))
    if isinstance(outcome, Unusable):
        # Parsing prefixes the file's name; it is in the first sentence already.
        reason = outcome.reason.removeprefix(f"{outcome.file_name}: ")
        return _short(md("Nothing was imported from {name}: {reason}", name=name, reason=reason), ACCEPTS)
    if isinstance(outcome, Unavailable):
        return _short(md("Coachflow could not fetch {name} from Slack: {reason}", name=name, reason=outcome.reason))
    if isinstance(outcome, NotSaved):
        minutes = max(1, round(outcome.retry_in.total_seconds() / 60))
        when = "in a minute" if minutes == 1 else f"in {minutes} minutes"
        return _short(
            md("Coachflow could not save {name}: its database did not answer, so nothing was imported. "
               "Share the file here again {when} to try again.", name=name, when=when),
            "If it fails again, tell whoever runs Coachflow (the reason is in its log).",
        )
    raise TypeError(f"no reply for {type(outcome).__name__}")


def _imported(outcome: Imported) -> dict[str, Any]:
    report = outcome.report
    head = summary.headline(report)
    tail = "." if not report.problems else f"; {summary.skipped(report)}:"
    blocks: list[Block] = [section(md("*{head}*{tail}", head=head, tail=tail))]
    if not outcome.scope.everyone:
        blocks.append(context("As a manager you import your own team's deals: yours and your reps'. "
                              "Rows owned by anyone else are listed here and were left alone."))
    blocks += _problems(report.problems)
    ignored = summary.ignored_columns(report)
    if ignored:
        blocks.append(context(ignored))
    if report.imported:
        blocks.append(context(
            # In Slack, not a terminal: the person who shared the file reads the audit where they are.
            "Next: `/coach pipeline` shows the velocity audit per rep (`/coach pipeline @rep` for one rep "
            "in detail). Sharing the same file again changes nothing."
        ))
    return message(head, blocks)


def _problems(problems: list[RowProblem]) -> list[Block]:
    """The bad rows by line, packed into as few sections as the text limit allows."""
    shown = problems[:PROBLEMS_SHOWN]
    # Escaped before clipping and packing, so the lengths are what Slack counts and no `&lt;` is cut.
    lines = [md("`line {line}` {reason}", line=p.line, reason=limits.clip(escape(p.reason), PROBLEM_TEXT))
             for p in shown]
    blocks: list[Block] = []
    chunk: list[Mrkdwn] = []
    for line in lines:
        if chunk and len(joined("\n", [*chunk, line])) > limits.SECTION_TEXT:
            blocks.append(section(joined("\n", chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(section(joined("\n", chunk)))
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
