"""What an import did, in the words both the CLI and the reply in Slack use."""

from __future__ import annotations

from domain.pipeline.model import ImportReport


def headline(report: ImportReport) -> str:
    """`Imported 3 opportunities from deals.csv: 2 new, 1 updated, 0 unchanged`."""
    return (
        f"Imported {report.imported:,} opportunit{'y' if report.imported == 1 else 'ies'} "
        f"from {report.source_name}: {report.inserted:,} new, {report.updated:,} updated, "
        f"{report.unchanged:,} unchanged"
    )


def skipped(report: ImportReport) -> str:
    """`4 rows skipped`: bad rows, counted once each however many problems they had."""
    count = report.skipped
    return f"{count:,} row{'' if count == 1 else 's'} skipped"


def ignored_columns(report: ImportReport) -> str | None:
    """The stage-date columns whose dates were lost, or None."""
    if not report.unknown_stage_columns:
        return None
    return "Stage-date columns ignored (their stage is not in the mapping): " + ", ".join(report.unknown_stage_columns)
